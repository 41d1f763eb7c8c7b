// json.cpp: a recursive-descent JSON reader whose recursion is bounded by
// kJsonMaxDepth, and the string escaper. Grammar: RFC 8259 sections 2-8.
// Positions are tracked while reading (never recomputed from the start), so
// a one-line 4 MB file costs one pass.
#include "core/io/json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <locale>
#include <sstream>

namespace convlab {
namespace {

// Length of the well-formed UTF-8 sequence at p[0..n), or 0 if there is none.
// The ranges are RFC 3629's table: they exclude overlong forms and surrogates.
int utf8_sequence_length(const unsigned char* p, size_t n) {
    auto in = [](unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; };
    if (n == 0) return 0;
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    if (in(c, 0xC2, 0xDF)) return n >= 2 && in(p[1], 0x80, 0xBF) ? 2 : 0;
    if (in(c, 0xE0, 0xEF)) {
        if (n < 3) return 0;
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return in(p[1], lo, hi) && in(p[2], 0x80, 0xBF) ? 3 : 0;
    }
    if (in(c, 0xF0, 0xF4)) {
        if (n < 4) return 0;
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return in(p[1], lo, hi) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

void append_utf8(uint32_t cp, std::string* out) {
    if (cp < 0x80) {
        out->push_back(char(cp));
    } else if (cp < 0x800) {
        out->push_back(char(0xC0 | (cp >> 6)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out->push_back(char(0xE0 | (cp >> 12)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out->push_back(char(0xF0 | (cp >> 18)));
        out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out->push_back(char(0x80 | (cp & 0x3F)));
    }
}

// How a character is named in an error: 'x' when printable ASCII, else its byte.
Message describe_byte(unsigned char c) {
    if (c >= 0x20 && c < 0x7F) return as_is(std::string("'") + char(c) + "'");
    static const char hex[] = "0123456789ABCDEF";
    return Message(MsgCode::Byte, {as_is(std::string("0x") + hex[c >> 4] + hex[c & 15])});
}

constexpr int kMaxNumberChars = 400;  // longer than any double needs; stops digit floods

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    bool parse(JsonValue* out, JsonError* error) {
        if (int64_t(s_.size()) > kJsonMaxBytes)
            return fail_at(1, 1, Message(MsgCode::JsonTooLong, {as_is(int64_t(s_.size())), as_is(kJsonMaxBytes)}),
                           error);
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // byte order mark: not a character
        skip_whitespace();
        if (!parse_value(out, 0)) return fail(error);
        skip_whitespace();
        if (pos_ < s_.size()) {
            this->error(Message(MsgCode::JsonAfterEnd, {describe_byte(byte())}));
            return fail(error);
        }
        return true;
    }

private:
    std::string_view s_;
    size_t pos_ = 0;
    int line_ = 1, column_ = 1;
    int64_t values_ = 0;
    Message message_;
    int error_line_ = 1, error_column_ = 1;

    unsigned char byte() const { return static_cast<unsigned char>(s_[pos_]); }
    bool at_end() const { return pos_ >= s_.size(); }

    // Moves one byte on. Only bytes that start a character advance the column.
    void step() {
        unsigned char c = byte();
        ++pos_;
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column_;
        }
    }

    // The error is reported where reading stopped, or at `at` when a whole value is wrong.
    bool error(Message message, const JsonValue* at = nullptr) {
        message_ = std::move(message);
        error_line_ = at ? at->line : line_;
        error_column_ = at ? at->column : column_;
        return false;
    }
    bool fail(JsonError* error) { return fail_at(error_line_, error_column_, message_, error); }
    static bool fail_at(int line, int column, Message message, JsonError* error) {
        error->message = message_en(message);
        error->what = std::move(message);
        error->line = line;
        error->column = column;
        return false;
    }

    void skip_whitespace() {
        while (!at_end() && (byte() == ' ' || byte() == '\t' || byte() == '\n' || byte() == '\r')) step();
    }

    bool unexpected(MsgCode expected) {
        if (at_end()) return error(Message(MsgCode::JsonUnexpectedEnd, {Message(expected)}));
        return error(Message(MsgCode::JsonUnexpected, {describe_byte(byte()), Message(expected)}));
    }

    bool parse_value(JsonValue* v, int depth) {
        if (++values_ > kJsonMaxValues)
            return error(Message(MsgCode::JsonTooManyValues, {as_is(kJsonMaxValues)}));
        v->line = line_;
        v->column = column_;
        if (at_end()) return unexpected(MsgCode::JsonWantValue);
        switch (byte()) {
            case '{': return parse_object(v, depth + 1);
            case '[': return parse_array(v, depth + 1);
            case '"': v->type = JsonType::String; return parse_string(&v->string);
            case 't': v->type = JsonType::Bool; v->boolean = true; return parse_literal("true");
            case 'f': v->type = JsonType::Bool; return parse_literal("false");
            case 'n': v->type = JsonType::Null; return parse_literal("null");
            default: break;
        }
        if (byte() == '-' || (byte() >= '0' && byte() <= '9')) return parse_number(v);
        return unexpected(MsgCode::JsonWantValue);
    }

    bool parse_literal(const char* word) {
        for (const char* w = word; *w; ++w) {
            if (at_end() || byte() != static_cast<unsigned char>(*w))
                return error(Message(MsgCode::JsonBadLiteral, {as_is(word)}));
            step();
        }
        return true;
    }

    bool check_depth(int depth) {
        if (depth > kJsonMaxDepth)
            return error(Message(MsgCode::JsonTooDeep, {as_is(kJsonMaxDepth)}));
        return true;
    }

    bool parse_array(JsonValue* v, int depth) {
        return parse_container(v, JsonType::Array, ']', MsgCode::JsonWantArrayNext, depth, &Parser::parse_item);
    }

    bool parse_object(JsonValue* v, int depth) {
        return parse_container(v, JsonType::Object, '}', MsgCode::JsonWantObjectNext, depth, &Parser::parse_member);
    }

    // What arrays and objects share: the opening bracket, then elements separated
    // by commas up to `close`; want_next names what may follow an element.
    bool parse_container(JsonValue* v, JsonType type, char close, MsgCode want_next, int depth,
                         bool (Parser::*parse_element)(JsonValue*, int)) {
        if (!check_depth(depth)) return false;
        v->type = type;
        step();  // '[' or '{'
        skip_whitespace();
        if (!at_end() && byte() == close) { step(); return true; }
        for (;;) {
            skip_whitespace();
            if (!(this->*parse_element)(v, depth)) return false;
            skip_whitespace();
            if (at_end()) return unexpected(want_next);
            if (byte() == close) { step(); return true; }
            if (byte() != ',') return unexpected(want_next);
            step();
        }
    }

    // An array's element: a value.
    bool parse_item(JsonValue* array, int depth) {
        array->items.emplace_back();
        return parse_value(&array->items.back(), depth);
    }

    // An object's element: "key": value.
    bool parse_member(JsonValue* object, int depth) {
        if (at_end() || byte() != '"') return unexpected(MsgCode::JsonWantKey);
        object->members.emplace_back();
        JsonMember& m = object->members.back();
        if (!parse_string(&m.key)) return false;
        skip_whitespace();
        if (at_end() || byte() != ':') return unexpected(MsgCode::JsonWantColon);
        step();
        skip_whitespace();
        return parse_value(&m.value, depth);
    }

    bool parse_hex4(uint32_t* out) {
        uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            if (at_end()) return error(Message(MsgCode::JsonEndInEscape));
            unsigned char c = byte();
            uint32_t digit;
            if (c >= '0' && c <= '9') digit = c - '0';
            else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
            else return error(Message(MsgCode::JsonEscapeHex, {describe_byte(c)}));
            value = value * 16 + digit;
            step();
        }
        *out = value;
        return true;
    }

    // \uXXXX, with a UTF-16 surrogate pair (\uD83D\uDE00) joined into one code point.
    bool parse_unicode_escape(std::string* out) {
        uint32_t cp;
        if (!parse_hex4(&cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return error(Message(MsgCode::JsonLoneLowSurrogate));
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(pos_, 2) != "\\u") return error(Message(MsgCode::JsonHighSurrogateAlone));
            step();
            step();
            uint32_t low;
            if (!parse_hex4(&low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return error(Message(MsgCode::JsonHighSurrogateAlone));
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(cp, out);
        return true;
    }

    bool parse_string(std::string* out) {
        step();  // '"'
        for (;;) {
            if (at_end()) return error(Message(MsgCode::JsonEndInString));
            unsigned char c = byte();
            if (c == '"') { step(); return true; }
            if (c < 0x20) return error(Message(MsgCode::JsonControlChar, {describe_byte(c)}));
            if (c == '\\') {
                step();
                if (at_end()) return error(Message(MsgCode::JsonEndInString));
                char e = char(byte());
                step();
                switch (e) {
                    case '"': out->push_back('"'); break;
                    case '\\': out->push_back('\\'); break;
                    case '/': out->push_back('/'); break;
                    case 'b': out->push_back('\b'); break;
                    case 'f': out->push_back('\f'); break;
                    case 'n': out->push_back('\n'); break;
                    case 'r': out->push_back('\r'); break;
                    case 't': out->push_back('\t'); break;
                    case 'u': if (!parse_unicode_escape(out)) return false; break;
                    default: return error(Message(MsgCode::JsonUnknownEscape, {as_is(std::string(1, e))}));
                }
                continue;
            }
            int n = utf8_sequence_length(reinterpret_cast<const unsigned char*>(s_.data()) + pos_,
                                         s_.size() - pos_);
            if (n == 0) return error(Message(MsgCode::JsonBadUtf8, {describe_byte(c)}));
            out->append(s_.data() + pos_, size_t(n));
            for (int i = 0; i < n; ++i) step();
        }
    }

    // RFC 8259 section 6: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    bool parse_number(JsonValue* v) {
        v->type = JsonType::Number;
        size_t start = pos_;
        bool negative = false, integer_literal = true, negative_exponent = false;
        auto digits = [&]() {
            size_t first = pos_;
            while (!at_end() && byte() >= '0' && byte() <= '9') step();
            return pos_ > first;
        };
        if (byte() == '-') { negative = true; step(); }
        if (at_end() || byte() < '0' || byte() > '9') return unexpected(MsgCode::JsonWantDigit);
        if (byte() == '0') {
            step();
            if (!at_end() && byte() >= '0' && byte() <= '9') return error(Message(MsgCode::JsonLeadingZero));
        } else {
            digits();
        }
        if (!at_end() && byte() == '.') {
            integer_literal = false;
            step();
            if (!digits()) return unexpected(MsgCode::JsonWantDigitAfterPoint);
        }
        if (!at_end() && (byte() == 'e' || byte() == 'E')) {
            integer_literal = false;
            step();
            if (!at_end() && (byte() == '+' || byte() == '-')) { negative_exponent = byte() == '-'; step(); }
            if (!digits()) return unexpected(MsgCode::JsonWantExponentDigit);
        }
        std::string_view literal = s_.substr(start, pos_ - start);
        if (literal.size() > size_t(kMaxNumberChars))
            return error(Message(MsgCode::JsonNumberTooLong, {as_is(kMaxNumberChars)}), v);

        // Integer literals are converted exactly, so 9007199254740993 stays itself.
        if (integer_literal) {
            uint64_t magnitude = 0;
            bool fits = true;
            for (char c : literal.substr(negative ? 1 : 0)) {
                uint64_t d = uint64_t(c - '0');
                if (magnitude > (UINT64_MAX - d) / 10) { fits = false; break; }
                magnitude = magnitude * 10 + d;
            }
            uint64_t limit = negative ? uint64_t(INT64_MAX) + 1 : uint64_t(INT64_MAX);
            if (fits && magnitude <= limit) {
                v->is_integer = true;
                v->integer = negative ? int64_t(0 - magnitude) : int64_t(magnitude);
            }
        }
        // Locale-independent, so a learner's decimal comma never changes a file's meaning.
        std::istringstream in{std::string(literal)};
        in.imbue(std::locale::classic());
        double value = 0.0;
        in >> value;
        if (in.fail()) {
            // Only an out-of-range result fails here: the grammar was checked above.
            if (!negative_exponent) return error(Message(MsgCode::JsonNumberTooLarge, {as_is(std::string(literal))}), v);
            value = negative ? -0.0 : 0.0;  // underflow: smaller than any double
        }
        if (!std::isfinite(value)) return error(Message(MsgCode::JsonNumberTooLarge, {as_is(std::string(literal))}), v);
        v->number = value;
        if (!v->is_integer && value == std::floor(value) && std::fabs(value) <= 9007199254740992.0) {
            v->is_integer = true;
            v->integer = int64_t(value);
        }
        return true;
    }
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
    for (size_t i = members.size(); i-- > 0;)
        if (members[i].key == key) return &members[i].value;
    return nullptr;
}

bool parse_json(std::string_view text, JsonValue* out, JsonError* error) {
    *out = JsonValue{};
    return Parser(text).parse(out, error);
}

std::string json_escape(std::string_view s) {
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() + 8);
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = p[i];
        switch (c) {
            case '"': out += "\\\""; ++i; continue;
            case '\\': out += "\\\\"; ++i; continue;
            case '\b': out += "\\b"; ++i; continue;
            case '\f': out += "\\f"; ++i; continue;
            case '\n': out += "\\n"; ++i; continue;
            case '\r': out += "\\r"; ++i; continue;
            case '\t': out += "\\t"; ++i; continue;
            default: break;
        }
        if (c < 0x20) {
            out += "\\u00";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
            ++i;
            continue;
        }
        int n = utf8_sequence_length(p + i, s.size() - i);
        if (n == 0) {
            out += "\\ufffd";
            ++i;
        } else if (n == 3 && c == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
            // Line and paragraph separators are valid in JSON but end a line in older JavaScript.
            out += p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            i += 3;
        } else {
            out.append(s.data() + i, size_t(n));
            i += size_t(n);
        }
    }
    return out;
}

std::string json_quote(std::string_view s) { return "\"" + json_escape(s) + "\""; }

std::string shortest_decimal(double v) {
    char buf[40];
    for (int digits = 1; digits <= 17; ++digits) {  // 17 significant digits always round-trip a double
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

const char* json_type_name(JsonType type) {
    switch (type) {
        case JsonType::Null: return "null";
        case JsonType::Bool: return "a boolean";
        case JsonType::Number: return "a number";
        case JsonType::String: return "a string";
        case JsonType::Array: return "an array";
        case JsonType::Object: return "an object";
    }
    return "?";
}

bool is_valid_utf8(std::string_view s) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size();) {
        int n = utf8_sequence_length(p + i, s.size() - i);
        if (n == 0) return false;
        i += size_t(n);
    }
    return true;
}

}  // namespace convlab
