# An Inception-like net with an auxiliary head that forward() runs only
# `if self.training` (as torchvision's GoogLeNet and Inception3 do), and a
# block holding a Linear it never calls. In eval mode neither runs, yet
# model.parameters() holds their weights: PyTorch's total counts them, and
# torchinfo 1.8 shows them as the leftover of the module that holds them.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchinfo import summary


class InceptionAux(nn.Module):
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, 8, kernel_size=1)
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(x, (1, 1))
        x = self.conv(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


class Block(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.spare = nn.Linear(4, 4)  # made, never called

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class TinyInception(nn.Module):
    def __init__(self, num_classes=10, aux_logits=True):
        super().__init__()
        self.block1 = Block(3, 16)
        self.block2 = Block(16, 32)
        self.aux1 = InceptionAux(16, num_classes) if aux_logits else None
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        x = self.block1(x)
        aux1 = None
        if self.aux1 is not None and self.training:
            aux1 = self.aux1(x)
        x = self.block2(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


model = TinyInception()
summary(model, input_size=(2, 3, 16, 16))
