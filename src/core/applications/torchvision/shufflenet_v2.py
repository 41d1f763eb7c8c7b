# shufflenet_v2.py: ShuffleNet V2 at 1.0x (Ma et al., "ShuffleNet V2:
# Practical Guidelines for Efficient CNN Architecture Design", ECCV 2018) as
# torchvision 0.14's shufflenet_v2_x1_0() builds it. ConvLab's own PyTorch
# code, written with torchvision/models/shufflenetv2.py as the specification.
import torch
import torch.nn as nn


def channel_shuffle(x, groups):
    # Interleave the channels of the groups, so that the next block's two
    # halves each see channels from both of this block's branches: view the
    # channels as (groups, channels per group), swap those two axes, flatten back.
    batchsize, num_channels, height, width = x.size()
    channels_per_group = num_channels // groups
    x = x.view(batchsize, groups, channels_per_group, height, width)
    x = torch.transpose(x, 1, 2).contiguous()
    return x.view(batchsize, -1, height, width)


def depthwise_conv(channels, kernel_size, stride=1, padding=0):
    # One filter per channel: groups = channels.
    return nn.Conv2d(channels, channels, kernel_size, stride, padding, bias=False, groups=channels)


class InvertedResidual(nn.Module):
    # With stride 1 the block keeps half the channels as they are and sends the
    # other half through branch2 (1x1, depthwise 3x3, 1x1); with stride 2 both
    # halves are computed, from the whole input. Then the halves are joined and shuffled.
    def __init__(self, inp, oup, stride):
        super().__init__()
        self.stride = stride
        branch_features = oup // 2
        if stride > 1:
            self.branch1 = nn.Sequential(
                depthwise_conv(inp, 3, stride, 1),
                nn.BatchNorm2d(inp),
                nn.Conv2d(inp, branch_features, kernel_size=1, stride=1, padding=0, bias=False),
                nn.BatchNorm2d(branch_features),
                nn.ReLU(inplace=True),
            )
        else:
            self.branch1 = nn.Sequential()
        self.branch2 = nn.Sequential(
            nn.Conv2d(inp if stride > 1 else branch_features, branch_features, kernel_size=1, stride=1, padding=0,
                      bias=False),
            nn.BatchNorm2d(branch_features),
            nn.ReLU(inplace=True),
            depthwise_conv(branch_features, 3, stride, 1),
            nn.BatchNorm2d(branch_features),
            nn.Conv2d(branch_features, branch_features, kernel_size=1, stride=1, padding=0, bias=False),
            nn.BatchNorm2d(branch_features),
            nn.ReLU(inplace=True),
        )

    def forward(self, x):
        if self.stride == 1:
            x1, x2 = x.chunk(2, dim=1)
            out = torch.cat((x1, self.branch2(x2)), dim=1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), dim=1)
        return channel_shuffle(out, 2)


class ShuffleNetV2(nn.Module):
    def __init__(self, stages_repeats, stages_out_channels, num_classes=1000):
        super().__init__()
        output_channels = stages_out_channels[0]
        self.conv1 = nn.Sequential(
            nn.Conv2d(3, output_channels, 3, 2, 1, bias=False),
            nn.BatchNorm2d(output_channels),
            nn.ReLU(inplace=True),
        )
        input_channels = output_channels
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        stages = []
        for repeats, output_channels in zip(stages_repeats, stages_out_channels[1:4]):
            blocks = [InvertedResidual(input_channels, output_channels, 2)]
            for i in range(repeats - 1):
                blocks.append(InvertedResidual(output_channels, output_channels, 1))
            stages.append(nn.Sequential(*blocks))
            input_channels = output_channels
        self.stage2 = stages[0]
        self.stage3 = stages[1]
        self.stage4 = stages[2]
        output_channels = stages_out_channels[-1]
        self.conv5 = nn.Sequential(
            nn.Conv2d(input_channels, output_channels, 1, 1, 0, bias=False),
            nn.BatchNorm2d(output_channels),
            nn.ReLU(inplace=True),
        )
        self.fc = nn.Linear(output_channels, num_classes)

    def forward(self, x):
        x = self.maxpool(self.conv1(x))
        x = self.stage2(x)
        x = self.stage3(x)
        x = self.stage4(x)
        x = self.conv5(x)
        x = x.mean([2, 3])  # the global average pooling
        return self.fc(x)


def shufflenet_v2_x1_0():
    return ShuffleNetV2([4, 8, 4], [24, 116, 232, 464, 1024])
