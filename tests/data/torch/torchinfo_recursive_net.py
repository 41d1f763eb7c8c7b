# torchinfo's RecursiveNet (tests/fixtures/models.py at torchinfo v1.8.0,
# commit 73ed5687): one Conv2d called six times, the model behind recursive.out.
import torch
import torch.nn as nn
from torchinfo import summary


class RecursiveNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(64, 64, 3, 1, 1)

    def forward(self, x):
        out = x
        for _ in range(3):
            out = self.conv1(out)
            out = self.conv1(out)
        return out


model = RecursiveNet()
summary(model, input_size=(1, 64, 28, 28))
