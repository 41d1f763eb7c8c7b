// test_import_torch_python.cpp: PyTorch code read into a model and checked
// against PyTorch itself: tests/data/torch_fixtures.json holds, for each
// script in tests/data/torch/, every leaf module's output shape and Param #
// in call order and the totals, as PyTorch 1.13.1 (Debian's python3-torch)
// computed them (tools/make_torch_fixtures.py, run by hand), or the error
// PyTorch raised. Then PyTorch's errors as ConvLab explains them, and the
// dialect flags. Reference: torch.nn's documentation (1.13).
#include <doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/analysis/model_summary.h"
#include "core/io/import_torch_python.h"
#include "core/io/json.h"
#include "core/io/summary_format.h"

using namespace convlab;

namespace {

std::string read_file(const std::string& relative) {
    std::ifstream in(std::string(CONVLAB_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), relative);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A script's model, summarised; fails the test when either step fails.
ModelSummary summary_of(const ImportResult& r) {
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary summary;
    Problem problem;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras2, &summary, &problem), problem.message);
    return summary;
}

int64_t leaf_params(const ModelSummary& summary, int layer) {
    for (const LayerSummary& row : summary.layers)
        if (row.index == layer) return row.analysis.params;
    return -1;
}

}  // namespace

TEST_CASE("pytorch: every fixture script matches PyTorch 1.13 leaf by leaf, shapes, Param # and totals") {
    JsonValue root;
    JsonError error;
    REQUIRE(parse_json(read_file("tests/data/torch_fixtures.json"), &root, &error));
    const JsonValue* models = root.find("models");
    REQUIRE(models != nullptr);
    int compared = 0;
    for (const JsonValue& m : models->items) {
        const std::string script = m.find("script")->string;
        CAPTURE(script);
        std::vector<int64_t> size;
        for (const JsonValue& d : m.find("input_size")->items) size.push_back(d.integer);
        const ImportResult r = import_torch_python(read_file("tests/data/torch/" + script), &size);
        if (const JsonValue* torch_error = m.find("error")) {
            // PyTorch: "mat1 and mat2 shapes cannot be multiplied (1x9216 and 9000x128)"; ConvLab says it before running.
            REQUIRE_FALSE(r.ok);
            CHECK(contains(torch_error->string, "9216"));
            CHECK(contains(r.error, "9216"));
            ++compared;
            continue;
        }
        const ModelSummary summary = summary_of(r);
        // PyTorch's leaves are modules without children: an empty nn.Sequential() (an identity shortcut) is one.
        std::vector<const TorchRow*> leaves;
        for (const TorchRow& row : r.model.torch_rows)
            if (row.layer >= 0 || (row.depth > 0 && row.leaves.empty())) leaves.push_back(&row);
        const std::vector<JsonValue>& expected = m.find("leaves")->items;
        REQUIRE(leaves.size() == expected.size());
        for (size_t k = 0; k < leaves.size(); ++k) {
            const JsonValue& want = expected[k];
            CAPTURE(want.find("name")->string);
            CHECK(leaves[k]->name == want.find("name")->string);
            CHECK(leaves[k]->class_name == want.find("class")->string);
            std::vector<int64_t> shape;
            for (const JsonValue& d : want.find("output")->items) shape.push_back(d.integer);
            CHECK(leaves[k]->output == shape);
            // A module of the script without children (Scale) holds only its own nn.Parameters.
            CHECK((leaves[k]->layer < 0 ? 0 : leaf_params(summary, leaves[k]->layer)) + leaves[k]->own_params ==
                  want.find("params")->integer);
        }
        CHECK(summary.total_params == m.find("total_params")->integer);
        CHECK(summary.trainable_params == m.find("trainable_params")->integer);
        ++compared;
    }
    CHECK(compared == 13);
}

