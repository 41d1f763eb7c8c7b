// test_messages.cpp: the core's sentences (convlab::MsgCode) in the string
// table. Every code has its row, whose English is the core's own template and
// whose Chinese keeps every slot and leaves no English sentence behind; and
// real errors from the importers, the export and network_build, rendered with
// the Chinese table, are Chinese all the way down (nested pieces included),
// model Problems with their location too.
#include <doctest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "app/text/message_text.h"
#include "app/text/strings.h"
#include "core/analysis/model_summary.h"
#include "core/io/export_code.h"
#include "core/io/import.h"
#include "core/io/model_file.h"
#include "core/analysis/shape_math.h"
#include "core/train/network.h"

using convlab::Message;
using convlab::MsgCode;

namespace {

// Lower-case ASCII words of three letters or more, outside `code` and "JSON"
// spans and not written as code (shape=, f(...), a/path): English prose, as
// opposed to CamelCase class names, snake_case keywords and numbers, which
// stay as they are in every language.
std::vector<std::string> english_words(const std::string& s) {
    std::vector<std::string> out;
    bool in_code = false, in_json = false;
    for (size_t i = 0; i < s.size();) {
        if (s[i] == '`') { in_code = !in_code; ++i; continue; }
        if (s[i] == '"') { in_json = !in_json; ++i; continue; }
        if (!std::isalpha(static_cast<unsigned char>(s[i]))) { ++i; continue; }
        size_t j = i;
        while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '.' ||
                                s[j] == '-'))
            ++j;
        const std::string w = s.substr(i, j - i);
        const char next = j < s.size() ? s[j] : ' ';
        bool prose = w.size() >= 3 && !in_code && !in_json && next != '=' && next != '(' && next != '/';
        for (char c : w)
            if (!std::islower(static_cast<unsigned char>(c))) prose = false;
        if (prose) out.push_back(w);
        i = j;
    }
    return out;
}

// Words a Chinese sentence keeps in English because they are code: Keras and
// JSON values and keywords without an underscore, activation names, the CLI flag.
bool is_code_word(const std::string& w) {
    static const std::set<std::string> kCode = {
        "null", "true", "false", "valid", "same", "lambda", "yield", "await", "relu", "sigmoid", "tanh",
        "softmax", "linear", "else", "padding", "groups", "axis", "name", "config", "activation", "gamma",
        "beta", "affine", "center", "scale", "strides", "dropout", "interpolation", "nearest", "bilinear", "dims", "inputs", "outputs", "set"};
    return kCode.count(w) != 0;
}

bool has_cjk(const std::string& s) {
    for (size_t i = 0; i + 2 < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xF0) == 0xE0 && static_cast<unsigned char>(s[i]) >= 0xE4) return true;
    return false;
}

// The words of the English templates used anywhere in a message tree.
void template_words(const Message& m, std::set<std::string>* out) {
    if (m.code == MsgCode::Text) return;
    for (const std::string& w : english_words(convlab::message_template_en(m.code))) out->insert(w);
    for (const Message& a : m.args) template_words(a, out);
}

void check_chinese(const Message& m) {
    const std::string en = message_text_in(Lang::En, m);
    const std::string zh = message_text_in(Lang::Zh, m);
    CAPTURE(en);
    CAPTURE(zh);
    CHECK(en == convlab::message_en(m));  // the table's English column is the core's English
    CHECK(has_cjk(zh));
    std::set<std::string> words;
    template_words(m, &words);
    for (const std::string& w : english_words(zh)) {
        CAPTURE(w);
        CHECK((words.count(w) == 0 || is_code_word(w)));
    }
}

}  // namespace

TEST_CASE("messages: every core code has its row, with the core's English and the same slots in Chinese") {
    size_t count = 0;
    for (size_t c = 0; c < size_t(MsgCode::Count); ++c) {
        const Str key = message_key(MsgCode(c));
        const std::string en = tr_in(Lang::En, key);
        const std::string zh = tr_in(Lang::Zh, key);
        CAPTURE(c);
        CAPTURE(en);
        CAPTURE(zh);
        CHECK(en == convlab::message_template_en(MsgCode(c)));
        CHECK(!zh.empty());
        // Slot parity: filling every slot with a marker leaves no slot behind and uses each marker.
        std::vector<std::string> marks;
        for (int i = 0; i < 10; ++i) marks.push_back("<" + std::to_string(i) + ">");
        for (int i = 0; i < 10; ++i) {
            const bool in_en = convlab::fill_slots(en, marks).find(marks[size_t(i)]) != std::string::npos;
            const bool in_zh = convlab::fill_slots(zh, marks).find(marks[size_t(i)]) != std::string::npos;
            CHECK(in_en == in_zh);
        }
        // No English prose left in the Chinese, unless it is code (null, 'same', relu).
        for (const std::string& w : english_words(zh)) {
            CAPTURE(w);
            CHECK(is_code_word(w));
        }
        ++count;
    }
    CHECK(count == size_t(MsgCode::Count));
    CHECK(message_key(MsgCode::Text) == Str::MsgText);
    CHECK(size_t(Str::Count) - size_t(Str::MsgText) == size_t(MsgCode::Count));
}

