// test_import_functional_python.cpp: Functional Keras code read by the Python
// importer: layers called on tensors, the merge functions and `x + y`, shared
// layers, a model called as a layer, keras.Model's layer order (Keras's
// map_graph: deepest first, ties in the walk's order) and unnamed layers
// numbered in the order the code made them; and the errors, each at its line
// and column. Every TF.js fixture model also goes through Keras code and back
// (test_graph_models.cpp).
#include <doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/analysis/model_summary.h"
#include "core/io/import.h"
#include "core/io/json.h"
#include "core/io/summary_format.h"

using namespace convlab;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

ModelSummary read(const std::string& code, NamingStyle style = NamingStyle::Keras3) {
    const ImportResult r = import_keras_python(code);
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.model.functional);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, style, &s, &p), p.message);
    return s;
}

std::string names(const ModelSummary& s) {
    std::string out;
    for (const LayerSummary& row : s.layers) out += (out.empty() ? "" : " ") + row.name;
    return out;
}

}  // namespace

TEST_CASE("functional python: keras.io's toy ResNet reads with Keras's names, order and counts") {
    // keras.io/guides/functional_api, the toy ResNet, as written there.
    const ModelSummary s = read(R"(import keras
from keras import layers
inputs = keras.Input(shape=(32, 32, 3), name="img")
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Conv2D(64, 3, activation="relu")(x)
block_1_output = layers.MaxPooling2D(3)(x)

x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
block_2_output = layers.add([x, block_1_output])

x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_2_output)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
block_3_output = layers.add([x, block_2_output])

x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(256, activation="relu")(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(10)(x)

model = keras.Model(inputs, outputs, name="toy_resnet")
model.summary()
)");
    // The printout there (Keras 3): conv2d_8... because the guide made other
    // layers first; numbered from a fresh session they are conv2d, conv2d_1, ...
    CHECK(names(s) == "img conv2d conv2d_1 max_pooling2d conv2d_2 conv2d_3 add conv2d_4 conv2d_5 add_1 conv2d_6 "
                      "global_average_pooling2d dense dropout dense_1");
    CHECK(s.total_params == 223242);  // "Total params: 223,242" in the guide
    CHECK(s.model_name == "toy_resnet");
    REQUIRE(s.layers[6].inbound.size() == 1);
    CHECK(s.layers[6].inbound[0][0].name == "conv2d_3");
    CHECK(s.layers[6].inbound[0][1].name == "max_pooling2d");
}

TEST_CASE("functional python: layers are listed deepest first, branches in the order the walk from the outputs meets them") {
    // Two branches made in the order b then a, joined a first: Keras lists by
    // depth, and at equal depth by the walk from the output, which follows
    // the Concatenate's inputs in order (a before b).
    const ModelSummary s = read(R"(
inputs = keras.Input(shape=(8, 8, 3))
b = layers.Conv2D(4, 1, name="b")(inputs)
a = layers.Conv2D(2, 1, name="a")(inputs)
a = layers.Conv2D(2, 3, padding="same", name="a2")(a)
x = layers.Concatenate(name="join")([a, b])
model = keras.Model(inputs=inputs, outputs=x)
)");
    // Depths from the output: join 0; a2 1, b 1; a 2; input 3 (its deepest call).
    CHECK(names(s) == "input_layer a a2 b join");
    CHECK(s.layers[4].analysis.output == Shape::image(8, 8, 6));
}

