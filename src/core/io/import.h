// import.h: turning what a learner already has into a ModelSpec. Keras model
// JSON (Keras 2, Keras 3, TF.js toJSON), Keras Python code (Sequential), and
// ConvLab's own URL encoding. Every importer treats its input as hostile: any
// byte sequence yields either a model or an error with line and column, never a
// crash, never a guess. Not a validator of shapes: summarize() does that.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include <string_view>

#include "core/model/layer_spec.h"
#include "core/message/message.h"

namespace convlab {

// Limits every importer (and the URL decoder) enforces, so a hostile file cannot
// make the page build a model it cannot draw.
constexpr int kMaxImportLayers = 256;
constexpr int kMaxLayerNameBytes = 128;
// The most text any importer is handed: a ConvLab file with the weights of a
// model the page can train is a few MB; past this it is not a model file.
constexpr int64_t kMaxImportBytes = int64_t(64) << 20;

struct ImportResult {
    bool ok = false;
    ModelSpec model;
    std::string error;           // one sentence: what is wrong and where (English, as the CLI prints it)
    // The same sentence as data, without a "line 3, column 5: " prefix (line and
    // column say that), so the page can say it in the learner's language.
    Message message;
    int line = 0, column = 0;    // 1-based position of the problem in the text; 0 if none
    // The code never says what the input shape is (the seed's code defines
    // input_shape elsewhere in its script). The caller offers the fix:
    // --input-shape 28,28,1 on the CLI, a prefilled prompt on the page.
    bool missing_input_shape = false;
    // A ConvLab model file's trained weights ("weights": base64 float32 in
    // Keras's order), as written; empty when the file has none. Whether they
    // fit is for the training code to say: it knows the network's size.
    std::string weights_base64;
};

// Keras model JSON: {"class_name": "Sequential", "config": {...}} as written by
// model.to_json() (Keras 2 and 3) and TF.js model.toJSON().
ImportResult import_keras_json(std::string_view text);

// Values given for names a script takes from its data (`num_classes =
// len(os.listdir(path))`): NAME=VALUE, VALUE a Python literal (25, 0.5,
// 'relu', (28, 28, 1)). The name holds that value wherever the script sets it.
using PythonSettings = std::vector<std::pair<std::string, std::string>>;

// Keras Python: Sequential() + model.add(...), Sequential([...]), or Functional
// code ending in keras.Model(inputs, outputs).
// input_shape_override, when set, supplies an input shape the code leaves undefined.
ImportResult import_keras_python(std::string_view text, const Shape* input_shape_override = nullptr,
                                 const PythonSettings& settings = {});

// Either of the two, decided by content (JSON starts with '{' after whitespace).
// PyTorch code (a line imports torch) goes to import_torch_python.h's reader,
// with torch_input_size (torchinfo's (N, C, H, W)) if given.
ImportResult import_model_text(std::string_view text, const Shape* input_shape_override = nullptr,
                               const PythonSettings& settings = {},
                               const std::vector<int64_t>* torch_input_size = nullptr);

// One setting as a person types it, "num_classes=25": a Python name, "=", and
// a non-empty value (the evaluator reads the value as a literal). False for
// anything else; the CLI's --set and the page's field both read it so.
bool parse_python_setting(std::string_view text, std::pair<std::string, std::string>* out);
// Several, separated by ';' or new lines ("num_classes=25; size=(64, 64)").
// False at the first piece that is not one, which *bad then holds (trimmed).
bool parse_python_settings(std::string_view text, PythonSettings* out, std::string* bad);

// Whether an import failed on a value the script could not know (a name it
// never defines, or one computed from data), which --set NAME=VALUE supplies.
bool import_wants_setting(const ImportResult& result);

}  // namespace convlab
