// test_golden_models.cpp: whole models against the numbers Keras printed for
// them, each with its source. Every row and the totals must match; the model
// level problems (no layers, no input shape, misplaced InputLayer) are here too.
#include <doctest.h>

#include "core/analysis/layer_kind.h"
#include "core/analysis/model_summary.h"
#include "model_builders.h"

using namespace convlab;
using namespace convlab::test;

namespace {

ModelSummary summarize_ok(const ModelSpec& m, NamingStyle style = NamingStyle::Keras2) {
    ModelSummary s;
    Problem p;
    bool ok = summarize(m, style, &s, &p);
    INFO(p.message);
    REQUIRE(ok);
    return s;
}

struct Row {
    const char* name;
    Shape output;
    int64_t params;
};

void check_rows(const ModelSummary& s, const std::vector<Row>& rows) {
    REQUIRE(s.layers.size() == rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        INFO("row " << i << ": " << rows[i].name);
        CHECK(s.layers[i].name == rows[i].name);
        CHECK(s.layers[i].analysis.output == rows[i].output);
        CHECK(s.layers[i].analysis.params == rows[i].params);
    }
}

}  // namespace

TEST_CASE("golden: the seed model matches its Keras 2.2 summary row by row, 1,181,161 in total") {
    // Source: /work/shared/seed/000_51c0af6ff389b2a9.txt (StackOverflow, 2019-03-11), Keras 2.2 output.
    ModelSummary s = summarize_ok(seed_model());
    CHECK(s.input == Shape::image(28, 28, 1));
    check_rows(s, {{"conv2d_1", Shape::image(26, 26, 32), 320},
                   {"conv2d_2", Shape::image(24, 24, 63), 18207},
                   {"max_pooling2d_1", Shape::image(12, 12, 63), 0},
                   {"dropout_1", Shape::image(12, 12, 63), 0},
                   {"flatten_1", Shape::vector(9072), 0},
                   {"dense", Shape::vector(128), 1161344},
                   {"dropout_2", Shape::vector(128), 0},
                   {"dense_1", Shape::vector(10), 1290}});
    CHECK(s.total_params == 1181161);
    CHECK(s.trainable_params == 1181161);
    CHECK(s.non_trainable_params == 0);
}

TEST_CASE("golden: an explicit name keeps its name and does not advance Keras's counter") {
    ModelSpec m = seed_model();
    std::vector<std::string> k2 = layer_names(m, NamingStyle::Keras2);
    CHECK(k2 == std::vector<std::string>{"conv2d_1", "conv2d_2", "max_pooling2d_1", "dropout_1", "flatten_1",
                                         "dense", "dropout_2", "dense_1"});
    // Keras 3 (keras/src/utils/naming.py uniquify): the first of a prefix has no suffix.
    std::vector<std::string> k3 = layer_names(m, NamingStyle::Keras3);
    CHECK(k3 == std::vector<std::string>{"conv2d", "conv2d_1", "max_pooling2d", "dropout", "flatten", "dense",
                                         "dropout_1", "dense"});
}

TEST_CASE("golden: an InputLayer is named but not listed, and gives the model its input shape") {
    ModelSpec m;
    m.layers = {input(28, 28, 1), conv(32, 3), flatten(), dense(10)};
    CHECK(layer_names(m, NamingStyle::Keras2)[0] == "input_1");
    CHECK(layer_names(m, NamingStyle::Keras3)[0] == "input_layer");
    ModelSummary s = summarize_ok(m);
    CHECK(s.input == Shape::image(28, 28, 1));
    REQUIRE(s.layers.size() == 3);
    CHECK(s.layers[0].name == "conv2d_1");
    CHECK(s.layers[0].index == 1);
    CHECK(s.layers[0].input == Shape::image(28, 28, 1));
}

TEST_CASE("golden: Keras's mnist_convnet example has 34,826 parameters") {
    // Source: keras.io/examples/vision/mnist_convnet (keras-io examples/vision/md/mnist_convnet.md).
    ModelSpec m;
    m.layers = {input(28, 28, 1), conv(32, 3), max_pool(2), conv(64, 3), max_pool(2), flatten(), dropout(0.5),
                dense(10)};
    ModelSummary s = summarize_ok(m, NamingStyle::Keras3);
    check_rows(s, {{"conv2d", Shape::image(26, 26, 32), 320},
                   {"max_pooling2d", Shape::image(13, 13, 32), 0},
                   {"conv2d_1", Shape::image(11, 11, 64), 18496},
                   {"max_pooling2d_1", Shape::image(5, 5, 64), 0},
                   {"flatten", Shape::vector(1600), 0},
                   {"dropout", Shape::vector(1600), 0},
                   {"dense", Shape::vector(10), 16010}});
    CHECK(s.total_params == 34826);
}

