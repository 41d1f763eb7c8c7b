// test_json_writer.cpp: JsonWriter puts commas, colons and quotes where JSON
// needs them, escapes what must be escaped, and what it writes reads back with
// the project's own reader (json.h). Reference: RFC 8259.
#include <doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/io/json.h"
#include "core/io/json_writer.h"

using namespace convlab;

TEST_CASE("json writer: members of an object are separated by commas, nested containers too") {
    JsonWriter w;
    w.begin_object().member("a", 1).key("list").begin_array().integer(1).integer(2).begin_object().end_object();
    w.end_array().member("ok", true).key("none").null().end_object();
    CHECK(w.text() == R"({"a":1,"list":[1,2,{}],"ok":true,"none":null})");
}

TEST_CASE("json writer: strings and keys are escaped, so a layer name with a quote stays one string") {
    JsonWriter w;
    w.begin_object().member("na\"me", "conv2d \"x\"\n\\").end_object();
    CHECK(w.text() == "{\"na\\\"me\":\"conv2d \\\"x\\\"\\n\\\\\"}");
    JsonValue v;
    JsonError e;
    REQUIRE(parse_json(w.text(), &v, &e));
    REQUIRE(v.type == JsonType::Object);
}

TEST_CASE("json writer: a number that is not finite is written as null, since JSON has no NaN") {
    JsonWriter w;
    w.begin_array().number(std::nan("")).number(std::numeric_limits<double>::infinity()).number(0.25).number(2.0 / 3.0, "%.3f").end_array();
    CHECK(w.text() == "[null,null,0.25,0.667]");
}

TEST_CASE("json writer: raw inserts JSON written elsewhere as one value") {
    JsonWriter w;
    w.begin_object().key("summary").raw(R"({"layers":[]})").member("n", int64_t(3)).end_object();
    CHECK(w.text() == R"({"summary":{"layers":[]},"n":3})");
    JsonValue v;
    JsonError e;
    CHECK(parse_json(w.text(), &v, &e));
}
