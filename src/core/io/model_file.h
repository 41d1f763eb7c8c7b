// model_file.h: ConvLab's own model file, what "Save model file" downloads and
// the import dialog reads back:
//   {"format":"convlab-model","version":1,"model":"v1.<url code>"}
// The architecture is the same versioned code the page keeps in its URL
// (model_url.h). Not a weights format: "weights", when present, is the trained
// weights as base64 text, passed through untouched for the training code to
// check against the network it builds (ImportResult::weights_base64).
#pragma once
#include <string>
#include <string_view>

#include "core/io/import.h"
#include "core/model/layer_spec.h"

namespace convlab {

constexpr int kModelFileVersion = 1;

// The file's text. weights_json, when not empty, is written verbatim as the
// value of "weights" (it must be one JSON value).
std::string write_model_file(const ModelSpec& model, const std::string& weights_json = "");

// True when the text is a JSON object whose "format" is "convlab-model".
bool is_model_file(std::string_view text);

// The model in a ConvLab model file, or an error saying what is wrong and where.
ImportResult read_model_file(std::string_view text);

// A ConvLab model file, Keras model JSON or Keras Python code, decided by content.
ImportResult import_any_model_text(std::string_view text, const Shape* input_shape_override = nullptr,
                                   const PythonSettings& settings = {});

}  // namespace convlab
