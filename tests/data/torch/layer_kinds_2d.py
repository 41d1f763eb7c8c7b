# One of each module kind ConvLab reads over images, for torchinfo's Kernel
# Shape and Mult-Adds columns: a depthwise Conv2d (groups = in_channels), a
# ConvTranspose2d, GroupNorm, LayerNorm over (C, H, W), PReLU per channel,
# a pooling written with a tuple, zero padding, upsampling, and a script
# module whose only parameter is its own.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchinfo import summary


class Gate(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1, channels, 1, 1))

    def forward(self, x):
        return x * self.scale


class LayerKinds(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 8, kernel_size=3, padding=1),
            nn.BatchNorm2d(8),
            nn.PReLU(8),
        )
        self.depthwise = nn.Conv2d(8, 16, kernel_size=3, padding=1, groups=8, bias=False)
        self.norm = nn.GroupNorm(4, 16)
        self.pool = nn.MaxPool2d((2, 2))
        self.pad = nn.ZeroPad2d(1)
        self.up = nn.ConvTranspose2d(16, 4, 3, stride=2, padding=1, output_padding=1)
        self.gate = Gate(4)
        self.ln = nn.LayerNorm([4, 20, 20])
        self.avg = nn.AvgPool2d(4)
        self.upsample = nn.Upsample(scale_factor=2)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(4 * 10 * 10, 5)

    def forward(self, x):
        x = self.stem(x)
        x = self.norm(self.depthwise(x))
        x = self.pad(self.pool(x))
        x = self.gate(self.up(x))
        x = self.ln(x)
        x = self.upsample(self.avg(x))
        return self.fc(self.flatten(x))


model = LayerKinds()
summary(model, input_size=(2, 3, 16, 16))
