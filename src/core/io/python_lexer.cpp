// python_lexer.cpp: one pass over the bytes, keeping line and column. Brackets
// are tracked here (a stack of the open ones) because Python joins lines inside
// them, and because an unbalanced bracket is best reported where it was opened.
// Reference: docs.python.org/3/reference/lexical_analysis.html.
#include "core/io/python_lexer.h"

#include <cstring>

namespace convlab {
namespace {

bool is_name_start(unsigned char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_name_char(unsigned char c) { return is_name_start(c) || is_digit(c); }

bool is_string_prefix(const std::string& s) {
    static const char* const kPrefixes[] = {"r", "u", "b", "f", "br", "rb", "fr", "rf"};
    if (s.size() > 2) return false;
    std::string lower;
    for (char c : s) lower += char((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    for (const char* p : kPrefixes)
        if (lower == p) return true;
    return false;
}

// Longest first, so "**=" wins over "**" and "*".
const char* const kOperators[] = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=",
    "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
};

void append_utf8(std::string* out, uint32_t cp) {
    if (cp < 0x80) { *out += char(cp); return; }
    if (cp < 0x800) { *out += char(0xC0 | (cp >> 6)); *out += char(0x80 | (cp & 0x3F)); return; }
    if (cp < 0x10000) {
        *out += char(0xE0 | (cp >> 12)); *out += char(0x80 | ((cp >> 6) & 0x3F)); *out += char(0x80 | (cp & 0x3F));
        return;
    }
    *out += char(0xF0 | (cp >> 18)); *out += char(0x80 | ((cp >> 12) & 0x3F));
    *out += char(0x80 | ((cp >> 6) & 0x3F)); *out += char(0x80 | (cp & 0x3F));
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

class Lexer {
public:
    explicit Lexer(std::string_view text) : text_(text) {}

    PyLexResult run() {
        PyLexResult result;
        if (int64_t(text_.size()) > kMaxPythonBytes) {
            result.message = Message(MsgCode::PyTooLong, {as_is(kMaxPythonBytes)});
            result.error = message_en(result.message);
            result.line = 1, result.column = 1;
            return result;
        }
        while (error_.empty() && pos_ < text_.size()) step();
        if (error_.empty() && !open_.empty()) {
            const PyToken& o = open_.back();
            fail(o.line, o.column, Message(MsgCode::PyNeverClosed, {as_is(o.text)}));
        }
        if (!error_.empty()) {
            result.error = message_en(error_);
            result.message = error_;
            result.line = error_line_, result.column = error_column_;
            return result;
        }
        end_logical_line();
        push(PyTokenKind::End, "", line_, column_);
        result.tokens = std::move(tokens_);
        return result;
    }

private:
    std::string_view text_;
    size_t pos_ = 0;
    int line_ = 1, column_ = 1;
    std::vector<PyToken> tokens_;
    std::vector<PyToken> open_;  // the brackets not yet closed
    bool line_has_tokens_ = false;
    Message error_;
    int error_line_ = 0, error_column_ = 0;
    std::vector<int> indents_;  // note_indent's open block columns, outermost first

    char peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
    bool at_end(size_t ahead = 0) const { return pos_ + ahead >= text_.size(); }

    // Moves one byte on; UTF-8 continuation bytes do not start a new column.
    void advance() {
        unsigned char c = static_cast<unsigned char>(text_[pos_++]);
        if (c == '\n') { ++line_; column_ = 1; }
        else if ((c & 0xC0) != 0x80) ++column_;
    }

    void fail(int line, int column, Message message) {
        if (!error_.empty()) return;
        error_ = std::move(message);
        error_line_ = line, error_column_ = column;
    }

    void push(PyTokenKind kind, std::string text, int line, int column) {
        PyToken t;
        t.kind = kind;
        t.text = std::move(text);
        t.line = line, t.column = column;
        t.depth = int(open_.size());
        tokens_.push_back(std::move(t));
        if (kind == PyTokenKind::Newline || kind == PyTokenKind::End) return;
        if (!line_has_tokens_) note_indent(line, column);
        line_has_tokens_ = true;
    }

    // The columns of the blocks open around a logical line's first token, as
    // Python's tokenizer keeps them: deeper pushes, shallower pops. The parser
    // and the evaluator recurse once per block, so the count is bounded here.
    void note_indent(int line, int column) {
        while (!indents_.empty() && indents_.back() >= column) indents_.pop_back();
        indents_.push_back(column);
        if (int(indents_.size()) > kMaxPythonNesting + 1)
            fail(line, column, Message(MsgCode::PyIndentTooDeep, {as_is(kMaxPythonNesting)}));
    }

    void end_logical_line() {
        if (line_has_tokens_) push(PyTokenKind::Newline, "", line_, column_);
        line_has_tokens_ = false;
    }

    void step() {
        unsigned char c = static_cast<unsigned char>(peek());
        if (c == '\n') {
            if (open_.empty()) end_logical_line();
            advance();
            return;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f') { advance(); return; }
        if (c == '#') {
            while (!at_end() && peek() != '\n') advance();
            return;
        }
        if (c == '\\') {  // an explicit line joining: backslash, then the end of the line
            int line = line_, column = column_;
            advance();
            if (peek() == '\r') advance();
            if (peek() != '\n') {
                fail(line, column, Message(MsgCode::PyStrayBackslash));
                return;
            }
            advance();
            return;
        }
        if (is_name_start(c)) { lex_name(); return; }
        if (is_digit(c) || (c == '.' && is_digit(static_cast<unsigned char>(peek(1))))) { lex_number(); return; }
        if (c == '\'' || c == '"') { lex_string("", line_, column_); return; }
        lex_operator();
    }

    void lex_name() {
        int line = line_, column = column_;
        size_t start = pos_;
        while (!at_end() && is_name_char(static_cast<unsigned char>(peek()))) advance();
        std::string name(text_.substr(start, pos_ - start));
        if ((peek() == '\'' || peek() == '"') && is_string_prefix(name)) {
            lex_string(name, line, column);
            return;
        }
        push(PyTokenKind::Name, std::move(name), line, column);
    }

    // The literal's characters, kept as written; the importer converts it and
    // reports a value that does not fit. A letter run after it ("1e", "0x")
    // stays in the token, so "12abc" is one malformed number, not two tokens.
    void lex_number() {
        int line = line_, column = column_;
        size_t start = pos_;
        while (!at_end()) {
            char c = peek();
            bool exponent_sign = (c == '+' || c == '-') && pos_ > start &&
                                 (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E') &&
                                 !(text_.substr(start, 2) == "0x" || text_.substr(start, 2) == "0X");
            if (is_name_char(static_cast<unsigned char>(c)) || c == '.' || exponent_sign) advance();
            else break;
        }
        push(PyTokenKind::Number, std::string(text_.substr(start, pos_ - start)), line, column);
    }

    void lex_string(const std::string& prefix, int line, int column) {
        bool raw = prefix.find_first_of("rR") != std::string::npos;
        char quote = peek();
        bool triple = peek(1) == quote && peek(2) == quote;
        for (int i = 0; i < (triple ? 3 : 1); ++i) advance();
        std::string value;
        while (true) {
            if (at_end()) {
                fail(line, column, Message(triple ? MsgCode::PyTripleStringOpen : MsgCode::PyStringOpen));
                return;
            }
            char c = peek();
            if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
                for (int i = 0; i < (triple ? 3 : 1); ++i) advance();
                break;
            }
            if (c == '\n' && !triple) {
                fail(line, column, Message(MsgCode::PyStringOpenOnLine));
                return;
            }
            if (c == '\\') {
                advance();
                if (at_end()) continue;  // reported as unterminated above
                if (raw) {  // a raw string keeps the backslash; it still protects the quote
                    value += '\\';
                    value += peek();
                    advance();
                    continue;
                }
                decode_escape(&value);
                continue;
            }
            value += c;
            advance();
        }
        push(PyTokenKind::String, std::move(value), line, column);
        tokens_.back().fstring = prefix.find_first_of("fF") != std::string::npos;
    }

    // After a backslash in a non-raw string. Unknown escapes stay as written, as in Python.
    void decode_escape(std::string* value) {
        char e = peek();
        advance();
        switch (e) {
            case '\n': return;  // the backslash joins the lines
            case '\r': if (peek() == '\n') advance(); return;
            case 'n': *value += '\n'; return;
            case 't': *value += '\t'; return;
            case 'r': *value += '\r'; return;
            case '0': *value += '\0'; return;
            case 'a': *value += '\a'; return;
            case 'b': *value += '\b'; return;
            case 'f': *value += '\f'; return;
            case 'v': *value += '\v'; return;
            case '\\': case '\'': case '"': *value += e; return;
            case 'x': case 'u': case 'U': {
                int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                uint32_t cp = 0;
                for (int i = 0; i < digits; ++i) {
                    int h = hex_value(peek());
                    if (h < 0) { *value += '\\'; *value += e; return; }  // malformed: keep as written
                    cp = cp * 16 + uint32_t(h);
                    advance();
                }
                append_utf8(value, cp > 0x10FFFF ? 0xFFFD : cp);
                return;
            }
            default: *value += '\\'; *value += e; return;
        }
    }

    void lex_operator() {
        int line = line_, column = column_;
        for (const char* op : kOperators) {
            size_t n = std::strlen(op);
            if (text_.substr(pos_, n) != op) continue;
            for (size_t i = 0; i < n; ++i) advance();
            std::string text(op);
            if (text == "(" || text == "[" || text == "{") {
                if (int(open_.size()) >= kMaxPythonNesting) {
                    fail(line, column, Message(MsgCode::PyTooDeep, {as_is(kMaxPythonNesting)}));
                    return;
                }
                push(PyTokenKind::Op, text, line, column);
                open_.push_back(tokens_.back());
                return;
            }
            if (text == ")" || text == "]" || text == "}") {
                char want = text == ")" ? '(' : text == "]" ? '[' : '{';
                if (open_.empty()) {
                    fail(line, column, Message(MsgCode::PyCloseUnopened, {as_is(text)}));
                    return;
                }
                const PyToken& o = open_.back();
                if (o.text[0] != want) {
                    fail(line, column, Message(MsgCode::PyMismatch, {as_is(text), as_is(o.text), as_is(o.line),
                                                                     as_is(o.column)}));
                    return;
                }
                open_.pop_back();
            }
            push(PyTokenKind::Op, std::move(text), line, column);
            return;
        }
        unsigned char c = static_cast<unsigned char>(peek());
        char hex[8];
        static const char kDigits[] = "0123456789abcdef";
        hex[0] = '0', hex[1] = 'x', hex[2] = kDigits[c >> 4], hex[3] = kDigits[c & 15], hex[4] = '\0';
        if (c >= 0x20 && c < 0x7F)
            fail(line, column, Message(MsgCode::PyBadChar, {as_is(std::string(1, char(c)))}));
        else
            fail(line, column, Message(MsgCode::PyBadByte, {as_is(hex)}));
    }
};

}  // namespace

PyLexResult lex_python(std::string_view text) { return Lexer(text).run(); }

}  // namespace convlab
