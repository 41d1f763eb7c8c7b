# The seed question's model written as PyTorch: nn.Conv2d(32, 63, 3) has
# (3·3·32 + 1)·63 = 18,207 parameters.
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 32, 3),
    nn.ReLU(),
    nn.Conv2d(32, 63, 3),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Dropout(0.25),
    nn.Flatten(),
    nn.Linear(9072, 128),
    nn.ReLU(),
    nn.Dropout(0.5),
    nn.Linear(128, 10),
)
out = model(torch.randn(1, 1, 28, 28))
