// test_receptive_field.cpp: receptive field size, jump (effective stride) and
// start (−effective padding) of every layer, against numbers worked by others:
//  - VGG16: google-research/receptive_field, receptive_field/RECEPTIVE_FIELD_TABLE.md,
//    rows vgg_16 at resolution 224 (RF, effective stride, effective padding of
//    each end-point), computed by the Distill paper's authors' library on
//    TF-Slim's vgg_16, which has Keras VGG16's layers: 3×3 'same' convolutions
//    and 2×2 stride-2 poolings;
//  - Keras InceptionV3: the same repository's RF_Keras_Applications.ipynb runs
//    that library on tf.keras.applications.InceptionV3 and prints, for its node
//    conv2d_85 (the 1×1 convolution that opens mixed10, reading mixed9), RF 1183,
//    effective stride 32, effective padding 554;
//  - small stacks worked by hand below, each step written out.
#include <doctest.h>

#include <string>

#include "core/analysis/receptive_field.h"
#include "core/applications/applications.h"
#include "core/io/import.h"
#include "model_builders.h"

using namespace convlab;
using namespace convlab::test;

namespace {

struct Analysed {
    ModelSpec model;
    ModelSummary summary;
    std::vector<ReceptiveField> fields;
    const ReceptiveField& of(const std::string& name) const {
        for (size_t i = 0; i < summary.layers.size(); ++i)
            if (summary.layers[i].name == name) return fields[i];
        FAIL("no row " << name);
        return fields[0];
    }
};

Analysed analyse(const ModelSpec& model) {
    Analysed a;
    a.model = model;
    Problem p;
    REQUIRE_MESSAGE(summarize(a.model, NamingStyle::Keras3, &a.summary, &p), p.message);
    a.fields = receptive_fields(a.model, a.summary);
    REQUIRE(a.fields.size() == a.summary.layers.size());
    return a;
}

Analysed from_python(const std::string& code) {
    const ImportResult r = import_keras_python(code);
    REQUIRE_MESSAGE(r.ok, r.error);
    return analyse(r.model);
}

Analysed preset(const std::string& name) {
    const Application* app = find_application(name);
    REQUIRE(app);
    return from_python(application_script(*app, ""));
}

// Square fields: one size, jump and start for both axes.
void check_square(const ReceptiveField& f, int64_t size, int64_t jump, int64_t start) {
    REQUIRE(f.kind == FieldKind::Local);
    CHECK(f.rows.size == size);
    CHECK(f.cols.size == size);
    CHECK(f.rows.jump == jump);
    CHECK(f.cols.jump == jump);
    CHECK(f.rows.start == start);
    CHECK(f.cols.start == start);
}

}  // namespace

TEST_CASE("receptive field: VGG16's end-points as the Distill paper's library computes them") {
    const Analysed vgg = preset("VGG16");
    struct Row { const char* name; int64_t rf, stride, padding; };
    const Row table[] = {
        {"block1_conv1", 3, 1, 1},    {"block1_pool", 6, 2, 2},     {"block2_conv1", 10, 2, 4},
        {"block2_pool", 16, 4, 6},    {"block3_conv1", 24, 4, 10},  {"block3_conv2", 32, 4, 14},
        {"block3_pool", 44, 8, 18},   {"block4_conv1", 60, 8, 26},  {"block4_conv2", 76, 8, 34},
        {"block4_pool", 100, 16, 42}, {"block5_conv1", 132, 16, 58}, {"block5_conv2", 164, 16, 74},
        {"block5_pool", 212, 32, 90},
    };
    for (const Row& r : table) {
        CAPTURE(r.name);
        check_square(vgg.of(r.name), r.rf, r.stride, -r.padding);
    }
    // After Flatten every value of fc1 depends on every pixel.
    CHECK(vgg.of("flatten").kind == FieldKind::Whole);
    CHECK(vgg.of("fc1").kind == FieldKind::Whole);
    CHECK(vgg.of("predictions").kind == FieldKind::Whole);
    // The step behind block5_pool: 196 + (2 − 1) × 16 = 212, and 16 × 2 = 32.
    const ReceptiveField& p5 = vgg.of("block5_pool");
    CHECK(to_text(p5.rows.size_formula) == "196 + (2 − 1) × 16 = 212");
    CHECK(to_text(p5.rows.jump_formula) == "16 × 2 = 32");
}

