# Conv1d over (N, C, L) with BatchNorm1d, then a Linear: for torchinfo's
# Mult-Adds of a one-dimensional convolution (its weights times N · L).
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchinfo import summary


class Sequence1d(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(4, 8, kernel_size=5, padding=2)
        self.bn1 = nn.BatchNorm1d(8)
        self.conv2 = nn.Conv1d(8, 16, 3, stride=2)
        self.fc = nn.Linear(16 * 15, 3)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.conv2(x))
        x = x.view(x.size(0), -1)
        return self.fc(x)


model = Sequence1d()
summary(model, input_size=(3, 4, 32))
