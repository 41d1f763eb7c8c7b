// lesson/answer_parse.cpp: the lesson's input readers. Full-width characters
// (U+FF10..FF19 digits, U+FF0C comma, U+FF08/FF09 brackets, U+3000 space) are
// first folded to ASCII, so a learner typing with a Chinese input method is
// read the same way. Never throws; every refusal says which piece failed.
#include "core/lesson/answer_parse.h"

#include <vector>

namespace convlab {
namespace {

constexpr size_t kMaxAnswerBytes = 256;  // longer text is refused before reading it
constexpr int kMaxDigits = 15;           // 10^15 parameters: far beyond any layer here

// Folds the full-width forms a Chinese keyboard produces into ASCII.
std::string fold_full_width(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            const unsigned char t = static_cast<unsigned char>(s[i + 2]);
            // U+FF01..U+FF3F is EF BC 81..BF: the ASCII character 0x21 + (t − 0x81).
            if (t >= 0x81 && t <= 0xBF) {
                out += char(0x21 + (t - 0x81));
                i += 2;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0x80) {  // U+3000 ideographic space
            out += ' ';
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trimmed(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && is_space(s[a])) ++a;
    while (b > a && is_space(s[b - 1])) --b;
    return s.substr(a, b - a);
}

// The piece to quote, at most 24 bytes, never cut inside a UTF-8 character.
AnswerParse refuse(AnswerError e, const std::string& piece = "") {
    AnswerParse r;
    r.error = e;
    size_t n = piece.size();
    if (n > 24) {
        n = 24;
        while (n > 0 && (static_cast<unsigned char>(piece[n]) & 0xC0) == 0x80) --n;
    }
    r.piece = piece.substr(0, n);
    return r;
}

// A run of digits as a positive number; false if anything else is in it.
bool read_digits(const std::string& s, int64_t* out) {
    if (s.empty() || s.size() > size_t(kMaxDigits)) return false;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

}  // namespace

AnswerParse parse_count_answer(const std::string& text, int64_t* out) {
    if (text.size() > kMaxAnswerBytes) return refuse(AnswerError::NotACount, text);
    const std::string s = trimmed(fold_full_width(text));
    if (s.empty()) return refuse(AnswerError::Empty);
    std::string digits;
    for (char c : s) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c == ',' || c == ' ' || c == '_' || c == '\'' || c == '\t') continue;  // grouping
        else return refuse(AnswerError::NotACount, s);
    }
    if (digits.empty()) return refuse(AnswerError::NotACount, s);
    if (digits.size() > size_t(kMaxDigits)) return refuse(AnswerError::CountTooLarge, s);
    read_digits(digits, out);
    return {};
}

AnswerParse parse_shape_answer(const std::string& text, Shape* out) {
    if (text.size() > kMaxAnswerBytes) return refuse(AnswerError::NotAShape, text);
    std::string s = trimmed(fold_full_width(text));
    if (s.empty()) return refuse(AnswerError::Empty);
    // One pair of brackets around the whole shape is allowed, () or [].
    if ((s.front() == '(' && s.back() == ')') || (s.front() == '[' && s.back() == ']')) s = s.substr(1, s.size() - 2);
    // Pieces between commas and spaces; a trailing comma ("(128,)") leaves no piece.
    std::vector<std::string> pieces;
    std::string piece;
    for (char c : s + ",") {
        if (c == ',' || is_space(c)) {
            if (!piece.empty()) pieces.push_back(piece);
            piece.clear();
        } else {
            piece += c;
        }
    }
    if (pieces.empty()) return refuse(AnswerError::Empty);
    size_t first = 0;
    if (pieces[0] == "None" || pieces[0] == "none" || pieces[0] == "?") first = 1;  // the batch axis
    std::vector<int64_t> sizes;
    for (size_t i = first; i < pieces.size(); ++i) {
        int64_t v = 0;
        if (!read_digits(pieces[i], &v)) return refuse(AnswerError::NotAShape, pieces[i]);
        if (v == 0) return refuse(AnswerError::ShapeZero, pieces[i]);
        sizes.push_back(v);
    }
    if (sizes.size() == 1) *out = Shape::vector(sizes[0]);
    else if (sizes.size() == 3) *out = Shape::image(sizes[0], sizes[1], sizes[2]);
    else return refuse(AnswerError::ShapeRank, std::to_string(sizes.size()));
    return {};
}

}  // namespace convlab
