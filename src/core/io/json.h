// json.h: a small JSON reader (RFC 8259) for model files a learner pastes or
// drops, and json_escape and shortest_decimal for the code that writes JSON. The
// input is treated as hostile: every limit below is checked, nesting never
// recurses past kJsonMaxDepth, strings must be valid UTF-8, and an error names
// its line and column. Not a general JSON library: no comments, no NaN;
// json_writer.h writes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/message/message.h"

namespace convlab {

constexpr int64_t kJsonMaxBytes = int64_t(64) << 20; // Keras JSON is ~1-100 KB, a ConvLab file with weights MBs
constexpr int kJsonMaxDepth = 64;                    // Keras 3 nests about 6 deep
constexpr int64_t kJsonMaxValues = 100000;           // bounds memory: each value is ~120 bytes

enum class JsonType : uint8_t { Null, Bool, Number, String, Array, Object };

struct JsonMember;

struct JsonValue {
    JsonType type = JsonType::Null;
    bool boolean = false;
    double number = 0.0;
    // The number is a whole number int64 holds exactly: an integer literal in
    // int64's range, or a literal such as 3.0 or 1e2 whose value is whole and
    // at most 2^53 in size. Then `integer` is that value.
    bool is_integer = false;
    int64_t integer = 0;
    std::string string;               // String: decoded, valid UTF-8
    std::vector<JsonValue> items;     // Array
    std::vector<JsonMember> members;  // Object, in the order written
    int line = 0, column = 0;         // where the value starts (1-based; columns count characters)

    bool is_null() const { return type == JsonType::Null; }
    // The member's value, or nullptr. With duplicate keys the last one wins, as in
    // Python's json and JavaScript's JSON.parse (which wrote these files).
    const JsonValue* find(std::string_view key) const;
};

struct JsonMember {
    std::string key;
    JsonValue value;
};

struct JsonError {
    std::string message;  // "expected ',' or ']' after an array element": message_en(what)
    Message what;         // the same as data, for the page to say in the learner's language
    int line = 0, column = 0;
};

// Parses one JSON value with optional whitespace around it and nothing else.
// A UTF-8 byte order mark at the start is skipped. On failure *error says what
// and where, and *out is left unspecified.
bool parse_json(std::string_view text, JsonValue* out, JsonError* error);

// The characters of a JSON string literal for s, without the quotes: '"', '\'
// and control characters escaped, U+2028/U+2029 escaped so the result is also
// safe inside JavaScript source, invalid UTF-8 bytes replaced by U+FFFD.
std::string json_escape(std::string_view s);
// json_escape with the quotes: "\"conv2d_1\"".
std::string json_quote(std::string_view s);
// The shortest decimal that reads back as the same double: 0.25, 0.001, 1e-05,
// 3. A JSON number as it is; the Python writer adds the ".0" a float needs.
std::string shortest_decimal(double v);

// "a number", "an array", ...: for messages such as "expected an integer, got a string".
const char* json_type_name(JsonType type);

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(std::string_view s);

}  // namespace convlab
