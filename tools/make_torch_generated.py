#!/usr/bin/python3
# make_torch_generated.py: writes a few hundred small PyTorch scripts of the
# kinds ConvLab reads (nn.Sequential chains and nn.Module classes with forward:
# Conv1d/Conv2d with stride, padding, dilation, groups and padding_mode,
# ConvTranspose2d, poolings with ceil_mode, the norms, activations, Upsample and
# F.interpolate, flatten/view/reshape/Unflatten, skip connections, torch.cat,
# frozen parameters, replaced heads), runs each in real PyTorch with a forward
# hook on every leaf module, and keeps what tests/core/test_import_torch_python.cpp
# compares ConvLab against: each leaf's attribute path, class, output shape and
# Param # in call order, the totals (all, trainable), or, for the ~30 scripts
# written wrong on purpose (Linear in_features, in_channels, padding='same'
# with a stride, a kernel past the padded input, groups, pooling padding,
# reflection padding), PyTorch's own error and the module it is about.
# Deterministic (fixed seed). Run by hand, not by the test command:
#     /usr/bin/python3 tools/make_torch_generated.py
# Needs Debian's python3-torch (1.13.1). Writes tests/data/torch_generated.json.
import json
import os
import random

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "torch_generated.json")
HEADER = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"


def try_layer(text, x):
    """The module `text` makes, and its output on x; None if PyTorch refuses either."""
    try:
        m = eval(text, {"nn": nn, "torch": torch})
        m.eval()
        with torch.no_grad():
            y = m(x)
        return y
    except Exception:
        return None


def activation(r, channels):
    return r.choice(["nn.ReLU()", "nn.ReLU(inplace=True)", "nn.LeakyReLU(0.2)", "nn.GELU()", "nn.SiLU()", "nn.Tanh()",
                     "nn.Sigmoid()", "nn.ELU()", "nn.Hardswish()", "nn.ReLU6()", "nn.PReLU()",
                     "nn.PReLU(%d)" % channels, "nn.Identity()"])


def norm(r, channels, rank):
    if rank == 3:
        return r.choice(["nn.BatchNorm1d(%d)" % channels, "nn.BatchNorm1d(%d, affine=False)" % channels])
    groups = [g for g in (1, 2, 4, channels) if channels % g == 0]
    return r.choice(["nn.BatchNorm2d(%d)" % channels, "nn.BatchNorm2d(%d, eps=1e-3, momentum=0.01)" % channels,
                     "nn.GroupNorm(%d, %d)" % (r.choice(groups), channels),
                     "nn.GroupNorm(%d, %d, affine=False)" % (r.choice(groups), channels)])


def divisors(n):
    return [d for d in range(1, n + 1) if n % d == 0]


