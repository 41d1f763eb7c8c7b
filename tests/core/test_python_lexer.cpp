// test_python_lexer.cpp: the Python lexer the Keras importer stands on: tokens
// and their positions, line joining, string forms, and every lexical error
// reported where it is. Reference: Python 3 "Lexical analysis".
#include <doctest.h>

#include <string>

#include "core/io/python_lexer.h"

using namespace convlab;

namespace {

std::string kinds(const PyLexResult& r) {
    std::string s;
    for (const PyToken& t : r.tokens) {
        switch (t.kind) {
            case PyTokenKind::Name: s += "N"; break;
            case PyTokenKind::Number: s += "9"; break;
            case PyTokenKind::String: s += "S"; break;
            case PyTokenKind::Op: s += t.text; break;
            case PyTokenKind::Newline: s += "|"; break;
            case PyTokenKind::End: s += "$"; break;
        }
    }
    return s;
}

}  // namespace

TEST_CASE("python lexer: names, numbers, strings and operators carry their line and column") {
    PyLexResult r = lex_python("x = 3\nmodel.add(Dense(10, activation='relu'))\n");
    REQUIRE(r.ok());
    CHECK(kinds(r) == "N=9|N.N(N(9,N=S))|$");
    CHECK(r.tokens[0].text == "x");
    CHECK(r.tokens[2].text == "3");
    CHECK(r.tokens[4].line == 2);
    CHECK(r.tokens[4].column == 1);
    const PyToken& relu = r.tokens[14];
    CHECK(relu.kind == PyTokenKind::String);
    CHECK(relu.text == "relu");
    CHECK(relu.line == 2);
    CHECK(relu.column == 32);
}

TEST_CASE("python lexer: comments and blank lines produce no tokens") {
    PyLexResult r = lex_python("# a comment\n\n   \nx = 1  # trailing\n\n");
    REQUIRE(r.ok());
    CHECK(kinds(r) == "N=9|$");
}

TEST_CASE("python lexer: inside brackets lines join, so a call over three lines ends in one NEWLINE") {
    PyLexResult r = lex_python("f(1,\n  2,\n  3)\ny\n");
    REQUIRE(r.ok());
    CHECK(kinds(r) == "N(9,9,9)|N|$");
    CHECK(r.tokens[3].depth == 1);
    CHECK(r.tokens[0].depth == 0);
}

TEST_CASE("python lexer: a backslash at the end of a line joins it to the next") {
    PyLexResult r = lex_python("x = 1 + \\\n    2\n");
    REQUIRE(r.ok());
    CHECK(kinds(r) == "N=9+9|$");
}

TEST_CASE("python lexer: every quote style and prefix decodes as Python does") {
    PyLexResult r = lex_python("'a\\tb' \"c\\\"d\" '''e\nf''' r'\\n' b'x' f\"{y}\" u'\\x41\\u00e9'\n");
    REQUIRE(r.ok());
    REQUIRE(kinds(r) == "SSSSSSS|$");
    CHECK(r.tokens[0].text == "a\tb");
    CHECK(r.tokens[1].text == "c\"d");
    CHECK(r.tokens[2].text == "e\nf");
    CHECK(r.tokens[3].text == "\\n");
    CHECK(r.tokens[4].text == "x");
    CHECK(r.tokens[5].text == "{y}");
    CHECK(r.tokens[6].text == "A\xc3\xa9");
}

TEST_CASE("python lexer: operators are read longest first") {
    PyLexResult r = lex_python("a //= b ** c != d\n");
    REQUIRE(r.ok());
    CHECK(kinds(r) == "N//=N**N!=N|$");
}

TEST_CASE("python lexer: an unterminated string is an error at its opening quote") {
    PyLexResult r = lex_python("x = 1\nmodel.add(Dense(10, activation='relu))\n");
    CHECK_FALSE(r.ok());
    CHECK(r.line == 2);
    CHECK(r.column == 32);
    CHECK(r.error.find("never closed") != std::string::npos);

    PyLexResult triple = lex_python("'''docstring\nthat never ends\n");
    CHECK_FALSE(triple.ok());
    CHECK(triple.line == 1);
    CHECK(triple.column == 1);
}

TEST_CASE("python lexer: a bracket that is never closed is an error where it was opened") {
    PyLexResult r = lex_python("model.add(Conv2D(32, (3, 3))\nmodel.add(Flatten())\n");
    CHECK_FALSE(r.ok());
    CHECK(r.line == 1);
    CHECK(r.column == 10);
    CHECK(r.error == "'(' is never closed");
}

TEST_CASE("python lexer: a closing bracket of the wrong kind is an error where it stands") {
    PyLexResult r = lex_python("x = [1, 2)\n");
    CHECK_FALSE(r.ok());
    CHECK(r.line == 1);
    CHECK(r.column == 10);
    CHECK(r.error == "')' does not match '[' opened at line 1, column 5");
}

TEST_CASE("python lexer: columns count characters, not bytes, after non-ASCII text") {
    PyLexResult r = lex_python("s = '数字' + $\n");
    CHECK_FALSE(r.ok());
    CHECK(r.line == 1);
    CHECK(r.column == 12);
}

TEST_CASE("python lexer: brackets nested past the limit are an error, not a stack overflow") {
    std::string deep(5000, '(');
    PyLexResult r = lex_python(deep);
    CHECK_FALSE(r.ok());
    CHECK(r.column == kMaxPythonNesting + 1);
    CHECK(r.error.find("nest deeper") != std::string::npos);
}

TEST_CASE("python lexer: blocks indented past the limit are an error where the deepest line starts") {
    // Level k is "if x:" indented by k spaces; the module level counts as the first.
    std::string text;
    for (int k = 0; k <= kMaxPythonNesting + 5; ++k) text += std::string(size_t(k), ' ') + "if x:\n";
    PyLexResult r = lex_python(text);
    CHECK_FALSE(r.ok());
    CHECK(r.line == kMaxPythonNesting + 2);
    CHECK(r.column == kMaxPythonNesting + 2);
    CHECK(r.error == "blocks are indented deeper than 100 levels");
}

TEST_CASE("python lexer: returning to a shallower block frees its levels") {
    std::string text;
    for (int round = 0; round < 3; ++round)
        for (int k = 0; k < kMaxPythonNesting; ++k) text += std::string(size_t(k), ' ') + "if x:\n";
    CHECK(lex_python(text).ok());
}

TEST_CASE("python lexer: binary garbage is an error with a position") {
    const char bytes[] = {'x', '=', '\x01', '\x02', '\0', '\x7f'};
    PyLexResult r = lex_python(std::string_view(bytes, sizeof bytes));
    CHECK_FALSE(r.ok());
    CHECK(r.line == 1);
    CHECK(r.column == 3);
    CHECK(r.error == "the byte 0x01 is not allowed here in Python");
}

TEST_CASE("python lexer: a backslash followed by anything but a line end is an error") {
    PyLexResult r = lex_python("x = 1 \\ 2\n");
    CHECK_FALSE(r.ok());
    CHECK(r.column == 7);
}
