// message.cpp: the English rendering of a Message. The templates themselves are
// in message_codes.h, next to their codes.
#include "core/message/message.h"

namespace convlab {

namespace {

const char* const kTemplatesEn[] = {
#define CONVLAB_MSG_TEMPLATE(name, en) en,
    CONVLAB_MESSAGES(CONVLAB_MSG_TEMPLATE)
#undef CONVLAB_MSG_TEMPLATE
};
static_assert(sizeof(kTemplatesEn) / sizeof(kTemplatesEn[0]) == size_t(MsgCode::Count), "one template per code");

}  // namespace

Message as_is(std::string text) {
    Message m;
    m.text = std::move(text);
    return m;
}

Message as_is(int64_t number) { return as_is(std::to_string(number)); }

const char* message_template_en(MsgCode code) {
    return size_t(code) < size_t(MsgCode::Count) ? kTemplatesEn[size_t(code)] : "{0}";
}

std::string fill_slots(const std::string& pattern, const std::vector<std::string>& args) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            const size_t slot = size_t(pattern[i + 1] - '0');
            if (slot < args.size()) {
                out += args[slot];
                i += 2;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

std::string message_en(const Message& m) {
    if (m.code == MsgCode::Text) return m.text;
    std::vector<std::string> args;
    args.reserve(m.args.size());
    for (const Message& a : m.args) args.push_back(message_en(a));
    return fill_slots(message_template_en(m.code), args);
}

}  // namespace convlab
