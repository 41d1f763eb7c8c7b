# resnet.py: ResNet-18/34/50/101/152 (He et al., "Deep Residual Learning for
# Image Recognition", CVPR 2016), Wide ResNet-50-2 (Zagoruyko & Komodakis,
# "Wide Residual Networks", BMVC 2016) and ResNeXt-50 32x4d (Xie et al.,
# "Aggregated Residual Transformations for Deep Neural Networks", CVPR 2017)
# as torchvision 0.14's resnet18() ... resnext50_32x4d() build them at their
# defaults. ConvLab's own PyTorch code, written with torchvision/models/resnet.py
# as the specification of attribute names and shapes; no weights are loaded.
import torch
import torch.nn as nn


class BasicBlock(nn.Module):
    # Two 3x3 convolutions; the input is added back before the last ReLU.
    # A convolution followed by BatchNorm needs no bias: the norm's own shift replaces it.
    expansion = 1

    def __init__(self, in_planes, planes, stride=1, downsample=None, groups=1, width_per_group=64):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample  # a 1x1 projection when the shape changes, else None

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out = out + identity
        return self.relu(out)


class Bottleneck(nn.Module):
    # 1x1 down to `width`, 3x3 (the stride is here, as in torchvision's "ResNet
    # V1.5"), 1x1 up to 4 * planes. Wide ResNet widens the middle; ResNeXt
    # splits it into `groups` parallel paths.
    expansion = 4

    def __init__(self, in_planes, planes, stride=1, downsample=None, groups=1, width_per_group=64):
        super().__init__()
        width = int(planes * (width_per_group / 64.0)) * groups
        self.conv1 = nn.Conv2d(in_planes, width, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, kernel_size=3, stride=stride, padding=1, groups=groups, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, planes * self.expansion, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out = out + identity
        return self.relu(out)


class ResNet(nn.Module):
    # A 7x7 stem at stride 2 and a max pooling (224 -> 56), four stages of
    # blocks (each after the first halves the size and doubles the planes),
    # global average pooling and one Linear layer.
    def __init__(self, block, layers, num_classes=1000, groups=1, width_per_group=64):
        super().__init__()
        self.in_planes = 64
        self.groups = groups
        self.width_per_group = width_per_group
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.in_planes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.in_planes, planes * block.expansion, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion),
            )
        layers = [block(self.in_planes, planes, stride, downsample, self.groups, self.width_per_group)]
        self.in_planes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.in_planes, planes, groups=self.groups, width_per_group=self.width_per_group))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


def resnet18():
    return ResNet(BasicBlock, [2, 2, 2, 2])


def resnet34():
    return ResNet(BasicBlock, [3, 4, 6, 3])


def resnet50():
    return ResNet(Bottleneck, [3, 4, 6, 3])


def resnet101():
    return ResNet(Bottleneck, [3, 4, 23, 3])


def resnet152():
    return ResNet(Bottleneck, [3, 8, 36, 3])


def wide_resnet50_2():
    # Twice as wide inside each bottleneck; the outputs keep ResNet-50's widths.
    return ResNet(Bottleneck, [3, 4, 6, 3], width_per_group=64 * 2)


def resnext50_32x4d():
    # 32 groups of 4 channels at the first stage's middle convolution.
    return ResNet(Bottleneck, [3, 4, 6, 3], groups=32, width_per_group=4)
