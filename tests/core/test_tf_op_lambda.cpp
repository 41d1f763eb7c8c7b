// test_tf_op_lambda.cpp: tf.keras 2's TFOpLambda rows, the layers a Python
// operator between a tensor and a number becomes (x / 127.5, x - 1.0,
// relu6(x + 3.0) * (1.0 / 6.0)): read from Python and from a saved config,
// named and numbered as tf.keras prints them, trained, and written back out.
#include <doctest.h>

#include <string>
#include <vector>

#include "core/analysis/model_summary.h"
#include "core/analysis/tf_op_lambda.h"
#include "core/io/export_code.h"
#include "core/io/export_tfjs.h"
#include "core/io/import.h"
#include "core/io/model_url.h"
#include "core/io/summary_format.h"
#include "core/train/layer_passes.h"
#include "core/train/network.h"
#include "train/network_gradient_check.h"

using namespace convlab;

namespace {

ModelSummary summary_of(const ModelSpec& model) {
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(model, NamingStyle::Keras3, &s, &p), p.message);
    return s;
}

ModelSpec python(const std::string& code) {
    const ImportResult r = import_keras_python(code);
    REQUIRE_MESSAGE(r.ok, r.error);
    return r.model;
}

// MobileNetV3's activations as tf.keras 2.4 to 2.15 wrote them
// (keras/applications/mobilenet_v3.py): hard_sigmoid is relu6(x + 3) / 6 with
// the division written as a product, hard_swish is x * hard_sigmoid(x).
const char* const kHardSwish = R"(
from tensorflow.keras import layers
import tensorflow as tf

def hard_sigmoid(x):
    return layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0)

def hard_swish(x):
    return layers.Multiply()([x, hard_sigmoid(x)])

inputs = tf.keras.Input(shape=(6, 6, 1))
x = layers.Conv2D(2, 3, padding="same", activation="tanh")(inputs)
x = hard_swish(x)
x = hard_swish(x)
x = 1.0 - x
x = x / 4.0
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
model.compile(loss="categorical_crossentropy", optimizer="sgd")
)";

}  // namespace

TEST_CASE("TFOpLambda: a tensor and a number make one row each, named for the TF op and numbered from zero") {
    const ModelSummary s = summary_of(python(kHardSwish));
    std::vector<std::string> names;
    for (const LayerSummary& row : s.layers) names.push_back(row.name);
    // As Keras's own test of these names says: tf.__operators__.add, then
    // tf.__operators__.add_1 (keras/engine/functional_test.py,
    // test_layer_names, "eager_names"); the ReLU and Multiply layers are
    // numbered on their own counters.
    const std::vector<std::string> want = {"input_layer", "conv2d", "tf.__operators__.add", "re_lu", "tf.math.multiply",
                                           "multiply", "tf.__operators__.add_1", "re_lu_1", "tf.math.multiply_1",
                                           "multiply_1", "tf.math.subtract", "tf.math.truediv",
                                           "global_average_pooling2d", "dense"};
    CHECK(names == want);
    for (const LayerSummary& row : s.layers) {
        if (row.kind != LayerKind::TFOpLambda) continue;
        CAPTURE(row.name);
        CHECK(row.analysis.params == 0);
        CHECK(row.analysis.output == Shape::image(6, 6, 2));
    }
    CHECK(s.total_params == 20 + 9);  // the convolution's 2·9 + 2, the Dense's 2·3 + 3
    const std::string printed = format_summary_keras2(s);
    CHECK(printed.find("tf.math.multiply (TFOpLambda)") != std::string::npos);
}

TEST_CASE("TFOpLambda: TensorFlow's transfer-learning model with preprocess_input written out, as tf.keras printed it") {
    // A tf.keras 2.x printout of TensorFlow's "Transfer learning and
    // fine-tuning" model (tool library file id 8921197336, an
    // EyeGlasses-Detection README): mobilenet_v2.preprocess_input is
    // x /= 127.5; x -= 1., printed as tf.math.truediv and tf.math.subtract.
    // Its 8 rows include the data-augmentation Sequential (RandomFlip,
    // RandomRotation: 0 parameters, the same shape), which ConvLab does not
    // read, so it is left out here: 7 rows.
    const ModelSummary s = summary_of(python(R"(
import tensorflow as tf
base_model = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False, weights='imagenet')
base_model.trainable = False
inputs = tf.keras.Input(shape=(160, 160, 3))
x = inputs / 127.5
x = x - 1.0
x = base_model(x, training=False)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
x = tf.keras.layers.Dropout(0.2)(x)
outputs = tf.keras.layers.Dense(1)(x)
model = tf.keras.Model(inputs, outputs)
)"));
    REQUIRE(s.layers.size() == 7);
    CHECK(s.layers[1].name == "tf.math.truediv");
    CHECK(s.layers[1].analysis.output == Shape::image(160, 160, 3));
    CHECK(s.layers[1].analysis.params == 0);
    CHECK(s.layers[2].name == "tf.math.subtract");
    CHECK(s.layers[2].analysis.output == Shape::image(160, 160, 3));
    CHECK(s.layers[3].name == "mobilenetv2_1.00_160");
    CHECK(s.layers[3].analysis.output == Shape::image(5, 5, 1280));
    CHECK(s.layers[3].analysis.params == 2257984);
    CHECK(s.layers[6].analysis.params == 1281);
    CHECK(s.total_params == 2259265);
    CHECK(s.trainable_params == 1281);
    CHECK(s.non_trainable_params == 2257984);
}

