// test_messages.cpp: the core's sentences as data (message.h). For a sample of
// broken inputs to each importer, the PyTorch export refusal and each refusal
// of network_build, the Message has the code and the pieces it should, and its
// English rendering is exactly the `error` text the CLI prints, so the page (which
// renders the Message in the learner's language) and the CLI say the same thing.
#include <doctest.h>

#include <string>
#include <vector>

#include "core/io/export_code.h"
#include "core/io/import.h"
#include "core/message/message.h"
#include "model_builders.h"
#include "core/io/model_file.h"
#include "core/io/model_url.h"
#include "core/train/mnist.h"
#include "core/train/network.h"

using namespace convlab;
using namespace convlab::test;

namespace {

// A Message written out as "Code(piece, Code(piece))" with verbatim pieces in
// quotes, so a whole tree is compared in one CHECK and a failure shows it.
std::string shape_of(const Message& m) {
    if (m.code == MsgCode::Text) return "'" + m.text + "'";
    static const char* const kNames[] = {
#define CONVLAB_MSG_NAME(name, en) #name,
        CONVLAB_MESSAGES(CONVLAB_MSG_NAME)
#undef CONVLAB_MSG_NAME
    };
    std::string out = kNames[size_t(m.code)];
    if (m.args.empty()) return out;
    out += "(";
    for (size_t i = 0; i < m.args.size(); ++i) out += (i ? ", " : "") + shape_of(m.args[i]);
    return out + ")";
}

// The importers' English text is the Message, after "line L, column C: " for Python.
void check_import(const ImportResult& r, const std::string& shape) {
    CAPTURE(r.error);
    REQUIRE_FALSE(r.ok);
    CHECK(shape_of(r.message) == shape);
    const std::string en = message_en(r.message);
    const bool python_prefix = r.error.rfind("line ", 0) == 0 && r.line > 0;
    if (python_prefix)
        CHECK(r.error == "line " + std::to_string(r.line) + ", column " + std::to_string(r.column) + ": " + en);
    else
        CHECK(r.error == en);
}

const char* const kSequentialHead = "from tensorflow import keras\nfrom tensorflow.keras import layers\n";

}  // namespace

TEST_CASE("messages: slots are filled in order, nested messages first, a missing piece stays visible") {
    CHECK(fill_slots("{1} before {0}", {"a", "b"}) == "b before a");
    CHECK(fill_slots("{0} and {2}", {"a"}) == "a and {2}");
    const Message m(MsgCode::Field, {as_is("units"), Message(MsgCode::KjWantWhole, {Message(MsgCode::JsonArray)})});
    CHECK(message_en(m) == "units: expected a whole number, got an array");
    CHECK(message_en(as_is(int64_t(-3))) == "-3");
    CHECK(Message().empty());
    CHECK_FALSE(Message(MsgCode::KjMissing).empty());
}

TEST_CASE("messages: JSON syntax errors") {
    ImportResult r = import_model_text("{\"class_name\": \"Sequential\", \"config\": [1, 2,]}");
    check_import(r, "JsonSyntax(JsonUnexpected('']'', JsonWantValue))");
    CHECK(r.error == "JSON: unexpected ']': expected a value");
    CHECK(r.line == 1);
    CHECK(r.column == 46);

    r = import_model_text("{\"a\": \"tab\there\"}");
    check_import(r, "JsonSyntax(JsonControlChar(Byte('0x09')))");

    r = import_model_text("{\"a\": 1e999}");
    check_import(r, "JsonSyntax(JsonNumberTooLarge('1e999'))");

    r = import_model_text("   \n");
    check_import(r, "ImportEmpty");
}

TEST_CASE("messages: Keras JSON that is not a model ConvLab reads") {
    const std::string conv_head =
        "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Conv2D\", \"config\": "
        "{\"name\": \"conv2d\", \"batch_input_shape\": [null, 28, 28, 1], ";
    ImportResult r = import_model_text(conv_head + "\"filters\": \"32\", \"kernel_size\": 3}}]}}");
    check_import(r, "Located(WhereLayerNamed('1', 'conv2d', 'Conv2D'), Field('filters', KjWantWhole('\"32\"')))");
    CHECK(r.error == "layer 1 'conv2d' (Conv2D), filters: expected a whole number, got \"32\"");

    r = import_model_text(conv_head + "\"filters\": 32, \"kernel_size\": [3, 3, 3]}}]}}");
    check_import(r,
                 "Located(WhereLayerNamed('1', 'conv2d', 'Conv2D'), Field('kernel_size', KjWantPairItems(JsonArray, '3')))");

    r = import_model_text(conv_head + "\"filters\": 32, \"kernel_size\": 3, \"data_format\": \"channels_first\"}}]}}");
    check_import(r, "Located(WhereLayerNamed('1', 'conv2d', 'Conv2D'), Field('data_format', KjDataFormat('\"channels_first\"')))");

    r = import_model_text("{\"class_name\": \"Functional\", \"config\": {}}");
    check_import(r, "KjNoLayersKey");

    r = import_model_text("{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Conv3D\", "
                          "\"config\": {}}]}}");
    REQUIRE(r.message.args.size() == 2);
    CHECK(shape_of(r.message.args[0]) == "WhereLayer('1')");
    CHECK(r.message.args[1].args.size() == 2);
    CHECK(shape_of(r.message.args[1].args[1]).rfind("KjUnknownLayer('\"Conv3D\"', 'InputLayer, ", 0) == 0);
    check_import(r, shape_of(r.message));
}

