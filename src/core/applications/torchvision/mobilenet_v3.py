# mobilenet_v3.py: MobileNetV3-Large and -Small (Howard et al., "Searching for
# MobileNetV3", ICCV 2019) as torchvision 0.14's mobilenet_v3_large() and
# mobilenet_v3_small() build them at width 1.0. ConvLab's own PyTorch code,
# written with torchvision/models/mobilenetv3.py and ops/misc.py as the
# specification of names and shapes.
import torch
import torch.nn as nn


def make_divisible(v, divisor=8):
    # Round a channel count to the nearest multiple of 8, never more than 10% down.
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def conv_bn_act(in_channels, out_channels, kernel_size=3, stride=1, groups=1, activation=None):
    # torchvision's Conv2dNormActivation: convolution without bias, BatchNorm, then the activation if any.
    padding = (kernel_size - 1) // 2
    layers = [
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, groups=groups, bias=False),
        nn.BatchNorm2d(out_channels, eps=0.001, momentum=0.01),
    ]
    if activation is not None:
        layers.append(activation(inplace=True))
    return nn.Sequential(*layers)


class SqueezeExcitation(nn.Module):
    # Hu et al., "Squeeze-and-Excitation Networks" (CVPR 2018): average each
    # channel to one number, pass those through a small bottleneck, and scale
    # each channel of the input by the result (a (N, C, 1, 1) tensor broadcast
    # over height and width).
    def __init__(self, input_channels, squeeze_channels):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(input_channels, squeeze_channels, 1)
        self.fc2 = nn.Conv2d(squeeze_channels, input_channels, 1)
        self.activation = nn.ReLU()
        self.scale_activation = nn.Hardsigmoid()

    def forward(self, x):
        scale = self.avgpool(x)
        scale = self.activation(self.fc1(scale))
        scale = self.scale_activation(self.fc2(scale))
        return scale * x


class InvertedResidual(nn.Module):
    # MobileNetV2's block, with a 3x3 or 5x5 depthwise filter, an optional
    # squeeze-excitation, and ReLU or hard-swish ("RE" / "HS").
    def __init__(self, in_ch, kernel, expanded, out_ch, use_se, act, stride):
        super().__init__()
        self.use_res_connect = stride == 1 and in_ch == out_ch
        activation = nn.Hardswish if act == "HS" else nn.ReLU
        layers = []
        if expanded != in_ch:
            layers.append(conv_bn_act(in_ch, expanded, kernel_size=1, activation=activation))
        layers.append(conv_bn_act(expanded, expanded, kernel_size=kernel, stride=stride, groups=expanded,
                                  activation=activation))
        if use_se:
            layers.append(SqueezeExcitation(expanded, make_divisible(expanded // 4)))
        layers.append(conv_bn_act(expanded, out_ch, kernel_size=1))
        self.block = nn.Sequential(*layers)

    def forward(self, x):
        result = self.block(x)
        if self.use_res_connect:
            result += x
        return result


class MobileNetV3(nn.Module):
    def __init__(self, settings, last_channel, num_classes=1000, dropout=0.2):
        super().__init__()
        first_channels = settings[0][0]
        layers = [conv_bn_act(3, first_channels, kernel_size=3, stride=2, activation=nn.Hardswish)]
        for in_ch, kernel, expanded, out_ch, use_se, act, stride in settings:
            layers.append(InvertedResidual(in_ch, kernel, expanded, out_ch, use_se, act, stride))
        lastconv_input = settings[-1][3]
        lastconv_output = 6 * lastconv_input
        layers.append(conv_bn_act(lastconv_input, lastconv_output, kernel_size=1, activation=nn.Hardswish))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(
            nn.Linear(lastconv_output, last_channel),
            nn.Hardswish(inplace=True),
            nn.Dropout(p=dropout, inplace=True),
            nn.Linear(last_channel, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


# Each row: input channels, kernel, expanded channels, output channels, squeeze-excitation, activation, stride.
LARGE = [
    (16, 3, 16, 16, False, "RE", 1),
    (16, 3, 64, 24, False, "RE", 2),
    (24, 3, 72, 24, False, "RE", 1),
    (24, 5, 72, 40, True, "RE", 2),
    (40, 5, 120, 40, True, "RE", 1),
    (40, 5, 120, 40, True, "RE", 1),
    (40, 3, 240, 80, False, "HS", 2),
    (80, 3, 200, 80, False, "HS", 1),
    (80, 3, 184, 80, False, "HS", 1),
    (80, 3, 184, 80, False, "HS", 1),
    (80, 3, 480, 112, True, "HS", 1),
    (112, 3, 672, 112, True, "HS", 1),
    (112, 5, 672, 160, True, "HS", 2),
    (160, 5, 960, 160, True, "HS", 1),
    (160, 5, 960, 160, True, "HS", 1),
]
SMALL = [
    (16, 3, 16, 16, True, "RE", 2),
    (16, 3, 72, 24, False, "RE", 2),
    (24, 3, 88, 24, False, "RE", 1),
    (24, 5, 96, 40, True, "HS", 2),
    (40, 5, 240, 40, True, "HS", 1),
    (40, 5, 240, 40, True, "HS", 1),
    (40, 5, 120, 48, True, "HS", 1),
    (48, 5, 144, 48, True, "HS", 1),
    (48, 5, 288, 96, True, "HS", 2),
    (96, 5, 576, 96, True, "HS", 1),
    (96, 5, 576, 96, True, "HS", 1),
]


def mobilenet_v3_large():
    return MobileNetV3(LARGE, 1280)


def mobilenet_v3_small():
    return MobileNetV3(SMALL, 1024)
