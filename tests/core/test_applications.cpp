// test_applications.cpp: the keras.applications networks, each ConvLab's own
// Keras Functional source read by ConvLab's own Python importer. Every total
// below is a number Keras printed, not one ConvLab computed:
//  - totals with their trainable / non-trainable split: tf.keras 2.x
//    model.summary() of each network at its defaults, as printed in
//    mujink/study keras77_All_TransferLearning.py (VGG16 to ResNet101) and in a
//    printout listing all of these networks found through the tool library's
//    search (file id 35130768455: the V2 ResNets, DenseNets, MobileNets);
//  - the EfficientNets' and MobileNetV3s' splits: a tf.keras 2.x printout of
//    them found through the same search (file id 18463001568);
//  - totals alone: variablejun/keras4 keras2/keras71_ALL_TransferLeaning.py;
//  - VGG16 without its top: TaeYeon-kim-ai/STUDY_1.py keras2/keras79_include_top.py;
//  - MobileNetV2(include_top=False, input_shape=(160, 160, 3)) frozen under a
//    new Dense(1) head: the printed counts of TensorFlow's "Transfer learning
//    and fine-tuning" tutorial (tensorflow.org/tutorials/images/transfer_learning).
#include <doctest.h>

#include <chrono>
#include <string>

#include "core/analysis/model_summary.h"
#include "core/applications/applications.h"
#include "core/io/import.h"

using namespace convlab;

namespace {

ModelSummary preset(const std::string& name, const std::string& arguments = "") {
    const Application* app = find_application(name);
    REQUIRE(app);
    const ImportResult r = import_keras_python(application_script(*app, arguments));
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras3, &s, &p), p.message);
    return s;
}

const LayerSummary& row(const ModelSummary& s, const std::string& name) {
    for (const LayerSummary& r : s.layers)
        if (r.name == name) return r;
    FAIL("no row " << name);
    return s.layers[0];
}

}  // namespace

TEST_CASE("applications: each network's total, trainable and non-trainable match what Keras printed") {
    struct Want {
        const char* name;
        int64_t total, trainable, non_trainable;
    };
    const Want wants[] = {
        {"VGG16", 138357544, 138357544, 0},          {"VGG19", 143667240, 143667240, 0},
        {"ResNet50", 25636712, 25583592, 53120},     {"ResNet101", 44707176, 44601832, 105344},
        {"ResNet152", 60419944, 60268520, 151424},   {"ResNet50V2", 25613800, 25568360, 45440},
        {"ResNet101V2", 44675560, 44577896, 97664},  {"ResNet152V2", 60380648, 60236904, 143744},
        {"DenseNet121", 8062504, 7978856, 83648},    {"DenseNet169", 14307880, 14149480, 158400},
        {"DenseNet201", 20242984, 20013928, 229056}, {"MobileNet", 4253864, 4231976, 21888},
        {"MobileNetV2", 3538984, 3504872, 34112},
        {"MobileNetV3Small", 2554968, 2542856, 12112}, {"MobileNetV3Large", 5507432, 5483032, 24400},
        {"Xception", 22910480, 22855952, 54528},     {"InceptionV3", 23851784, 23817352, 34432},
        {"InceptionResNetV2", 55873736, 55813192, 60544},
        {"NASNetMobile", 5326716, 5289978, 36738},   {"NASNetLarge", 88949818, 88753150, 196668},
        {"EfficientNetB0", 5330571, 5288548, 42023}, {"EfficientNetB1", 7856239, 7794184, 62055},
        {"EfficientNetB7", 66658687, 66347960, 310727},
    };
    // Every network ConvLab has is checked here but EfficientNetB2 to B6, for
    // which no printout was at hand: 23 checked of 28.
    CHECK(applications().size() == sizeof(wants) / sizeof(wants[0]) + 5);
    for (const Want& w : wants) {
        CAPTURE(w.name);
        const ModelSummary s = preset(w.name);
        CHECK(s.total_params == w.total);
        CHECK(s.trainable_params == w.trainable);
        CHECK(s.non_trainable_params == w.non_trainable);
        CHECK(s.output == Shape::vector(1000));
    }
    CHECK(find_application("keras:ResNet50") == find_application("ResNet50"));
    CHECK(find_application("resnet50") == nullptr);  // Keras's names are case-sensitive
}

TEST_CASE("applications: rows and their counts as Keras prints them") {
    const ModelSummary vgg = preset("VGG16");
    CHECK(vgg.layers.size() == 23);  // input, 13 convolutions, 5 poolings, flatten, 3 dense
    CHECK(row(vgg, "block1_conv1").analysis.params == 1792);
    CHECK(row(vgg, "block5_pool").analysis.output == Shape::image(7, 7, 512));
    CHECK(row(vgg, "fc1").analysis.params == 102764544);
    CHECK(row(vgg, "predictions").analysis.params == 4097000);
    const ModelSummary resnet = preset("ResNet50");
    CHECK(row(resnet, "conv1_conv").analysis.output == Shape::image(112, 112, 64));
    CHECK(row(resnet, "conv1_conv").analysis.params == 9472);
    CHECK(row(resnet, "conv5_block3_out").analysis.output == Shape::image(7, 7, 2048));
    CHECK(row(resnet, "avg_pool").analysis.output == Shape::vector(2048));
    CHECK(row(resnet, "predictions").analysis.params == 2049000);
    // Without the top, with the pooling Keras offers instead.
    CHECK(preset("VGG16", "include_top=False").total_params == 14714688);
    CHECK(preset("ResNet50", "include_top=False, pooling='avg'").output == Shape::vector(2048));
}

TEST_CASE("applications: a frozen MobileNetV2 base under a new head, as TensorFlow's transfer-learning tutorial builds it") {
    const ImportResult r = import_keras_python(R"(
from tensorflow import keras
IMG_SHAPE = (160, 160, 3)
base_model = keras.applications.MobileNetV2(input_shape=IMG_SHAPE, include_top=False, weights="imagenet")
base_model.trainable = False
inputs = keras.Input(shape=(160, 160, 3))
x = base_model(inputs, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
x = keras.layers.Dropout(0.2)(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras3, &s, &p), p.message);
    REQUIRE(s.layers.size() == 5);
    CHECK(s.layers[1].name == "mobilenetv2_1.00_160");
    CHECK(s.layers[1].analysis.output == Shape::image(5, 5, 1280));
    CHECK(s.total_params == 2259265);
    CHECK(s.trainable_params == 1281);
    CHECK(s.non_trainable_params == 2257984);
}

TEST_CASE("applications: EfficientNetB7 (about 813 layers) is read from its Python source and summarised in milliseconds; the time is printed") {
    const auto start = std::chrono::steady_clock::now();
    const ModelSummary s = preset("EfficientNetB7");
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("EfficientNetB7: ", s.layers.size(), " layers read from Python and summarised in ", ms, " ms");
    CHECK(s.layers.size() > 800);
}
