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
//  - totals alone: variablejun/keras4 keras2/keras71_ALL_TransferLeaning.py,
//    and for EfficientNetB2 to B6 the Keras documentation's table of applications;
//  - VGG16 without its top: TaeYeon-kim-ai/STUDY_1.py keras2/keras79_include_top.py;
//  - MobileNetV2(include_top=False, input_shape=(160, 160, 3)) frozen under a
//    new Dense(1) head: the printed counts of TensorFlow's "Transfer learning
//    and fine-tuning" tutorial (tensorflow.org/tutorials/images/transfer_learning).
#include <doctest.h>

#include <chrono>
#include <utility>
#include <string>
#include <vector>

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
    // EfficientNetB2 to B6 are checked below on their totals alone: 28 of 28.
    CHECK(applications().size() == sizeof(wants) / sizeof(wants[0]) + 5);
    for (const Want& w : wants) {
        CAPTURE(w.name);
        const ModelSummary s = preset(w.name);
        CHECK(s.total_params == w.total);
        CHECK(s.trainable_params == w.trainable);
        CHECK(s.non_trainable_params == w.non_trainable);
        CHECK(s.output == Shape::vector(1000));
    }
    // EfficientNetB2 to B6: no printed split was at hand, only the totals of
    // the Keras documentation's table of applications (keras.io/api/applications,
    // "Parameters", the keras-io sources' templates; tool library file id
    // 9828415283), which also lists every total above.
    const std::pair<const char*, int64_t> totals[] = {{"EfficientNetB2", 9177569}, {"EfficientNetB3", 12320535},
                                                      {"EfficientNetB4", 19466823}, {"EfficientNetB5", 30562527},
                                                      {"EfficientNetB6", 43265143}};
    for (const auto& entry : totals) {
        const char* name = entry.first;  // not a structured binding: CAPTURE's lambda cannot capture one in C++17
        CAPTURE(name);
        const ModelSummary s = preset(name);
        CHECK(s.total_params == entry.second);
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
    // MobileNet: righthandabacus/righthandabacus.github.io
    // _posts/2023-01-30-hzckwwaa17-mobilenet.markdown (tf.keras 2.x
    // MobileNet().summary(line_length=120), 91 rows with the InputLayer).
    const ModelSummary mobilenet = preset("MobileNet");
    CHECK(mobilenet.layers.size() == 91);
    CHECK(row(mobilenet, "conv1").analysis.output == Shape::image(112, 112, 32));
    CHECK(row(mobilenet, "conv1").analysis.params == 864);
    CHECK(row(mobilenet, "conv_dw_13").analysis.params == 9216);
    CHECK(row(mobilenet, "conv_pw_13").analysis.params == 1048576);
    CHECK(row(mobilenet, "conv_preds").analysis.output == Shape::image(1, 1, 1000));
    CHECK(row(mobilenet, "conv_preds").analysis.params == 1025000);
    CHECK(row(mobilenet, "predictions").analysis.params == 0);
    // MobileNetV2: billowdev/lab-mask-detection-mobilenetv2
    // Project_Mask_Detection_Train_Model.ipynb (tf.keras 2.x MobileNetV2().summary(), 156 rows).
    const ModelSummary v2 = preset("MobileNetV2");
    CHECK(v2.layers.size() == 156);
    CHECK(row(v2, "Conv1").analysis.params == 864);
    CHECK(row(v2, "block_16_project").analysis.output == Shape::image(7, 7, 320));
    CHECK(row(v2, "block_16_project").analysis.params == 307200);
    CHECK(row(v2, "block_16_project_BN").analysis.params == 1280);
    CHECK(row(v2, "Conv_1").analysis.params == 409600);
    CHECK(row(v2, "predictions").analysis.params == 1281000);
    // Five more networks, each five rows and its row count from one printed
    // tf.keras 2.x summary: VGG19 (a summary pasted in a script, search id
    // 5110345579), Xception (jss367/jss367.github.io
    // _posts/2023-01-01-model-explainability-with-grad-cam.md), ResNet50V2 (a
    // rendered "Transfer Learning" notebook, search id 58441584333),
    // InceptionV3 and DenseNet201 (a blog post "[Tensorflow] CNN 모델의 발전",
    // search id 7039364551).
    struct Row {
        const char* name;
        Shape output;
        int64_t params;
    };
    struct Printed {
        const char* network;
        size_t rows;
        std::vector<Row> check;
    };
    const std::vector<Printed> printed = {
        {"VGG19", 26, {{"block1_conv1", Shape::image(224, 224, 64), 1792}, {"block5_conv4", Shape::image(14, 14, 512), 2359808},
                       {"block5_pool", Shape::image(7, 7, 512), 0}, {"fc1", Shape::vector(4096), 102764544},
                       {"predictions", Shape::vector(1000), 4097000}}},
        {"Xception", 134, {{"block1_conv1", Shape::image(149, 149, 32), 864}, {"block13_pool", Shape::image(10, 10, 1024), 0},
                           {"block14_sepconv2_act", Shape::image(10, 10, 2048), 0}, {"avg_pool", Shape::vector(2048), 0},
                           {"predictions", Shape::vector(1000), 2049000}}},
        {"ResNet50V2", 192, {{"conv1_conv", Shape::image(112, 112, 64), 9472}, {"conv5_block3_out", Shape::image(7, 7, 2048), 0},
                             {"post_bn", Shape::image(7, 7, 2048), 8192}, {"avg_pool", Shape::vector(2048), 0},
                             {"predictions", Shape::vector(1000), 2049000}}},
        {"InceptionV3", 313, {{"mixed0", Shape::image(35, 35, 256), 0}, {"mixed7", Shape::image(17, 17, 768), 0},
                              {"mixed10", Shape::image(8, 8, 2048), 0}, {"avg_pool", Shape::vector(2048), 0},
                              {"predictions", Shape::vector(1000), 2049000}}},
        {"DenseNet201", 709, {{"pool4_conv", Shape::image(14, 14, 896), 1605632},
                              {"conv5_block32_concat", Shape::image(7, 7, 1920), 0}, {"bn", Shape::image(7, 7, 1920), 7680},
                              {"avg_pool", Shape::vector(1920), 0}, {"predictions", Shape::vector(1000), 1921000}}},
    };
    for (const Printed& p : printed) {
        CAPTURE(p.network);
        const ModelSummary s = preset(p.network);
        CHECK(s.layers.size() == p.rows);
        for (const Row& r : p.check) {
            CAPTURE(r.name);
            CHECK(row(s, r.name).analysis.output == r.output);
            CHECK(row(s, r.name).analysis.params == r.params);
        }
    }
    // Without the top, with the pooling Keras offers instead.
    CHECK(preset("VGG16", "include_top=False").total_params == 14714688);
    CHECK(preset("ResNet50", "include_top=False, pooling='avg'").output == Shape::vector(2048));
}

