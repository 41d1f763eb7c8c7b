// model_file.cpp: writing and reading {"format":"convlab-model",...}. The file
// is hostile input like any import: parse_json checks the limits, then every
// member is checked for its type before the model code is decoded.
#include "core/io/model_file.h"

#include "core/io/json.h"
#include "core/io/model_url.h"

namespace convlab {

std::string write_model_file(const ModelSpec& model, const std::string& weights_json) {
    std::string s = "{\"format\":\"convlab-model\",\"version\":" + std::to_string(kModelFileVersion) +
                    ",\"model\":" + json_quote(encode_model_url(model));
    if (!weights_json.empty()) s += ",\"weights\":" + weights_json;
    s += "}\n";
    return s;
}

namespace {

void set_error(ImportResult* result, Message message) {
    result->error = message_en(message);
    result->message = std::move(message);
}

}  // namespace

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
        result.message = error.what;
        result.error = error.message;
        result.line = error.line;
        result.column = error.column;
        return result;
    }
    const JsonValue* format = doc.find("format");
    if (doc.type != JsonType::Object || !format || format->type != JsonType::String ||
        format->string != "convlab-model") {
        set_error(&result, Message(MsgCode::FileNotConvlab));
        result.line = doc.line;
        result.column = doc.column;
        return result;
    }
    const JsonValue* version = doc.find("version");
    if (!version || !version->is_integer || version->integer != kModelFileVersion) {
        set_error(&result, Message(MsgCode::FileVersion));
        const JsonValue& at = version ? *version : doc;
        result.line = at.line;
        result.column = at.column;
        return result;
    }
    const JsonValue* model = doc.find("model");
    if (!model || model->type != JsonType::String) {
        set_error(&result, Message(MsgCode::FileNoModel));
        result.line = doc.line;
        result.column = doc.column;
        return result;
    }
    std::string why;
    Message why_message;
    if (!decode_model_url(model->string, &result.model, &why, &why_message)) {
        set_error(&result, Message(MsgCode::FileBadModel, {why_message}));
        result.line = model->line;
        result.column = model->column;
        return result;
    }
    if (const JsonValue* weights = doc.find("weights")) {
        if (weights->type != JsonType::String) {
            set_error(&result, Message(MsgCode::FileWeightsNotText));
            result.line = weights->line;
            result.column = weights->column;
            return result;
        }
        result.weights_base64 = weights->string;
    }
    result.ok = true;
    return result;
}

ImportResult import_any_model_text(std::string_view text, const Shape* input_shape_override,
                                   const PythonSettings& settings) {
    if (int64_t(text.size()) > kMaxImportBytes) {
        ImportResult result;
        set_error(&result, Message(MsgCode::ImportTooLarge));
        return result;
    }
    if (is_model_file(text)) return read_model_file(text);
    return import_model_text(text, input_shape_override, settings);
}

}  // namespace convlab
