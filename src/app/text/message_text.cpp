// message_text.cpp: renders a core Message from the string table, innermost
// pieces first, so a sentence such as "layer 2 'dense' (Dense), units: expected
// a whole number, got an array" is Chinese all the way down on a Chinese page.
#include "app/text/message_text.h"

#include <vector>

namespace {

template <class Lookup>
std::string render(const convlab::Message& m, const Lookup& text_of) {
    if (m.code == convlab::MsgCode::Text) return m.text;
    std::vector<std::string> args;
    args.reserve(m.args.size());
    for (const convlab::Message& a : m.args) args.push_back(render(a, text_of));
    return convlab::fill_slots(text_of(message_key(m.code)), args);
}

}  // namespace

Str message_key(convlab::MsgCode code) { return Str(size_t(Str::MsgText) + size_t(code)); }

std::string message_text(Lang lang, const convlab::Message& message) {
    return render(message, [lang](Str s) { return tr(lang, s); });
}

std::string message_text_in(Lang lang, const convlab::Message& message) {
    return render(message, [lang](Str s) { return tr_in(lang, s); });
}