TEST_CASE("receptive field: Keras InceptionV3's conv2d_85 as the library's Keras notebook prints it") {
    // Branches of different reach are concatenated; the union is the largest
    // (every path is centred alike in InceptionV3, so the library accepts it).
    const Analysed inception = preset("InceptionV3");
    check_square(inception.of("conv2d_85"), 1183, 32, -554);
    CHECK(inception.of("mixed9").merged);
    CHECK(inception.of("mixed9").aligned);
    check_square(inception.of("mixed9"), 1183, 32, -554);
}

TEST_CASE("receptive field: the seed model, step by step") {
    // Conv 3×3 → 3; conv 3×3 → 3 + (3 − 1)·1 = 5; max-pool 2×2 stride 2 →
    // 5 + (2 − 1)·1 = 6 with jump 2; then Flatten and Dense see everything.
    ModelSpec m;
    m.layers = {with_input(conv(32, 3), 28, 28, 1), conv(64, 3), max_pool(2), dropout(0.25), flatten(), dense(128),
                dropout(0.5), dense(10)};
    const Analysed a = analyse(m);
    check_square(a.fields[0], 3, 1, 0);
    check_square(a.fields[1], 5, 1, 0);
    check_square(a.fields[2], 6, 2, 0);
    check_square(a.fields[3], 6, 2, 0);  // Dropout keeps each value where it was
    CHECK(a.fields[4].kind == FieldKind::Whole);
    CHECK(a.fields[7].kind == FieldKind::Whole);
    CHECK(to_text(a.fields[1].rows.size_formula) == "3 + (3 − 1) × 1 = 5");
    CHECK(to_text(a.fields[2].rows.jump_formula) == "1 × 2 = 2");
    CHECK(field_size_text(a.fields[2]) == "6×6");
    CHECK(field_jump_text(a.fields[2]) == "2");
    CHECK(field_start_text(a.fields[2]) == "0");
    CHECK(field_size_text(a.fields[4]).empty());
}

TEST_CASE("receptive field: 'same' padding, strides, dilation and ZeroPadding2D move the start") {
    ModelSpec m;
    LayerSpec dilated = conv(8, 3, Padding::Same);
    dilated.dilation = {2, 2};
    LayerSpec pad = make_layer(LayerKind::ZeroPadding2D);
    pad.pad_top = 1; pad.pad_bottom = 1; pad.pad_left = 2; pad.pad_right = 0;
    m.layers = {with_input(conv(8, 3, Padding::Same, 2), 32, 32, 3), dilated, pad, conv(8, 3)};
    const Analysed a = analyse(m);
    // 32 → 'same' stride 2: total padding (16 − 1)·2 + 3 − 32 = 1, before 0.
    check_square(a.fields[0], 3, 2, 0);
    // Dilation 2: reach (3 − 1)·2 + 1 = 5; 'same' pads 2 before: 3 + 4·2 = 11, start 0 − 2·2.
    check_square(a.fields[1], 11, 2, -4);
    // ZeroPadding2D shifts only: 1 row and 2 columns of zeros before.
    CHECK(a.fields[2].rows.start == -4 - 1 * 2);
    CHECK(a.fields[2].cols.start == -4 - 2 * 2);
    CHECK(a.fields[2].rows.size == 11);
    CHECK(a.fields[2].rows.size_formula.empty());
    // A 'valid' 3×3 after it: 11 + 2·2 = 15.
    CHECK(a.fields[3].rows.size == 15);
    CHECK(a.fields[3].cols.size == 15);
    CHECK(a.fields[3].rows.start == -6);
    CHECK(a.fields[3].cols.start == -8);
    CHECK(field_start_text(a.fields[3]) == "-6×-8");
}

