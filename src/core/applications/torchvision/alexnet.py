# alexnet.py: AlexNet (Krizhevsky, Sutskever & Hinton, "ImageNet Classification
# with Deep Convolutional Neural Networks", NeurIPS 2012), in the single-GPU
# form of Krizhevsky's "One weird trick for parallelizing convolutional neural
# networks" (2014) that torchvision 0.14's alexnet() builds. ConvLab's own
# PyTorch code, written with torchvision/models/alexnet.py as the specification.
import torch
import torch.nn as nn


class AlexNet(nn.Module):
    def __init__(self, num_classes=1000, dropout=0.5):
        super().__init__()
        # Five convolutions; the first three are followed by a 3x3 max pooling at stride 2.
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        # At 224 the features are already 6x6: the pooling only matters for other sizes.
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        # Three Linear layers hold almost all of the weights.
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def alexnet():
    return AlexNet()