TEST_CASE("messages: the English-word check sees English") {
    CHECK(english_words("expected a whole number, got `foo_bar` Conv2D") ==
          std::vector<std::string>{"expected", "whole", "number", "got"});
    CHECK(english_words("应该是整数，这里却是 \"thirty two\" 或 shape=(28, 28) 或 tools/x.mjs").empty());
    Message untranslated = convlab::as_is("expected a value");
    std::set<std::string> words;
    template_words(Message(MsgCode::JsonUnexpectedEnd, {Message(MsgCode::JsonWantValue)}), &words);
    CHECK(words.count("expected") == 1);
    CHECK(words.count("value") == 1);
}

TEST_CASE("messages: real errors render in Chinese, nested pieces included") {
    const char* const kBroken[] = {
        "{\"class_name\": \"Sequential\", \"config\": [1, 2,]}",
        "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Conv2D\", \"config\": "
        "{\"name\": \"c\", \"batch_input_shape\": [null, 28, 28, 1], \"filters\": [], \"kernel_size\": 3}}]}}",
        "{\"class_name\": \"Functional\", \"config\": {}}",
        "model = keras.Sequential([\n",
        "from tensorflow import keras\nmodel = keras.Sequential([keras.Input(shape=(28, 28, 1)), "
        "keras.layers.Dense('ten')])\n",
        "from tensorflow import keras\nmodel = keras.Sequential()\nfor i in range(3):\n"
        "    model.add(keras.layers.Dense(10))\n",
        "import numpy as np\nx = np.zeros(3)\n",
        "from tensorflow import keras\nmodel = keras.Sequential([keras.Input(shape=(28, 28, 1)), "
        "keras.layers.Dense(10, activation=lambda x: x)])\n",
        "{\"format\": \"convlab-model\", \"version\": 1, \"model\": \"v1.A!\"}",
    };
    for (const char* text : kBroken) {
        const convlab::ImportResult r = convlab::import_any_model_text(text);
        CAPTURE(text);
        REQUIRE_FALSE(r.ok);
        check_chinese(r.message);
    }

    convlab::ModelSpec m;
    convlab::LayerSpec in = convlab::make_layer(convlab::LayerKind::InputLayer);
    in.input_shape = convlab::Shape::image(8, 8, 3);
    convlab::LayerSpec dense = convlab::make_layer(convlab::LayerKind::Dense);
    dense.units = 10;
    m.layers = {in, dense};
    std::string error;
    Message why;
    CHECK(convlab::export_pytorch(m, &error, &why).empty());
    check_chinese(why);

    m.layers = {in, convlab::make_layer(convlab::LayerKind::Flatten), dense};
    convlab::Network net;
    convlab::NetworkOptions options;
    const convlab::Status s = convlab::network_build(m, options, &net);  // no softmax
    REQUIRE_FALSE(s.ok());
    check_chinese(s.message);
    m.layers.back().activation = convlab::Activation::Softmax;
    options.memory_budget_bytes = 1000;
    const convlab::Status memory = convlab::network_build(m, options, &net);
    REQUIRE_FALSE(memory.ok());
    check_chinese(memory.message);
    const std::string zh = message_text_in(Lang::Zh, memory.message);
    CHECK(zh.find("批大小 32") != std::string::npos);
}