// tests/data/torch_generated.json: 300 scripts tools/make_torch_generated.py
// drew at random (fixed seed) from the kinds ConvLab reads, each run in PyTorch
// 1.13.1 with a hook on every leaf. A leaf is [path, class, output, Param #].
TEST_CASE("pytorch: 300 generated scripts match PyTorch 1.13 leaf by leaf, and the wrong ones are refused by module") {
    JsonValue root;
    JsonError error;
    REQUIRE(parse_json(read_file("tests/data/torch_generated.json"), &root, &error));
    const JsonValue* scripts = root.find("scripts");
    REQUIRE(scripts != nullptr);
    int matched = 0, refused = 0, index = 0;
    for (const JsonValue& s : scripts->items) {
        const std::string script = s.find("script")->string;
        CAPTURE(index++);
        CAPTURE(script);
        std::vector<int64_t> size;
        for (const JsonValue& d : s.find("input_size")->items) size.push_back(d.integer);
        const ImportResult r = import_torch_python(script, &size);
        if (const JsonValue* torch_error = s.find("error")) {
            // PyTorch refused it; ConvLab must too, naming the module by its attribute path.
            const std::string path = s.find("module")->string;
            CAPTURE(torch_error->string);
            CAPTURE(r.error);
            CHECK_FALSE(r.ok);
            const bool named = contains(r.error, path + " (") || contains(r.error, "in " + path + ":");
            CHECK(named);
            refused += !r.ok && named;
            continue;
        }
        CAPTURE(r.error);
        REQUIRE(r.ok);
        ModelSummary summary;
        Problem problem;
        REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras2, &summary, &problem), problem.message);
        std::vector<const TorchRow*> leaves;
        for (const TorchRow& row : r.model.torch_rows)
            if (row.layer >= 0 || (row.depth > 0 && row.leaves.empty())) leaves.push_back(&row);
        const std::vector<JsonValue>& expected = s.find("leaves")->items;
        REQUIRE(leaves.size() == expected.size());
        bool same = true;
        for (size_t k = 0; k < leaves.size(); ++k) {
            const std::vector<JsonValue>& want = expected[k].items;
            std::vector<int64_t> shape;
            for (const JsonValue& d : want[2].items) shape.push_back(d.integer);
            const int64_t params = (leaves[k]->layer < 0 ? 0 : leaf_params(summary, leaves[k]->layer)) + leaves[k]->own_params;
            CAPTURE(want[0].string);
            CHECK(leaves[k]->name == want[0].string);
            CHECK(leaves[k]->class_name == want[1].string);
            CHECK(leaves[k]->output == shape);
            CHECK(params == want[3].integer);
            same = same && leaves[k]->name == want[0].string && leaves[k]->class_name == want[1].string &&
                   leaves[k]->output == shape && params == want[3].integer;
        }
        const std::vector<JsonValue>& totals = s.find("totals")->items;
        CHECK(summary.total_params == totals[0].integer);
        CHECK(summary.trainable_params == totals[1].integer);
        matched += same && summary.total_params == totals[0].integer && summary.trainable_params == totals[1].integer;
    }
    MESSAGE("generated scripts: " << matched << " matched PyTorch, " << refused << " refused as PyTorch refuses them");
    CHECK(matched == 270);
    CHECK(refused == 30);
}

TEST_CASE("pytorch: the seed model as nn.Sequential gives 18,207 for nn.Conv2d(32, 63, 3)") {
    const ImportResult r = import_torch_python(read_file("tests/data/torch/seed_model.py"));
    const ModelSummary summary = summary_of(r);
    REQUIRE(r.model.torch_rows.size() == 12);
    CHECK(r.model.torch_rows[3].name == "2");
    CHECK(leaf_params(summary, r.model.torch_rows[3].layer) == 18207);  // (3·3·32 + 1)·63
    const std::string table = format_summary_torchinfo(r.model, summary);
    CHECK(contains(table, "├─Conv2d: 1-3                            [1, 63, 24, 24]           18,207\n"));
    CHECK(contains(table, "Total params: 1,181,161\n"));
}

TEST_CASE("pytorch: pytorch/examples' MNIST Net totals 1,199,882, and explain says it in PyTorch's terms") {
    const std::vector<int64_t> size = {1, 1, 28, 28};
    const ImportResult r = import_torch_python(read_file("tests/data/torch/mnist_net.py"), &size);
    const ModelSummary summary = summary_of(r);
    CHECK(summary.total_params == 1199882);
    CHECK(summary.non_trainable_params == 0);
    const std::string explained = format_explanation_torch(r.model, summary, 1);
    CHECK(contains(explained, "conv2 (Conv2d)"));
    CHECK(contains(explained, "(in_channels / groups) · Kh · Kw · out_channels + out_channels = (32 / 1) · 3 · 3 · 64 + 64 = 18,496"));
}

TEST_CASE("pytorch: the MNIST Net without a size in the script asks for one") {
    const ImportResult r = import_torch_python(read_file("tests/data/torch/mnist_net.py"));
    CHECK_FALSE(r.ok);
    CHECK(r.missing_input_shape);
    CHECK(contains(r.error, "--input-size"));
}

TEST_CASE("pytorch: fc1 = nn.Linear(9000, 128) is refused naming 9216 = 64 × 12 × 12 and where it comes from") {
    const std::vector<int64_t> size = {1, 1, 28, 28};
    const ImportResult r = import_torch_python(read_file("tests/data/torch/mnist_net_9000.py"), &size);
    REQUIRE_FALSE(r.ok);
    CHECK(r.message.code == MsgCode::TorchLinearInFeatures);
    CHECK(r.line == 15);  // where fc1 is made
    CHECK(contains(r.error, "fc1 (Linear) has in_features=9000"));
    CHECK(contains(r.error, "9216 = 64 × 12 × 12"));
    CHECK(contains(r.error, "conv2 → F.max_pool2d"));
    CHECK(contains(r.error, "write nn.Linear(9216, 128)"));
}

