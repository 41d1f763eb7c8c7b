# A small encoder-decoder: ZeroPad2d with (left, right, top, bottom), GroupNorm
# and per-channel PReLU, ConvTranspose2d with padding and output_padding (its
# padding crops), nn.Upsample / nn.UpsamplingNearest2d, the hard activations,
# a shared PReLU and a LayerNorm over (C, H, W). Input (1, 3, 16, 15): odd on purpose.
# The script defines its classes and makes no model, as a pasted class does:
# TinyDecoder is the one class no other class names, and needs no arguments.
import torch.nn as nn


class UpBlock(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.up = nn.ConvTranspose2d(in_channels, out_channels, 3, stride=2, padding=1, output_padding=1)
        self.elu = nn.ELU(alpha=0.5)

    def forward(self, x):
        return self.elu(self.up(x))


class TinyDecoder(nn.Module):
    def __init__(self, width=8):
        super().__init__()
        self.pad = nn.ZeroPad2d((1, 2, 0, 1))
        self.down = nn.Conv2d(3, width, 3, stride=2, padding=1)
        self.norm = nn.GroupNorm(2, width)
        self.act = nn.PReLU(width)
        self.block = UpBlock(width, 4)
        self.up2 = nn.Upsample(scale_factor=2, mode='nearest')
        self.pad2 = nn.ZeroPad2d(1)
        self.hswish = nn.Hardswish()
        self.up3 = nn.UpsamplingNearest2d(scale_factor=2)
        self.shared = nn.PReLU()
        self.ln = nn.LayerNorm([4, 76, 76])
        self.gate = nn.Hardsigmoid()
        self.out = nn.ConvTranspose2d(4, 2, 2, stride=2, bias=False)

    def forward(self, x):
        x = self.act(self.norm(self.down(self.pad(x))))
        x = self.block(x)
        x = self.hswish(self.pad2(self.up2(x)))
        x = self.ln(self.shared(self.up3(x)))
        return self.out(self.gate(x))
