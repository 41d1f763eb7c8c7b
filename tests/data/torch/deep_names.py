# Modules nested five deep with long class names and a stage called twice:
# torchinfo widens its name column past 40 for the deepest title even when
# depth hides that row, shows "(recursive)" for a container called again,
# and "--" for a parameterless module called again. (Each stage makes its own
# ReLU: torchinfo 1.8 hooks a module held by several parents under the last
# one only, and then prints rows for a path forward never took.)
import torch
import torch.nn as nn
from torchinfo import summary


class InnermostConvolutionUnit(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.bn = nn.BatchNorm2d(channels)

    def forward(self, x):
        return self.bn(self.conv(x))


class MiddleStage(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.unit = nn.Sequential(InnermostConvolutionUnit(channels), InnermostConvolutionUnit(channels))
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.unit(x))


class OuterStageWrapper(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.stage = MiddleStage(channels)
        self.head = nn.Conv2d(channels, channels, 1)

    def forward(self, x):
        x = self.stage(x)
        x = self.stage(x)
        return self.head(x)


class DeepNames(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.act = nn.ReLU()
        self.body = nn.Sequential(OuterStageWrapper(4), OuterStageWrapper(4))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        x = self.act(self.stem(x))
        x = self.body(x)
        x = self.pool(x)
        x = x.view(x.size(0), -1)
        return self.fc(x)


model = DeepNames()
summary(model, input_size=(1, 3, 8, 8))