TEST_CASE("pytorch: BatchNorm2d(64) counts 128 parameters; its running statistics are buffers") {
    const std::string code = R"(
import torch.nn as nn
model = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.BatchNorm2d(64, affine=False))
)";
    const std::vector<int64_t> size = {1, 3, 8, 8};
    const ImportResult r = import_torch_python(code, &size);
    const ModelSummary summary = summary_of(r);
    CHECK(leaf_params(summary, r.model.torch_rows[2].layer) == 128);  // weight and bias, 64 each
    CHECK(leaf_params(summary, r.model.torch_rows[3].layer) == 0);    // affine=False: none
    CHECK(summary.total_params == 3 * 3 * 3 * 64 + 128);
    CHECK(summary.non_trainable_params == 0);
    CHECK(r.model.torch_rows[1].output == std::vector<int64_t>{1, 64, 8, 8});  // padding=1 keeps 8×8
}

TEST_CASE("pytorch: a Conv2d whose in_channels differ from what arrives is named by its attribute path") {
    const std::string code = R"(
import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 32, 3))
    def forward(self, x):
        return self.features(x)
net = Net()
out = net(torch.randn(1, 3, 32, 32))
)";
    const ImportResult r = import_torch_python(code);
    REQUIRE_FALSE(r.ok);
    CHECK(r.message.code == MsgCode::TorchInChannels);
    CHECK(contains(r.error, "features.3 (Conv2d) has in_channels=32, but the tensor reaching it has 16 channels"));
}

TEST_CASE("pytorch: padding='same' with stride 2 is refused as PyTorch refuses it") {
    const std::string code = R"(
import torch.nn as nn
model = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding='same'))
)";
    const std::vector<int64_t> size = {1, 3, 32, 32};
    const ImportResult r = import_torch_python(code, &size);
    REQUIRE_FALSE(r.ok);
    CHECK(r.message.code == MsgCode::TorchSameStride);
    CHECK(contains(r.error, "0 (Conv2d) has padding='same' with stride 2×2"));
    CHECK(contains(r.error, "padding=1"));
}

TEST_CASE("pytorch: a residual block's shortcut under `if stride != 1` and `out += self.shortcut(x)`") {
    const ImportResult r = import_torch_python(read_file("tests/data/torch/resnet_block.py"));
    const ModelSummary summary = summary_of(r);
    CHECK(r.model.torch_input_size == std::vector<int64_t>{2, 3, 32, 32});  // from summary(model, input_size=...)
    bool projection = false;
    for (const TorchRow& row : r.model.torch_rows) projection = projection || row.name == "layer2.0.shortcut.0";
    CHECK(projection);
    const std::string table = format_summary_torchinfo(r.model, summary);
    // At torchinfo's depth 3 the shortcut's own conv and BN are hidden; its row carries their 512 + 64.
    CHECK(contains(table, "│    │    └─Sequential: 3-15             [2, 32, 16, 16]           576\n"));
    const std::string json = format_summary_torch_json(r.model, summary);
    CHECK(contains(json, R"({"name":"layer1.0.conv1","depth":3,"depth_index":1,"is_leaf":true,"class_name":"Conv2d","output_shape":[2,16,32,32],"params":2304,)"));
}

TEST_CASE("pytorch: ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1) doubles 9×9 to 18×18 with 292 parameters") {
    const std::string code = R"(
import torch.nn as nn
model = nn.Sequential(nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1))
)";
    const std::vector<int64_t> size = {1, 8, 9, 9};
    const ImportResult r = import_torch_python(code, &size);
    const ModelSummary summary = summary_of(r);
    CHECK(r.model.torch_rows[1].output == std::vector<int64_t>{1, 4, 18, 18});  // (9 − 1)·2 − 2·1 + 3 + 1
    CHECK(leaf_params(summary, r.model.torch_rows[1].layer) == 3 * 3 * 4 * 8 + 4);
    // PyTorch: "output padding must be smaller than either stride or dilation".
    const ImportResult big = import_torch_python("import torch.nn as nn\nmodel = nn.Sequential(nn.ConvTranspose2d(8, 4, 3, stride=2, output_padding=2))\n", &size);
    REQUIRE_FALSE(big.ok);
    CHECK(contains(big.error, "output_padding 2×2 must be smaller than either stride 2×2 or dilation 1×1"));
}

