# A VGG-style model: nn.Sequential features and classifier, an OrderedDict,
# padding=1, BatchNorm2d(64) (128 parameters), ceil_mode pooling, x.view(-1, N).
from collections import OrderedDict
import torch
from torch import nn


class Small(nn.Module):
    def __init__(self, num_classes=10):
        super(Small, self).__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
            nn.Conv2d(64, 64, kernel_size=3, padding='same', groups=64),
            nn.AvgPool2d(2),
        )
        self.classifier = nn.Sequential(OrderedDict([
            ('fc1', nn.Linear(64 * 8 * 8, 256)),
            ('act', nn.LeakyReLU(0.1)),
            ('drop', nn.Dropout()),
            ('fc2', nn.Linear(256, num_classes)),
        ]))

    def forward(self, x):
        x = self.features(x)
        x = x.view(-1, 64 * 8 * 8)
        return self.classifier(x)


net = Small()
y = net(torch.randn(1, 3, 32, 32))
