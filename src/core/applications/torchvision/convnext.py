# convnext.py: ConvNeXt-T (Liu et al., "A ConvNet for the 2020s", CVPR 2022)
# as torchvision 0.14's convnext_tiny() builds it. ConvLab's own PyTorch code,
# written with torchvision/models/convnext.py and ops/misc.py,
# ops/stochastic_depth.py as the specification of names and shapes.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Permute(nn.Module):
    # Reorders the dims: [0, 2, 3, 1] makes (N, C, H, W) channels-last, (N, H, W, C).
    def __init__(self, dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return torch.permute(x, self.dims)


class LayerNorm2d(nn.Module):
    # LayerNorm over the channels of each position of an (N, C, H, W) tensor:
    # made channels-last for F.layer_norm, then put back. Its weight and bias
    # are its own parameters, one of each per channel.
    def __init__(self, num_channels, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(num_channels))
        self.bias = nn.Parameter(torch.zeros(num_channels))
        self.eps = eps

    def forward(self, x):
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, (x.shape[-1],), self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class StochasticDepth(nn.Module):
    # Huang et al., "Deep Networks with Stochastic Depth" (ECCV 2016): while
    # training, each example skips the residual branch with probability p (the
    # kept ones scaled by 1 / (1 - p)); in evaluation the branch always runs.
    def __init__(self, p, mode):
        super().__init__()
        self.p = p
        self.mode = mode

    def forward(self, x):
        if not self.training or self.p == 0.0:
            return x
        survival = 1.0 - self.p
        noise = torch.empty([x.shape[0], 1, 1, 1]).bernoulli_(survival)
        return x * noise / survival


class CNBlock(nn.Module):
    # A depthwise 7x7 convolution, then, at each position on its own, a
    # Transformer-style MLP over the channels (LayerNorm, Linear to 4x, GELU,
    # Linear back), computed channels-last. The branch is scaled per channel by
    # a learned layer_scale that starts tiny (1e-6), then added to the input.
    def __init__(self, dim, layer_scale, stochastic_depth_prob):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(dim, dim, kernel_size=7, padding=3, groups=dim, bias=True),
            Permute([0, 2, 3, 1]),
            nn.LayerNorm(dim, eps=1e-6),
            nn.Linear(in_features=dim, out_features=4 * dim, bias=True),
            nn.GELU(),
            nn.Linear(in_features=4 * dim, out_features=dim, bias=True),
            Permute([0, 3, 1, 2]),
        )
        self.layer_scale = nn.Parameter(torch.ones(dim, 1, 1) * layer_scale)
        self.stochastic_depth = StochasticDepth(stochastic_depth_prob, "row")

    def forward(self, x):
        result = self.layer_scale * self.block(x)
        result = self.stochastic_depth(result)
        result += x
        return result


class ConvNeXt(nn.Module):
    # settings: one row per stage, (channels, channels of the next stage or
    # None, blocks). A 4x4 stride-4 "patchify" stem; between stages a LayerNorm
    # and a 2x2 stride-2 convolution halve the size.
    def __init__(self, settings, stochastic_depth_prob=0.0, layer_scale=1e-6, num_classes=1000):
        super().__init__()
        first_channels = settings[0][0]
        layers = [nn.Sequential(
            nn.Conv2d(3, first_channels, kernel_size=4, stride=4, padding=0, bias=True),
            LayerNorm2d(first_channels, eps=1e-6),
        )]
        total_blocks = sum([row[2] for row in settings])
        block_id = 0
        for channels, next_channels, num_layers in settings:
            stage = []
            for _ in range(num_layers):
                sd_prob = stochastic_depth_prob * block_id / (total_blocks - 1.0)
                stage.append(CNBlock(channels, layer_scale, sd_prob))
                block_id += 1
            layers.append(nn.Sequential(*stage))
            if next_channels is not None:
                layers.append(nn.Sequential(
                    LayerNorm2d(channels, eps=1e-6),
                    nn.Conv2d(channels, next_channels, kernel_size=2, stride=2),
                ))
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        last_channels = settings[-1][0]
        self.classifier = nn.Sequential(
            LayerNorm2d(last_channels, eps=1e-6), nn.Flatten(1), nn.Linear(last_channels, num_classes)
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        return self.classifier(x)


def convnext_tiny():
    settings = [(96, 192, 3), (192, 384, 3), (384, 768, 9), (768, None, 3)]
    return ConvNeXt(settings, stochastic_depth_prob=0.1)