TEST_CASE("pytorch: GroupNorm(3, 8) is refused as PyTorch refuses it, named by its attribute path") {
    const std::string code = R"(
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.gn = nn.GroupNorm(3, 8)
    def forward(self, x):
        return self.gn(self.conv(x))
model = Net()
)";
    const std::vector<int64_t> size = {1, 3, 8, 8};
    const ImportResult r = import_torch_python(code, &size);
    REQUIRE_FALSE(r.ok);
    CHECK(r.message.code == MsgCode::TorchGroupNormGroups);
    CHECK(r.line == 7);
    CHECK(contains(r.error, "gn (GroupNorm) has num_channels=8 and num_groups=3"));
    CHECK(contains(r.error, "num_channels must be divisible by num_groups"));
}

TEST_CASE("pytorch: LayerNorm(5) on (1, 4, 3, 3) and PReLU(3) on 4 channels are refused with what arrives") {
    const std::vector<int64_t> size = {1, 4, 3, 3};
    const ImportResult ln = import_torch_python("import torch.nn as nn\nmodel = nn.Sequential(nn.LayerNorm(5))\n", &size);
    REQUIRE_FALSE(ln.ok);
    CHECK(ln.message.code == MsgCode::TorchLayerNormShape);
    CHECK(contains(ln.error, "0 (LayerNorm) has normalized_shape=(5), but the tensor reaching it is (1, 4, 3, 3)"));
    CHECK(contains(ln.error, "nn.LayerNorm(3)"));
    const ImportResult prelu = import_torch_python("import torch.nn as nn\nmodel = nn.Sequential(nn.PReLU(3))\n", &size);
    REQUIRE_FALSE(prelu.ok);
    CHECK(contains(prelu.error, "0 (PReLU) has num_parameters=3, but the tensor reaching it has 4 channels"));
}

TEST_CASE("pytorch: a replaced head and nn.Parameter attributes, counted on the module that holds them") {
    const ImportResult r = import_torch_python(read_file("tests/data/torch/replaced_head.py"));
    const ModelSummary summary = summary_of(r);
    CHECK(r.model.torch_input_size == std::vector<int64_t>{2, 3, 8, 8});  // from model(torch.randn(2, 3, 8, 8))
    REQUIRE(r.model.torch_rows.size() == 6);
    CHECK(r.model.torch_rows[0].own_params == 8 * 8 * 8 + 1);  // pos and temperature
    CHECK(r.model.torch_rows[0].own_trainable == 8 * 8 * 8);   // temperature has requires_grad=False
    CHECK(r.model.torch_rows[4].output == std::vector<int64_t>{2, 10});  // model.fc = nn.Linear(8, 10), not the 1000 it was made with
    CHECK(summary.non_trainable_params == 1);
    const std::string table = format_summary_torchinfo(r.model, summary);
    CHECK(contains(table, "Backbone                                 [2, 10]                   513\n"));
    CHECK(contains(table, "├─Scale: 1-2                             [2, 8, 8, 8]              8\n"));
}

TEST_CASE("pytorch: classes without an object: the one no other class names is the model when it needs no arguments") {
    const std::vector<int64_t> size = {1, 3, 16, 15};
    const ImportResult r = import_torch_python(read_file("tests/data/torch/tiny_decoder.py"), &size);
    const ModelSummary summary = summary_of(r);
    CHECK(r.model.torch_rows[0].class_name == "TinyDecoder");  // UpBlock is named by TinyDecoder
    CHECK(summary.total_params == 46781);
    // Two classes no other class names: which one is meant is not clear.
    const std::string two = R"(
import torch.nn as nn
class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(x)
class B(A):
    pass
class C(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)
    def forward(self, x):
        return self.fc(x)
)";
    const std::vector<int64_t> features = {1, 4};
    const ImportResult ambiguous = import_torch_python(two, &features);
    REQUIRE_FALSE(ambiguous.ok);
    CHECK(ambiguous.message.code == MsgCode::TorchNoModel);
    // One top-level class whose __init__ needs an argument: nothing to make it with.
    const std::string needs = R"(
import torch.nn as nn
class Net(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.fc = nn.Linear(4, num_classes)
    def forward(self, x):
        return self.fc(x)
)";
    const ImportResult argument = import_torch_python(needs, &features);
    REQUIRE_FALSE(argument.ok);
    CHECK(argument.message.code == MsgCode::TorchNoModel);
}

