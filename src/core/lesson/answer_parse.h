// lesson/answer_parse.h: reads what a learner types into the lesson's answer
// fields: a parameter count ("18207", "18,207", " 18 207 ") or an output shape
// ("(None, 24, 24, 63)", "24,24,63", "(24 24 63)", "(128,)"). Not the grading
// (mistake_classifier.h) and not the wording: a refusal is an AnswerError the
// UI turns into a sentence, with the offending piece of text to quote.
#pragma once
#include <cstdint>
#include <string>

#include "core/model/shape.h"

namespace convlab {

enum class AnswerError : uint8_t {
    None,
    Empty,         // nothing but spaces
    NotACount,     // a character that is not a digit or a thousands separator ("1.5", "abc", "-3")
    CountTooLarge, // more than 15 digits: no layer here has that many parameters
    NotAShape,     // a piece that is not a whole number (quoted in AnswerParse::piece)
    ShapeRank,     // not 1 or 3 sizes after the batch axis: (F) or (H, W, C)
    ShapeZero,     // a size of 0: every axis has at least one element
    Count
};

struct AnswerParse {
    AnswerError error = AnswerError::None;
    std::string piece;  // the text that could not be read, for the message (at most 24 bytes)
    bool ok() const { return error == AnswerError::None; }
};

// A whole number of parameters. Spaces, commas, underscores, apostrophes and
// their full-width forms (what a Chinese keyboard types) may group the digits.
AnswerParse parse_count_answer(const std::string& text, int64_t* out);

// An output shape without or with the batch axis ("None" or "?" first). The
// sizes may be separated by commas and/or spaces, inside (), [] or nothing.
AnswerParse parse_shape_answer(const std::string& text, Shape* out);

}  // namespace convlab
