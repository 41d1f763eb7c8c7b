// pytorch_paste.test.mjs: PyTorch code pasted into the page. The command line
// reads it (issue 20); the page does not yet (issue 21), and says so, naming
// the command, instead of asking for a Keras input shape; the learner's model
// is kept.
const NET = `import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc2(F.relu(self.fc1(x)))

model = Net()
`;

export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const before = await t.state(page);
  const reply = await t.command(page, "import_text " + NET.replace(/\\/g, "\\\\").replace(/\n/g, "\\n"), 4);
  const st = await t.state(page);
  t.check("pytorch paste: the page says it is PyTorch code and names the command that reads it",
    reply.startsWith("error: This is PyTorch code") && /--input-size/.test(st.import.error) && !st.import.missing_input_shape,
    reply.slice(0, 120));
  t.check("pytorch paste: the learner's model is kept", st.model_ok && st.summary.total_params === before.summary.total_params);
  t.check("pytorch paste: no console errors", errors.length === 0, errors.join(" | "));
  await t.shot(page, "pytorch-paste.png");
  await context.close();
}