TEST_CASE("applications: without the top, as Keras printed it") {
    // EfficientNetB0(include_top=False), frozen: a tf.keras 2.x printout found
    // through the tool library's search (file id 24705924703, a translated
    // transfer-learning notebook): 4,049,571 total, all non-trainable once
    // base_model.trainable = False; its enumerated layer list runs 0 to 236.
    // The rows' shapes there are (None, None, None, ...); the 7×7 ones are
    // from NikitaShulgan/Laba2's README, the same base at 224.
    const ImportResult frozen = import_keras_python(R"(
import tensorflow as tf
base_model = tf.keras.applications.EfficientNetB0(include_top=False, input_shape=(224, 224, 3))
base_model.trainable = False
)");
    REQUIRE_MESSAGE(frozen.ok, frozen.error);
    ModelSummary b0;
    Problem p;
    REQUIRE_MESSAGE(summarize(frozen.model, NamingStyle::Keras3, &b0, &p), p.message);
    CHECK(b0.total_params == 4049571);
    CHECK(b0.trainable_params == 0);
    CHECK(b0.non_trainable_params == 4049571);
    CHECK(b0.layers.size() == 237);
    struct Row { const char* name; int64_t params; };
    for (const Row& r : {Row{"normalization", 7}, Row{"stem_conv", 864}, Row{"stem_bn", 128}, Row{"block1a_dwconv", 288},
                         Row{"block1a_se_reduce", 264}, Row{"block2b_se_reduce", 870}, Row{"block3a_dwconv", 3600},
                         Row{"block6d_se_reduce", 55344}, Row{"block7a_dwconv", 10368}, Row{"block7a_project_conv", 368640},
                         Row{"block7a_project_bn", 1280}, Row{"top_conv", 409600}, Row{"top_bn", 5120}}) {
        CAPTURE(r.name);
        CHECK(row(b0, r.name).analysis.params == r.params);
    }
    CHECK(row(b0, "block7a_project_conv").analysis.output == Shape::image(7, 7, 320));
    CHECK(row(b0, "top_activation").analysis.output == Shape::image(7, 7, 1280));

    // DenseNet121(include_top=False): 7,037,504 / 6,953,856 / 83,648 as the
    // Coursera "AI for Medicine" DenseNet lab printed it (file id 23244000253,
    // Keras 2 on TF 1.x; its rows then were named conv1/conv, not conv1_conv);
    // rows at 224 from a tf.keras 2.9+ notebook (file id 55318400946).
    const ModelSummary dense = preset("DenseNet121", "include_top=False, input_shape=(224, 224, 3)");
    CHECK(dense.total_params == 7037504);
    CHECK(dense.trainable_params == 6953856);
    CHECK(dense.non_trainable_params == 83648);
    CHECK(row(dense, "conv2_block1_1_conv").analysis.output == Shape::image(56, 56, 128));
    CHECK(row(dense, "conv2_block1_1_conv").analysis.params == 8192);
    CHECK(row(dense, "conv2_block1_2_conv").analysis.params == 36864);
    CHECK(row(dense, "conv3_block5_1_conv").analysis.output == Shape::image(28, 28, 128));
    CHECK(row(dense, "conv3_block5_1_conv").analysis.params == 32768);
    CHECK(row(dense, "conv4_block7_1_conv").analysis.params == 57344);
    CHECK(row(dense, "conv5_block16_1_conv").analysis.params == 126976);
    CHECK(row(dense, "bn").analysis.params == 4096);

    // MobileNetV2(include_top=False) at 224, not frozen: 2,257,984 / 2,223,872
    // / 34,112, last row out_relu (None, 7, 7, 1280) (file id 24138817627).
    const ModelSummary mobile = preset("MobileNetV2", "include_top=False, input_shape=(224, 224, 3)");
    CHECK(mobile.total_params == 2257984);
    CHECK(mobile.trainable_params == 2223872);
    CHECK(mobile.non_trainable_params == 34112);
    CHECK(mobile.layers.back().name == "out_relu");
    CHECK(mobile.layers.back().analysis.output == Shape::image(7, 7, 1280));
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

TEST_CASE("applications: a base's layers taken into a new Functional model, as a printed transfer-learning notebook builds it") {
    // A Kaggle notebook on the Duke OCT data set, rendered as a blog post
    // (tool library file id 13169349015, "2022-06-26-oct-duke-all-final"):
    // tf.keras 2.x (TF 2.8 or earlier: "Connected to" without brackets).
    // Its generate_model() puts a Flatten/Dense head on a topless base through
    // base_model.output and Model(inputs=base_model.input, ...), then freezes
    // base_model.layers[:-3]. The script below is that function's code for each
    // base; every number checked is one the notebook printed.
    auto build = [](const std::string& base) {
        const ImportResult r = import_keras_python(R"(
from keras.layers import Dense, Dropout, Flatten, ReLU
from keras.models import Model
from keras.applications import VGG16, InceptionResNetV2

base_model = )" + base + R"((weights='imagenet', include_top=False, input_shape=(224, 224, 3))
x = base_model.output
x = Flatten()(x)
x = Dense(4096)(x)
x = ReLU()(x)
x = Dropout(0.5)(x)
x = Dense(4096)(x)
x = ReLU()(x)
x = Dropout(0.5)(x)
predictions = Dense(3, activation='softmax')(x)
model = Model(inputs=base_model.input, outputs=predictions)
for layer in base_model.layers[:-3]:
    layer.trainable = False
)");
        REQUIRE_MESSAGE(r.ok, r.error);
        ModelSummary s;
        Problem p;
        REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras3, &s, &p), p.message);
        return s;
    };
    struct Row {
        const char* name;
        Shape output;
        int64_t params;
    };
    // Model: "model": input_1, VGG16's 18 layers, then flatten ... dense_2.
    const ModelSummary vgg = build("VGG16");
    CHECK(vgg.total_params == 134272835);
    CHECK(vgg.trainable_params == 124277763);
    CHECK(vgg.non_trainable_params == 9995072);
    CHECK(vgg.layers.size() == 27);
    for (const Row& r : {Row{"block1_conv1", Shape::image(224, 224, 64), 1792}, Row{"block3_conv3", Shape::image(56, 56, 256), 590080},
                         Row{"block4_conv1", Shape::image(28, 28, 512), 1180160}, Row{"block5_pool", Shape::image(7, 7, 512), 0},
                         Row{"flatten", Shape::vector(25088), 0}, Row{"dense", Shape::vector(4096), 102764544},
                         Row{"dense_2", Shape::vector(3), 12291}}) {
        CAPTURE(r.name);
        CHECK(row(vgg, r.name).analysis.output == r.output);
        CHECK(row(vgg, r.name).analysis.params == r.params);
    }
    // Model: "model_2": InceptionResNetV2's layers, then the same head. Keras
    // numbered the base's unnamed layers from conv2d as ConvLab does; the head
    // was flatten_1 and dense_3 there (the VGG16 model had taken flatten and
    // dense), so it is found here by position.
    const ModelSummary irv2 = build("InceptionResNetV2");
    CHECK(irv2.total_params == 228420835);
    CHECK(irv2.trainable_params == 177280515);
    CHECK(irv2.non_trainable_params == 51140320);
    for (const Row& r : {Row{"conv2d", Shape::image(111, 111, 32), 864}, Row{"batch_normalization", Shape::image(111, 111, 32), 96},
                         Row{"conv2d_4", Shape::image(52, 52, 192), 138240}, Row{"max_pooling2d_1", Shape::image(25, 25, 192), 0},
                         Row{"conv2d_7", Shape::image(25, 25, 64), 76800}, Row{"conv2d_10", Shape::image(25, 25, 96), 82944},
                         Row{"mixed_5b", Shape::image(25, 25, 320), 0}, Row{"block35_1_mixed", Shape::image(25, 25, 128), 0}}) {
        CAPTURE(r.name);
        CHECK(row(irv2, r.name).analysis.output == r.output);
        CHECK(row(irv2, r.name).analysis.params == r.params);
    }
    REQUIRE(irv2.layers.size() > 8);
    const LayerSummary& flatten = irv2.layers[irv2.layers.size() - 8];
    CHECK(flatten.kind == LayerKind::Flatten);
    CHECK(flatten.analysis.output == Shape::vector(38400));
    CHECK(irv2.layers[irv2.layers.size() - 7].analysis.params == 157290496);
    // No layer count here: Keras scales each residual branch and adds it in one
    // Lambda layer (block35_1 ...), ConvLab's source in a Rescaling and an Add
    // (same parameters, one row more per block), so the rows number 40 more.
}

