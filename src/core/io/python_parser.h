// python_parser.h: turns python_lexer's tokens into a small syntax tree:
// statements (with line and column, blocks told by indentation) that hold
// expression trees. Not all of Python: it reads what a model script needs
// (literals, names, attributes, calls, tuples and lists, arithmetic, imports,
// assignments, if/for/while/try/with/def/class blocks); other constructs become
// Opaque nodes. It never runs anything: python_eval.h does. Reference: the
// Python 3 grammar (docs.python.org/3/reference/grammar.html), precedence included.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/io/python_lexer.h"
#include "core/message/message.h"

namespace convlab {

// ---------------------------------------------------------------------------
// [SECTION] Expressions: a tree in an arena (PyModule::nodes), children by index.
// ---------------------------------------------------------------------------

enum class PyNodeKind : uint8_t {
    Number, String, True, False, None, Name, Attr, Call, Tuple, List, BinOp, Unary,
    Subscript,  // kids {value, index}: x[-1]; index is a Slice for x[1:], x[::2]
    Slice,      // kids {start, stop, step}, -1 where left out
    Compare,    // kids: the operands; parts: the operators between them ("<", "==", "in", "not in", "is not")
    BoolOp,     // text "and" / "or"; kids: the operands (`not` is a Unary)
    IfExp,      // kids {condition, then, else}: `a if c else b`
    FString,    // parts: the literal pieces, one more than kids, the {expressions} between them
    Opaque
};

struct PyArg {
    std::string keyword;  // empty for a positional argument; "*" or "**" for unpacking
    int value = -1;       // node index
    int unpacked = -1;    // "*" / "**": the expression unpacked (value stays Opaque, for readers that refuse it)
    int line = 0, column = 0;
};

struct PyNode {
    PyNodeKind kind = PyNodeKind::Opaque;
    std::string text;       // Number: the literal as written; String: the value (adjacent literals joined);
                            // Name: the name; Attr: the attribute; BinOp, Unary: the operator;
                            // Opaque: what it stands for, in English
    int line = 0, column = 0;
    std::vector<int> kids;  // Attr: {base}; Call: {callee}; BinOp: {lhs, rhs}; Unary: {operand}; Tuple/List: items
    std::vector<PyArg> args;  // Call: in the order written
    std::vector<std::string> parts;  // Compare: operators; FString: literal pieces
    MsgCode what = MsgCode::Text;  // Opaque: what it stands for (PyOpLambda, PyOpDict, ...), as messages embed it
};

// Deeper than this, an expression is refused (each bracket level costs a few).
constexpr int kMaxExpressionDepth = 200;

struct PyParseError {
    Message message;
    int line = 0, column = 0;
};

// One expression list read from a range of tokens: `a`, or `a, b` as a Tuple.
// A range that is not one (`x[0] = `, `print >>f, x`) keeps the first error instead.
struct PyExpr {
    int root = -1;       // node index; -1 when it did not parse
    PyParseError error;  // when root < 0
    bool ok() const { return root >= 0; }
};

// ---------------------------------------------------------------------------
// [SECTION] Statements. A statement that does nothing a model could depend on
// (pass, del, print x, a bare annotation, a decorator) is not kept.
// ---------------------------------------------------------------------------

enum class PyStmtKind : uint8_t {
    Expression,  // value: `model.add(Dense(10))`
    Return,      // value (root -1 for a bare `return`)
    Break, Continue,
    Assign,      // targets = value, left to right: `a = b = 3`, `rows, cols = 28, 28`
    AugAssign,   // targets[0] op= value: `x += 1`
    Import,      // imports: `import a.b as c`, `from a import b`
    If,          // clauses: if, elif..., else
    Loop,        // clauses: for or while, then its else
    Try,         // clauses: try, except..., else, finally
    Plain,       // clauses[0]: a with, def, class or async block, whose body runs where it is written
    Undecided,   // clauses[0]: a match or case block, or a clause whose header lost its partner
};

// `import keras.layers as L` binds L to "keras.layers"; `from keras import layers`
// binds layers to "keras.layers"; `import keras.layers` binds keras to "keras".
struct PyImport {
    std::string bound, target;
};

// An `if`/`elif` condition of the one form that can be decided without
// running anything: exactly one == or !=, exactly one string literal, and no
// and/or/not/in/is/if/else/lambda. `K.image_data_format() == 'channels_first'`
// and `__name__ == "__main__"` are of this form.
struct PyStringTest {
    bool decidable = false;          // false: any other condition
    bool equal = true;               // == rather than !=
    std::string text;                // the string literal's value
    std::vector<std::string> names;  // every name in the condition, in order: K, image_data_format
};

struct PyStatement;

// One parameter of a `def`: `x`, `x=default`, `*args` (star 1) or `**kwargs` (star 2).
struct PyParam {
    std::string name;
    PyExpr default_value;  // root -1: none
    int star = 0;
};

// One header and its body: what follows its colon on the same line, then the
// lines indented under it.
struct PyClause {
    std::string keyword;        // "if", "elif", "else", "for", "except", "def", ...
    int line = 0, column = 0;   // of the keyword
    PyStringTest condition;     // if and elif only
    PyExpr test;                // if, elif, while: the condition, evaluated when its values are known
    PyExpr target, iter;        // for: `for target in iter`; class: target holds the bases
    std::string name;           // def: the function's name; class: the class's
    std::vector<PyParam> params;  // def: its parameters in order
    std::vector<PyStatement> body;
};

struct PyStatement {
    PyStmtKind kind = PyStmtKind::Expression;
    int line = 0, column = 0;           // of its first token
    size_t token_begin = 0, token_end = 0;  // the tokens it spans (a dropped `return` excluded)
    PyExpr value;                       // Expression, Assign, AugAssign: the value or right-hand side
    std::vector<PyExpr> targets;        // Assign, AugAssign: what is assigned to, in order
    std::string op;                     // AugAssign: "+", "//", "**", ...
    std::vector<PyImport> imports;      // Import, in order
    std::vector<PyClause> clauses;      // If, Loop, Try, Plain, Undecided
};

struct PyModule {
    std::vector<PyToken> tokens;  // as python_lexer gave them; statements point into them
    std::vector<PyNode> nodes;    // every expression's nodes
    std::vector<PyStatement> body;
};

// Reads a whole token list (lex_python's, ending with End). Never fails as a
// whole: an expression that does not parse keeps its error in its PyExpr, and
// the evaluator decides whether that matters (AugAssign: a target that does not
// parse leaves the value unparsed too, with no error).
PyModule parse_python(std::vector<PyToken> tokens);

// The dotted name an expression spells (`self.model`), or "" if it is not one.
std::string py_dotted_path(const std::vector<PyNode>& nodes, int n);

}  // namespace convlab
