#!/usr/bin/python3
# make_torch_fixtures.py: runs the PyTorch test scripts (tests/data/torch/*.py)
# in real PyTorch and writes what tests/core/test_import_torch_python.cpp
# compares ConvLab against: every leaf module's output shape and parameter
# count in call order, the totals, and PyTorch's own error for a script it
# refuses. Run by hand when a script changes (not by the test command):
#     /usr/bin/python3 tools/make_torch_fixtures.py
# Needs Debian's python3-torch (1.13.1). Writes tests/data/torch_fixtures.json.
import json
import os
import sys
import types

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data", "torch")

# Each script, how its model is made once the script has run, and the input
# size ConvLab is given (the script's own where it has one).
CASES = [
    ("seed_model.py", "model", (1, 1, 28, 28)),
    ("mnist_net.py", "Net()", (1, 1, 28, 28)),
    ("mnist_net_9000.py", "Net()", (1, 1, 28, 28)),
    ("resnet_block.py", "model", (2, 3, 32, 32)),
    ("features_classifier.py", "net", (1, 3, 32, 32)),
    ("tiny_decoder.py", "TinyDecoder()", (1, 3, 16, 15)),
    ("replaced_head.py", "model", (2, 3, 8, 8)),
    ("aux_head_net.py", "model", (2, 3, 16, 16)),
    ("torchinfo_resnet18.py", "model", (1, 3, 224, 224)),
    ("layer_kinds_2d.py", "model", (2, 3, 16, 16)),
    ("layer_kinds_1d.py", "model", (3, 4, 32)),
    ("uncalled_kinds.py", "model", (1, 3, 8, 8)),
    ("pool_upsample_kinds.py", "model", (2, 3, 16, 16)),
]


def run_script(path):
    # The scripts call torchinfo.summary, which Debian does not package: a stand-in
    # that does nothing lets them run; the trace below is ours.
    stub = types.ModuleType("torchinfo")
    stub.summary = lambda *args, **kwargs: None
    sys.modules["torchinfo"] = stub
    namespace = {"__name__": "fixture"}  # not "__main__": no training code runs
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), namespace)
    return namespace


def trace(model, size):
    names = {id(m): n for n, m in model.named_modules()}
    leaves = []

    def hook(module, inputs, output):
        leaves.append({
            "name": names[id(module)],
            "class": type(module).__name__,
            "output": list(output.shape),
            "params": sum(p.numel() for p in module.parameters()),
        })

    handles = [m.register_forward_hook(hook) for m in model.modules() if not list(m.children())]
    model.eval()
    try:
        with torch.no_grad():
            model(torch.randn(*size))
        error = None
    except RuntimeError as e:
        error = str(e)
    for h in handles:
        h.remove()
    return leaves, error


def main():
    torch.manual_seed(0)
    models = []
    for script, make, size in CASES:
        namespace = run_script(os.path.join(DATA, script))
        model = eval(make, namespace)
        leaves, error = trace(model, size)
        entry = {"script": script, "input_size": list(size)}
        if error:
            entry["error"] = error
        else:
            entry["leaves"] = leaves
            entry["total_params"] = sum(p.numel() for p in model.parameters())
            entry["trainable_params"] = sum(p.numel() for p in model.parameters() if p.requires_grad)
        models.append(entry)
    out = {"made_by": "tools/make_torch_fixtures.py with torch " + torch.__version__, "models": models}
    path = os.path.join(HERE, "..", "tests", "data", "torch_fixtures.json")
    # One leaf per line: small, and a diff shows which module changed.
    text = json.dumps(out, indent=1)
    for m in models:
        for leaf in m.get("leaves", []):
            text = text.replace(json.dumps(leaf, indent=1).replace("\n", "\n    "), json.dumps(leaf), 1)
    with open(path, "w") as f:
        f.write(text + "\n")
    print("wrote", os.path.normpath(path), "-", len(models), "models")


if __name__ == "__main__":
    main()
