# mobilenet_v2.py: MobileNetV2 (Sandler et al., "MobileNetV2: Inverted
# Residuals and Linear Bottlenecks", CVPR 2018) as torchvision 0.14's
# mobilenet_v2() builds it at width 1.0. ConvLab's own PyTorch code, written
# with torchvision/models/mobilenetv2.py as the specification.
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu6(in_channels, out_channels, kernel_size=3, stride=1, groups=1):
    # torchvision's Conv2dNormActivation: "same"-style padding, no bias (the BatchNorm shifts), ReLU6.
    padding = (kernel_size - 1) // 2
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, groups=groups, bias=False),
        nn.BatchNorm2d(out_channels),
        nn.ReLU6(inplace=True),
    )


class InvertedResidual(nn.Module):
    # Expand with a 1x1 convolution, filter each channel alone (a depthwise 3x3:
    # groups = channels), project back down with a 1x1 convolution and no
    # activation (the "linear bottleneck"). The input is added when the shape is kept.
    def __init__(self, inp, oup, stride, expand_ratio):
        super().__init__()
        hidden_dim = int(round(inp * expand_ratio))
        self.use_res_connect = stride == 1 and inp == oup
        layers = []
        if expand_ratio != 1:
            layers.append(conv_bn_relu6(inp, hidden_dim, kernel_size=1))
        layers.append(conv_bn_relu6(hidden_dim, hidden_dim, stride=stride, groups=hidden_dim))
        layers.append(nn.Conv2d(hidden_dim, oup, 1, 1, 0, bias=False))
        layers.append(nn.BatchNorm2d(oup))
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self, num_classes=1000, dropout=0.2):
        super().__init__()
        # Each row: expansion t, output channels c, repeats n, first stride s.
        settings = [
            [1, 16, 1, 1],
            [6, 24, 2, 2],
            [6, 32, 3, 2],
            [6, 64, 4, 2],
            [6, 96, 3, 1],
            [6, 160, 3, 2],
            [6, 320, 1, 1],
        ]
        input_channel = 32
        last_channel = 1280
        features = [conv_bn_relu6(3, input_channel, stride=2)]
        for t, c, n, s in settings:
            for i in range(n):
                stride = s if i == 0 else 1
                features.append(InvertedResidual(input_channel, c, stride, expand_ratio=t))
                input_channel = c
        features.append(conv_bn_relu6(input_channel, last_channel, kernel_size=1))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(last_channel, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = F.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        return self.classifier(x)


def mobilenet_v2():
    return MobileNetV2()