TEST_CASE("receptive field: a merge sees the union of its inputs' fields, and says when they are not centred alike") {
    const Analysed aligned = from_python(R"(
from tensorflow import keras
from tensorflow.keras import layers
inputs = keras.Input(shape=(28, 28, 1))
a = layers.Conv2D(8, 3, padding="same")(inputs)
b = layers.Conv2D(8, 5, padding="same")(inputs)
x = layers.Add()([a, b])
y = layers.Concatenate()([a, x])
model = keras.Model(inputs, y)
)");
    const ReceptiveField& add = aligned.of("add");
    check_square(add, 5, 1, -2);
    CHECK(add.merged);
    CHECK(add.aligned);
    check_square(aligned.of("concatenate"), 5, 1, -2);

    // 'valid' 3×3 output (i, j) reads rows i … i + 2; the cropped input (i, j)
    // is pixel (i, j): same jump, centres 1 apart. The union is rows i … i + 2.
    const Analysed skew = from_python(R"(
from tensorflow import keras
from tensorflow.keras import layers
inputs = keras.Input(shape=(28, 28, 1))
a = layers.Conv2D(1, 3)(inputs)
b = layers.Cropping2D(((0, 2), (0, 2)))(inputs)
model = keras.Model(inputs, layers.Add()([a, b]))
)");
    check_square(skew.of("add"), 3, 1, 0);
    CHECK_FALSE(skew.of("add").aligned);
}

TEST_CASE("receptive field: upsampling, whole-input layers, nested models, sequences and hostile depth") {
    const Analysed unet = from_python(R"(
from tensorflow import keras
from tensorflow.keras import layers
inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(8, 3, padding="same")(inputs)
d = layers.MaxPooling2D()(x)
u = layers.UpSampling2D()(d)
t = layers.Conv2DTranspose(8, 3, strides=2, padding="same")(d)
m = layers.Concatenate()([x, u])
g = layers.GlobalAveragePooling2D()(m)
model = keras.Model(inputs, [g, t])
)");
    CHECK(unet.of("up_sampling2d").kind == FieldKind::Irregular);
    CHECK(unet.of("conv2d_transpose").kind == FieldKind::Irregular);
    CHECK(unet.of("concatenate").kind == FieldKind::Irregular);  // one input irregular: the union is too
    CHECK(unet.of("global_average_pooling2d").kind == FieldKind::Whole);

    // A Sequential block of two 3×3 convolutions used as a layer after a
    // stride-2 convolution: the block's own field (5, jump 1, start −2 with
    // 'same') is laid over jump 2: 3 + (5 − 1)·2 = 11, start 0 + (−2)·2 = −4.
    const Analysed nested = from_python(R"(
from tensorflow import keras
from tensorflow.keras import layers
block = keras.Sequential([layers.Conv2D(4, 3, padding="same"), layers.Conv2D(4, 3, padding="same")], name="block")
inputs = keras.Input(shape=(16, 16, 1))
x = layers.Conv2D(4, 3, strides=2, padding="same")(inputs)
model = keras.Model(inputs, block(x))
)");
    check_square(nested.of("block"), 11, 2, -4);
    CHECK(to_text(nested.of("block").rows.size_formula) == "3 + (5 − 1) × 2 = 11");

    // Conv1D: one axis, the steps.
    const Analysed seq = from_python(R"(
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([keras.Input(shape=(100, 8)), layers.Conv1D(16, 5, strides=2), layers.MaxPooling1D(3), layers.Conv1D(16, 3)])
)");
    REQUIRE(seq.fields.size() == 3);
    CHECK(seq.fields[2].axes == 1);
    CHECK(seq.fields[2].rows.size == 5 + (3 - 1) * 2 + (3 - 1) * 6);
    CHECK(seq.fields[2].rows.jump == 6);
    CHECK(field_size_text(seq.fields[2]) == "21");

    // 42 stride-2 'same' convolutions on a 1×1 input: the jump doubles past
    // 2^40 and the field is reported as too large, not wrapped.
    ModelSpec deep;
    deep.layers.push_back(with_input(conv(1, 1, Padding::Same, 2), 1, 1, 1));
    for (int i = 0; i < 41; ++i) deep.layers.push_back(conv(1, 1, Padding::Same, 2));
    const Analysed d = analyse(deep);
    CHECK(d.fields[39].kind == FieldKind::Local);
    CHECK(d.fields[39].rows.jump == int64_t(1) << 40);
    CHECK(d.fields[40].kind == FieldKind::TooLarge);
    CHECK(d.fields[41].kind == FieldKind::TooLarge);
}
