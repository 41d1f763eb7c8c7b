// model_file.cpp: writing and reading {"format":"convlab-model",...}. The file
// is hostile input like any import: parse_json checks the limits, then every
// member is checked for its type before the model code is decoded.
#include "model_file.h"

#include "json.h"
#include "model_url.h"

namespace convlab {

std::string write_model_file(const ModelSpec& model, const std::string& weights_json) {
    std::string s = "{\"format\":\"convlab-model\",\"version\":" + std::to_string(kModelFileVersion) +
                    ",\"model\":" + json_quote(encode_model_url(model));
    if (!weights_json.empty()) s += ",\"weights\":" + weights_json;
    s += "}\n";
    return s;
}

bool is_model_file(std::string_view text) {
    JsonValue doc;
    JsonError error;
    if (!parse_json(text, &doc, &error) || doc.type != JsonType::Object) return false;
    const JsonValue* format = doc.find("format");
    return format && format->type == JsonType::String && format->string == "convlab-model";
}

ImportResult read_model_file(std::string_view text) {
    ImportResult result;
    JsonValue doc;
    JsonError error;
    if (!parse_json(text, &doc, &error)) {
        result.error = error.message;
        result.line = error.line;
        result.column = error.column;
        return result;
    }
    const JsonValue* format = doc.find("format");
    if (doc.type != JsonType::Object || !format || format->type != JsonType::String ||
        format->string != "convlab-model") {
        result.error = "this is not a ConvLab model file: it has no \"format\": \"convlab-model\"";
        result.line = doc.line;
        result.column = doc.column;
        return result;
    }
    const JsonValue* version = doc.find("version");
    if (!version || !version->is_integer || version->integer != kModelFileVersion) {
        result.error = "this ConvLab model file has a version this page cannot read (it reads version 1)";
        const JsonValue& at = version ? *version : doc;
        result.line = at.line;
        result.column = at.column;
        return result;
    }
    const JsonValue* model = doc.find("model");
    if (!model || model->type != JsonType::String) {
        result.error = "the ConvLab model file has no \"model\" text";
        result.line = doc.line;
        result.column = doc.column;
        return result;
    }
    std::string why;
    if (!decode_model_url(model->string, &result.model, &why)) {
        result.error = "the model in the file cannot be read: " + why;
        result.line = model->line;
        result.column = model->column;
        return result;
    }
    if (const JsonValue* weights = doc.find("weights")) {
        if (weights->type != JsonType::String) {
            result.error = "the ConvLab model file's \"weights\" is not base64 text";
            result.line = weights->line;
            result.column = weights->column;
            return result;
        }
        result.weights_base64 = weights->string;
    }
    result.ok = true;
    return result;
}

ImportResult import_any_model_text(std::string_view text, const Shape* input_shape_override) {
    if (int64_t(text.size()) > kMaxImportBytes) {
        ImportResult result;
        result.error = "this text is larger than 64 MB, the most ConvLab reads as a model";
        return result;
    }
    if (is_model_file(text)) return read_model_file(text);
    return import_model_text(text, input_shape_override);
}

}  // namespace convlab
