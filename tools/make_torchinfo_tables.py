#!/usr/bin/python3
# make_torchinfo_tables.py: runs torchinfo 1.8.0 itself on ConvLab's PyTorch
# test scripts and writes the tables it prints, for
# tests/core/test_import_torch_python.cpp to compare ConvLab's table with,
# byte for byte. torchinfo is not packaged by Debian; it is pure Python, so
# its source is used as it is, from a copy of its repository at tag v1.8.0:
#     git -C torchinfo archive v1.8.0 | tar -x -C /tmp/torchinfo-1.8.0
#     /usr/bin/python3 tools/make_torchinfo_tables.py /tmp/torchinfo-1.8.0
# Run by hand (not by the test command); needs Debian's python3-torch (1.13.1).
# Writes tests/data/torchinfo_tables.json.
#
# One correction: torchinfo prints its mult-adds unit with an f-string of a
# (str, Enum) member, which Python 3.11 and later render as "Units.MEGABYTES"
# where the Pythons torchinfo 1.8 was released for printed the value, "M"
# (its own tests/test_output/*.out say "Total mult-adds (M): 0.98"). The
# member's name is mapped back to its value; nothing else is touched.
import io
import json
import os
import sys
import types
from contextlib import redirect_stdout

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data", "torch")

ALL_COLUMNS = ["kernel_size", "input_size", "output_size", "num_params", "params_percent", "mult_adds", "trainable"]

# Each script, how its model is made once the script has run, the input size,
# and summary()'s depth and columns.
CASES = [
    ("layer_kinds_2d.py", "model", (2, 3, 16, 16), 3, ALL_COLUMNS),
    ("layer_kinds_1d.py", "model", (3, 4, 32), 3, ALL_COLUMNS),
    ("aux_head_net.py", "model", (2, 3, 16, 16), 3, ALL_COLUMNS),
    ("aux_head_net.py", "model", (2, 3, 16, 16), 1, ["output_size", "num_params", "mult_adds"]),
    ("resnet_block.py", "model", (2, 3, 32, 32), 3, ALL_COLUMNS),
    ("resnet_block.py", "model", (2, 3, 32, 32), 2, ["output_size", "num_params", "mult_adds"]),
    ("tiny_decoder.py", "TinyDecoder()", (1, 3, 16, 15), 3, ALL_COLUMNS),
    ("replaced_head.py", "model", (2, 3, 8, 8), 3, ALL_COLUMNS),
    ("mnist_net.py", "Net()", (1, 1, 28, 28), 3, ALL_COLUMNS),
    ("features_classifier.py", "net", (1, 3, 32, 32), 3, ALL_COLUMNS),
    ("torchinfo_resnet18.py", "model", (1, 3, 224, 224), 2, ["output_size", "num_params", "mult_adds"]),
    ("deep_names.py", "model", (1, 3, 8, 8), 3, ALL_COLUMNS),
    ("deep_names.py", "model", (1, 3, 8, 8), 6, ["output_size", "num_params", "mult_adds", "trainable"]),
    ("deep_names.py", "model", (1, 3, 8, 8), 4, ["num_params", "params_percent", "mult_adds"]),
    ("uncalled_kinds.py", "model", (1, 3, 8, 8), 3, ALL_COLUMNS),
]


def run_script(path):
    # The scripts call torchinfo.summary: a stand-in that does nothing while
    # the script runs; the real one is called below.
    stub = types.ModuleType("torchinfo")
    stub.summary = lambda *args, **kwargs: None
    saved = sys.modules.get("torchinfo")
    sys.modules["torchinfo"] = stub
    namespace = {"__name__": "fixture"}
    try:
        with open(path) as f:
            exec(compile(f.read(), path, "exec"), namespace)
    finally:
        if saved is not None:
            sys.modules["torchinfo"] = saved
        else:
            del sys.modules["torchinfo"]
    return namespace


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_torchinfo_tables.py TORCHINFO_1.8.0_SOURCE_DIR")
    sys.path.insert(0, sys.argv[1])
    import torchinfo
    from torchinfo.enums import Units

    if torchinfo.__version__ != "1.8.0":
        sys.exit("torchinfo " + torchinfo.__version__ + " found; the tables are torchinfo 1.8.0's")
    torch.manual_seed(0)
    tables = []
    for script, make, size, depth, columns in CASES:
        namespace = run_script(os.path.join(DATA, script))
        model = eval(make, namespace)
        printed = io.StringIO()
        with redirect_stdout(printed):
            torchinfo.summary(model, input_size=size, depth=depth, col_names=columns, verbose=1)
        text = printed.getvalue()
        for unit in Units:
            text = text.replace("(" + str(unit) + ")", "(" + unit.value + ")")
        tables.append({"script": script, "input_size": list(size), "depth": depth, "columns": columns, "table": text})
    out = {"made_by": "tools/make_torchinfo_tables.py: torchinfo " + torchinfo.__version__ + " with torch " + torch.__version__,
           "tables": tables}
    path = os.path.join(HERE, "..", "tests", "data", "torchinfo_tables.json")
    with open(path, "w") as f:
        f.write(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print("wrote", os.path.normpath(path), "-", len(tables), "tables")


if __name__ == "__main__":
    main()
