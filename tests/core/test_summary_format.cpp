// test_summary_format.cpp: the text forms of a summary. The Keras 2.2 table is
// compared byte for byte with what Keras printed in the seed question; the Keras 3
// table with tables Keras 3 printed (sources cited at each test); the JSON and
// the English explanation by their content.
#include <doctest.h>

#include "core/io/summary_format.h"
#include "model_builders.h"

using namespace convlab;
using namespace convlab::test;

namespace {

ModelSummary summarize_ok(const ModelSpec& m, NamingStyle style) {
    ModelSummary s;
    Problem p;
    bool ok = summarize(m, style, &s, &p);
    INFO(p.message);
    REQUIRE(ok);
    return s;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// /work/shared/seed/000_51c0af6ff389b2a9.txt, lines 30-52: the summary Keras 2.2
// printed for the seed model, trailing spaces included.
const char* kSeedTable = R"(_________________________________________________________________
Layer (type)                 Output Shape              Param #   
=================================================================
conv2d_1 (Conv2D)            (None, 26, 26, 32)        320       
_________________________________________________________________
conv2d_2 (Conv2D)            (None, 24, 24, 63)        18207     
_________________________________________________________________
max_pooling2d_1 (MaxPooling2 (None, 12, 12, 63)        0         
_________________________________________________________________
dropout_1 (Dropout)          (None, 12, 12, 63)        0         
_________________________________________________________________
flatten_1 (Flatten)          (None, 9072)              0         
_________________________________________________________________
dense (Dense)                (None, 128)               1161344   
_________________________________________________________________
dropout_2 (Dropout)          (None, 128)               0         
_________________________________________________________________
dense_1 (Dense)              (None, 10)                1290      
=================================================================
Total params: 1,181,161
Trainable params: 1,181,161
Non-trainable params: 0
_________________________________________________________________
)";

}  // namespace

TEST_CASE("keras 2 format: the seed model prints exactly the table Keras 2.2 printed") {
    std::string text = format_summary_keras2(summarize_ok(seed_model(), NamingStyle::Keras2));
    CHECK(text == kSeedTable);
}

TEST_CASE("keras 2 format: a 30-character name loses its last two characters, as in Keras") {
    std::string text = format_summary_keras2(summarize_ok(seed_model(), NamingStyle::Keras2));
    CHECK(contains(text, "\nmax_pooling2d_1 (MaxPooling2 (None, 12, 12, 63)        0         \n"));
}

TEST_CASE("keras 3 format: a Sequential CNN prints the 76-column box table Keras 3 prints in a notebook") {
    // Source: a Keras 3 model.summary() of this model (flower classifier, Conv2D 64 5x5 'same' on
    // 224x224x3, then 3x3 'same' convs and 2x2 poolings, Dense 512, Activation, Dense 5), as printed in
    // a public README found by the search tool; names as that session numbered them.
    auto named = [](LayerSpec s, const char* name) { s.name = name; return s; };
    LayerSpec act = make_layer(LayerKind::Activation);
    ModelSpec m;
    m.layers = {input(224, 224, 3),
                named(conv(64, 5, Padding::Same), "conv2d_8"), named(max_pool(2), "max_pooling2d_5"),
                named(conv(64, 3, Padding::Same), "conv2d_9"), named(max_pool(2), "max_pooling2d_6"),
                named(conv(64, 3, Padding::Same), "conv2d_10"), named(max_pool(2), "max_pooling2d_7"),
                named(conv(64, 3, Padding::Same), "conv2d_11"), named(max_pool(2), "max_pooling2d_8"),
                flatten(), dense(512), act, dense(5)};
    const char* expected =
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓\n"
        "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃\n"
        "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩\n"
        "│ conv2d_8 (Conv2D)               │ (None, 224, 224, 64)   │         4,864 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ max_pooling2d_5 (MaxPooling2D)  │ (None, 112, 112, 64)   │             0 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ conv2d_9 (Conv2D)               │ (None, 112, 112, 64)   │        36,928 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ max_pooling2d_6 (MaxPooling2D)  │ (None, 56, 56, 64)     │             0 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ conv2d_10 (Conv2D)              │ (None, 56, 56, 64)     │        36,928 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ max_pooling2d_7 (MaxPooling2D)  │ (None, 28, 28, 64)     │             0 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ conv2d_11 (Conv2D)              │ (None, 28, 28, 64)     │        36,928 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ max_pooling2d_8 (MaxPooling2D)  │ (None, 14, 14, 64)     │             0 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ flatten (Flatten)               │ (None, 12544)          │             0 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ dense (Dense)                   │ (None, 512)            │     6,423,040 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ activation (Activation)         │ (None, 512)            │             0 │\n"
        "├─────────────────────────────────┼────────────────────────┼───────────────┤\n"
        "│ dense_1 (Dense)                 │ (None, 5)              │         2,565 │\n"
        "└─────────────────────────────────┴────────────────────────┴───────────────┘\n";
    std::string text = format_summary_keras3(summarize_ok(m, NamingStyle::Keras3));
    CHECK(text.rfind("Model: \"sequential\"\n", 0) == 0);
    size_t start = text.find("┏"), end = text.find("┘\n");
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    CHECK(text.substr(start, end + std::string("┘\n").size() - start) == expected);
}

TEST_CASE("keras 3 format: a name too long for its column wraps at the space, as rich wraps it") {
    // Source: Keras 3 summary of a MobileNetV2 transfer model (public README):
    // "│ global_average_pooling2d        │ (None, 1280)           │             0 │"
    // "│ (GlobalAveragePooling2D)        │                        │               │"
    ModelSpec m;
    m.layers = {input(7, 7, 1280), make_layer(LayerKind::GlobalAveragePooling2D)};
    std::string text = format_summary_keras3(summarize_ok(m, NamingStyle::Keras3));
    CHECK(contains(text, "│ global_average_pooling2d        │ (None, 1280)           │             0 │\n"
                         "│ (GlobalAveragePooling2D)        │                        │               │\n"));
}

TEST_CASE("keras 3 format: at 88 columns the widths are 38, 29 and 17 as in Keras on a wide terminal") {
    // Source: Keras 3 summary printed on a wide terminal (public README):
    // "│ dropout_2 (Dropout)                  │ (None, 256)                 │               0 │"
    ModelSpec m;
    LayerSpec d = dropout(0.5);
    d.name = "dropout_2";
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = Shape::vector(256);
    m.layers = {in, d};
    std::string text = format_summary_keras3(summarize_ok(m, NamingStyle::Keras3), 88);
    CHECK(contains(text, "│ dropout_2 (Dropout)                  │ (None, 256)                 │               0 │\n"));
    CHECK(contains(text, "└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘\n"));
}

TEST_CASE("keras 3 format: totals show float32 sizes the way Keras's readable_memory_size writes them") {
    // Pairs seen in Keras 3 summaries: 34,826 (136.04 KB), 4,673 (18.25 KB), 0 (0.00 B),
    // 2,259,520 (8.62 MB), 33,127,698 (126.37 MB).
    CHECK(readable_memory_size(34826.0 * 4) == "136.04 KB");
    CHECK(readable_memory_size(4673.0 * 4) == "18.25 KB");
    CHECK(readable_memory_size(0) == "0.00 B");
    CHECK(readable_memory_size(2259520.0 * 4) == "8.62 MB");
    CHECK(readable_memory_size(33127698.0 * 4) == "126.37 MB");
    CHECK(readable_memory_size(1000) == "1000.00 B");
    std::string text = format_summary_keras3(summarize_ok(seed_model(), NamingStyle::Keras3));
    CHECK(contains(text, "\n Total params: 1,181,161 (4.51 MB)\n"));
    CHECK(contains(text, "\n Trainable params: 1,181,161 (4.51 MB)\n"));
    CHECK(contains(text, "\n Non-trainable params: 0 (0.00 B)\n"));
    CHECK(contains(text, "│ conv2d_1 (Conv2D)               │ (None, 24, 24, 63)     │        18,207 │\n"));
}

TEST_CASE("json format: every layer with its shape, counts and formula, then the totals") {
    std::string json = format_summary_json(summarize_ok(seed_model(), NamingStyle::Keras2));
    CHECK(json.rfind("{\"layers\":[{\"name\":\"conv2d_1\",\"class_name\":\"Conv2D\","
                     "\"output_shape\":[null,26,26,32],\"params\":320,\"trainable_params\":320,"
                     "\"non_trainable_params\":0,\"formula\":\"(3 × 3 × 1 + 1) × 32 = 320\"}", 0) == 0);
    CHECK(contains(json, "\"formula\":\"(3 × 3 × 32 + 1) × 63 = 18,207\""));
    CHECK(contains(json, "{\"name\":\"flatten_1\",\"class_name\":\"Flatten\",\"output_shape\":[null,9072],"
                         "\"params\":0,\"trainable_params\":0,\"non_trainable_params\":0,\"formula\":null}"));
    CHECK(contains(json, "],\"total_params\":1181161,\"trainable_params\":1181161,\"non_trainable_params\":0}"));
}

TEST_CASE("json format: names are escaped so any name yields valid JSON") {
    ModelSpec m = seed_model();
    m.layers[5].name = "my \"dense\"\\\n\x01";
    std::string json = format_summary_json(summarize_ok(m, NamingStyle::Keras2));
    CHECK(contains(json, "\"name\":\"my \\\"dense\\\"\\\\\\n\\u0001\""));
}

TEST_CASE("explanation: the seed's second convolution is explained with 630 beside 18,207") {
    std::string text = format_explanation_en(summarize_ok(seed_model(), NamingStyle::Keras2), 1);
    CHECK(text.rfind("conv2d_2 (Conv2D) takes (None, 26, 26, 32) and gives (None, 24, 24, 63).\n", 0) == 0);
    CHECK(contains(text, "Height: ⌊(26 − 3) / 1⌋ + 1 = 24"));
    CHECK(contains(text, "Parameters: (3 × 3 × 32 + 1) × 63 = 18,207. Each of the 63 filters is a 3 × 3 × 32 "
                         "block of weights plus one bias."));
    CHECK(contains(text, "Not (3 × 3 + 1) × 63 = 630: each of the 63 filters spans all 32 input channels."));
    CHECK(contains(text, "Not 3 × 3 × 32 × 63 = 18,144"));
    CHECK_FALSE(contains(text, "conv2d_1"));
}

TEST_CASE("explanation: every layer, then the totals, when no layer is chosen") {
    std::string text = format_explanation_en(summarize_ok(seed_model(), NamingStyle::Keras2), -1);
    CHECK(contains(text, "flatten_1 (Flatten) takes (None, 12, 12, 63) and gives (None, 9072)."));
    CHECK(contains(text, "Size: 12 × 12 × 63 = 9072"));
    CHECK(contains(text, "Not 63: Flatten keeps every value"));
    CHECK(contains(text, "Parameters: (9072 + 1) × 128 = 1,161,344"));
    CHECK(contains(text, "Parameters: 0: it keeps the largest value of each window."));
    CHECK(contains(text, "Total: 1,181,161 parameters, 1,181,161 trainable and 0 non-trainable."));
}

TEST_CASE("explanation: batch normalization says which half is not trainable") {
    ModelSpec m;
    m.layers = {with_input(batch_norm(), 8, 8, 64)};
    std::string text = format_explanation_en(summarize_ok(m, NamingStyle::Keras2), 0);
    CHECK(contains(text, "Parameters: 4 × 64 = 256. Per channel, gamma and beta are learned (128 trainable)"));
    CHECK(contains(text, "Not 4 × 64 = 256 trainable: the moving mean and variance are not trained, so only 128 are "
                         "trainable."));
}

TEST_CASE("explanation: 'same' padding says how many zeros go before and after") {
    ModelSpec m;
    m.layers = {with_input(conv(4, 3, Padding::Same, 2), 8, 8, 1)};
    std::string text = format_explanation_en(summarize_ok(m, NamingStyle::Keras2), 0);
    CHECK(contains(text, "Height: ⌈8 / 2⌉ = 4 (padding='same': 0 zeros before, 1 after"));
}
