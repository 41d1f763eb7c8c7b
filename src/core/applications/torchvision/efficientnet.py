# efficientnet.py: EfficientNet-B0 (Tan & Le, "EfficientNet: Rethinking Model
# Scaling for Convolutional Neural Networks", ICML 2019) and EfficientNetV2-S
# (Tan & Le, "EfficientNetV2: Smaller Models and Faster Training", ICML 2021)
# as torchvision 0.14's efficientnet_b0() and efficientnet_v2_s() build them.
# ConvLab's own PyTorch code, written with torchvision/models/efficientnet.py
# and ops/misc.py, ops/stochastic_depth.py as the specification.
import torch
import torch.nn as nn


def make_divisible(v, divisor=8):
    # Round a channel count to the nearest multiple of 8, never more than 10% down.
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def conv_bn_silu(in_channels, out_channels, kernel_size, stride=1, groups=1, eps=1e-5, activation=True):
    # torchvision's Conv2dNormActivation: convolution without bias, BatchNorm, SiLU (x * sigmoid(x)) if wanted.
    padding = (kernel_size - 1) // 2
    layers = [
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, groups=groups, bias=False),
        nn.BatchNorm2d(out_channels, eps=eps),
    ]
    if activation:
        layers.append(nn.SiLU(inplace=True))
    return nn.Sequential(*layers)


class SqueezeExcitation(nn.Module):
    # Hu et al., "Squeeze-and-Excitation Networks": each channel averaged to one
    # number, a bottleneck of 1x1 convolutions, a sigmoid, and the input's
    # channels scaled by the result ((N, C, 1, 1), broadcast over H and W).
    def __init__(self, input_channels, squeeze_channels):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(input_channels, squeeze_channels, 1)
        self.fc2 = nn.Conv2d(squeeze_channels, input_channels, 1)
        self.activation = nn.SiLU(inplace=True)
        self.scale_activation = nn.Sigmoid()

    def forward(self, x):
        scale = self.activation(self.fc1(self.avgpool(x)))
        scale = self.scale_activation(self.fc2(scale))
        return scale * x


class StochasticDepth(nn.Module):
    # Huang et al., "Deep Networks with Stochastic Depth" (ECCV 2016): while
    # training, each example skips the residual branch with probability p (the
    # kept ones scaled by 1 / (1 - p)); in evaluation the branch always runs.
    def __init__(self, p, mode):
        super().__init__()
        self.p = p
        self.mode = mode

    def forward(self, x):
        if not self.training or self.p == 0.0:
            return x
        survival = 1.0 - self.p
        noise = torch.empty([x.shape[0], 1, 1, 1]).bernoulli_(survival)
        return x * noise / survival


class MBConv(nn.Module):
    # MobileNetV2's inverted residual with SiLU and a squeeze-excitation
    # before the projection; the residual branch may be dropped in training.
    def __init__(self, expand_ratio, kernel, stride, in_ch, out_ch, sd_prob, eps):
        super().__init__()
        self.use_res_connect = stride == 1 and in_ch == out_ch
        expanded = make_divisible(in_ch * expand_ratio)
        layers = []
        if expanded != in_ch:
            layers.append(conv_bn_silu(in_ch, expanded, 1, eps=eps))
        layers.append(conv_bn_silu(expanded, expanded, kernel, stride, groups=expanded, eps=eps))
        layers.append(SqueezeExcitation(expanded, max(1, in_ch // 4)))
        layers.append(conv_bn_silu(expanded, out_ch, 1, eps=eps, activation=False))
        self.block = nn.Sequential(*layers)
        self.stochastic_depth = StochasticDepth(sd_prob, "row")

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result = self.stochastic_depth(result)
            result += x
        return result


class FusedMBConv(nn.Module):
    # EfficientNetV2's early blocks: the expansion and the depthwise filter
    # fused into one full 3x3 convolution (faster on accelerators at high resolution).
    def __init__(self, expand_ratio, kernel, stride, in_ch, out_ch, sd_prob, eps):
        super().__init__()
        self.use_res_connect = stride == 1 and in_ch == out_ch
        expanded = make_divisible(in_ch * expand_ratio)
        layers = []
        if expanded != in_ch:
            layers.append(conv_bn_silu(in_ch, expanded, kernel, stride, eps=eps))
            layers.append(conv_bn_silu(expanded, out_ch, 1, eps=eps, activation=False))
        else:
            layers.append(conv_bn_silu(in_ch, out_ch, kernel, stride, eps=eps))
        self.block = nn.Sequential(*layers)
        self.stochastic_depth = StochasticDepth(sd_prob, "row")

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result = self.stochastic_depth(result)
            result += x
        return result


class EfficientNet(nn.Module):
    # settings: one row per stage, (block, expand_ratio, kernel, stride, input
    # channels, output channels, layers). The drop probability of the residual
    # branches grows linearly from 0 to stochastic_depth_prob over the blocks.
    def __init__(self, settings, dropout, last_channel=None, eps=1e-5, stochastic_depth_prob=0.2, num_classes=1000):
        super().__init__()
        layers = [conv_bn_silu(3, settings[0][4], 3, 2, eps=eps)]
        total_blocks = sum([row[6] for row in settings])
        block_id = 0
        for block, expand_ratio, kernel, stride, in_ch, out_ch, num_layers in settings:
            stage = []
            for i in range(num_layers):
                sd_prob = stochastic_depth_prob * float(block_id) / total_blocks
                if i == 0:
                    stage.append(block(expand_ratio, kernel, stride, in_ch, out_ch, sd_prob, eps))
                else:
                    stage.append(block(expand_ratio, kernel, 1, out_ch, out_ch, sd_prob, eps))
                block_id += 1
            layers.append(nn.Sequential(*stage))
        lastconv_input = settings[-1][5]
        lastconv_output = last_channel if last_channel is not None else 4 * lastconv_input
        layers.append(conv_bn_silu(lastconv_input, lastconv_output, 1, eps=eps))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout, inplace=True),
            nn.Linear(lastconv_output, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def efficientnet_b0():
    settings = [
        (MBConv, 1, 3, 1, 32, 16, 1),
        (MBConv, 6, 3, 2, 16, 24, 2),
        (MBConv, 6, 5, 2, 24, 40, 2),
        (MBConv, 6, 3, 2, 40, 80, 3),
        (MBConv, 6, 5, 1, 80, 112, 3),
        (MBConv, 6, 5, 2, 112, 192, 4),
        (MBConv, 6, 3, 1, 192, 320, 1),
    ]
    return EfficientNet(settings, dropout=0.2)


def efficientnet_v2_s():
    settings = [
        (FusedMBConv, 1, 3, 1, 24, 24, 2),
        (FusedMBConv, 4, 3, 2, 24, 48, 4),
        (FusedMBConv, 4, 3, 2, 48, 64, 4),
        (MBConv, 4, 3, 2, 64, 128, 6),
        (MBConv, 6, 3, 1, 128, 160, 9),
        (MBConv, 6, 3, 2, 160, 256, 15),
    ]
    return EfficientNet(settings, dropout=0.2, last_channel=1280, eps=1e-3)