TEST_CASE("functional python: shared layers, x + y, merge functions and a model used as a layer") {
    const ModelSummary s = read(R"(
left = keras.Input(shape=(6, 6, 2), name="left")
right = keras.Input(shape=(6, 6, 2), name="right")
shared = layers.Conv2D(3, 3, padding="same", name="shared")
l = shared(left)
r = shared(right)
both = l + r
prod = layers.multiply([l, r], name="prod")
cat = layers.concatenate([both, prod], axis=-1, name="cat")
block = keras.Sequential([layers.Conv2D(4, 1, name="pw"), layers.ReLU(name="act")], name="block")
block_in = keras.Input(shape=(6, 6, 6), name="block_in")
head = keras.Model(block_in, block(block_in), name="head")
y = head(cat)
out = layers.Dense(2, activation="softmax", name="out")(layers.Flatten(name="flat")(y))
model = keras.Model(inputs=[left, right], outputs=out)
)",
                                NamingStyle::Keras2);
    // shared is one row with one set of weights, called twice.
    const LayerSummary* shared = nullptr;
    const LayerSummary* head = nullptr;
    for (const LayerSummary& row : s.layers) {
        if (row.name == "shared") shared = &row;
        if (row.name == "head") head = &row;
    }
    REQUIRE(shared);
    CHECK(shared->analysis.params == 3 * 3 * 2 * 3 + 3);
    CHECK(shared->inbound.size() == 2);
    REQUIRE(head);
    CHECK(head->kind == LayerKind::Model);
    CHECK(head->analysis.params == 6 * 4 + 4);  // the nested Sequential's Conv2D, inside the nested Functional
    CHECK(s.layers.back().analysis.params == 6 * 6 * 4 * 2 + 2);
    CHECK(s.total_params == 57 + 28 + 290);
    bool saw_add = false;
    for (const LayerSummary& row : s.layers) saw_add = saw_add || (row.kind == LayerKind::Add && row.name == "add_1");
    CHECK(saw_add);  // `l + r` is an Add, named as Keras 2 numbers an unnamed one
}

TEST_CASE("functional python: what cannot be read is said at its line and column") {
    ImportResult r = import_keras_python("x = keras.Input(shape=(4,))\ny = layers.Dense(2)(3)\nmodel = keras.Model(x, y)\n");
    CHECK_FALSE(r.ok);
    CHECK(r.line == 2);
    CHECK(contains(r.error, "a layer is called on a tensor"));
    r = import_keras_python("x = keras.Input(shape=(4,))\ny = x(x)\n");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "keras.Input(...) makes a tensor"));
    r = import_keras_python("x = keras.Input(shape=(4,))\ny = layers.Dense(2)(x)\nz = y / x\nmodel = keras.Model(x, z)\n");
    CHECK_FALSE(r.ok);
    CHECK(r.line == 3);
    CHECK(contains(r.error, "this is `/`"));
    r = import_keras_python("x = keras.Input(shape=(4,))\ny = layers.Dense(2)(x)\nmodel = keras.Model(x)\n");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "keras.Model(...) needs its inputs and outputs"));
    r = import_keras_python("x = keras.Input(shape=(4,))\nfor i in range(steps):\n    x = layers.Dense(2)(x)\nmodel = keras.Model(x, x)\n");
    CHECK_FALSE(r.ok);
    CHECK(r.line == 3);  // a loop over something the code does not know cannot be unrolled
}

TEST_CASE("functional python: a ResNet with a def and a for loop, a U-Net and a two-headed Inception match TF.js row for row") {
    // tests/data/tfjs_code_models.json: each model's Python source beside what
    // TF.js says of the same model built layer for layer (tools/make_graph_fixtures.mjs).
    std::ifstream in(std::string(CONVLAB_SOURCE_DIR) + "/tests/data/tfjs_code_models.json", std::ios::binary);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    JsonValue doc;
    JsonError error;
    REQUIRE(parse_json(text.str(), &doc, &error));
    const JsonValue* models = doc.find("models");
    REQUIRE(models);
    REQUIRE(models->items.size() == 3);
    for (const JsonValue& want : models->items) {
        CAPTURE(want.find("name")->string);
        const ModelSummary s = read(want.find("source")->string, NamingStyle::Keras2);
        CHECK(s.model_name == want.find("name")->string);
        const JsonValue& layers = *want.find("layers");
        REQUIRE(s.layers.size() == layers.items.size());
        for (size_t l = 0; l < s.layers.size(); ++l) {
            const LayerSummary& row = s.layers[l];
            const JsonValue& w = layers.items[l];
            CAPTURE(row.name);
            CHECK(row.name == w.find("name")->string);
            CHECK(std::string(summary_class_name(row)) == w.find("class_name")->string);
            const JsonValue& shape = *w.find("output_shape");
            REQUIRE(int(shape.items.size()) == row.analysis.output.rank + 1);
            for (int d = 0; d < row.analysis.output.rank; ++d) CHECK(row.analysis.output.dim[d] == shape.items[size_t(d) + 1].integer);
            CHECK(row.analysis.params == w.find("params")->integer);
            CHECK(row.analysis.non_trainable == w.find("non_trainable")->integer);
            std::vector<std::string> inbound;
            for (const auto& call : row.inbound)
                for (const InboundRef& ref : call) inbound.push_back(ref.name);
            const JsonValue& want_inbound = *w.find("inbound");
            REQUIRE(inbound.size() == want_inbound.items.size());
            for (size_t k = 0; k < inbound.size(); ++k) CHECK(inbound[k] == want_inbound.items[k].string);
        }
        CHECK(s.total_params == want.find("total")->integer);
        CHECK(s.trainable_params == want.find("trainable")->integer);
        CHECK(s.non_trainable_params == want.find("non_trainable")->integer);
    }
}