TEST_CASE("pytorch: Conv1d over (N, C, L) runs as Keras's Conv1D; counts as PyTorch 1.13 printed them") {
    // Expected values from /usr/bin/python3 with torch 1.13 on this very model and input (no fixture script: one rank per script).
    const std::string code = R"(
import torch.nn as nn
model = nn.Sequential(nn.Conv1d(4, 16, 5, stride=2, padding=2), nn.BatchNorm1d(16), nn.PReLU(16),
                      nn.Conv1d(16, 8, 3, dilation=2, bias=False), nn.LayerNorm(9), nn.Flatten(), nn.Linear(72, 3))
)";
    const std::vector<int64_t> size = {2, 4, 25};
    const ImportResult r = import_torch_python(code, &size);
    const ModelSummary summary = summary_of(r);
    REQUIRE(r.model.torch_rows.size() == 8);
    const std::vector<std::vector<int64_t>> outputs = {{2, 16, 13}, {2, 16, 13}, {2, 16, 13}, {2, 8, 9}, {2, 8, 9}, {2, 72}, {2, 3}};
    const std::vector<int64_t> params = {336, 32, 16, 384, 18, 0, 219};
    for (size_t k = 0; k < outputs.size(); ++k) {
        CAPTURE(k);
        CHECK(r.model.torch_rows[k + 1].output == outputs[k]);
        CHECK(leaf_params(summary, r.model.torch_rows[k + 1].layer) == params[k]);
    }
    CHECK(summary.total_params == 1005);
}

TEST_CASE("pytorch: code is PyTorch when a line imports torch") {
    CHECK(python_imports_torch("import torch\n"));
    CHECK(python_imports_torch("  from torch import nn\n"));
    CHECK(python_imports_torch("import torch.nn as nn"));
    CHECK_FALSE(python_imports_torch("import torchvision_like_name\n"));
    CHECK_FALSE(python_imports_torch("from tensorflow import keras\n# import torch someday\n"));
}

// ---------------------------------------------------------------------------
// torchinfo's own tables. tests/data/torchinfo/*.out are torchinfo's expected
// outputs, copied unchanged from its repository at tag v1.8.0 (commit
// 73ed5687acfd6199b77fa1dcb65aa54762c1b720, tests/test_output/), which
// torchinfo's test suite compares its printed summary against; the models
// are written out under tests/data/torch/ from its tests/fixtures/models.py
// and torchvision. Each table must come out byte for byte.
// ---------------------------------------------------------------------------

namespace {

std::string torchinfo_table(const std::string& script, const std::vector<int64_t>* size, const TorchinfoOptions& options) {
    const ImportResult r = import_torch_python(read_file("tests/data/torch/" + script), size);
    const ModelSummary summary = summary_of(r);
    return format_summary_torchinfo(r.model, summary, options);
}

}  // namespace

TEST_CASE("torchinfo 1.8: single_input.out, SingleInputNet on (2, 1, 28, 28), byte for byte") {
    // tests/torchinfo_test.py test_single_input: summary(model, (2, 1, 28, 28)).
    CHECK(torchinfo_table("torchinfo_single_input_net.py", nullptr, {}) == read_file("tests/data/torchinfo/single_input.out"));
}

TEST_CASE("torchinfo 1.8: single_input_all_cols.out, every column at depth 1 and width 20, byte for byte") {
    // test_single_input_all_cols: input (7, 1, 28, 28), depth=1, col_names=list(ColumnSettings), col_width=20.
    const std::vector<int64_t> size = {7, 1, 28, 28};
    TorchinfoOptions options;
    options.columns = {TorchColumn::KernelSize, TorchColumn::InputSize, TorchColumn::OutputSize, TorchColumn::NumParams,
                       TorchColumn::ParamsPercent, TorchColumn::MultAdds, TorchColumn::Trainable};
    options.depth = 1;
    options.col_width = 20;
    CHECK(torchinfo_table("torchinfo_single_input_net.py", &size, options) ==
          read_file("tests/data/torchinfo/single_input_all_cols.out"));
}

TEST_CASE("torchinfo 1.8: single_input_batch_dim.out, Kernel Shape and Mult-Adds columns, byte for byte") {
    // test_single_input_batch_dim: input_size=(1, 28, 28) with batch_dim=0 is (1, 1, 28, 28); depth=1, col_width=20.
    const std::vector<int64_t> size = {1, 1, 28, 28};
    TorchinfoOptions options;
    options.columns = {TorchColumn::KernelSize, TorchColumn::InputSize, TorchColumn::OutputSize, TorchColumn::NumParams,
                       TorchColumn::MultAdds};
    options.depth = 1;
    options.col_width = 20;
    CHECK(torchinfo_table("torchinfo_single_input_net.py", &size, options) ==
          read_file("tests/data/torchinfo/single_input_batch_dim.out"));
}

