// json_writer.h: writes JSON text (RFC 8259) without hand-placed commas,
// colons and quotes: the writer knows whether a comma is due, every key and
// string goes through json_escape, and a number that is not finite is written
// as null (JSON has no NaN). For the test hook's state, the summary's --json
// form and the files ConvLab saves. Not a validator: raw() inserts text that is
// already JSON as it is, and a key outside an object is the caller's mistake.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace convlab {

class JsonWriter {
public:
    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view name);  // the next value is this member's

    JsonWriter& string(std::string_view s);
    JsonWriter& boolean(bool b);
    JsonWriter& null();
    JsonWriter& integer(int64_t v);
    // printf_format is a literal such as "%.9g" (the default: a float32 read back exactly).
    JsonWriter& number(double v, const char* printf_format = "%.9g");
    JsonWriter& raw(std::string_view json);  // a value already written as JSON

    // key(name) then the value, for the common case of one member.
    JsonWriter& member(std::string_view name, std::string_view s) { return key(name).string(s); }
    JsonWriter& member(std::string_view name, const char* s) { return key(name).string(s); }
    JsonWriter& member(std::string_view name, bool b) { return key(name).boolean(b); }
    JsonWriter& member(std::string_view name, int v) { return key(name).integer(v); }
    JsonWriter& member(std::string_view name, int64_t v) { return key(name).integer(v); }
    JsonWriter& member(std::string_view name, double v, const char* printf_format = "%.9g") {
        return key(name).number(v, printf_format);
    }

    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void before_value();
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    std::string out_;
    std::vector<bool> has_items_;  // per open object or array: whether a comma is due
    bool after_key_ = false;
};

}  // namespace convlab
