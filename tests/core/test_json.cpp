// test_json.cpp: the JSON reader on what model files contain, and on what a
// hostile or broken file can contain: each error names the problem, the line
// and the column. Reference: RFC 8259.
#include <doctest.h>

#include <string>

#include "core/io/json.h"

using namespace convlab;

namespace {

JsonValue parse_ok(const std::string& text) {
    JsonValue v;
    JsonError e;
    bool ok = parse_json(text, &v, &e);
    INFO("error: ", e.message, " at ", e.line, ":", e.column);
    CHECK(ok);
    return v;
}

JsonError parse_error(const std::string& text) {
    JsonValue v;
    JsonError e;
    CHECK_FALSE(parse_json(text, &v, &e));
    return e;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("json: an object keeps its keys in the order they were written") {
    JsonValue v = parse_ok(R"({"zeta": 1, "alpha": [true, false, null], "mid": "x"})");
    REQUIRE(v.type == JsonType::Object);
    REQUIRE(v.members.size() == 3);
    CHECK(v.members[0].key == "zeta");
    CHECK(v.members[1].key == "alpha");
    CHECK(v.members[2].key == "mid");
    const JsonValue* alpha = v.find("alpha");
    REQUIRE(alpha != nullptr);
    REQUIRE(alpha->items.size() == 3);
    CHECK(alpha->items[0].boolean);
    CHECK(alpha->items[1].type == JsonType::Bool);
    CHECK(alpha->items[2].is_null());
    CHECK(v.find("missing") == nullptr);
}

TEST_CASE("json: with a duplicate key the last value wins, as in Python and JavaScript") {
    JsonValue v = parse_ok(R"({"a": 1, "a": 2})");
    CHECK(v.find("a")->integer == 2);
}

TEST_CASE("json: integers are exact, and whole decimals count as integers") {
    CHECK(parse_ok("9007199254740993").integer == 9007199254740993LL);
    CHECK(parse_ok("-9223372036854775808").integer == INT64_MIN);
    JsonValue three = parse_ok("3.0");
    CHECK(three.is_integer);
    CHECK(three.integer == 3);
    CHECK(parse_ok("1e2").integer == 100);
    CHECK_FALSE(parse_ok("0.25").is_integer);
    CHECK(parse_ok("0.25").number == 0.25);
    CHECK(parse_ok("1e-07").number == 1e-07);
    CHECK(parse_ok("-0").number == 0.0);
}

TEST_CASE("json: an integer beyond int64 is a number but not an integer") {
    JsonValue v = parse_ok("99999999999999999999");
    CHECK(v.type == JsonType::Number);
    CHECK_FALSE(v.is_integer);
    CHECK(v.number == doctest::Approx(1e20));
    CHECK_FALSE(parse_ok("1e300").is_integer);
}

TEST_CASE("json: a number beyond double's range is an error naming it") {
    JsonError e = parse_error("[1, 1e400]");
    CHECK(contains(e.message, "1e400 is too large"));
    CHECK(e.line == 1);
    CHECK(e.column == 5);
}

TEST_CASE("json: numbers follow the JSON grammar strictly") {
    CHECK(contains(parse_error("01").message, "cannot start with 0"));
    CHECK(contains(parse_error("1.").message, "digit after '.'"));
    CHECK(contains(parse_error("1e").message, "digit in the exponent"));
    CHECK(contains(parse_error("-").message, "expected a digit"));
    CHECK(contains(parse_error("+1").message, "unexpected '+'"));
    CHECK(contains(parse_error("NaN").message, "unexpected 'N'"));
    CHECK(contains(parse_error(std::string(500, '1')).message, "longer than"));
}

TEST_CASE("json: \\u escapes decode to UTF-8, surrogate pairs to one character") {
    CHECK(parse_ok(R"("caf\u00e9")").string == "caf\xC3\xA9");
    CHECK(parse_ok(R"("\u4e2d")").string == "\xE4\xB8\xAD");
    CHECK(parse_ok(R"("\ud83d\ude00")").string == "\xF0\x9F\x98\x80");
    CHECK(parse_ok(R"("a\"b\\c\/d\n\t")").string == "a\"b\\c/d\n\t");
    CHECK(parse_ok("\"\xE4\xB8\xAD\xE6\x96\x87\"").string == "\xE4\xB8\xAD\xE6\x96\x87");
}

TEST_CASE("json: a lone or broken surrogate is an error, not a replacement character") {
    CHECK(contains(parse_error(R"("\ud83d")").message, "high surrogate without its low half"));
    CHECK(contains(parse_error(R"("\ud83d\u0041")").message, "high surrogate without its low half"));
    CHECK(contains(parse_error(R"("\ude00")").message, "lone low surrogate"));
    CHECK(contains(parse_error(R"("\u12g4")").message, "four hex digits"));
    CHECK(contains(parse_error(R"("\q")").message, "unknown escape \\q"));
}

TEST_CASE("json: invalid UTF-8 inside a string is reported with its byte") {
    JsonError e = parse_error("{\"name\": \"ab\xFF\"}");
    CHECK(contains(e.message, "not valid UTF-8 (byte 0xFF)"));
    CHECK(e.column == 13);
    CHECK(contains(parse_error("\"\xC0\xAF\"").message, "not valid UTF-8"));      // overlong '/'
    CHECK(contains(parse_error("\"\xED\xA0\x80\"").message, "not valid UTF-8"));  // encoded surrogate
    CHECK(contains(parse_error("\"\xE4\xB8\"").message, "not valid UTF-8"));      // cut short
}

TEST_CASE("json: a raw newline inside a string is an error suggesting the escape") {
    CHECK(contains(parse_error("\"a\nb\"").message, "raw control character"));
}

TEST_CASE("json: errors give the line and the column in characters, not bytes") {
    JsonError e = parse_error("{\n  \"\xE4\xB8\xAD\": [1, 2,,]\n}");
    CHECK(e.line == 2);
    CHECK(e.column == 14);
    CHECK(contains(e.message, "unexpected ','"));
}

TEST_CASE("json: truncated input says that it ended and what was expected") {
    CHECK(contains(parse_error("").message, "unexpected end of input: expected a value"));
    CHECK(contains(parse_error("{\"a\": [1, 2").message, "unexpected end of input: expected ',' or ']'"));
    CHECK(contains(parse_error("{\"a\"").message, "unexpected end of input: expected ':'"));
    CHECK(contains(parse_error("{\"a\": 1").message, "expected ',' or '}'"));
    CHECK(contains(parse_error("\"abc").message, "end of input inside a string"));
    CHECK(contains(parse_error("tru").message, "expected 'true'"));
    CHECK(contains(parse_error("{,}").message, "a string key in double quotes"));
}

TEST_CASE("json: text after the value is rejected") {
    JsonError e = parse_error("{} x");
    CHECK(contains(e.message, "unexpected 'x' after the end of the JSON value"));
    CHECK(e.column == 4);
    CHECK(contains(parse_error("[1] [2]").message, "after the end"));
    CHECK(contains(parse_error("{}\x01").message, "byte 0x01"));
}

TEST_CASE("json: whitespace and a byte order mark around the value are fine") {
    CHECK(parse_ok("\xEF\xBB\xBF  {\"a\": 1}\r\n\t ").find("a")->integer == 1);
}

TEST_CASE("json: 64 levels of nesting are read, 65 are refused without deep recursion") {
    std::string ok = std::string(64, '[') + std::string(64, ']');
    parse_ok(ok);
    JsonError e = parse_error(std::string(65, '[') + std::string(65, ']'));
    CHECK(contains(e.message, "nested deeper than 64 levels"));
    CHECK(e.column == 65);
    // A million open brackets: refused at level 65, long before the stack is in danger.
    CHECK(contains(parse_error(std::string(1000000, '[')).message, "nested deeper"));
    CHECK(contains(parse_error(std::string(100000, '{')).message, "string key"));
}

TEST_CASE("json: a flood of values is refused past the value limit") {
    std::string text = "[";
    for (int i = 0; i < 100001; ++i) text += "0,";
    text += "0]";
    CHECK(contains(parse_error(text).message, "more than 100000 values"));
}

TEST_CASE("json: text larger than the size limit is refused before reading") {
    std::string text(size_t(kJsonMaxBytes) + 1, ' ');
    JsonError e = parse_error(text);
    CHECK(contains(e.message, "the limit is"));
}

TEST_CASE("json: each value remembers where it starts") {
    JsonValue v = parse_ok("{\"a\":\n  [10,\n   \"x\"]}");
    const JsonValue* a = v.find("a");
    CHECK(a->line == 2);
    CHECK(a->column == 3);
    CHECK(a->items[1].line == 3);
    CHECK(a->items[1].column == 4);
}

TEST_CASE("json_escape: quotes, backslashes and control characters are escaped") {
    CHECK(json_escape("a\"b\\c") == "a\\\"b\\\\c");
    CHECK(json_escape("line\nnext\ttab\x01") == "line\\nnext\\ttab\\u0001");
    CHECK(json_quote("conv2d_1") == "\"conv2d_1\"");
}

TEST_CASE("json_escape: UTF-8 passes through, invalid bytes become U+FFFD, separators are escaped") {
    CHECK(json_escape("\xE4\xB8\xAD") == "\xE4\xB8\xAD");
    CHECK(json_escape("a\xFF" "b") == "a\\ufffdb");
    CHECK(json_escape("\xE2\x80\xA8") == "\\u2028");
}

TEST_CASE("json_escape: what it writes reads back as the same string") {
    std::string original = "name \"q\" \\ \x7F \xF0\x9F\x98\x80 \x1F end";
    CHECK(parse_ok(json_quote(original)).string == original);
}

TEST_CASE("is_valid_utf8: accepts UTF-8 and rejects overlong forms, surrogates and stray bytes") {
    CHECK(is_valid_utf8("plain \xE4\xB8\xAD \xF0\x9F\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xC0\x80"));
    CHECK_FALSE(is_valid_utf8("\xED\xB0\x80"));
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
    CHECK_FALSE(is_valid_utf8("\x80"));
}
