// test_python_parser.cpp: the Python parser on its own: expression trees
// (precedence, calls, what becomes Opaque), statements and the blocks
// indentation makes, and errors kept with their line and column. Not the Keras
// mapping (test_import_keras_python.cpp). Reference: the Python 3 grammar.
#include <doctest.h>

#include <string>

#include "core/io/python_lexer.h"
#include "core/io/python_parser.h"
#include "python_test_helpers.h"

using namespace convlab;

namespace {

PyModule parse(const std::string& code) { return parse_script(code); }

const PyNode& root(const PyModule& m, const PyExpr& e) {
    REQUIRE(e.ok());
    return m.nodes[size_t(e.root)];
}

const PyNode& kid(const PyModule& m, const PyNode& n, size_t k) { return m.nodes[size_t(n.kids[k])]; }

}  // namespace

TEST_CASE("python parser: a call with keyword arguments keeps their order") {
    PyModule m = parse("Conv2D(32, (3, 3), padding='same', activation='relu', strides=2)\n");
    REQUIRE(m.body.size() == 1);
    CHECK(m.body[0].kind == PyStmtKind::Expression);
    const PyNode& call = root(m, m.body[0].value);
    REQUIRE(call.kind == PyNodeKind::Call);
    CHECK(kid(m, call, 0).text == "Conv2D");
    REQUIRE(call.args.size() == 5);
    CHECK(call.args[0].keyword.empty());
    CHECK(call.args[1].keyword.empty());
    CHECK(call.args[2].keyword == "padding");
    CHECK(call.args[3].keyword == "activation");
    CHECK(call.args[4].keyword == "strides");
    CHECK(m.nodes[size_t(call.args[1].value)].kind == PyNodeKind::Tuple);
    CHECK(call.args[3].line == 1);
    CHECK(call.args[3].column == 36);
}

TEST_CASE("python parser: `a + b * c ** 2` binds ** tightest, then *, then +") {
    PyModule m = parse("a + b * c ** 2\n");
    const PyNode& plus = root(m, m.body[0].value);
    REQUIRE(plus.kind == PyNodeKind::BinOp);
    CHECK(plus.text == "+");
    const PyNode& times = kid(m, plus, 1);
    CHECK(times.text == "*");
    CHECK(kid(m, times, 1).text == "**");
}

TEST_CASE("python parser: a dotted name is Attr nodes located where the name starts") {
    PyModule m = parse("x = keras.layers.Dense\n");
    const PyNode& dense = root(m, m.body[0].value);
    CHECK(dense.kind == PyNodeKind::Attr);
    CHECK(dense.text == "Dense");
    CHECK(dense.column == 5);
    CHECK(py_dotted_path(m.nodes, m.body[0].value.root) == "keras.layers.Dense");
}

TEST_CASE("python parser: `(x)` is x, while `(x,)` and `()` are tuples") {
    PyModule m = parse("a = (x)\nb = (x,)\nc = ()\n");
    REQUIRE(m.body.size() == 3);
    CHECK(root(m, m.body[0].value).kind == PyNodeKind::Name);
    CHECK(root(m, m.body[1].value).kind == PyNodeKind::Tuple);
    CHECK(root(m, m.body[2].value).kind == PyNodeKind::Tuple);
    CHECK(root(m, m.body[2].value).kids.empty());
}

TEST_CASE("python parser: a slice in a tuple index, dicts and lambdas become Opaque nodes that say what they are") {
    PyModule m = parse("a = x[1:, 0]\nb = {'k': 1}\nc = lambda v: v\n");
    REQUIRE(m.body.size() == 3);
    CHECK(root(m, m.body[0].value).what == MsgCode::PyOpSubscript);
    PyModule s = parse("a = x[1:]\n");
    CHECK(root(s, s.body[0].value).kind == PyNodeKind::Subscript);
    CHECK(root(m, m.body[1].value).what == MsgCode::PyOpDict);
    CHECK(root(m, m.body[2].value).what == MsgCode::PyOpLambda);
}

TEST_CASE("python parser: a chained assignment keeps every target, left to right") {
    PyModule m = parse("a = b = 3\nrows, cols = 28, 28\n");
    REQUIRE(m.body.size() == 2);
    const PyStatement& chained = m.body[0];
    CHECK(chained.kind == PyStmtKind::Assign);
    REQUIRE(chained.targets.size() == 2);
    CHECK(root(m, chained.targets[0]).text == "a");
    CHECK(root(m, chained.targets[1]).text == "b");
    CHECK(root(m, chained.value).text == "3");
    CHECK(root(m, m.body[1].targets[0]).kind == PyNodeKind::Tuple);
}

TEST_CASE("python parser: `x += 1` is an augmented assignment whose operator is +") {
    PyModule m = parse("x += 1\ny //= 2\n");
    REQUIRE(m.body.size() == 2);
    CHECK(m.body[0].kind == PyStmtKind::AugAssign);
    CHECK(m.body[0].op == "+");
    CHECK(m.body[1].op == "//");
}