TEST_CASE("applications: two Functional models that share no layers are still two models, refused") {
    // The rule above takes a model in only when another built model holds every
    // one of its layers; two unrelated models leave ConvLab no way to choose.
    const ImportResult r = import_keras_python(R"(
import keras
from keras import layers
a_in = keras.Input(shape=(8, 8, 3))
a = keras.Model(a_in, layers.Conv2D(2, 3)(a_in))
b_in = keras.Input(shape=(8, 8, 3))
b = keras.Model(b_in, layers.Conv2D(4, 3)(b_in))
)");
    CHECK_FALSE(r.ok);
    CHECK(r.line == 7);
}

namespace {

ModelSummary script(const std::string& code) {
    const ImportResult r = import_keras_python(code);
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras3, &s, &p), p.message);
    return s;
}

// A printed row found by its position: Keras's session counters ("dense_17",
// "global_average_pooling2d_19") number a notebook's layers by what it made
// before, which a script cannot repeat, so a name is checked only where the
// printout's is the one a fresh session gives ("" skips it).
struct PrintedRow {
    size_t at;
    const char* name;
    Shape output;
    int64_t params;
};

void check_rows(const ModelSummary& s, const std::vector<PrintedRow>& rows) {
    for (const PrintedRow& r : rows) {
        CAPTURE(r.at);
        REQUIRE(r.at < s.layers.size());
        if (r.name[0] != '\0') CHECK(s.layers[r.at].name == r.name);
        CHECK(s.layers[r.at].analysis.output == r.output);
        CHECK(s.layers[r.at].analysis.params == r.params);
    }
}

}  // namespace

