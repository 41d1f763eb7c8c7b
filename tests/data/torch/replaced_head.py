# A backbone whose head is replaced after it is made (model.fc = nn.Linear(...),
# as a torchvision fine-tune does), with nn.Parameter attributes: a learned
# position map added to the features, a per-channel scale in a module of its
# own (a leaf with no children), and a fixed temperature (requires_grad=False:
# counted, not trained). LayerNorm over the features.
import torch
import torch.nn as nn


class Scale(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(1, channels, 1, 1))

    def forward(self, x):
        return x * self.gamma


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.pos = nn.Parameter(torch.zeros(1, 8, 8, 8))
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.scale = Scale(8)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(8, 1000)
        self.norm = nn.LayerNorm(1000)
        self.temperature = nn.Parameter(torch.ones(1), requires_grad=False)

    def forward(self, x):
        x = self.conv(x) + self.pos
        x = self.scale(x)
        x = torch.flatten(self.pool(x), 1)
        return self.norm(self.fc(x)) * self.temperature


model = Backbone()
model.fc = nn.Linear(8, 10)
model.norm = nn.LayerNorm(10)
out = model(torch.randn(2, 3, 8, 8))