TEST_CASE("torchinfo 1.8: recursive.out, one Conv2d called six times: its mult-adds six times, its weights once") {
    // test_recursive: total_mult_adds == 173709312 = 6 · 36,928 · 28 · 28.
    CHECK(torchinfo_table("torchinfo_recursive_net.py", nullptr, {}) == read_file("tests/data/torchinfo/recursive.out"));
}

TEST_CASE("torchinfo 1.8: eval_order_doesnt_matter.out, torchvision's resnet18 on (1, 3, 224, 224), byte for byte") {
    // tests/torchinfo_xl_test.py test_eval_order_doesnt_matter (the file holds the same table twice; one is kept).
    // A ReLU called twice per block shows "--", not "(recursive)": torchinfo checks for no parameters first.
    CHECK(torchinfo_table("torchinfo_resnet18.py", nullptr, {}) == read_file("tests/data/torchinfo/eval_order_doesnt_matter.out"));
}

TEST_CASE("torchinfo 1.8: resnet18_depth_consistency.out, resnet18 on 64×64 at depth 1 then 2 with Param %, byte for byte") {
    // tests/torchinfo_xl_test.py test_resnet18_depth_consistency: depth 1 and 2, columns output_size,
    // num_params, params_percent; the file holds both tables. At depth 1 each Sequential is at the limit
    // and shows everything under it (147,968 = 1.27%); at depth 2 it shows "--" and its blocks do.
    const std::vector<int64_t> size = {1, 3, 64, 64};
    TorchinfoOptions options;
    options.columns = {TorchColumn::OutputSize, TorchColumn::NumParams, TorchColumn::ParamsPercent};
    std::string both;
    for (int depth : {1, 2}) {
        options.depth = depth;
        both += torchinfo_table("torchinfo_resnet18.py", &size, options);
    }
    CHECK(both == read_file("tests/data/torchinfo/resnet18_depth_consistency.out"));
}

TEST_CASE("torchinfo 1.8: google.out, GoogLeNet in eval mode: the aux heads forward skips are the root's 6,379,984") {
    // test_google: summary(googlenet(init_weights=False), (1, 3, 112, 112), depth=7), the eval-mode table
    // (google.out's first; its second is mode="train"). torchinfo gives aux1 and aux2 no row: their
    // parameters are the root's leftover, in Total params (13,004,888, torchvision's own count) but not in
    // Params size (26.50 MB = 6,624,904 · 4 bytes, the called leaves only).
    const ImportResult r = import_torch_python(read_file("tests/data/torch/torchinfo_googlenet.py"));
    const ModelSummary summary = summary_of(r);
    TorchinfoOptions options;
    options.depth = 7;
    CHECK(format_summary_torchinfo(r.model, summary, options) == read_file("tests/data/torchinfo/google_eval.out"));
    REQUIRE(r.model.torch_uncalled.size() == 2);
    CHECK(r.model.torch_uncalled[0].name == "aux1");
    CHECK(r.model.torch_uncalled[1].name == "aux2");
    CHECK(r.model.torch_uncalled[0].params + r.model.torch_uncalled[1].params == 6379984);
}

TEST_CASE("torchinfo 1.8: the tables torchinfo itself printed for ConvLab's scripts, byte for byte") {
    // tools/make_torchinfo_tables.py ran torchinfo 1.8.0's source on these
    // scripts (every column, several depths): depthwise and transposed
    // convolutions, Conv1d, GroupNorm, LayerNorm, PReLU, an auxiliary head,
    // names that widen the first column, a stage called twice.
    JsonValue root;
    JsonError error;
    REQUIRE(parse_json(read_file("tests/data/torchinfo_tables.json"), &root, &error));
    int compared = 0;
    for (const JsonValue& t : root.find("tables")->items) {
        std::vector<int64_t> size;
        for (const JsonValue& d : t.find("input_size")->items) size.push_back(d.integer);
        TorchinfoOptions options;
        options.depth = int(t.find("depth")->integer);
        options.columns.clear();
        for (const JsonValue& c : t.find("columns")->items) {
            TorchColumn column;
            REQUIRE(torch_column_from_name(c.string, &column));
            options.columns.push_back(column);
        }
        const std::string script = t.find("script")->string;
        INFO(script << " at depth " << options.depth);
        CHECK(torchinfo_table(script, &size, options) == t.find("table")->string);
        ++compared;
    }
    CHECK(compared == 15);
}

