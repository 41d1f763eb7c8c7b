# regnet.py: RegNetY-400MF (Radosavovic et al., "Designing Network Design
# Spaces", CVPR 2020) as torchvision 0.14's regnet_y_400mf() builds it.
# ConvLab's own PyTorch code, written with torchvision/models/regnet.py and
# ops/misc.py as the specification of names and shapes.
#
# A RegNet's widths come from a line quantized in log space: block j's width
# is w_0 + w_a * j, rounded to w_0 * w_m^k for a whole k, then to a multiple
# of 8; blocks of equal width form a stage. For RegNetY-400MF (depth 16,
# w_0 = 48, w_a = 27.89, w_m = 2.09, groups of 8 channels, squeeze-excitation
# ratio 0.25) that gives the stages written out below.
from collections import OrderedDict

import torch
import torch.nn as nn


def conv_bn_act(in_channels, out_channels, kernel_size, stride=1, groups=1, activation=True):
    # torchvision's Conv2dNormActivation: convolution without bias, BatchNorm, ReLU if wanted.
    padding = (kernel_size - 1) // 2
    layers = [
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, groups=groups, bias=False),
        nn.BatchNorm2d(out_channels),
    ]
    if activation:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class SqueezeExcitation(nn.Module):
    # Hu et al., "Squeeze-and-Excitation Networks": each channel averaged to
    # one number, a bottleneck of 1x1 convolutions, a sigmoid, and the input's
    # channels scaled by the result ((N, C, 1, 1), broadcast over H and W).
    def __init__(self, input_channels, squeeze_channels):
        super().__init__()
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc1 = nn.Conv2d(input_channels, squeeze_channels, 1)
        self.fc2 = nn.Conv2d(squeeze_channels, input_channels, 1)
        self.activation = nn.ReLU()
        self.scale_activation = nn.Sigmoid()

    def forward(self, x):
        scale = self.activation(self.fc1(self.avgpool(x)))
        scale = self.scale_activation(self.fc2(scale))
        return scale * x


def bottleneck_transform(width_in, width_out, stride, group_width, se_ratio):
    # 1x1, a grouped 3x3 (groups of group_width channels: ResNeXt's idea),
    # squeeze-excitation (the "Y" of RegNetY), 1x1 without activation.
    groups = width_out // group_width
    return nn.Sequential(OrderedDict([
        ("a", conv_bn_act(width_in, width_out, 1)),
        ("b", conv_bn_act(width_out, width_out, 3, stride, groups=groups)),
        ("se", SqueezeExcitation(width_out, int(round(se_ratio * width_in)))),
        ("c", conv_bn_act(width_out, width_out, 1, activation=False)),
    ]))


class ResBottleneckBlock(nn.Module):
    # The transform added to the input (projected by a strided 1x1 convolution
    # when the width or size changes), then ReLU.
    def __init__(self, width_in, width_out, stride, group_width, se_ratio):
        super().__init__()
        self.proj = None
        if width_in != width_out or stride != 1:
            self.proj = conv_bn_act(width_in, width_out, 1, stride, activation=False)
        self.f = bottleneck_transform(width_in, width_out, stride, group_width, se_ratio)
        self.activation = nn.ReLU(inplace=True)

    def forward(self, x):
        if self.proj is not None:
            x = self.proj(x) + self.f(x)
        else:
            x = x + self.f(x)
        return self.activation(x)


class AnyStage(nn.Module):
    # depth blocks named block<stage>-<i>; the first one changes the width and halves the size.
    def __init__(self, width_in, width_out, stride, depth, group_width, se_ratio, stage_index):
        super().__init__()
        for i in range(depth):
            block = ResBottleneckBlock(width_in if i == 0 else width_out, width_out, stride if i == 0 else 1,
                                       group_width, se_ratio)
            self.add_module(f"block{stage_index}-{i}", block)

    def forward(self, x):
        for block in self.children():
            x = block(x)
        return x


class RegNet(nn.Module):
    # stages: (width, depth) per stage, each starting at stride 2.
    def __init__(self, stages, group_width, se_ratio, stem_width=32, num_classes=1000):
        super().__init__()
        self.stem = conv_bn_act(3, stem_width, 3, 2)
        current_width = stem_width
        blocks = []
        for i, (width_out, depth) in enumerate(stages):
            blocks.append((f"block{i + 1}", AnyStage(current_width, width_out, 2, depth, group_width, se_ratio, i + 1)))
            current_width = width_out
        self.trunk_output = nn.Sequential(OrderedDict(blocks))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(in_features=current_width, out_features=num_classes)

    def forward(self, x):
        x = self.stem(x)
        x = self.trunk_output(x)
        x = self.avgpool(x)
        x = x.flatten(start_dim=1)
        return self.fc(x)


def regnet_y_400mf():
    return RegNet([(48, 1), (104, 3), (208, 6), (440, 6)], group_width=8, se_ratio=0.25)
