// cli_lang.h: `--lang en|zh` for every convlab command that refuses a model:
// reading the flag's value and saying the core's sentences in that language.
// English is the core's own text (message_en); Chinese is the same Message
// rendered from the page's string table (app/text). Not the commands' option
// parsing, and not their usage errors, which stay English.
#pragma once
#include <string>

#include "app/text/strings.h"
#include "core/io/import.h"
#include "core/message/message.h"

namespace convlab {

// "en" or "zh" into *lang; otherwise false, *error naming the flag and its values.
bool cli_parse_lang(const std::string& value, Lang* lang, std::string* error);
// The core's sentence in `lang`: `english` as the core wrote it, or `message` from the table.
std::string cli_say(Lang lang, const std::string& english, const Message& message);
// A sentence inside one of the CLI's own frames (Str::CliInvalidModel: "invalid model: {0}").
std::string cli_frame(Lang lang, Str words, const std::string& sentence);
// An import failure the way a compiler places it: "model.py:4:30: sentence", or
// "model.json: sentence" when it has no line; `path` "-" is "<stdin>".
std::string cli_import_error(Lang lang, const std::string& path, const ImportResult& imported);

}  // namespace convlab
