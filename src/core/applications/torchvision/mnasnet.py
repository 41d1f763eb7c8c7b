# mnasnet.py: MNASNet-B1 at depth multiplier 1.0 (Tan et al., "MnasNet:
# Platform-Aware Neural Architecture Search for Mobile", CVPR 2019) as
# torchvision 0.14's mnasnet1_0() builds it. ConvLab's own PyTorch code,
# written with torchvision/models/mnasnet.py as the specification.
import torch.nn as nn

# The paper's BatchNorm momentum in TensorFlow's sense (0.9997), in PyTorch's: 1 - 0.9997.
BN_MOMENTUM = 1 - 0.9997


class MBConv(nn.Module):
    # MobileNetV2's inverted residual with a 3x3 or 5x5 depthwise filter and ReLU.
    def __init__(self, in_ch, out_ch, kernel_size, stride, expansion_factor):
        super().__init__()
        mid_ch = in_ch * expansion_factor
        self.apply_residual = in_ch == out_ch and stride == 1
        self.layers = nn.Sequential(
            nn.Conv2d(in_ch, mid_ch, 1, bias=False),
            nn.BatchNorm2d(mid_ch, momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_ch, mid_ch, kernel_size, padding=kernel_size // 2, stride=stride, groups=mid_ch, bias=False),
            nn.BatchNorm2d(mid_ch, momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_ch, out_ch, 1, bias=False),
            nn.BatchNorm2d(out_ch, momentum=BN_MOMENTUM),
        )

    def forward(self, x):
        if self.apply_residual:
            return self.layers(x) + x
        return self.layers(x)


def stack(in_ch, out_ch, kernel_size, stride, expansion_factor, repeats):
    # The first block changes the shape; the rest keep it and add their input.
    blocks = [MBConv(in_ch, out_ch, kernel_size, stride, expansion_factor)]
    for _ in range(1, repeats):
        blocks.append(MBConv(out_ch, out_ch, kernel_size, 1, expansion_factor))
    return nn.Sequential(*blocks)


class MNASNet(nn.Module):
    def __init__(self, num_classes=1000, dropout=0.2):
        super().__init__()
        depths = [32, 16, 24, 40, 80, 96, 192, 320]
        self.layers = nn.Sequential(
            nn.Conv2d(3, depths[0], 3, padding=1, stride=2, bias=False),
            nn.BatchNorm2d(depths[0], momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True),
            nn.Conv2d(depths[0], depths[0], 3, padding=1, stride=1, groups=depths[0], bias=False),
            nn.BatchNorm2d(depths[0], momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True),
            nn.Conv2d(depths[0], depths[1], 1, padding=0, stride=1, bias=False),
            nn.BatchNorm2d(depths[1], momentum=BN_MOMENTUM),
            stack(depths[1], depths[2], 3, 2, 3, 3),
            stack(depths[2], depths[3], 5, 2, 3, 3),
            stack(depths[3], depths[4], 5, 2, 6, 3),
            stack(depths[4], depths[5], 3, 1, 6, 2),
            stack(depths[5], depths[6], 5, 2, 6, 4),
            stack(depths[6], depths[7], 3, 1, 6, 1),
            nn.Conv2d(depths[7], 1280, 1, padding=0, stride=1, bias=False),
            nn.BatchNorm2d(1280, momentum=BN_MOMENTUM),
            nn.ReLU(inplace=True),
        )
        self.classifier = nn.Sequential(nn.Dropout(p=dropout, inplace=True), nn.Linear(1280, num_classes))

    def forward(self, x):
        x = self.layers(x)
        x = x.mean([2, 3])  # the global average pooling, as a mean over height and width
        return self.classifier(x)


def mnasnet1_0():
    return MNASNet()