TEST_CASE("golden: the classic keras/examples/mnist_cnn.py has 1,199,882 parameters") {
    // Source: keras-team/keras examples/mnist_cnn.py (Keras 2): Conv 32, Conv 64, MaxPool 2,
    // Dropout 0.25, Flatten, Dense 128, Dropout 0.5, Dense 10; its summary totals 1,199,882.
    ModelSpec m;
    m.layers = {with_input(conv(32, 3), 28, 28, 1), conv(64, 3), max_pool(2), dropout(0.25), flatten(),
                dense(128), dropout(0.5), dense(10)};
    ModelSummary s = summarize_ok(m);
    check_rows(s, {{"conv2d_1", Shape::image(26, 26, 32), 320},
                   {"conv2d_2", Shape::image(24, 24, 64), 18496},
                   {"max_pooling2d_1", Shape::image(12, 12, 64), 0},
                   {"dropout_1", Shape::image(12, 12, 64), 0},
                   {"flatten_1", Shape::vector(9216), 0},
                   {"dense_1", Shape::vector(128), 1179776},
                   {"dropout_2", Shape::vector(128), 0},
                   {"dense_2", Shape::vector(10), 1290}});
    CHECK(s.total_params == 1199882);
}

TEST_CASE("golden: LeNet-5 with full connections on 32x32x1 has 61,706 parameters") {
    // LeCun et al. 1998 layout as usually built in Keras (C3 fully connected to S2):
    // 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706.
    ModelSpec m;
    m.layers = {with_input(conv(6, 5), 32, 32, 1), avg_pool(2), conv(16, 5), avg_pool(2), flatten(), dense(120),
                dense(84), dense(10)};
    ModelSummary s = summarize_ok(m);
    check_rows(s, {{"conv2d_1", Shape::image(28, 28, 6), 156},
                   {"average_pooling2d_1", Shape::image(14, 14, 6), 0},
                   {"conv2d_2", Shape::image(10, 10, 16), 2416},
                   {"average_pooling2d_2", Shape::image(5, 5, 16), 0},
                   {"flatten_1", Shape::vector(400), 0},
                   {"dense_1", Shape::vector(120), 48120},
                   {"dense_2", Shape::vector(84), 10164},
                   {"dense_3", Shape::vector(10), 850}});
    CHECK(s.total_params == 61706);
}

TEST_CASE("golden: VGG16 with its top on 224x224x3 has 138,357,544 parameters") {
    // Source: keras.applications.VGG16(include_top=True) summary (Keras docs / Simonyan & Zisserman 2014):
    // block1_conv1 1,792, block5_conv3 2,359,808, fc1 102,764,544, fc2 16,781,312, predictions 4,097,000.
    ModelSpec m;
    m.layers.push_back(input(224, 224, 3));
    for (int64_t block_filters : {64, 128, 256, 512, 512}) {
        int convs = block_filters <= 128 ? 2 : 3;
        for (int i = 0; i < convs; ++i) m.layers.push_back(conv(block_filters, 3, Padding::Same));
        m.layers.push_back(max_pool(2));
    }
    m.layers.push_back(flatten());
    m.layers.push_back(dense(4096));
    m.layers.push_back(dense(4096));
    m.layers.push_back(dense(1000));
    ModelSummary s = summarize_ok(m);
    CHECK(s.layers[0].analysis.params == 1792);
    CHECK(s.layers[1].analysis.params == 36928);
    CHECK(s.layers[3].analysis.params == 73856);
    CHECK(s.layers[6].analysis.params == 295168);
    CHECK(s.layers[10].analysis.params == 1180160);
    CHECK(s.layers[11].analysis.params == 2359808);
    CHECK(s.layers[17].analysis.output == Shape::image(7, 7, 512));
    CHECK(s.layers[18].analysis.output == Shape::vector(25088));
    CHECK(s.layers[19].analysis.params == 102764544);
    CHECK(s.layers[20].analysis.params == 16781312);
    CHECK(s.layers[21].analysis.params == 4097000);
    CHECK(s.total_params == 138357544);
    CHECK(s.trainable_params == 138357544);
    // ~15.5 GMACs, the figure usually quoted for VGG16.
    CHECK(s.total_macs > 15000000000LL);
    CHECK(s.total_macs < 16000000000LL);
}

