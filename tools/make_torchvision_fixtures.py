#!/usr/bin/python3
# make_torchvision_fixtures.py: builds each torchvision network ConvLab has a
# preset for (weights=None, default arguments), runs it once in eval mode over
# a (1, 3, H, W) input with a forward hook on every leaf module, and writes what
# tests/core/test_torchvision_presets.cpp compares ConvLab's own sources
# (src/core/applications/torchvision/*.py) against: the totals, and every
# called leaf's attribute path, class, output shape and parameter count.
# Run by hand when a preset changes (not by the test command):
#     /usr/bin/python3 tools/make_torchvision_fixtures.py
# Needs Debian's python3-torchvision (0.14.1). Writes tests/data/torchvision_fixtures.json.
#     /usr/bin/python3 tools/make_torchvision_fixtures.py --check-sources
# runs ConvLab's own sources in real PyTorch instead and checks that each
# builds torchvision's network: the same called leaves (path, class, output
# shape, parameters) and the same total, including the networks ConvLab's
# reader cannot read yet. Writes nothing; exits 1 on a difference.
import json
import os
import sys

import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))

# torchvision's builder and its input side (its weights' transforms crop to it).
MODELS = [
    ("alexnet", 224), ("vgg11", 224), ("vgg16", 224), ("vgg19", 224),
    ("resnet18", 224), ("resnet34", 224), ("resnet50", 224), ("resnet101", 224), ("resnet152", 224),
    ("wide_resnet50_2", 224), ("resnext50_32x4d", 224),
    ("densenet121", 224), ("densenet201", 224),
    ("squeezenet1_0", 224), ("squeezenet1_1", 224),
    ("mobilenet_v2", 224), ("mobilenet_v3_small", 224), ("mobilenet_v3_large", 224),
    ("shufflenet_v2_x1_0", 224), ("mnasnet1_0", 224),
    ("efficientnet_b0", 224), ("efficientnet_v2_s", 384),
    ("googlenet", 224), ("inception_v3", 299),
    ("regnet_y_400mf", 224), ("convnext_tiny", 224),
]

# The auxiliary classifiers forward() calls only in training: their parameters
# are in the total, their leaves never run in eval mode.
AUX_HEADS = {"googlenet": ["aux1", "aux2"], "inception_v3": ["AuxLogits"]}


def count(module):
    return sum(p.numel() for p in module.parameters())


def trace(model, side):
    names = {id(m): n for n, m in model.named_modules()}
    leaves = []

    def hook(module, inputs, output):
        # Compact: [path, class, output shape, params].
        leaves.append([names[id(module)], type(module).__name__, list(output.shape), count(module)])

    handles = [m.register_forward_hook(hook) for m in model.modules() if not list(m.children())]
    model.eval()
    with torch.no_grad():
        model(torch.randn(1, 3, side, side))
    for h in handles:
        h.remove()
    return leaves


# The source file of ConvLab's that defines each builder (src/core/applications/torchvision/).
FAMILIES = {
    "alexnet": "alexnet", "vgg": "vgg", "resnet": "resnet", "wide_resnet": "resnet", "resnext": "resnet",
    "densenet": "densenet", "squeezenet": "squeezenet", "mobilenet_v2": "mobilenet_v2",
    "mobilenet_v3": "mobilenet_v3", "shufflenet_v2": "shufflenet_v2", "mnasnet": "mnasnet",
    "efficientnet": "efficientnet", "googlenet": "googlenet", "inception": "inception", "regnet": "regnet",
    "convnext": "convnext",
}


def own_model(name):
    family = next(FAMILIES[prefix] for prefix in sorted(FAMILIES, key=len, reverse=True) if name.startswith(prefix))
    path = os.path.join(HERE, "..", "src", "core", "applications", "torchvision", family + ".py")
    namespace = {"__name__": "convlab_source"}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), namespace)
    return namespace[name]()


def check_sources():
    torch.manual_seed(0)
    differ = 0
    for name, side in MODELS:
        theirs = getattr(torchvision.models, name)(weights=None)
        ours = own_model(name)
        want, got = trace(theirs, side), trace(ours, side)
        same = want == got and count(theirs) == count(ours)
        print(("same   " if same else "DIFFER ") + name, count(ours), len(got))
        if not same:
            differ += 1
            for k, (a, b) in enumerate(zip(want, got)):
                if a != b:
                    print("  first difference at leaf", k, "torchvision", a, "ours", b)
                    break
    sys.exit(1 if differ else 0)


def main():
    if sys.argv[1:] == ["--check-sources"]:
        check_sources()
    torch.manual_seed(0)
    models = []
    for name, side in MODELS:
        model = getattr(torchvision.models, name)(weights=None)
        entry = {
            "name": name,
            "input_size": [1, 3, side, side],
            "total_params": count(model),
            "trainable_params": sum(p.numel() for p in model.parameters() if p.requires_grad),
            "aux_params": sum(count(getattr(model, a)) for a in AUX_HEADS.get(name, [])),
        }
        entry["leaves"] = trace(model, side)
        entry["leaf_count"] = len(entry["leaves"])
        models.append(entry)
        print(name, entry["total_params"], entry["leaf_count"])
    out = {"made_by": "tools/make_torchvision_fixtures.py with torch " + torch.__version__ +
           ", torchvision " + torchvision.__version__, "models": models}
    # One leaf per line, no spaces: small, and a diff shows which module changed.
    lines = ["{\"made_by\":" + json.dumps(out["made_by"]) + ",\"models\":["]
    for k, m in enumerate(models):
        head = {key: value for key, value in m.items() if key != "leaves"}
        lines.append(json.dumps(head, separators=(",", ":"))[:-1] + ",\"leaves\":[")
        lines.append(",\n".join(json.dumps(leaf, separators=(",", ":")) for leaf in m["leaves"]))
        lines.append("]}" + ("," if k + 1 < len(models) else ""))
    lines.append("]}")
    path = os.path.join(HERE, "..", "tests", "data", "torchvision_fixtures.json")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