TEST_CASE("TFOpLambda: a number on the left, an int, and what is refused") {
    const ModelSummary s = summary_of(python(R"(
import keras
inputs = keras.Input(shape=(4,))
x = 2 * inputs
x = 3.0 + x
x = x - 1
model = keras.Model(inputs, x)
)"));
    REQUIRE(s.layers.size() == 4);
    CHECK(s.layers[1].name == "tf.math.multiply");
    CHECK(s.layers[2].name == "tf.__operators__.add");
    CHECK(s.layers[3].name == "tf.math.subtract");
    CHECK(s.output == Shape::vector(4));
    for (const char* refused : {"x = 6.0 / inputs", "x = inputs / 0", "x = inputs ** 2", "x = inputs % 2.0"}) {
        CAPTURE(refused);
        const ImportResult r = import_keras_python(std::string("import keras\ninputs = keras.Input(shape=(4,))\n") +
                                                   refused + "\nmodel = keras.Model(inputs, x)\n");
        CHECK_FALSE(r.ok);
        CHECK(r.line == 3);
    }
}

TEST_CASE("TFOpLambda passes: each operator by hand, and its backward") {
    const float x[3] = {-1.0f, 0.5f, 2.0f};
    struct Case {
        ScalarOp op;
        bool first;
        double c;
        float y[3];
        float slope;
    };
    const Case cases[] = {{ScalarOp::Add, false, 3.0, {2.0f, 3.5f, 5.0f}, 1.0f},
                          {ScalarOp::Subtract, false, 1.0, {-2.0f, -0.5f, 1.0f}, 1.0f},
                          {ScalarOp::Subtract, true, 1.0, {2.0f, 0.5f, -1.0f}, -1.0f},
                          {ScalarOp::Multiply, false, 0.5, {-0.5f, 0.25f, 1.0f}, 0.5f},
                          {ScalarOp::Divide, false, 4.0, {-0.25f, 0.125f, 0.5f}, 0.25f}};
    for (const Case& c : cases) {
        LayerSpec s = make_layer(LayerKind::TFOpLambda);
        s.scalar_op = c.op, s.scalar_first = c.first, s.scalar = c.c;
        CAPTURE(tf_op_lambda_expression(s, "x"));
        float y[3], dx[3];
        const float dy[3] = {1.0f, -2.0f, 0.5f};
        tf_op_lambda_forward(s, x, y, 3);
        tf_op_lambda_backward(s, dy, dx, 3);
        double scale = 0.0, offset = 0.0;
        REQUIRE(tf_op_lambda_affine(s, &scale, &offset));
        for (int i = 0; i < 3; ++i) {
            CHECK(y[i] == doctest::Approx(c.y[i]));
            CHECK(y[i] == doctest::Approx(x[i] * scale + offset));  // what TF.js gets as a Rescaling
            CHECK(dx[i] == doctest::Approx(dy[i] * c.slope));
        }
    }
}

TEST_CASE("TFOpLambda: a model with them trains, its whole backward pass matching finite differences") {
    Network net;
    NetworkOptions o;
    o.batch_size = 2;
    o.seed = 5;
    o.optimizer = optimizer_from_name("sgd").value;
    const ModelSpec model = python(kHardSwish);
    const Status built = network_build(model, o, &net);
    REQUIRE_MESSAGE(built.ok(), built.error);
    Rng data = rng_seeded(4);
    // The gradient of the convolution's kernel and bias reaches it through
    // every TFOpLambda, ReLU and Multiply; the Dense's does not.
    CHECK(test::check_network_gradients(&net, test::random_buffer(&data, 2 * 36), {2, 0}) == 4);
    // TF.js has no TFOpLambda: each is written as the Rescaling it equals.
    const std::string json = export_tfjs(net).model_json;
    CHECK(json.find("TFOpLambda") == std::string::npos);
    CHECK(json.find("\"name\":\"tf.math.truediv\",\"trainable\":true,\"scale\":0.25,\"offset\":0") != std::string::npos);
    CHECK(json.find("\"name\":\"tf.math.subtract\",\"trainable\":true,\"scale\":-1,\"offset\":1") != std::string::npos);
}

TEST_CASE("TFOpLambda: written back as Python, it reads back as the same rows; a link keeps it too") {
    const ModelSpec model = python(kHardSwish);
    const std::string code = export_keras_python(model);
    CHECK(code.find(" + 3.0\n") != std::string::npos);
    CHECK(code.find(" * 0.16666666666666666\n") != std::string::npos);
    CHECK(code.find("= 1.0 - ") != std::string::npos);
    const ModelSummary before = summary_of(model);
    const ModelSummary again = summary_of(python(code));
    REQUIRE(again.layers.size() == before.layers.size());
    for (size_t i = 0; i < before.layers.size(); ++i) CHECK(again.layers[i].name == before.layers[i].name);

    ModelSpec decoded;
    std::string error;
    REQUIRE_MESSAGE(decode_model_url(encode_model_url(model), &decoded, &error), error);
    const ModelSummary linked = summary_of(decoded);
    REQUIRE(linked.layers.size() == before.layers.size());
    for (size_t i = 0; i < before.layers.size(); ++i) CHECK(linked.layers[i].name == before.layers[i].name);
    CHECK(decoded.layers[11].scalar_op == ScalarOp::Divide);
    CHECK(decoded.layers[11].scalar == 4.0);
    CHECK(decoded.layers[10].scalar_first);
}

TEST_CASE("TFOpLambda: read from a tf.keras config, its number from the call's keyword y") {
    // The form tf.keras 2.4+ saves (and tensorflowjs_converter keeps): the
    // op's symbol in config.function, the call as [name, node, tensor,
    // {"y": number, "name": null}].
    const std::string json = R"({"class_name": "Functional", "config": {"name": "model", "layers": [
 {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 8, 8, 3], "dtype": "float32", "name": "input_1"}, "name": "input_1", "inbound_nodes": []},
 {"class_name": "TFOpLambda", "config": {"name": "tf.math.truediv", "trainable": true, "dtype": "float32", "function": "math.truediv"},
  "name": "tf.math.truediv", "inbound_nodes": [["input_1", 0, 0, {"y": 127.5, "name": null}]]},
 {"class_name": "TFOpLambda", "config": {"name": "tf.math.subtract", "trainable": true, "dtype": "float32", "function": "math.subtract"},
  "name": "tf.math.subtract", "inbound_nodes": [["tf.math.truediv", 0, 0, {"y": 1.0, "name": null}]]},
 {"class_name": "Conv2D", "config": {"name": "conv2d", "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
  "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu", "use_bias": true},
  "name": "conv2d", "inbound_nodes": [[["tf.math.subtract", 0, 0, {}]]]}],
 "input_layers": [["input_1", 0, 0]], "output_layers": [["conv2d", 0, 0]]}})";
    const ImportResult r = import_keras_json(json);
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(r.model.layers.size() == 4);
    CHECK(r.model.layers[1].scalar_op == ScalarOp::Divide);
    CHECK(r.model.layers[1].scalar == 127.5);
    CHECK(r.model.layers[2].scalar_op == ScalarOp::Subtract);
    CHECK(r.model.layers[2].scalar == 1.0);
    const ModelSummary s = summary_of(r.model);
    CHECK(s.layers[2].name == "tf.math.subtract");
    CHECK(s.layers[3].analysis.output == Shape::image(6, 6, 4));
    CHECK(s.total_params == 112);

    auto with = [&](const std::string& from, const std::string& to) {
        std::string changed = json;
        changed.replace(changed.find(from), from.size(), to);
        return import_keras_json(changed);
    };
    CHECK_FALSE(with("\"function\": \"math.truediv\"", "\"function\": \"math.pow\"").ok);
    CHECK_FALSE(with("{\"y\": 127.5, \"name\": null}", "{\"y\": 0, \"name\": null}").ok);
    CHECK_FALSE(with("{\"y\": 127.5, \"name\": null}", "{\"name\": null}").ok);
    CHECK_FALSE(with("{\"y\": 127.5, \"name\": null}", "{\"y\": [1, 2], \"name\": null}").ok);
}
