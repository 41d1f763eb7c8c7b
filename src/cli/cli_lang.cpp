// cli_lang.cpp: the --lang flag and the sentences of cli_lang.h. The place of an
// import error is said once: the importer's English starts with "line 4, column 30: ",
// which the file:line:column: form already says, so the Message is used without it.
#include "cli/cli_lang.h"

#include "app/text/message_text.h"

namespace convlab {

bool cli_parse_lang(const std::string& value, Lang* lang, std::string* error) {
    if (value != "en" && value != "zh") {
        *error = "--lang is en or zh, not '" + value + "'";
        return false;
    }
    *lang = value == "zh" ? Lang::Zh : Lang::En;
    return true;
}

std::string cli_say(Lang lang, const std::string& english, const Message& message) {
    return lang == Lang::En || message.empty() ? english : message_text_in(lang, message);
}

std::string cli_frame(Lang lang, Str words, const std::string& sentence) {
    return fill_slots(tr_in(lang, words), {sentence});
}

std::string cli_import_error(Lang lang, const std::string& path, const ImportResult& imported) {
    const std::string where = path == "-" ? "<stdin>" : path;
    if (imported.line <= 0) return where + ": " + cli_say(lang, imported.error, imported.message);
    const std::string unplaced =
        imported.message.empty() ? imported.error : cli_say(lang, message_en(imported.message), imported.message);
    return where + ":" + std::to_string(imported.line) + ":" + std::to_string(imported.column) + ": " + unplaced;
}

}  // namespace convlab
