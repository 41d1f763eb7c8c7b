// test_answer_parse.cpp: the lesson's answer fields read counts and shapes the
// ways learners write them, and refuse everything else with the piece to quote.
#include <doctest.h>

#include <string>

#include "core/lesson/answer_parse.h"

using namespace convlab;

namespace {

int64_t count_of(const std::string& text) {
    int64_t v = -1;
    const AnswerParse p = parse_count_answer(text, &v);
    return p.ok() ? v : -1;
}

AnswerError count_error(const std::string& text) {
    int64_t v = 0;
    return parse_count_answer(text, &v).error;
}

AnswerParse shape_of(const std::string& text, Shape* s) { return parse_shape_answer(text, s); }

}  // namespace

TEST_CASE("answer_parse: a count may be grouped by commas, spaces or full-width commas") {
    CHECK(count_of("18207") == 18207);
    CHECK(count_of("18,207") == 18207);
    CHECK(count_of(" 18 207 ") == 18207);
    CHECK(count_of("1_161_344") == 1161344);
    CHECK(count_of("18\xEF\xBC\x8C" "207") == 18207);                         // 18，207
    CHECK(count_of("\xEF\xBC\x91\xEF\xBC\x98\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x97") == 18207);  // １８２０７
    CHECK(count_of("\xE3\x80\x80" "630\xE3\x80\x80") == 630);                 // ideographic spaces
    CHECK(count_of("0") == 0);
}

TEST_CASE("answer_parse: anything but a whole count is refused, naming the text") {
    CHECK(count_error("") == AnswerError::Empty);
    CHECK(count_error("   ") == AnswerError::Empty);
    CHECK(count_error("abc") == AnswerError::NotACount);
    CHECK(count_error("18.207") == AnswerError::NotACount);
    CHECK(count_error("-630") == AnswerError::NotACount);
    CHECK(count_error("1e4") == AnswerError::NotACount);
    CHECK(count_error(",,,") == AnswerError::NotACount);
    CHECK(count_error("9999999999999999") == AnswerError::CountTooLarge);
    CHECK(count_error(std::string(100000, '9')) == AnswerError::NotACount);  // refused before reading
    int64_t v = 0;
    CHECK(parse_count_answer("12 apples", &v).piece == "12 apples");
    // The quoted piece is cut to 24 bytes at a character boundary: 十 is 3 bytes.
    std::string ten_tens;
    for (int i = 0; i < 10; ++i) ten_tens += "\xE5\x8D\x81";
    CHECK(parse_count_answer(ten_tens, &v).piece.size() == 24);
    CHECK(parse_count_answer("a" + ten_tens, &v).piece.size() == 22);
}

TEST_CASE("answer_parse: a shape with or without None and brackets") {
    Shape s;
    REQUIRE(shape_of("(None, 24, 24, 63)", &s).ok());
    CHECK(s == Shape::image(24, 24, 63));
    REQUIRE(shape_of("24,24,63", &s).ok());
    CHECK(s == Shape::image(24, 24, 63));
    REQUIRE(shape_of("(24 24 63)", &s).ok());
    CHECK(s == Shape::image(24, 24, 63));
    REQUIRE(shape_of(" [none,12,12,63] ", &s).ok());
    CHECK(s == Shape::image(12, 12, 63));
    REQUIRE(shape_of("(None, 128)", &s).ok());
    CHECK(s == Shape::vector(128));
    REQUIRE(shape_of("(128,)", &s).ok());
    CHECK(s == Shape::vector(128));
    REQUIRE(shape_of("\xEF\xBC\x88" "26\xEF\xBC\x8C" "26\xEF\xBC\x8C" "32\xEF\xBC\x89", &s).ok());  // （26，26，32）
    CHECK(s == Shape::image(26, 26, 32));
}

TEST_CASE("answer_parse: a shape that is not one names the piece or the count of sizes") {
    Shape s;
    AnswerParse p = shape_of("", &s);
    CHECK(p.error == AnswerError::Empty);
    CHECK(shape_of("()", &s).error == AnswerError::Empty);
    p = shape_of("(24, x, 63)", &s);
    CHECK(p.error == AnswerError::NotAShape);
    CHECK(p.piece == "x");
    p = shape_of("24.5, 24, 63", &s);
    CHECK(p.error == AnswerError::NotAShape);
    CHECK(p.piece == "24.5");
    p = shape_of("24, 24", &s);
    CHECK(p.error == AnswerError::ShapeRank);
    CHECK(p.piece == "2");
    CHECK(shape_of("(None, 1, 2, 3, 4)", &s).error == AnswerError::ShapeRank);
    CHECK(shape_of("0, 24, 63", &s).error == AnswerError::ShapeZero);
    CHECK(shape_of("(-1, 24, 63)", &s).error == AnswerError::NotAShape);
    CHECK(shape_of("((24, 24, 63))", &s).error == AnswerError::NotAShape);
    CHECK(shape_of("None", &s).error == AnswerError::ShapeRank);
}