TEST_CASE("applications: DenseNet169 and EfficientNetB7 as printed notebooks built them, code and printout both at hand") {
    // DenseNet169 (tool library file id 32180308533, a blog post of a
    // FER-2013 notebook): its code, reproduced below as written, and its
    // model.summary(). tf.keras 2.4 to 2.8 ("(Functional)", "[(None, 48, 48,
    // 3)]", rules between the rows). The base is frozen through
    // model.layers[1].trainable = False, so the split shows the base's
    // parameter count at 48×48 (1×1 after five halvings).
    const ModelSummary dense = script(R"(
import tensorflow as tf
IMG_HEIGHT = 48
IMG_WIDTH = 48
NUM_CLASSES = 7

def feature_extractor(inputs):
    feature_extractor = tf.keras.applications.DenseNet169(input_shape=(IMG_HEIGHT,IMG_WIDTH, 3),
                                               include_top=False,
                                               weights="imagenet")(inputs)
    return feature_extractor

def classifier(inputs):
    x = tf.keras.layers.GlobalAveragePooling2D()(inputs)
    x = tf.keras.layers.Dense(256, activation="relu", kernel_regularizer = tf.keras.regularizers.l2(0.01))(x)
    x = tf.keras.layers.Dropout(0.3)(x)
    x = tf.keras.layers.Dense(1024, activation="relu", kernel_regularizer = tf.keras.regularizers.l2(0.01))(x)
    x = tf.keras.layers.Dropout(0.5)(x)
    x = tf.keras.layers.Dense(512, activation="relu", kernel_regularizer = tf.keras.regularizers.l2(0.01))(x)
    x = tf.keras.layers.Dropout(0.5) (x)
    x = tf.keras.layers.Dense(NUM_CLASSES, activation="softmax", name="classification")(x)
    return x

def final_model(inputs):
    densenet_feature_extractor = feature_extractor(inputs)
    classification_output = classifier(densenet_feature_extractor)
    return classification_output

def define_compile_model():
    inputs = tf.keras.layers.Input(shape=(IMG_HEIGHT ,IMG_WIDTH,3))
    classification_output = final_model(inputs)
    model = tf.keras.Model(inputs=inputs, outputs = classification_output)
    model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss='categorical_crossentropy',metrics = ['accuracy'])
    return model

model = define_compile_model()
clear_output()

# Feezing the feature extraction layers
model.layers[1].trainable = False

model.summary()
)");
    CHECK(dense.layers.size() == 10);
    CHECK(dense.total_params == 13860679);
    CHECK(dense.trainable_params == 1217799);
    CHECK(dense.non_trainable_params == 12642880);
    check_rows(dense, {{1, "densenet169", Shape::image(1, 1, 1664), 12642880},
                       {2, "global_average_pooling2d", Shape::vector(1664), 0},
                       {3, "dense", Shape::vector(256), 426240},
                       {5, "dense_1", Shape::vector(1024), 263168},
                       {7, "dense_2", Shape::vector(512), 524800},
                       {8, "dropout_2", Shape::vector(512), 0},
                       {9, "classification", Shape::vector(7), 3591}});

    // EfficientNetB7 (file id 21877049992, "Cars Recognition", a notebook
    // rendered as a post): tf.keras 2.9 or later (keras.engine.functional
    // objects printed; blank lines between rows). The base at (90, 120), then
    // the notebook's fine-tuning step, which freezes the first half of the
    // base's layers by count: the printed split holds only if ConvLab's
    // EfficientNetB7 has Keras's layers in Keras's order. The code is the
    // notebook's, its star imports and (*image_size, 3) included.
    const ModelSummary b7 = script(R"(
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import *
from tensorflow.keras.applications import *
from tensorflow.keras.layers import *

image_size = (90, 120)
batch_size = 32
input_shape = (*image_size, 3)

base_model_02= EfficientNetB7(weights='imagenet', include_top=False, input_shape=input_shape)
base_model_02.trainable = False

model_02=Sequential()
model_02.add(base_model_02)
model_02.add(GlobalAveragePooling2D(),)
model_02.add(Dense(10, activation='softmax'))

base_model_02.trainable = True

# Fine-tune from this layer onwards
fine_tune_at = len(base_model_02.layers)//2

# Freeze all the layers before the `fine_tune_at` layer
for layer in base_model_02.layers[:fine_tune_at]:
  layer.trainable =  False
)");
    CHECK(b7.layers.size() == 3);
    CHECK(b7.total_params == 64123297);
    CHECK(b7.trainable_params == 59262562);
    CHECK(b7.non_trainable_params == 4860735);
    check_rows(b7, {{0, "efficientnetb7", Shape::image(3, 4, 2560), 64097687},
                    {1, "", Shape::vector(2560), 0},
                    {2, "", Shape::vector(10), 25610}});
}

