# torchinfo's SingleInputNet (tests/fixtures/models.py at torchinfo v1.8.0,
# commit 73ed5687), written out so ConvLab can read it: the model behind
# single_input.out, single_input_all_cols.out and single_input_batch_dim.out.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchinfo import summary


class SingleInputNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d(0.3)
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 320)
        x = F.relu(self.fc1(x))
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


model = SingleInputNet()
summary(model, (2, 1, 28, 28))