TEST_CASE("functional python: a frozen base under a new head, as transfer learning writes it") {
    const ModelSummary s = read(R"(
def make_base():
    inputs = keras.Input(shape=(16, 16, 3))
    x = layers.Conv2D(8, 3, name="base_conv")(inputs)
    x = layers.BatchNormalization(name="base_bn")(x)
    return keras.Model(inputs, x, name="base")

base = make_base()
base.trainable = False
inputs = keras.Input(shape=(16, 16, 3), name="image")
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D(name="gap")(x)
outputs = layers.Dense(3, name="head")(x)
model = keras.Model(inputs, outputs)
for layer in model.layers:
    print(layer.name)
)",
                                NamingStyle::Keras3);
    REQUIRE(s.layers.size() == 4);
    CHECK(s.layers[1].name == "base");
    CHECK(s.layers[1].analysis.params == 3 * 3 * 3 * 8 + 8 + 4 * 8);
    CHECK(s.layers[1].analysis.trainable == 0);
    CHECK(s.non_trainable_params == s.layers[1].analysis.params);
    CHECK(s.trainable_params == 8 * 3 + 3);
}

TEST_CASE("functional python: while True stops at the step limit, recursion at the call limit, each with a message") {
    ImportResult r = import_keras_python("n = 0\nwhile True:\n    n = n + 1\n");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "more than 500000 steps"));
    CHECK(contains(r.error, "while True:"));
    r = import_keras_python("def f(n):\n    return f(n + 1)\nf(0)\n");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "more than 64 deep"));
    r = import_keras_python("def block(x, filters):\n    return x\nblock(1)\n");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "block() is called without its argument 'filters'"));
    CHECK(r.line == 3);
}

TEST_CASE("functional python: what the fuzzer found: a bad merge argument and an Input shape taken from data") {
    // layers.add([...], name=3): the merge function's own argument is wrong; said, not a crash.
    ImportResult r = import_keras_python("x = keras.Input(shape=(4,))\ny = layers.add([x, x], name=3)\nmodel = keras.Model(x, y)\n");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "name must be a string"));
    // An Input whose shape comes from data is asked for, as a Sequential's first layer's is.
    r = import_keras_python("x = keras.Input(shape=(X_train.shape[1],))\nmodel = keras.Model(x, layers.Dense(2)(x))\n");
    CHECK_FALSE(r.ok);
    CHECK(r.missing_input_shape);
    CHECK(r.line == 1);
}

