// message_text.h: a sentence from the core (convlab::Message: a code and its
// pieces, see core/message.h) in the page's language. Each code has a row in
// the string table with the same {0}, {1}, ... slots in every language; pieces
// that are messages themselves ("an array") are translated the same way, and
// verbatim pieces (numbers, names, the learner's own text) are kept as they are.
#pragma once
#include <string>

#include "core/message/message.h"
#include "app/text/strings.h"

// The key of a code's row.
Str message_key(convlab::MsgCode code);
// As tr() gives text (Chinese with its line-break marks).
std::string message_text(Lang lang, const convlab::Message& message);
// From the table's own text, as tr_in gives it (the CLI, tests, mirrors).
std::string message_text_in(Lang lang, const convlab::Message& message);