TEST_CASE("applications: the other networks as one row of a printed transfer-learning model") {
    // No printout of these networks' own summaries (the model.summary() of
    // ResNet101() itself) was found through the tool library: the ones found
    // give totals only (see the file's opening comment), and the tables of
    // notebooks are not in its exact-text index. What was found are models
    // that use each as their base: one row for the network (its topless
    // total at the printout's input size, and its output shape), then the
    // head's rows and the model's totals. The heads below are written from
    // those rows; the bases are frozen where the split says so.
    struct Case {
        const char* what;  // the printout: where, which Keras
        std::string code;
        size_t rows;
        int64_t total, trainable, non_trainable;  // -1: the printout's split depends on code not shown
        std::vector<PrintedRow> check;
    };
    const std::string head = "import tensorflow as tf\nfrom tensorflow.keras import layers\n";
    const std::vector<Case> cases = {
        // file id 17009694592, a cancer-detection README: TF 2.0 to 2.3
        // ("resnet101 (Model)"), Sequential([ResNet101 base, GAP, Dense(1)]), base trainable.
        {"ResNet101, tf.keras 2.0-2.3",
         head + "base = tf.keras.applications.ResNet101(include_top=False, input_shape=(224, 224, 3))\n"
                "model = tf.keras.Sequential([base, layers.GlobalAveragePooling2D(), layers.Dense(1, activation='sigmoid')])\n",
         3, 42660225, 42554881, 105344,
         {{0, "resnet101", Shape::image(7, 7, 2048), 42658176}, {1, "global_average_pooling2d", Shape::vector(2048), 0},
          {2, "dense", Shape::vector(1), 2049}}},
        // file id 22379840926, a distillation README ("master" model): Keras 3.
        {"ResNet152, Keras 3",
         head + "base = tf.keras.applications.ResNet152(include_top=False, input_shape=(150, 150, 3))\n"
                "base.trainable = False\ninputs = tf.keras.Input(shape=(150, 150, 3))\n"
                "x = layers.GlobalAveragePooling2D()(base(inputs))\nmodel = tf.keras.Model(inputs, layers.Dense(6)(x))\n",
         4, 58383238, 12294, 58370944,
         {{0, "", Shape::image(150, 150, 3), 0}, {1, "resnet152", Shape::image(5, 5, 2048), 58370944},
          {2, "global_average_pooling2d", Shape::vector(2048), 0}, {3, "dense", Shape::vector(6), 12294}}},
        // The same README's "student": EfficientNetB1 at 150, Keras 3.
        {"EfficientNetB1, Keras 3",
         head + "base = tf.keras.applications.EfficientNetB1(include_top=False, input_shape=(150, 150, 3))\n"
                "base.trainable = False\ninputs = tf.keras.Input(shape=(150, 150, 3))\n"
                "x = layers.GlobalAveragePooling2D()(base(inputs))\nx = layers.Dropout(0.2)(x)\nx = layers.Dense(15)(x)\n"
                "x = layers.Dropout(0.2)(x)\nmodel = tf.keras.Model(inputs, layers.Dense(6)(x))\n",
         7, 6594550, 19311, 6575239,
         {{1, "efficientnetb1", Shape::image(5, 5, 1280), 6575239}, {2, "global_average_pooling2d", Shape::vector(1280), 0},
          {3, "dropout", Shape::vector(1280), 0}, {4, "dense", Shape::vector(15), 19215},
          {5, "dropout_1", Shape::vector(15), 0}, {6, "dense_1", Shape::vector(6), 96}}},
        // file id 45269700002, a diabetic-retinopathy report: Keras 3,
        // Sequential "sequential_5" (its names carry that session's counters).
        // Part of the base was unfrozen by code not shown: no split here.
        {"ResNet152V2, Keras 3",
         head + "base = tf.keras.applications.ResNet152V2(include_top=False, input_shape=(224, 224, 3))\n"
                "model = tf.keras.Sequential([base, layers.GlobalAveragePooling2D(), layers.Flatten(), layers.Dropout(0.5),\n"
                "    layers.BatchNormalization(), layers.Dense(256), layers.BatchNormalization(), layers.Activation('relu'),\n"
                "    layers.Dropout(0.5), layers.Dense(128), layers.BatchNormalization(), layers.Activation('relu'),\n"
                "    layers.Dropout(0.5), layers.Dense(32), layers.BatchNormalization(), layers.Activation('relu'),\n"
                "    layers.Dense(5, activation='softmax')])\n",
         17, 58903237, -1, -1,
         {{0, "resnet152v2", Shape::image(7, 7, 2048), 58331648}, {4, "", Shape::vector(2048), 8192},
          {5, "", Shape::vector(256), 524544}, {6, "", Shape::vector(256), 1024}, {9, "", Shape::vector(128), 32896},
          {13, "", Shape::vector(32), 4128}, {14, "", Shape::vector(32), 128}, {16, "", Shape::vector(5), 165}}},
        // file id 9259244886, a CIFAR-10 training log: Keras 3. Its first row
        // is a Resizing layer to (224, 224, 3), which ConvLab does not read:
        // the input here is already 224, one row fewer.
        {"MobileNetV3Small, Keras 3",
         head + "base = tf.keras.applications.MobileNetV3Small(include_top=False, input_shape=(224, 224, 3))\n"
                "model = tf.keras.Sequential([base, layers.GlobalAveragePooling2D(), layers.Dropout(0.2),\n"
                "    layers.Dense(3, activation='softmax')], name='CIFAR10_Classifier')\n",
         4, 940851, 928739, 12112,
         {{0, "MobileNetV3Small", Shape::image(7, 7, 576), 939120}, {1, "global_average_pooling2d", Shape::vector(576), 0},
          {2, "dropout", Shape::vector(576), 0}, {3, "dense", Shape::vector(3), 1731}}},
        // file id 31241183342, a flower-classification README's table of
        // its summary: tf.keras 2.x, which named the base "MobilenetV3large"
        // (Keras 3 and ConvLab's source: "MobileNetV3Large"). No totals printed.
        {"MobileNetV3Large, tf.keras 2.x",
         head + "base = tf.keras.applications.MobileNetV3Large(input_shape=(224, 224, 3), include_top=False)\n"
                "base.trainable = False\n"
                "model = tf.keras.Sequential([base, layers.Conv2D(64, 3, padding='same', activation='relu'), layers.MaxPooling2D(),\n"
                "    layers.Conv2D(128, 3, padding='same', activation='relu'), layers.MaxPooling2D(), layers.Flatten(),\n"
                "    layers.Dropout(0.5), layers.Dense(14, activation='softmax')])\n",
         8, 2996352 + 553024 + 73856 + 1806, -1, -1,
         {{0, "", Shape::image(7, 7, 960), 2996352}, {1, "conv2d", Shape::image(7, 7, 64), 553024},
          {2, "max_pooling2d", Shape::image(3, 3, 64), 0}, {3, "conv2d_1", Shape::image(3, 3, 128), 73856},
          {4, "max_pooling2d_1", Shape::image(1, 1, 128), 0}, {5, "flatten", Shape::vector(128), 0},
          {6, "dropout", Shape::vector(128), 0}, {7, "dense", Shape::vector(14), 1806}}},
        // file id 31621663597, an Oxford-pet localisation notebook: tf.keras
        // 2.4 to 2.8, Sequential, a fresh session's names. Its code has typos
        // (ResNet101v2, Sequentail); the model below is the one it prints.
        {"ResNet101V2, tf.keras 2.4-2.8",
         head + "base = tf.keras.applications.ResNet101V2(include_top=False, input_shape=(224, 224, 3))\n"
                "model = tf.keras.Sequential()\nmodel.add(base)\nmodel.add(layers.GlobalAveragePooling2D())\n"
                "model.add(layers.Dense(256))\nmodel.add(layers.BatchNormalization())\nmodel.add(layers.ReLU())\n"
                "model.add(layers.Dense(64))\nmodel.add(layers.BatchNormalization())\nmodel.add(layers.ReLU())\n"
                "model.add(layers.Dense(4, activation='sigmoid'))\n",
         9, 43169092, 43070788, 98304,
         {{0, "resnet101v2", Shape::image(7, 7, 2048), 42626560}, {1, "global_average_pooling2d", Shape::vector(2048), 0},
          {2, "dense", Shape::vector(256), 524544}, {3, "batch_normalization", Shape::vector(256), 1024},
          {4, "re_lu", Shape::vector(256), 0}, {5, "dense_1", Shape::vector(64), 16448},
          {6, "batch_normalization_1", Shape::vector(64), 256}, {8, "dense_2", Shape::vector(4), 260}}},
        // file id 9016666327, a histopathologic-cancer README: Keras 2.2
        // (keras_applications: "(Model)", inputs without brackets), Xception
        // and NASNetMobile side by side on one 96×96 input. Keras 2.2 also
        // printed each base's call as node 1 ("xception[1][0]"), its node 0
        // being the base's own construction. The non-trainable 91,266 is the
        // two bases' moving statistics, 54,528 + 36,738.
        {"NASNetMobile with Xception, Keras 2.2",
         "from keras.applications.xception import Xception\nfrom keras.applications.nasnet import NASNetMobile\n"
         "from keras.layers import Input, GlobalAveragePooling2D, Concatenate, Dropout, Dense\n"
         "from keras.models import Model\ninputs = Input((96, 96, 3))\n"
         "x1 = GlobalAveragePooling2D()(Xception(include_top=False, input_shape=(96, 96, 3))(inputs))\n"
         "x2 = GlobalAveragePooling2D()(NASNetMobile(include_top=False, input_shape=(96, 96, 3))(inputs))\n"
         "x = Concatenate(axis=-1)([x1, x2])\nx = Dropout(0.5)(x)\nmodel = Model(inputs, Dense(1, activation='sigmoid')(x))\n",
         8, 25134301, 25043035, 91266,
         {{1, "xception", Shape::image(3, 3, 2048), 20861480}, {2, "NASNet", Shape::image(3, 3, 1056), 4269716},
          {3, "", Shape::vector(2048), 0}, {4, "", Shape::vector(1056), 0}, {5, "", Shape::vector(3104), 0},
          {7, "", Shape::vector(1), 3105}}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const ModelSummary s = script(c.code);
        CHECK(s.layers.size() == c.rows);
        CHECK(s.total_params == c.total);
        if (c.trainable >= 0) {
            CHECK(s.trainable_params == c.trainable);
            CHECK(s.non_trainable_params == c.non_trainable);
        }
        check_rows(s, c.check);
    }
}