TEST_CASE("pytorch: an auxiliary head forward() skips in eval mode still counts, as the leftover of the module holding it") {
    // PyTorch 1.13: sum(p.numel() for p in model.parameters()) == 5,732 (tests/data/torch_fixtures.json);
    // aux1 holds 226 (8·16 + 8 + 8·10 + 10), each Block a spare Linear(4, 4) of 20.
    const ImportResult r = import_torch_python(read_file("tests/data/torch/aux_head_net.py"));
    const ModelSummary summary = summary_of(r);
    CHECK(summary.total_params == 5732);
    REQUIRE(r.model.torch_uncalled.size() == 3);
    CHECK(r.model.torch_uncalled[2].name == "aux1");
    CHECK(r.model.torch_uncalled[2].class_name == "InceptionAux");
    CHECK(r.model.torch_uncalled[2].params == 226);
    CHECK(r.model.torch_uncalled[2].row == 0);
    CHECK(r.model.torch_uncalled[0].name == "block1.spare");
    CHECK(r.model.torch_rows[size_t(r.model.torch_uncalled[0].row)].name == "block1");
    const std::string table = format_summary_torchinfo(r.model, summary);
    // torchinfo 1.8 gives an uncalled module no row: the root shows aux1's 226, each Block its spare 20.
    CHECK(contains(table, "TinyInception                            [2, 10]                   226\n"));
    CHECK(contains(table, "├─Block: 1-1                             [2, 16, 16, 16]           20\n"));
    CHECK(!contains(table, "InceptionAux"));
    // Params size counts leaves only: (5,732 - 226 - 2·20) · 4 bytes = 0.02 MB.
    CHECK(torchinfo_totals(r.model, summary).params_bytes == (5732 - 226 - 40) * 4);
    const std::string json = format_summary_torch_json(r.model, summary);
    CHECK(contains(json, R"("uncalled":[{"name":"block1.spare","class_name":"Linear","params":20,"trainable_params":20,"leftover_of":"block1"},)"));
}

TEST_CASE("pytorch: grouped convolutions, padding_mode, 1D poolings and Upsample to a size count as PyTorch 1.13 does") {
    // Expected values printed by /usr/bin/python3 with torch 1.13 on these very modules and inputs.
    const std::string code = R"(
import torch.nn as nn
model = nn.Sequential(nn.Conv2d(6, 9, 3, groups=3, padding=1, padding_mode='reflect'), nn.ConvTranspose2d(9, 6, 3, stride=2, groups=3),
                      nn.Upsample(scale_factor=1.5), nn.Upsample(size=(4, 5), mode='bilinear'))
)";
    const std::vector<int64_t> size = {1, 6, 7, 7};
    const ImportResult r = import_torch_python(code, &size);
    const ModelSummary summary = summary_of(r);
    CHECK(leaf_params(summary, r.model.torch_rows[1].layer) == 171);  // 3 · 3 · (6 / 3) · 9 + 9
    CHECK(leaf_params(summary, r.model.torch_rows[2].layer) == 168);  // 9 · (6 / 3) · 3 · 3 + 6
    CHECK(r.model.torch_rows[2].output == std::vector<int64_t>{1, 6, 15, 15});
    CHECK(r.model.torch_rows[3].output == std::vector<int64_t>{1, 6, 22, 22});  // floor(15 · 1.5)
    CHECK(r.model.torch_rows[4].output == std::vector<int64_t>{1, 6, 4, 5});
    const std::vector<int64_t> steps = {1, 4, 10};
    const ImportResult pools = import_torch_python(
        "import torch.nn as nn\nmodel = nn.Sequential(nn.MaxPool1d(3, stride=2, padding=1, ceil_mode=True), nn.AvgPool1d(2))\n", &steps);
    summary_of(pools);
    CHECK(pools.model.torch_rows[1].output == std::vector<int64_t>{1, 4, 6});
    CHECK(pools.model.torch_rows[2].output == std::vector<int64_t>{1, 4, 3});
}