TEST_CASE("messages: a model's Problem renders in Chinese, its location and the kernel's name included") {
    convlab::LayerSpec in = convlab::make_layer(convlab::LayerKind::InputLayer);
    in.input_shape = convlab::Shape::image(4, 4, 1);
    convlab::LayerSpec conv = convlab::make_layer(convlab::LayerKind::Conv2D);
    conv.kernel = {5, 5};
    convlab::LayerSpec dilated = conv;
    dilated.kernel = {3, 3};
    dilated.dilation = {2, 2};
    convlab::LayerSpec pool = convlab::make_layer(convlab::LayerKind::MaxPooling2D);
    pool.kernel = {5, 5};
    const char* const kWord[] = {"卷积核", "膨胀后覆盖 5×5", "池化窗口"};
    const convlab::LayerSpec kTooLarge[] = {conv, dilated, pool};
    for (size_t i = 0; i < 3; ++i) {
        convlab::ModelSpec m;
        m.layers = {in, kTooLarge[i]};
        convlab::ModelSummary summary;
        convlab::Problem problem;
        REQUIRE_FALSE(convlab::summarize(m, convlab::NamingStyle::Keras2, &summary, &problem));
        const Message located = convlab::problem_message(problem);
        CHECK(convlab::message_en(located) == problem.message);
        check_chinese(located);
        const std::string zh = message_text_in(Lang::Zh, located);
        CAPTURE(zh);
        CHECK(zh.find("第 2 层") != std::string::npos);
        CHECK(zh.find(kWord[i]) != std::string::npos);
    }
}

TEST_CASE("messages: a model too large for ConvLab names what is too large in Chinese, with no English word left") {
    const int64_t kLimit = convlab::kMaxCount;
    convlab::LayerSpec in = convlab::make_layer(convlab::LayerKind::InputLayer);
    in.input_shape = convlab::Shape::vector(int64_t(1) << 20);
    convlab::LayerSpec wide = convlab::make_layer(convlab::LayerKind::Dense);
    wide.name = "wide_1";
    wide.units = int64_t(1) << 19;  // (2^20 + 1)·2^19 parameters: under the limit alone
    convlab::LayerSpec wider = wide;
    wider.name = "wide_2";
    wider.units = int64_t(1) << 20;  // (2^19 + 1)·2^20 more: the model's total passes 2^40
    convlab::LayerSpec huge = wide;
    huge.units = int64_t(1) << 39;  // (2^20 + 1)·2^39 parameters in one layer

    convlab::LayerSpec image = in;
    image.input_shape = convlab::Shape::image(1 << 20, 1 << 20, 1);
    convlab::LayerSpec conv = convlab::make_layer(convlab::LayerKind::Conv2D);
    conv.name = "conv_1";
    conv.filters = 1 << 20;  // a 2^20 × 2^20 × 2^20 output
    convlab::LayerSpec long_kernel = conv;
    long_kernel.filters = 1;
    long_kernel.kernel = {kLimit + 1, 1};
    convlab::LayerSpec far_reach = long_kernel;
    far_reach.kernel = {int64_t(1) << 30, 1};
    far_reach.dilation = {int64_t(1) << 30, 1};  // reaches (2^30 − 1)·2^30 + 1 rows
    convlab::LayerSpec pool = convlab::make_layer(convlab::LayerKind::MaxPooling2D);
    pool.name = "pool_1";
    pool.kernel = {kLimit + 1, 2};

    struct Case {
        std::vector<convlab::LayerSpec> layers;
        MsgCode what;      // the phrase in {0} of ProblemTooLarge
        const char* zh;    // how the Chinese names it
    };
    const Case kCases[] = {
        {{in, huge}, MsgCode::ProblemParameterCount, "参数数量"},
        {{in, wide, wider}, MsgCode::ProblemModelTotalCount, "模型的累计总数 （算上这一层）"},
        {{image, conv}, MsgCode::ProblemOutputSize, "输出尺寸"},
        {{image, long_kernel}, MsgCode::ProblemFieldValue, "kernel_size 的值"},
        {{image, far_reach}, MsgCode::ProblemKernelReach, "卷积核覆盖范围"},
        {{image, pool}, MsgCode::ProblemFieldValue, "pool_size：pool_size 的值"},
    };
    for (const Case& c : kCases) {
        convlab::ModelSpec m;
        m.layers = c.layers;
        convlab::ModelSummary summary;
        convlab::Problem problem;
        REQUIRE_FALSE(convlab::summarize(m, convlab::NamingStyle::Keras2, &summary, &problem));
        REQUIRE(problem.constraint.code == MsgCode::ProblemTooLarge);
        REQUIRE(!problem.constraint.args.empty());
        CHECK(problem.constraint.args[0].code == c.what);
        const Message located = convlab::problem_message(problem);
        CHECK(convlab::message_en(located) == problem.message);
        check_chinese(located);
        const std::string zh = message_text_in(Lang::Zh, located);
        CAPTURE(zh);
        CHECK(zh.find(c.zh) != std::string::npos);
        for (const std::string& w : english_words(zh)) {
            CAPTURE(w);
            CHECK(is_code_word(w));
        }
    }
}