TEST_CASE("functional python: a value taken from data is asked for by name, and --set supplies it; a subclassed Model is refused") {
    const std::string code =
        "import os\nnum_classes = len(os.listdir('data/train'))\ninputs = keras.Input(shape=(32, 32, 3))\n"
        "outputs = layers.Dense(num_classes)(layers.Flatten()(inputs))\nmodel = keras.Model(inputs, outputs)\n";
    ImportResult r = import_keras_python(code);
    CHECK_FALSE(r.ok);
    CHECK(import_wants_setting(r));
    CHECK(contains(r.error, "`num_classes` comes from line 2"));
    r = import_keras_python(code, nullptr, {{"num_classes", "25"}});
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.model.layers.back().units == 25);
    r = import_keras_python(code, nullptr, {{"num_classes", "twenty"}});
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "--set num_classes=twenty: the value is not a Python literal"));

    r = import_keras_python(R"(
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(10)

    def call(self, x):
        return self.dense(x)

model = Net()
)");
    CHECK_FALSE(r.ok);
    CHECK(r.line == 2);
    CHECK(contains(r.error, "class Net subclasses keras.Model and builds its layers in call()"));
    CHECK_FALSE(import_wants_setting(r));
}

TEST_CASE("functional python: two layers of one model with the same name are refused, as Keras refuses them") {
    const ImportResult r = import_keras_python(
        "x = keras.Input(shape=(4,))\ny = layers.Dense(3, name='d')(x)\nz = layers.Dense(2, name='d')(y)\nmodel = keras.Model(x, z)\n");
    CHECK_FALSE(r.ok);
    CHECK(r.line == 3);
    CHECK(contains(r.error, "the name 'd' is already the name of the layer made at line 2"));
}

TEST_CASE("functional python: fine-tuning freezes the first layers of a base with a slice of base.layers") {
    const ImportResult r = import_keras_python(R"(
base = keras.applications.MobileNetV2(input_shape=(96, 96, 3), include_top=False, weights=None)
base.trainable = True
fine_tune_at = 100
for layer in base.layers[:fine_tune_at]:
    layer.trainable = False
inputs = keras.Input(shape=(96, 96, 3))
x = base(inputs, training=False)
outputs = layers.Dense(2)(layers.GlobalAveragePooling2D()(x))
model = keras.Model(inputs, outputs)
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras3, &s, &p), p.message);
    const ModelSummary& base = *s.layers[1].analysis.nested;
    int64_t frozen_rows = 0, open_rows = 0;
    for (size_t l = 0; l < base.layers.size(); ++l) {
        if (base.layers[l].analysis.params == 0) continue;
        (l < 100 ? frozen_rows : open_rows) += 1;
        if (l < 100) CHECK(base.layers[l].analysis.trainable == 0);
    }
    CHECK(frozen_rows > 0);
    CHECK(open_rows > 0);
    CHECK(s.layers[1].analysis.trainable > 0);
    CHECK(s.layers[1].analysis.non_trainable > 34112);  // more than the batch-normalisation statistics
    // A slice of a list, of a tuple, with a step, and from the end.
    CHECK(import_keras_python("w = [1, 2, 3, 4, 5]\nn = w[1:-1][::2][-1]\nmodel = keras.Sequential([keras.Input((n,)), layers.Dense(w[-2:][0])])\n")
              .model.layers[1].units == 4);
}

TEST_CASE("settings: NAME=VALUE as the CLI's --set and the page's field read it") {
    std::pair<std::string, std::string> one;
    CHECK(parse_python_setting("num_classes=25", &one));
    CHECK(one.first == "num_classes");
    CHECK(one.second == "25");
    for (const char* bad : {"=25", "num_classes=", "num_classes", "2x=1", "a-b=1", "a b=1"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_python_setting(bad, &one));
    }
    PythonSettings list;
    std::string bad;
    REQUIRE(parse_python_settings(" num_classes = 25; img = (64, 64, 3)\nrate=0.5;; ", &list, &bad));
    REQUIRE(list.size() == 3);
    CHECK(list[0] == std::make_pair(std::string("num_classes"), std::string("25")));
    CHECK(list[1] == std::make_pair(std::string("img"), std::string("(64, 64, 3)")));
    CHECK(list[2] == std::make_pair(std::string("rate"), std::string("0.5")));
    CHECK_FALSE(parse_python_settings("num_classes=25; twenty five", &list, &bad));
    CHECK(bad == "twenty five");
    CHECK(parse_python_settings("", &list, &bad));
    CHECK(list.empty());
}