TEST_CASE("python parser: imports bind names to the dotted paths they import") {
    PyModule m = parse("import keras.layers as L\nfrom keras.layers import (Conv2D as C, Dense)\nimport numpy.random\n");
    REQUIRE(m.body.size() == 3);
    REQUIRE(m.body[0].imports.size() == 1);
    CHECK(m.body[0].imports[0].bound == "L");
    CHECK(m.body[0].imports[0].target == "keras.layers");
    REQUIRE(m.body[1].imports.size() == 2);
    CHECK(m.body[1].imports[0].bound == "C");
    CHECK(m.body[1].imports[0].target == "keras.layers.Conv2D");
    CHECK(m.body[1].imports[1].bound == "Dense");
    CHECK(m.body[1].imports[1].target == "keras.layers.Dense");
    CHECK(m.body[2].imports[0].bound == "numpy");
    CHECK(m.body[2].imports[0].target == "numpy");
}

TEST_CASE("python parser: an if/elif/else chain is one statement whose clause bodies indentation tells") {
    PyModule m = parse("if a == 'x':\n    p = 1\n    q = 2\nelif b:\n    p = 3\nelse: p = 4; q = 5\nr = 6\n");
    REQUIRE(m.body.size() == 2);
    const PyStatement& chain = m.body[0];
    CHECK(chain.kind == PyStmtKind::If);
    REQUIRE(chain.clauses.size() == 3);
    CHECK(chain.clauses[0].keyword == "if");
    CHECK(chain.clauses[0].body.size() == 2);
    CHECK(chain.clauses[1].keyword == "elif");
    CHECK(chain.clauses[1].line == 4);
    CHECK(chain.clauses[1].body.size() == 1);
    CHECK(chain.clauses[2].keyword == "else");
    CHECK(chain.clauses[2].body.size() == 2);  // both statements after the colon
    CHECK(m.body[1].line == 7);
}

TEST_CASE("python parser: `K.image_data_format() == 'channels_first'` is a decidable string test; `a and b` is not") {
    PyModule m = parse("if K.image_data_format() != 'channels_first':\n    pass\nif a == 'x' and b:\n    pass\n");
    REQUIRE(m.body.size() == 2);
    const PyStringTest& test = m.body[0].clauses[0].condition;
    CHECK(test.decidable);
    CHECK_FALSE(test.equal);
    CHECK(test.text == "channels_first");
    REQUIRE(test.names.size() == 2);
    CHECK(test.names[0] == "K");
    CHECK(test.names[1] == "image_data_format");
    CHECK_FALSE(m.body[1].clauses[0].condition.decidable);
}

TEST_CASE("python parser: loops, try, def and match are blocks of their own kinds") {
    PyModule m = parse(
        "for i in range(3):\n    x = i\nelse:\n    y = 1\n"
        "try:\n    import keras\nexcept ImportError:\n    keras = None\nfinally:\n    z = 2\n"
        "def build():\n    return Sequential()\n"
        "match v:\n    case 1:\n        w = 1\n");
    REQUIRE(m.body.size() == 4);
    CHECK(m.body[0].kind == PyStmtKind::Loop);
    CHECK(m.body[0].clauses.size() == 2);
    CHECK(m.body[1].kind == PyStmtKind::Try);
    CHECK(m.body[1].clauses.size() == 3);
    CHECK(m.body[1].clauses[1].keyword == "except");
    CHECK(m.body[2].kind == PyStmtKind::Plain);
    REQUIRE(m.body[2].clauses[0].body.size() == 1);
    CHECK(m.body[2].clauses[0].body[0].kind == PyStmtKind::Return);
    CHECK(m.body[2].clauses[0].name == "build");
    CHECK(m.body[0].clauses[0].target.ok());
    CHECK(m.body[0].clauses[0].iter.ok());
    CHECK(m.body[3].kind == PyStmtKind::Undecided);
    REQUIRE(m.body[3].clauses[0].body.size() == 1);
    CHECK(m.body[3].clauses[0].body[0].kind == PyStmtKind::Undecided);  // the case clause
}

TEST_CASE("python parser: pass, decorators and bare annotations leave no statement") {
    PyModule m = parse("pass\n@tf.function\ndef f():\n    pass\nx: int\nprint 'hi'\n");
    REQUIRE(m.body.size() == 1);
    CHECK(m.body[0].kind == PyStmtKind::Plain);
    CHECK(m.body[0].clauses[0].body.empty());
}

TEST_CASE("python parser: an expression it cannot read keeps its error with line and column") {
    PyModule m = parse("x = 1\nmodel.add(Dense(10) Dense(2))\n");
    REQUIRE(m.body.size() == 2);
    const PyExpr& bad = m.body[1].value;
    CHECK_FALSE(bad.ok());
    CHECK(bad.error.message.code == MsgCode::PyWantCommaParen);
    CHECK(bad.error.line == 2);
    CHECK(bad.error.column == 21);
}

TEST_CASE("python parser: text left after a whole expression is an error at the leftover") {
    PyModule m = parse("y = 3 4\n");
    CHECK(m.body[0].value.error.message.code == MsgCode::PyUnexpectedHere);
    CHECK(m.body[0].value.error.column == 7);
}

TEST_CASE("python parser: an expression nested deeper than kMaxExpressionDepth is refused, not overflowed") {
    std::string code = "x = " + std::string(size_t(kMaxExpressionDepth) + 10, '-') + "1\n";
    PyModule m = parse(code);
    REQUIRE(m.body.size() == 1);
    CHECK(m.body[0].value.error.message.code == MsgCode::PyNestedTooDeep);
}
