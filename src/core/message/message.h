// message.h: a sentence for the learner as data, not as English text. The core
// says what is wrong with a code and the pieces that fill the code's slots; the
// CLI prints message_en(), the page says the same in the learner's language from
// its string table, whose rows have the same {0}, {1}, ... slots (model problems,
// problem.h, are Messages too). The core knows no language but English.
//
// A piece is either verbatim text (numbers, layer and field names, a snippet of
// the learner's own input: the same in every language) or a Message itself (a
// phrase such as "a string" or "the kernel" that must be translated too), so a
// sentence is a small tree and no English word hides inside an argument.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/message/message_codes.h"

namespace convlab {

enum class MsgCode : uint16_t {
#define CONVLAB_MSG_ENUM(name, en) name,
    CONVLAB_MESSAGES(CONVLAB_MSG_ENUM)
#undef CONVLAB_MSG_ENUM
    Count
};

struct Message {
    MsgCode code = MsgCode::Text;  // Text: `text` as it is, in every language
    std::string text;
    std::vector<Message> args;     // fill the code's {0}, {1}, ... in order

    Message() = default;
    Message(MsgCode c, std::vector<Message> a = {}) : code(c), args(std::move(a)) {}
    bool empty() const { return code == MsgCode::Text && text.empty(); }
};

// Verbatim pieces. Deliberately not implicit conversions: an English literal
// passed where a Message is wanted would then compile and never be translated.
Message as_is(std::string text);
Message as_is(int64_t number);

// The English template of a code ("unexpected {0}: expected {1}").
const char* message_template_en(MsgCode code);
// The whole sentence in English, nested messages filled in.
std::string message_en(const Message& message);
// Replaces {0}..{9} with args; a slot without an argument stays visible, so a
// missing piece shows up in tests instead of vanishing.
std::string fill_slots(const std::string& pattern, const std::vector<std::string>& args);

}  // namespace convlab
