// python_test_helpers.h: what the Python parser and evaluator tests share: a
// script lexed and parsed, failing the test if the lexer refuses it. Not for
// tests of lexer errors (those call lex_python themselves).
#pragma once
#include <doctest.h>

#include <string>
#include <utility>

#include "core/io/python_lexer.h"
#include "core/io/python_parser.h"

inline convlab::PyModule parse_script(const std::string& code) {
    convlab::PyLexResult lexed = convlab::lex_python(code);
    REQUIRE(lexed.ok());
    return convlab::parse_python(std::move(lexed.tokens));
}