TEST_CASE("pytorch: what PyTorch refuses in groups, padding_mode, Conv1d's padding='same' and reshapes is refused in its words") {
    const std::vector<int64_t> image = {2, 3, 6, 6};
    auto error_of = [](const std::string& code, const std::vector<int64_t>& size) {
        const ImportResult r = import_torch_python(code, &size);
        CHECK_FALSE(r.ok);
        return r.error;
    };
    const std::string groups = error_of("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 8, 3, groups=2))\n", image);
    CHECK(contains(groups, "0 (Conv2d) has in_channels=3 and groups=2: PyTorch refuses it (\"in_channels must be divisible by groups\")"));
    const std::string out = error_of("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 8, 3, groups=3))\n", image);
    CHECK(contains(out, "out_channels=8 and groups=3"));
    const std::string mode = error_of("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 8, 3, padding_mode='mirror'))\n", image);
    CHECK(contains(mode, "nn.Conv2d: padding_mode must be one of 'zeros', 'reflect', 'replicate' or 'circular'"));
    const std::string same = error_of("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv1d(4, 8, 3, stride=2, padding='same'))\n", {2, 4, 9});
    CHECK(contains(same, "0 (Conv1d) has padding='same' with stride 2:"));
    // PyTorch: "shape '[2, 7, -1]' is invalid for input of size 256" (the conv gives (2, 8, 4, 4)).
    const std::string view = error_of(R"(
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
    def forward(self, x):
        x = self.conv(x)
        return x.view(x.size(0), 7, -1)
model = Net()
)", image);
    CHECK(contains(view, "x.view: PyTorch refuses it (\"shape '[2, 7, -1]' is invalid for input of size 256\")"));
    CHECK(contains(view, "the sizes other than -1 multiply to 14, which does not divide 256"));
    const std::string unflatten = error_of("import torch.nn as nn\nmodel = nn.Sequential(nn.Flatten(), nn.Unflatten(1, (4, 5, 5)))\n", image);
    CHECK(contains(unflatten, "1 (Unflatten): PyTorch refuses it (\"unflatten: Provided sizes [4, 5, 5] don't multiply up to the size of dim 1 (108) in the input tensor\")"));
    const std::string pool = error_of("import torch.nn as nn\nmodel = nn.Sequential(nn.MaxPool2d(3, padding=2))\n", image);
    CHECK(contains(pool, "0 (MaxPool2d) has padding=2 with kernel_size=3: PyTorch refuses it (\"pad should be at most half of kernel size\")"));
    // PyTorch pads (6, 6) by reflection: "Padding size should be less than the corresponding input dimension".
    const std::string reflect = error_of("import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 4, 3, padding=6, padding_mode='reflect'))\n", image);
    CHECK(contains(reflect, "0 (Conv2d) pads 6 on each side with padding_mode='reflect', but the input reaching it is (2, 3, 6, 6)"));
}

TEST_CASE("pytorch: frozen parameters are non-trainable as torchinfo counts them; half a module frozen is said, not guessed") {
    const std::string net = R"(
import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())
        self.fc = nn.Linear(8 * 4 * 4, 10)
    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))
model = Net()
)";
    const std::vector<int64_t> size = {1, 3, 6, 6};
    const ImportResult loop = import_torch_python(net + "for name, p in model.named_parameters():\n    if not name.startswith('fc'):\n        p.requires_grad = False\n", &size);
    const ModelSummary frozen = summary_of(loop);
    CHECK(frozen.total_params == 224 + 1290);
    CHECK(frozen.trainable_params == 1290);  // the conv's 3 · 3 · 3 · 8 + 8 = 224 frozen
    const ImportResult all = import_torch_python(net + "model.requires_grad_(False)\nmodel.fc = nn.Linear(128, 10)\n", &size);
    CHECK(summary_of(all).trainable_params == 1290);  // the new head's parameters are new, so trainable
    // PyTorch 1.13: every module's parameters() frozen through model.modules() leaves 0 of 1,514 trainable.
    const ImportResult modules = import_torch_python(net + "for m in model.modules():\n    for p in m.parameters():\n        p.requires_grad = False\n", &size);
    CHECK(summary_of(modules).trainable_params == 0);
    // A loop over what ConvLab does not evaluate: the count would be a guess, so it is refused.
    const ImportResult unknown = import_torch_python(net + "for p in model.backbone_parameters():\n    p.requires_grad = False\n", &size);
    REQUIRE_FALSE(unknown.ok);
    CHECK(unknown.message.code == MsgCode::TorchUncertainFreeze);
    CHECK(unknown.line == 13);
    const ImportResult half = import_torch_python(net + "model.fc.bias.requires_grad = False\n", &size);
    REQUIRE_FALSE(half.ok);
    CHECK(contains(half.error, "requires_grad=False on some of fc's parameters (bias) but not all"));
}

TEST_CASE("pytorch: BatchNorm's momentum is kept in Keras's sense, 1 - PyTorch's") {
    // PyTorch: running = (1 - m)·running + m·batch (m = 0.1 by default);
    // Keras: moving = m·moving + (1 - m)·batch. Training and the exporters read Keras's.
    const std::vector<int64_t> size = {2, 3, 8, 8};
    const ImportResult r = import_torch_python(
        "import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.BatchNorm2d(4, momentum=0.3))\n",
        &size);
    REQUIRE_MESSAGE(r.ok, r.error);
    std::vector<double> momenta;
    for (const LayerSpec& l : r.model.layers)
        if (l.kind == LayerKind::BatchNormalization) momenta.push_back(l.momentum);
    REQUIRE(momenta.size() == 2);
    CHECK(momenta[0] == doctest::Approx(0.9));
    CHECK(momenta[1] == doctest::Approx(0.7));
}
