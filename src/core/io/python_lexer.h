// python_lexer.h: splits Python source into tokens with their line and column,
// enough of Python's lexical rules for the Keras importer to read any script a
// learner pastes: names, numbers, strings (all quote styles and prefixes), and
// operators; comments, blank lines and continuation lines vanish. Not a parser
// and not a full Python lexer: no INDENT/DEDENT tokens (a statement's block is
// told by the column of its first token). Reference: Python 3 "Lexical analysis".
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/message/message.h"

namespace convlab {

enum class PyTokenKind : uint8_t {
    Name,     // identifiers and keywords alike: text is the name
    Number,   // text is the literal as written ("1_000", "0x1f", "1e-3"); not converted here
    String,   // text is the decoded value; adjacent literals are separate tokens
    Op,       // text is the operator or bracket: "(", "**=", "==", ...
    Newline,  // the end of a logical line (never inside brackets, never after a blank line)
    End,      // the end of the text, always the last token
};

struct PyToken {
    PyTokenKind kind = PyTokenKind::End;
    std::string text;
    int line = 1, column = 1;  // 1-based; columns count characters (UTF-8 code points)
    int depth = 0;             // brackets open before this token, so ";" and "=" at depth 0 are top-level
    bool fstring = false;      // String: an f-string, whose {expressions} the parser reads
};

struct PyLexResult {
    std::vector<PyToken> tokens;  // ends with End; empty on error
    std::string error;            // empty means ok; English
    Message message;              // the same as data (message.h)
    int line = 0, column = 0;     // where the error is
    bool ok() const { return error.empty(); }
};

// Limits that keep hostile input cheap: the text may be at most kMaxPythonBytes
// long, brackets may nest at most kMaxPythonNesting deep (Python's own parser
// stops near 200), and blocks be indented at most kMaxPythonNesting levels
// (Python's tokenizer stops at 100: "too many levels of indentation").
constexpr int64_t kMaxPythonBytes = int64_t(1) << 20;
constexpr int kMaxPythonNesting = 100;

// Tokenizes the whole text, or says where the first lexical error is: an
// unterminated string, a bracket that is never closed or closes the wrong one,
// a character Python does not allow outside strings.
PyLexResult lex_python(std::string_view text);

}  // namespace convlab
