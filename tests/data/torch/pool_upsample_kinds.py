# AdaptiveMaxPool2d, UpsamplingBilinear2d, BatchNorm2d without affine and without running statistics, x.size() unpacked and x.flatten(1): checked against PyTorch by tools/make_torch_fixtures.py.
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8, affine=False)
        self.bn2 = nn.BatchNorm2d(8, track_running_stats=False)
        self.pool = nn.AdaptiveMaxPool2d((4, 4))
        self.up = nn.UpsamplingBilinear2d(scale_factor=2)
        self.fc = nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):
        b, c, h, w = x.size()
        x = self.bn2(self.bn(self.conv(x)))
        x = self.up(self.pool(x))
        x = x.flatten(1)
        return self.fc(x)

model = Net()
model(torch.randn(2, 3, 16, 16))
