# vgg.py: VGG-11, VGG-16 and VGG-19 (Simonyan & Zisserman, "Very Deep
# Convolutional Networks for Large-Scale Image Recognition", ICLR 2015),
# configurations A, D and E without batch normalization, as torchvision 0.14's
# vgg11(), vgg16() and vgg19() build them. ConvLab's own PyTorch code, written
# with torchvision/models/vgg.py as the specification.
import torch
import torch.nn as nn

# The paper's configurations A, D and E: each number is a 3x3 convolution
# with that many filters, "M" a 2x2 max pooling.
CONFIG_A = [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"]
CONFIG_D = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
CONFIG_E = [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"]


def make_features(config):
    layers = []
    in_channels = 3
    for v in config:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        else:
            layers.append(nn.Conv2d(in_channels, v, kernel_size=3, padding=1))
            layers.append(nn.ReLU(inplace=True))
            in_channels = v
    return nn.Sequential(*layers)


class VGG(nn.Module):
    def __init__(self, features, num_classes=1000, dropout=0.5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def vgg11():
    return VGG(make_features(CONFIG_A))


def vgg16():
    return VGG(make_features(CONFIG_D))


def vgg19():
    return VGG(make_features(CONFIG_E))
