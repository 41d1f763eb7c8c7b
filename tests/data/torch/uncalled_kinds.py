# A spare module of each kind forward() never calls: PyTorch makes their
# weights in __init__, so model.parameters() counts them all, with no input
# ever reaching them. ConvLab counts each from its constructor's arguments.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchinfo import summary


class Spares(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.spares = nn.Sequential(
            nn.Conv2d(4, 8, (3, 5), stride=2, padding=(4, 1), dilation=2, bias=False),
            nn.Conv2d(8, 16, 3, groups=8),
            nn.ConvTranspose2d(16, 4, 3, stride=2, padding=5, output_padding=1),
            nn.Conv1d(4, 6, 7, padding=3),
            nn.BatchNorm2d(6),
            nn.BatchNorm1d(6, affine=False),
            nn.GroupNorm(2, 6),
            nn.LayerNorm([6, 5, 5]),
            nn.LayerNorm(7, elementwise_affine=False),
            nn.PReLU(6),
            nn.PReLU(),
            nn.Linear(6, 9, bias=False),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        x = F.relu(self.conv(x))
        x = F.adaptive_avg_pool2d(x, 1)
        return self.head(torch.flatten(x, 1))


model = Spares()
summary(model, input_size=(1, 3, 8, 8))
