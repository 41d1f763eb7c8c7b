// test_export_code.cpp: the Keras and PyTorch code ConvLab writes. Keras code
// must import back to the same model; PyTorch code must have Keras's trainable
// parameter count, checked here by counting each emitted module by its formula.
// Reference: keras.io/api/layers, pytorch.org/docs/stable/nn.html.
#include <doctest.h>

#include <regex>
#include <string>

#include "core/io/export_code.h"
#include "core/io/import.h"
#include "model_builders.h"

using namespace convlab;
using namespace convlab::test;

namespace {

bool same_layer(const LayerSpec& a, const LayerSpec& b) {
    return a.kind == b.kind && a.name == b.name && a.filters == b.filters && a.units == b.units &&
           a.depth_multiplier == b.depth_multiplier && a.kernel == b.kernel && a.strides == b.strides &&
           a.dilation == b.dilation && a.padding == b.padding && a.pad_top == b.pad_top &&
           a.pad_bottom == b.pad_bottom && a.pad_left == b.pad_left && a.pad_right == b.pad_right &&
           a.use_bias == b.use_bias && a.activation == b.activation && a.rate == b.rate && a.center == b.center &&
           a.scale == b.scale && a.momentum == b.momentum && a.epsilon == b.epsilon && a.input_shape == b.input_shape;
}

void check_round_trip(const ModelSpec& model) {
    std::string code = export_keras_python(model);
    ImportResult back = import_keras_python(code);
    REQUIRE_MESSAGE(back.ok, std::string(back.error + "\n" + code));
    REQUIRE(back.model.layers.size() == model.layers.size());
    for (size_t i = 0; i < model.layers.size(); ++i) CHECK_MESSAGE(same_layer(back.model.layers[i], model.layers[i]), code);
    CHECK(back.model.compile.loss == model.compile.loss);
    CHECK(back.model.compile.optimizer == model.compile.optimizer);
    CHECK(back.model.compile.optimizer_args == model.compile.optimizer_args);
}

// Counts the parameters of the PyTorch modules in the code, each by its own formula:
// Conv2d: out·(in/groups)·kh·kw + out (bias), Linear: in·out + out, BatchNorm: 2·C (affine).
int64_t count_torch_params(const std::string& code) {
    int64_t total = 0;
    std::smatch m;
    std::string::const_iterator from = code.begin();
    std::regex module(R"(nn\.(Conv2d|Linear|BatchNorm[12]d)\(([^\n]*)\),)");
    while (std::regex_search(from, code.end(), m, module)) {
        std::string kind = m[1], args = m[2];
        bool bias = args.find("bias=False") == std::string::npos;
        std::smatch a;
        if (kind == "Conv2d") {
            REQUIRE(std::regex_search(args, a, std::regex(R"(^(\d+), (\d+), kernel_size=(?:\((\d+), (\d+)\)|(\d+)))")));
            int64_t in = std::stoll(a[1]), out = std::stoll(a[2]);
            int64_t kh = a[3].matched ? std::stoll(a[3]) : std::stoll(a[5]);
            int64_t kw = a[4].matched ? std::stoll(a[4]) : std::stoll(a[5]);
            std::smatch g;
            int64_t groups = std::regex_search(args, g, std::regex(R"(groups=(\d+))")) ? std::stoll(g[1]) : 1;
            total += out * (in / groups) * kh * kw + (bias ? out : 0);
        } else if (kind == "Linear") {
            REQUIRE(std::regex_search(args, a, std::regex(R"(^(\d+), (\d+))")));
            total += std::stoll(a[1]) * std::stoll(a[2]) + (bias ? std::stoll(a[2]) : 0);
        } else {
            REQUIRE(std::regex_search(args, a, std::regex(R"(^(\d+))")));
            if (args.find("affine=False") == std::string::npos) total += 2 * std::stoll(a[1]);
        }
        from = m.suffix().first;
    }
    return total;
}

LayerSpec with_activation(LayerSpec s, Activation a) {
    s.activation = a;
    return s;
}

ModelSpec mnist_convnet() {
    ModelSpec m;
    m.layers = {input(28, 28, 1),
                with_activation(conv(32, 3), Activation::Relu),
                max_pool(2),
                with_activation(conv(64, 3), Activation::Relu),
                max_pool(2),
                flatten(),
                dropout(0.5),
                with_activation(dense(10), Activation::Softmax)};
    m.compile.loss = "categorical_crossentropy";
    m.compile.optimizer = "adam";
    return m;
}

// One of every kind, with 'same' padding at stride 2 on odd and even sizes.
ModelSpec every_kind() {
    ModelSpec m;
    LayerSpec separable = make_layer(LayerKind::SeparableConv2D);
    separable.filters = 16;
    separable.padding = Padding::Same;
    separable.strides = {2, 2};
    separable.depth_multiplier = 2;
    LayerSpec bn = batch_norm();
    bn.momentum = 0.9;
    LayerSpec relu = make_layer(LayerKind::Activation);
    LayerSpec padding = make_layer(LayerKind::ZeroPadding2D);
    padding.pad_top = 1, padding.pad_bottom = 0, padding.pad_left = 2, padding.pad_right = 3;
    LayerSpec dilated = conv(4, 3, Padding::Same);
    dilated.dilation = {2, 2};
    dilated.use_bias = false;
    m.layers = {input(33, 32, 3),
                conv(8, 3, Padding::Same, 2),
                depthwise(3, 1, Padding::Same),
                separable,
                bn,
                relu,
                pool(LayerKind::MaxPooling2D, 3, Padding::Same),
                pool(LayerKind::AveragePooling2D, 2, Padding::Same),
                padding,
                dilated,
                make_layer(LayerKind::GlobalAveragePooling2D),
                with_activation(dense(10, "logits"), Activation::Softmax)};
    m.layers[6].strides = {2, 2};
    m.compile.loss = "sparse_categorical_crossentropy";
    m.compile.optimizer = "SGD";
    m.compile.optimizer_args = {{"learning_rate", 0.01}, {"momentum", 0.9}};
    return m;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("export keras: the mnist convnet reads like keras.io's example") {
    CHECK(export_keras_python(mnist_convnet()) ==
          "# A Keras Sequential model written by ConvLab. Run it with TensorFlow 2 / Keras 3:\n"
          "# model.summary() prints the same shapes and Param # as ConvLab.\n"
          "from tensorflow import keras\n"
          "from keras import layers\n"
          "\n"
          "model = keras.Sequential([\n"
          "    keras.Input(shape=(28, 28, 1)),\n"
          "    layers.Conv2D(32, kernel_size=(3, 3), activation=\"relu\"),\n"
          "    layers.MaxPooling2D(pool_size=(2, 2)),\n"
          "    layers.Conv2D(64, kernel_size=(3, 3), activation=\"relu\"),\n"
          "    layers.MaxPooling2D(pool_size=(2, 2)),\n"
          "    layers.Flatten(),\n"
          "    layers.Dropout(0.5),\n"
          "    layers.Dense(10, activation=\"softmax\"),\n"
          "])\n"
          "model.compile(loss=\"categorical_crossentropy\", optimizer=\"adam\")\n"
          "model.summary()\n");
}

TEST_CASE("export keras: exported code imports back to the same model") {
    check_round_trip(mnist_convnet());
    check_round_trip(every_kind());

    ModelSpec seed = seed_model();
    seed.layers.insert(seed.layers.begin(), input(28, 28, 1));
    seed.layers[0].input_shape = Shape::image(28, 28, 1);
    for (LayerSpec& l : seed.layers) l.input_shape = Shape{};
    seed.layers[0].input_shape = Shape::image(28, 28, 1);
    seed.compile.loss = "categorical_crossentropy";
    seed.compile.optimizer = "Adadelta";
    check_round_trip(seed);

    ModelSpec vector;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = Shape::vector(784);
    in.name = "pixels \"raw\"\n";
    LayerSpec hidden = no_bias(dense(64, "hidden\\1"));
    LayerSpec bn = batch_norm();
    bn.center = false, bn.scale = false, bn.epsilon = 1e-5, bn.momentum = 0.5;
    vector.layers = {in, hidden, bn, dropout(0.125), with_activation(dense(3), Activation::Tanh)};
    vector.compile.optimizer = "Adam";
    vector.compile.optimizer_args = {{"learning_rate", 3e-4}};
    check_round_trip(vector);
}

TEST_CASE("export keras: input_shape on the first layer becomes keras.Input in front of it") {
    ModelSpec m;
    m.layers = {with_input(conv(4, 3), 8, 8, 1), flatten()};
    std::string code = export_keras_python(m);
    CHECK(contains(code, "    keras.Input(shape=(8, 8, 1)),\n    layers.Conv2D(4, kernel_size=(3, 3)),\n"));
    ImportResult back = import_keras_python(code);
    REQUIRE(back.ok);
    REQUIRE(back.model.layers.size() == 3);
    CHECK(back.model.layers[0].kind == LayerKind::InputLayer);
}

TEST_CASE("export pytorch: the seed model maps to Conv2d/MaxPool2d/Linear with Keras's 1,181,161 params") {
    std::string error;
    std::string code = export_pytorch(seed_model(), &error);
    REQUIRE_MESSAGE(!code.empty(), error);
    CHECK(contains(code, "nn.Conv2d(1, 32, kernel_size=(3, 3)),"));
    CHECK(contains(code, "nn.Conv2d(32, 63, kernel_size=(3, 3)),"));
    CHECK(contains(code, "nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2)),"));
    CHECK(contains(code, "nn.Linear(9072, 128),"));
    CHECK(contains(code, "PyTorch is NCHW"));
    CHECK(contains(code, "assert sum(p.numel() for p in model.parameters()) == 1181161\n"));
    CHECK(count_torch_params(code) == 1181161);
    CHECK(error.empty());
}

TEST_CASE("export pytorch: every kind of layer keeps Keras's trainable parameter count") {
    ModelSpec m = every_kind();
    ModelSummary summary;
    Problem problem;
    REQUIRE_MESSAGE(summarize(m, NamingStyle::Keras3, &summary, &problem), problem.message);
    std::string error;
    std::string code = export_pytorch(m, &error);
    REQUIRE_MESSAGE(!code.empty(), error);
    CHECK(count_torch_params(code) == summary.trainable_params);
    CHECK(contains(code, "assert sum(p.numel() for p in model.parameters()) == " +
                             std::to_string(summary.trainable_params) + "\n"));
}

TEST_CASE("export pytorch: 'same' with stride 2 pads explicitly with Keras's split, the odd cell after") {
    std::string error;
    std::string code = export_pytorch(every_kind(), &error);
    REQUIRE_MESSAGE(!code.empty(), error);
    // 33x32 input, 3x3 kernel, stride 2: out 17x16, so
    //   rows: total = (17 − 1)·2 + 3 − 33 = 2 → 1 before, 1 after
    //   cols: total = (16 − 1)·2 + 3 − 32 = 1 → 0 before, 1 after
    CHECK(contains(code, "nn.ZeroPad2d((0, 1, 1, 1)),  # Keras 'same' with stride (2, 2)\n"
                         "    nn.Conv2d(3, 8, kernel_size=(3, 3), stride=(2, 2)),"));
    CHECK(contains(code, "nn.Conv2d(8, 8, kernel_size=(3, 3), padding=\"same\", groups=8),"));
    CHECK(contains(code, "nn.Conv2d(8, 16, kernel_size=(3, 3), stride=(2, 2), groups=8, bias=False),"));
    CHECK(contains(code, "nn.Conv2d(16, 16, kernel_size=1),  # pointwise step"));
    CHECK(contains(code, "float(\"-inf\")),  # Keras 'same'\n    nn.MaxPool2d(kernel_size=(3, 3), stride=(2, 2)),"));
    CHECK(contains(code, "count_include_pad=False"));
    CHECK(contains(code, "nn.ZeroPad2d((2, 3, 1, 0)),"));
    CHECK(contains(code, "dilation=(2, 2), bias=False),"));
    CHECK(contains(code, "nn.AdaptiveAvgPool2d(1),"));
}

TEST_CASE("export pytorch: BatchNormalization's momentum becomes 1 − momentum, eps stays Keras's") {
    ModelSpec m;
    m.layers = {input(4, 4, 2), batch_norm(), flatten(), dense(3), batch_norm()};
    std::string error;
    std::string code = export_pytorch(m, &error);
    REQUIRE_MESSAGE(!code.empty(), error);
    CHECK(contains(code, "nn.BatchNorm2d(2, eps=0.001, momentum=0.01),"));
    CHECK(contains(code, "nn.BatchNorm1d(3, eps=0.001, momentum=0.01),"));
    CHECK(count_torch_params(code) == 4 + 32 * 3 + 3 + 6);
}

TEST_CASE("export pytorch: a layer without an exact PyTorch equivalent is refused with the reason") {
    std::string error;
    ModelSpec even_pool;
    even_pool.layers = {input(5, 5, 1), pool(LayerKind::AveragePooling2D, 2, Padding::Same)};
    even_pool.layers[1].strides = {1, 1};
    CHECK(export_pytorch(even_pool, &error).empty());
    CHECK(contains(error, "'same' average pooling"));

    ModelSpec dense_on_image;
    dense_on_image.layers = {input(4, 4, 2), dense(3)};
    CHECK(export_pytorch(dense_on_image, &error).empty());
    CHECK(contains(error, "layer 2 'dense' (Dense): Dense on an (H, W, C) input"));

    ModelSpec half_bn;
    half_bn.layers = {input(4, 4, 2), batch_norm()};
    half_bn.layers[1].scale = false;
    CHECK(export_pytorch(half_bn, &error).empty());
    CHECK(contains(error, "center and scale must agree"));
}

TEST_CASE("export pytorch: an invalid model gives summarize()'s problem instead of code") {
    ModelSpec m;
    m.layers = {input(2, 2, 1), conv(4, 3)};
    std::string error;
    CHECK(export_pytorch(m, &error).empty());
    CHECK_FALSE(error.empty());
}