def conv2d(r, cin):
    """A random nn.Conv2d from cin channels, as text."""
    groups = r.choice([1, 1, 1] + [g for g in divisors(cin) if g > 1][:3])
    cout = groups * r.randint(1, max(1, 12 // groups))
    k = r.choice([1, 2, 3, 3, 5, (3, 1), (1, 3), (2, 3)])
    args = ["%d" % cin, "%d" % cout, str(k)]
    stride = r.choice([1, 1, 1, 2, (2, 1)])
    if stride != 1:
        args.append("stride=%s" % (stride,))
    padding = r.choice([0, 0, 1, 2, "'same'", "'valid'", (1, 0)])
    if padding == "'same'" and stride != 1:
        padding = 1
    if padding != 0:
        args.append("padding=%s" % (padding,))
    if r.random() < 0.2:
        args.append("dilation=%d" % r.choice([2, 3]))
    if groups != 1:
        args.append("groups=%d" % groups)
    if r.random() < 0.25:
        args.append("bias=False")
    if r.random() < 0.25 and padding not in (0, "'valid'"):
        args.append("padding_mode='%s'" % r.choice(["zeros", "reflect", "replicate", "circular"]))
    return "nn.Conv2d(%s)" % ", ".join(args), cout


def conv1d(r, cin):
    groups = r.choice([1, 1] + [g for g in divisors(cin) if g > 1][:3])
    cout = groups * r.randint(1, max(1, 12 // groups))
    args = ["%d" % cin, "%d" % cout, str(r.choice([1, 2, 3, 5]))]
    if r.random() < 0.3:
        args.append("stride=%d" % r.choice([2, 3]))
        padding = r.choice([0, 1, 2])
    else:
        padding = r.choice([0, 1, "'same'", "'valid'"])
    if padding != 0:
        args.append("padding=%s" % padding)
    if r.random() < 0.2:
        args.append("dilation=2")
    if groups != 1:
        args.append("groups=%d" % groups)
    if r.random() < 0.2:
        args.append("bias=False")
    if r.random() < 0.25 and padding not in (0, "'valid'"):
        args.append("padding_mode='%s'" % r.choice(["zeros", "reflect", "replicate", "circular"]))
    return "nn.Conv1d(%s)" % ", ".join(args), cout


def pool2d(r):
    k = r.choice([2, 2, 3])
    args = [str(k)]
    if r.random() < 0.5:
        args.append("stride=%d" % r.choice([1, 2]))
    if r.random() < 0.3:
        args.append("padding=%d" % r.randint(0, k // 2))
    if r.random() < 0.3:
        args.append("ceil_mode=True")
    return "nn.%s(%s)" % (r.choice(["MaxPool2d", "AvgPool2d"]), ", ".join(args))


def pool1d(r):
    k = r.choice([2, 3, 4])
    args = [str(k)]
    if r.random() < 0.5:
        args.append("stride=%d" % r.choice([1, 2, 3]))
    if r.random() < 0.3:
        args.append("padding=%d" % r.randint(0, k // 2))
    if r.random() < 0.3:
        args.append("ceil_mode=True")
    return "nn.%s(%s)" % (r.choice(["MaxPool1d", "AvgPool1d"]), ", ".join(args))


def upsample(r, h, w):
    choice = r.randint(0, 4)
    mode = r.choice(["", ", mode='nearest'", ", mode='bilinear'", ", mode='bilinear', align_corners=False"])
    if choice == 0:
        return "nn.Upsample(scale_factor=%d%s)" % (r.choice([2, 3]), mode)
    if choice == 1:
        return "nn.Upsample(scale_factor=%s%s)" % (r.choice(["1.5", "0.5", "2.5", "1.7", "0.75"]), mode)
    if choice == 2:
        return "nn.Upsample(size=(%d, %d)%s)" % (r.randint(2, 2 * h + 1), r.randint(2, 2 * w + 1), mode)
    if choice == 3:
        return "nn.Upsample(size=%d%s)" % (r.randint(2, 20), mode)
    return "nn.UpsamplingNearest2d(scale_factor=2)"


def transpose2d(r, cin):
    groups = r.choice([1, 1] + [g for g in divisors(cin) if g > 1][:2])
    cout = groups * r.randint(1, max(1, 8 // groups))
    stride = r.choice([1, 2, 2, 3])
    args = ["%d" % cin, "%d" % cout, str(r.choice([2, 3, 4])), "stride=%d" % stride]
    if r.random() < 0.5:
        args.append("padding=%d" % r.randint(0, 1))
    if stride > 1 and r.random() < 0.5:
        args.append("output_padding=%d" % r.randint(0, stride - 1))
    if groups != 1:
        args.append("groups=%d" % groups)
    if r.random() < 0.2:
        args.append("bias=False")
    return "nn.ConvTranspose2d(%s)" % ", ".join(args), cout


def image_chain(r, x, count):
    """count random layers over the image x: their texts and the output."""
    texts = []
    for _ in range(count):
        c, h, w = x.shape[1], x.shape[2], x.shape[3]
        for _attempt in range(20):
            kind = r.choice(["conv", "conv", "conv", "norm", "act", "act", "pool", "up", "tconv", "drop", "pad"])
            if kind == "conv":
                text, _ = conv2d(r, c)
            elif kind == "norm":
                text = norm(r, c, 4)
            elif kind == "act":
                text = activation(r, c)
            elif kind == "pool":
                text = pool2d(r)
            elif kind == "up":
                if h * w > 400:
                    continue
                text = upsample(r, h, w)
            elif kind == "tconv":
                if h * w > 400:
                    continue
                text, _ = transpose2d(r, c)
            elif kind == "pad":
                text = "nn.ZeroPad2d(%d)" % r.randint(1, 2)
            else:
                text = r.choice(["nn.Dropout(0.25)", "nn.Dropout2d()", "nn.Dropout(p=0.1)"])
            y = try_layer(text, x)
            if y is not None and y.dim() == 4 and y.shape[2] >= 1 and y.shape[3] >= 1 and y.numel() <= 200000:
                texts.append(text)
                x = y
                break
    return texts, x


def sequence_chain(r, x, count):
    texts = []
    for _ in range(count):
        c = x.shape[1]
        for _attempt in range(20):
            kind = r.choice(["conv", "conv", "norm", "act", "pool", "drop"])
            if kind == "conv":
                text, _ = conv1d(r, c)
            elif kind == "norm":
                text = norm(r, c, 3)
            elif kind == "act":
                text = activation(r, c)
            elif kind == "pool":
                text = pool1d(r)
            else:
                text = "nn.Dropout(0.2)"
            y = try_layer(text, x)
            if y is not None and y.dim() == 3 and y.shape[2] >= 1:
                texts.append(text)
                x = y
                break
    return texts, x


def random_image_input(r):
    return [r.randint(1, 3), r.choice([1, 2, 3, 4, 6, 8]), r.randint(6, 28), r.randint(6, 28)]


def sequential_script(r):
    size = random_image_input(r)
    x = torch.zeros(*size)
    texts, y = image_chain(r, x, r.randint(2, 7))
    features = y[0].numel()
    if r.random() < 0.5:
        texts += ["nn.Flatten()", "nn.Linear(%d, %d)" % (features, r.randint(2, 20))]
        if r.random() < 0.5:
            hidden = int(texts[-1].split(", ")[1].rstrip(")"))
            texts += [activation(r, hidden).replace("nn.PReLU(%d)" % hidden, "nn.PReLU()"),
                      "nn.Linear(%d, %d)" % (hidden, r.randint(2, 10))]
    elif r.random() < 0.5:
        texts += ["nn.AdaptiveAvgPool2d(1)", "nn.Flatten()", "nn.Linear(%d, %d)" % (y.shape[1], r.randint(2, 10))]
    body = ",\n    ".join(texts)
    return HEADER + "model = nn.Sequential(\n    %s,\n)\n" % body, size


def sequence_script(r):
    size = [r.randint(1, 3), r.choice([1, 2, 3, 4, 6]), r.randint(12, 60)]
    x = torch.zeros(*size)
    texts, y = sequence_chain(r, x, r.randint(2, 6))
    texts += ["nn.Flatten()", "nn.Linear(%d, %d)" % (y[0].numel(), r.randint(2, 10))]
    return HEADER + "model = nn.Sequential(\n    %s,\n)\n" % ",\n    ".join(texts), size


def flatten_text(r):
    return r.choice(["x.view(x.size(0), -1)", "torch.flatten(x, 1)", "x.reshape(x.size(0), -1)", "x.flatten(1)",
                     "x.view(-1, %(f)d)", "torch.reshape(x, (x.shape[0], -1))", "x.reshape(-1, %(f)d)"])


def class_script(r):
    """A class with features, an optional skip or cat block, and a head after a flatten."""
    size = random_image_input(r)
    x = torch.zeros(*size)
    texts, y = image_chain(r, x, r.randint(1, 5))
    c = y.shape[1]
    init = ["        self.features = nn.Sequential(%s)" % ", ".join(texts)]
    forward = ["        x = self.features(x)"]
    block = r.choice(["skip", "cat", "interp", "pool", "none"])
    if block == "skip":
        init += ["        self.conv_a = nn.Conv2d(%d, %d, 3, padding=1)" % (c, c),
                 "        self.bn_a = nn.BatchNorm2d(%d)" % c,
                 "        self.conv_b = nn.Conv2d(%d, %d, 3, padding='same', bias=False)" % (c, c)]
        forward += ["        out = F.relu(self.bn_a(self.conv_a(x)))", "        out = self.conv_b(out)",
                    r.choice(["        x = out + x", "        out += x\n        x = out", "        x = F.relu(out + x)"])]
    elif block == "cat":
        c2 = r.randint(1, 8)
        init += ["        self.branch1 = nn.Conv2d(%d, %d, 1)" % (c, c2),
                 "        self.branch3 = nn.Conv2d(%d, %d, 3, padding=1)" % (c, c2)]
        forward += ["        x = torch.cat([self.branch1(x), self.branch3(x)], dim=1)"]
        y = torch.zeros(y.shape[0], 2 * c2, y.shape[2], y.shape[3])
    elif block == "interp":
        text = r.choice(["F.interpolate(x, scale_factor=2)", "F.interpolate(x, size=(%d, %d), mode='bilinear', align_corners=False)"
                         % (r.randint(3, 20), r.randint(3, 20)), "F.interpolate(x, scale_factor=1.5, mode='nearest')",
                         "F.interpolate(x, scale_factor=0.5)"])
        forward += ["        x = " + text]
        y = eval(text, {"F": F, "x": y})
    elif block == "pool" and min(y.shape[2], y.shape[3]) >= 2:
        forward += ["        x = F.max_pool2d(F.relu(x), 2)"]
        y = F.max_pool2d(y, 2)
    if y.shape[2] < 1 or y.shape[3] < 1:
        return None
    features = y[0].numel()
    hidden = r.randint(4, 32)
    init += ["        self.fc1 = nn.Linear(%d, %d)" % (features, hidden),
             "        self.drop = nn.Dropout(0.5)",
             "        self.fc2 = nn.Linear(%d, %d)" % (hidden, r.randint(2, 10))]
    forward += ["        x = " + flatten_text(r) % {"f": features}, "        x = self.drop(F.relu(self.fc1(x)))",
                "        return self.fc2(x)"]
    text = HEADER + "\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n%s\n\n    def forward(self, x):\n%s\n\n\nmodel = Net()\n" % (
        "\n".join(init), "\n".join(forward))
    return text, size


def unflatten_script(r):
    """(N, F) -> Linear -> Unflatten or view to an image -> convolutions."""
    c, h, w = r.randint(1, 8), r.randint(2, 8), r.randint(2, 8)
    size = [r.randint(1, 3), r.randint(4, 64)]
    x = torch.zeros(size[0], c, h, w)
    texts, y = image_chain(r, x, r.randint(1, 4))
    how = r.randint(0, 4)
    if how == 4:
        # (N, F) -> (N, 1, F) for a Conv1d, and back.
        k = r.randint(1, 5)
        text = HEADER + ("\n\nclass Signal(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                         "        self.conv = nn.Conv1d(1, 1, %d, padding=%d)\n        self.fc = nn.Linear(%d, 3)\n\n"
                         "    def forward(self, x):\n        x = self.conv(%s)\n        return self.fc(%s)\n\n\n"
                         "model = Signal()\n") % (k, k // 2, size[1] + 2 * (k // 2) - k + 1,
                                                  r.choice(["x.unsqueeze(1)", "torch.unsqueeze(x, 1)", "x.unsqueeze(-2)"]),
                                                  r.choice(["x.squeeze(1)", "torch.squeeze(x, 1)", "x.squeeze(-2)"]))
        return text, size
    if how == 0:
        return HEADER + "model = nn.Sequential(nn.Linear(%d, %d), nn.ReLU(), nn.Unflatten(1, (%d, %d, %s)), %s)\n" % (
            size[1], c * h * w, c, h, r.choice([str(w), "-1"]), ", ".join(texts)), size
    if how == 1:
        return HEADER + "model = nn.Sequential(nn.Linear(%d, %d), nn.Unflatten(1, (%d, %d)), nn.Conv1d(%d, 4, 1))\n" % (
            size[1], c * h, c, h, c), size
    view = r.choice(["x.view(x.size(0), %d, %d, %d)" % (c, h, w), "x.view(-1, %d, %d, %d)" % (c, h, w),
                     "x.reshape(x.shape[0], %d, %d, -1)" % (c, h), "x.unsqueeze(1)" if c == 1 and h == 1 else
                     "x.view(x.size(0), -1, %d, %d)" % (h, w)])
    text = HEADER + ("\n\nclass Decoder(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                     "        self.fc = nn.Linear(%d, %d)\n        self.body = nn.Sequential(%s)\n\n"
                     "    def forward(self, x):\n        x = self.fc(x)\n        x = %s\n        return self.body(x)\n\n\n"
                     "model = Decoder()\n") % (size[1], c * h * w, ", ".join(texts), view)
    return text, size


FREEZES = [
    "for p in model.parameters():\n    p.requires_grad = False\n",
    "for p in model.features.parameters():\n    p.requires_grad = False\n",
    "model.features.requires_grad_(False)\n",
    "for name, p in model.named_parameters():\n    if 'fc2' not in name:\n        p.requires_grad = False\n",
    "for name, param in model.named_parameters():\n    if 'features' in name:\n        param.requires_grad = False\n",
    "model.requires_grad_(False)\n",
    "for param in model.features.parameters():\n    param.requires_grad_(False)\n",
    "for name, p in model.named_parameters():\n    if not name.startswith('fc'):\n        p.requires_grad = False\n",
    "for name, p in model.named_parameters():\n    p.requires_grad = name.startswith('fc2')\n",
    "model.fc1.weight.requires_grad = False\nmodel.fc1.bias.requires_grad = False\n",
    "for child in list(model.children())[:-1]:\n    for p in child.parameters():\n        p.requires_grad = False\n",
    "for m in model.modules():\n    for p in m.parameters():\n        p.requires_grad = False\n",
    "for name, module in model.named_children():\n    if name == 'features':\n        module.requires_grad_(False)\n",
]


def frozen_script(r):
    made = class_script(r)
    if made is None:
        return None
    text, size = made
    text += r.choice(FREEZES)
    if r.random() < 0.5:
        # A replaced head after freezing: its parameters are new, so trainable.
        hidden = int(text.split("self.fc2 = nn.Linear(")[1].split(",")[0])
        text += "model.fc2 = nn.Linear(%d, %d)\n" % (hidden, r.randint(2, 12))
    return text, size


def wrong_script(r, k):
    """A script PyTorch refuses, and the attribute path of the module it is about."""
    size = random_image_input(r)
    x = torch.zeros(*size)
    texts, y = image_chain(r, x, r.randint(1, 3))
    c, h, w = y.shape[1], y.shape[2], y.shape[3]
    kind = k % 8
    where = str(len(texts))
    if kind == 0:  # Linear in_features
        texts += ["nn.Flatten()", "nn.Linear(%d, 10)" % (y[0].numel() + r.choice([-3, 1, 7, 100]))]
        where = str(len(texts) - 1)
    elif kind == 1:  # in_channels
        texts.append("nn.Conv2d(%d, 8, 3, padding=1)" % (c + r.randint(1, 5)))
    elif kind == 2:  # padding='same' with a stride
        texts.append("nn.Conv2d(%d, 8, 3, stride=2, padding='same')" % c)
    elif kind == 3:  # a kernel larger than the padded input
        texts.append("nn.Conv2d(%d, 4, %d)" % (c, max(h, w) + r.randint(1, 4)))
    elif kind == 4:  # groups that do not divide in_channels
        g = r.choice([g for g in (2, 3, 4, 5) if c % g != 0] or [c + 1])
        texts.append("nn.Conv2d(%d, %d, 3, padding=1, groups=%d)" % (c, 4 * g, g))
    elif kind == 6:  # a pooling padded more than half its window
        texts.append(r.choice(["nn.MaxPool2d(3, padding=2)", "nn.AvgPool2d(2, padding=2)", "nn.MaxPool2d(4, stride=1, padding=3)"]))
    elif kind == 7:  # reflection padding past the input's edge
        texts.append("nn.Conv2d(%d, 4, 3, padding=%d, padding_mode='%s')" % (c, min(h, w) + r.randint(0, 1), "reflect"))
    else:  # groups that divide in_channels but not out_channels
        g = r.choice([g for g in divisors(c) if g > 1] or [1])
        if g == 1:
            texts.append("nn.Conv2d(%d, 8, 3, padding=1, groups=%d)" % (c, c + 1))
        else:
            texts.append("nn.Conv2d(%d, %d, 3, padding=1, groups=%d)" % (c, g + 1, g))
    if r.random() < 0.5:
        return HEADER + "model = nn.Sequential(\n    %s,\n)\n" % ",\n    ".join(texts), size, where
    text = HEADER + ("\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                     "        self.layers = nn.Sequential(%s)\n\n    def forward(self, x):\n        return self.layers(x)\n\n\n"
                     "model = Net()\n") % ", ".join(texts)
    return text, size, "layers." + where


def run(text, size):
    """PyTorch's leaves and totals for the script, or its error."""
    namespace = {"__name__": "generated"}
    try:
        exec(compile(text, "generated.py", "exec"), namespace)
    except (ValueError, RuntimeError) as e:
        return None, str(e)
    model = namespace["model"]
    names = {id(m): n for n, m in model.named_modules()}
    leaves = []

    def hook(module, inputs, output):
        leaves.append([names[id(module)], type(module).__name__, list(output.shape),
                       sum(p.numel() for p in module.parameters())])

    handles = [m.register_forward_hook(hook) for m in model.modules() if not list(m.children())]
    model.eval()
    try:
        with torch.no_grad():
            model(torch.randn(*size))
    except RuntimeError as e:
        return None, str(e)
    finally:
        for h in handles:
            h.remove()
    called = {n for n, _, _, _ in leaves}
    for n, m in model.named_modules():
        if not list(m.children()) and n not in called and n != "":
            return None, "never called: " + n  # not a kind this file tests
    totals = [sum(p.numel() for p in model.parameters()), sum(p.numel() for p in model.parameters() if p.requires_grad)]
    return {"leaves": leaves, "totals": totals}, None


def main():
    torch.manual_seed(0)
    r = random.Random(20261208)
    makers = [(sequential_script, 90), (class_script, 60), (sequence_script, 40), (unflatten_script, 30), (frozen_script, 50)]
    scripts = []
    for maker, count in makers:
        made = 0
        while made < count:
            got = maker(r)
            if got is None:
                continue
            text, size = got
            result, error = run(text, size)
            if error:
                continue  # not valid PyTorch after all: draw another
            scripts.append({"kind": maker.__name__, "script": text, "input_size": size, **result})
            made += 1
    wrong = 0
    k = 0
    while wrong < 30:
        text, size, where = wrong_script(r, k)
        k += 1
        result, error = run(text, size)
        if not error:
            continue
        scripts.append({"kind": "wrong", "script": text, "input_size": size, "error": error.split("\n")[0], "module": where})
        wrong += 1
    out = {"made_by": "tools/make_torch_generated.py with torch " + torch.__version__ + ", seed 20261208",
           "leaf": ["attribute path", "class", "output shape", "Param #"], "totals": ["total", "trainable"],
           "scripts": scripts}
    with open(OUT, "w") as f:
        f.write("{\"made_by\": %s,\n \"leaf\": %s,\n \"totals\": %s,\n \"scripts\": [\n" % (
            json.dumps(out["made_by"]), json.dumps(out["leaf"]), json.dumps(out["totals"])))
        f.write(",\n".join("  " + json.dumps(s, separators=(",", ":")) for s in scripts))
        f.write("\n]}\n")
    print("wrote", os.path.normpath(OUT), "-", len(scripts), "scripts,", wrong, "of them wrong,",
          os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