TEST_CASE("golden: MobileNet's first blocks match Keras, batch-norm statistics as non-trainable") {
    // Source: keras.applications.MobileNet summary (Keras 2): conv1 864, conv1_bn 128, conv_dw_1 288,
    // conv_dw_1_bn 128, conv_pw_1 2048, conv_pw_1_bn 256, conv_pad_2 (113, 113, 64), conv_dw_2 576,
    // conv_dw_2_bn 256, conv_pw_2 8192, conv_pw_2_bn 512. ReLU layers are left out: they change nothing here.
    auto named = [](LayerSpec s, const char* name) { s.name = name; return s; };
    LayerSpec pad = make_layer(LayerKind::ZeroPadding2D);
    pad.pad_top = 0; pad.pad_bottom = 1; pad.pad_left = 0; pad.pad_right = 1;
    ModelSpec m;
    m.layers = {input(224, 224, 3),
                named(no_bias(conv(32, 3, Padding::Same, 2)), "conv1"), named(batch_norm(), "conv1_bn"),
                named(depthwise(3, 1, Padding::Same, false), "conv_dw_1"), named(batch_norm(), "conv_dw_1_bn"),
                named(no_bias(conv(64, 1, Padding::Same)), "conv_pw_1"), named(batch_norm(), "conv_pw_1_bn"),
                named(pad, "conv_pad_2"),
                named(depthwise(3, 2, Padding::Valid, false), "conv_dw_2"), named(batch_norm(), "conv_dw_2_bn"),
                named(no_bias(conv(128, 1, Padding::Same)), "conv_pw_2"), named(batch_norm(), "conv_pw_2_bn")};
    ModelSummary s = summarize_ok(m);
    check_rows(s, {{"conv1", Shape::image(112, 112, 32), 864},
                   {"conv1_bn", Shape::image(112, 112, 32), 128},
                   {"conv_dw_1", Shape::image(112, 112, 32), 288},
                   {"conv_dw_1_bn", Shape::image(112, 112, 32), 128},
                   {"conv_pw_1", Shape::image(112, 112, 64), 2048},
                   {"conv_pw_1_bn", Shape::image(112, 112, 64), 256},
                   {"conv_pad_2", Shape::image(113, 113, 64), 0},
                   {"conv_dw_2", Shape::image(56, 56, 64), 576},
                   {"conv_dw_2_bn", Shape::image(56, 56, 64), 256},
                   {"conv_pw_2", Shape::image(56, 56, 128), 8192},
                   {"conv_pw_2_bn", Shape::image(56, 56, 128), 512}});
    CHECK(s.non_trainable_params == 2 * (32 + 32 + 64 + 64 + 128));
    CHECK(s.trainable_params + s.non_trainable_params == s.total_params);
}

// ---- Model-level problems ---------------------------------------------------------

TEST_CASE("model problem: an empty model has no layers") {
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(ModelSpec{}, NamingStyle::Keras2, &s, &p));
    CHECK(p.constraint.code == MsgCode::ProblemNoLayers);
    CHECK(p.layer == -1);
    CHECK(p.message == "the model has no layers");
}

TEST_CASE("model problem: a first layer without input_shape names itself and the field") {
    ModelSpec m;
    m.layers = {conv(32, 3), flatten()};
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    CHECK(p.constraint.code == MsgCode::ProblemNoInputShape);
    CHECK(p.layer == 0);
    CHECK(p.field == Field::InputShape);
    CHECK(p.message.rfind("layer 1 'conv2d_1' (Conv2D), input_shape: ", 0) == 0);
}

TEST_CASE("model problem: an InputLayer after the first layer is refused") {
    ModelSpec m;
    m.layers = {with_input(dense(4), 1, 1, 3), input(28, 28, 1)};
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    CHECK(p.constraint.code == MsgCode::ProblemInputLayerNotFirst);
    CHECK(p.layer == 1);
    CHECK(p.layer_name == "input_1");
}

TEST_CASE("model problem: an input shape with a zero size or two axes is a bad input shape") {
    ModelSpec m;
    m.layers = {input(28, 0, 1), flatten()};
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    CHECK(p.constraint.code == MsgCode::ProblemBadInputShape);
    CHECK(p.field == Field::InputShape);
    CHECK(p.message.find("(28, 0, 1)") != std::string::npos);
    m.layers[0].input_shape.rank = 2;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    CHECK(p.constraint.code == MsgCode::ProblemBadInputShape);
    CHECK(p.message.find("(28, 0)") != std::string::npos);
}

TEST_CASE("model problem: the first failing layer stops the analysis but keeps the rows before it") {
    ModelSpec m = seed_model();
    m.layers[1].kernel = {30, 30};  // larger than the 26x26 it receives
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    CHECK(p.constraint.code == MsgCode::ProblemKernelLargerThanInput);
    CHECK(p.layer == 1);
    CHECK(p.message ==
          "layer 2 'conv2d_2' (Conv2D), kernel_size: the 30×30 kernel is larger than its 26×26 input (padding='valid')");
    CHECK(s.layers.size() == 1);
}

TEST_CASE("model problem: a convolution after Flatten in a model needs an image input") {
    ModelSpec m;
    m.layers = {with_input(flatten(), 28, 28, 1), conv(8, 3)};
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    CHECK(p.constraint.code == MsgCode::ProblemNeedsImageInput);
    CHECK(p.message == "layer 2 'conv2d_1' (Conv2D): Conv2D needs an image input (None, H, W, C), but its input is "
                       "(None, 784)");
}