TEST_CASE("messages: Python that does not lex") {
    ImportResult r = import_model_text("model = keras.Sequential([\n    layers.Dense(10),\n");
    check_import(r, "PyNeverClosed('[')");
    CHECK(r.error == "line 1, column 26: '[' is never closed");

    r = import_model_text("model = Sequential()\nmodel.add(Dense(10)))\n");
    check_import(r, "PyCloseUnopened(')')");
    CHECK(r.line == 2);
}

TEST_CASE("messages: Keras Python that is not a model ConvLab reads") {
    ImportResult r = import_model_text(std::string(kSequentialHead) +
                                       "model = keras.Sequential([keras.Input(shape=(28, 28, 1)), "
                                       "layers.Dense('ten')])\n");
    check_import(r, "Field('Dense', PyNot(PyMustInt('units'), PyDescString('ten')))");
    CHECK(r.error == "line 3, column 72: Dense: units must be an integer, not the string 'ten'");

    r = import_model_text(std::string(kSequentialHead) +
                          "model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3, padding='full')])\n");
    check_import(r, "Field('Conv2D', PyBadPadding('full'))");

    r = import_model_text(std::string(kSequentialHead) + "x = 3\n");
    check_import(r, "PyNoModel");
    CHECK(r.line == 0);

    r = import_model_text(std::string(kSequentialHead) + "model = keras.Sequential()\nfor i in range(len(x_train)):\n"
                                                         "    model.add(layers.Dense(10))\n");
    check_import(r, "PyUncertainLoop('model.add(...)', PyBlockFor, '4')");

    r = import_model_text(std::string(kSequentialHead) +
                          "model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Dense(units)])\n");
    check_import(r, "Field('Dense', PyUndefined('units'))");
}

TEST_CASE("messages: ConvLab model files") {
    ImportResult r = import_any_model_text("{\"format\": \"convlab-model\", \"version\": 2, \"model\": \"v1.AA\"}");
    check_import(r, "FileVersion");

    r = import_any_model_text("{\"format\": \"convlab-model\", \"version\": 1, \"model\": \"v1.A!\"}");
    check_import(r, "FileBadModel(UrlPrefix(UrlBadChar('5', ''!'')))");
    CHECK(r.error == "the model in the file cannot be read: model link: character 5 ('!') is not part of a model link");

    ModelSpec m;
    std::string error;
    Message what;
    CHECK_FALSE(decode_model_url("v3.AA", &m, &error, &what));
    CHECK(shape_of(what) == "UrlPrefix(UrlVersion('v3'))");
    CHECK(error == message_en(what));
}

TEST_CASE("messages: the PyTorch export refusal") {
    ModelSpec m;
    m.layers = {input(8, 8, 3), dense(4, "dense")};
    std::string error;
    Message why;
    CHECK(export_pytorch(m, &error, &why).empty());
    CHECK(shape_of(why) == "ExportAtLayer('2', 'dense', 'Dense', ExportDenseOnImage)");
    CHECK(error == message_en(why));

    // An invalid model: the Problem says why, so the Message is left empty.
    m.layers = {input(8, 8, 3), conv(4, 9)};
    CHECK(export_pytorch(m, &error, &why).empty());
    CHECK_FALSE(error.empty());
    CHECK(why.empty());
}

TEST_CASE("messages: network_build's refusals") {
    ModelSpec m;
    m.layers = {input(8, 8, 1), flatten(), dense(10, "dense")};
    m.layers.back().activation = Activation::Softmax;
    NetworkOptions options;
    Network net;
    REQUIRE(network_build(m, options, &net).ok());

    auto check_status = [](const Status& s, const std::string& shape) {
        CAPTURE(s.error);
        REQUIRE_FALSE(s.ok());
        CHECK(shape_of(s.message) == shape);
        CHECK(s.error == message_en(s.message));
    };
    ModelSpec loss = m;
    loss.compile.loss = "mean_squared_error";
    check_status(network_build(loss, options, &net), "TrainLoss('mean_squared_error')");

    ModelSpec linear = m;
    linear.layers.back().activation = Activation::Linear;
    check_status(network_build(linear, options, &net), "TrainLastLayer('dense')");

    // A grouped convolution (PyTorch's groups=2) is counted, not trained.
    ModelSpec grouped = m;
    grouped.layers = {input(8, 8, 4), conv(4, 3), flatten(), dense(10, "dense")};
    grouped.layers[1].name = "grouped";
    grouped.layers[1].groups = 2;
    grouped.layers.back().activation = Activation::Softmax;
    check_status(network_build(grouped, options, &net), "TrainGroups('grouped', '2')");
    grouped.layers[1].groups = 1;
    CHECK(network_build(grouped, options, &net).ok());

    NetworkOptions zero = options;
    zero.batch_size = 0;
    check_status(network_build(m, zero, &net), "TrainBatchSize");

    NetworkOptions small = options;
    small.memory_budget_bytes = 1000;
    const Status s = network_build(m, small, &net);
    REQUIRE(s.message.code == MsgCode::TrainMemory);
    REQUIRE(s.message.args.size() == 7);
    CHECK(s.message.args[0].text == "32");
    CHECK(s.message.args[6].text == "0.0 MB");
    CHECK(s.error == message_en(s.message));
    CHECK(s.error.rfind("training this model at batch size 32 needs ", 0) == 0);
}

TEST_CASE("messages: the digits file") {
    const uint8_t bytes[12] = {'C', 'L', 'M', 'N', 2, 0, 0, 0, 1, 0, 0, 0};
    Result<MnistSet> r = mnist_parse(bytes, 4);
    CHECK(shape_of(r.message) == "MnistShort('4')");
    r = mnist_parse(bytes, 12);
    CHECK(shape_of(r.message) == "MnistVersion('2')");
    CHECK(r.error == "the digits file has version 2; ConvLab reads version 1");
}
