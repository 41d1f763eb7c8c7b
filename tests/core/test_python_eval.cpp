// test_python_eval.cpp: the Python evaluator on its own, with no host or a toy
// one: values of names, exact integer arithmetic, imports, which blocks run,
// the caps on values, and what a host's hooks decide. Not the Keras mapping
// (test_import_keras_python.cpp). Reference: Python 3's int and float semantics.
#include <doctest.h>

#include <string>

#include "core/io/python_eval.h"
#include "core/io/python_lexer.h"
#include "core/io/python_parser.h"
#include "python_test_helpers.h"

using namespace convlab;

namespace {

PyModule parse(const std::string& code) { return parse_script(code); }

// The value bound to `name` after running `code` with `host`.
PyValue value_after(const std::string& code, const std::string& name, PyHost host = {}) {
    PyModule m = parse(code);
    PyEvaluator e(m, std::move(host));
    e.run();
    REQUIRE_FALSE(e.failed());
    const PyValue* v = e.variable(name);
    REQUIRE(v != nullptr);
    return *v;
}

int64_t int_after(const std::string& code, const std::string& name) {
    PyValue v = value_after(code, name);
    REQUIRE(v.kind == PyValueKind::Int);
    return v.i;
}

MsgCode why_unknown(const PyValue& v) {
    REQUIRE(v.kind == PyValueKind::Unknown);
    REQUIRE(static_cast<bool>(v.why));
    return v.why->code;
}

}  // namespace

TEST_CASE("python eval: names bound by assignment hold numbers, strings and tuples") {
    PyValue shape = value_after("rows, cols = 28, 28\nshape = (rows, cols, 1)\n", "shape");
    REQUIRE(shape.kind == PyValueKind::Seq);
    CHECK_FALSE(shape.is_list);
    REQUIRE(shape.items->size() == 3);
    CHECK((*shape.items)[0].i == 28);
    CHECK((*shape.items)[2].i == 1);
    CHECK(value_after("s = 'con' 'v' + 'lab'\n", "s").s == "convlab");
    CHECK(value_after("r = 0.25\n", "r").f == 0.25);
    CHECK(value_after("n = None\n", "n").kind == PyValueKind::None);
    CHECK(value_after("b = True\n", "b").b);
}

TEST_CASE("python eval: *x in a tuple or list splices x's items in; elsewhere, or of a number, it is Unknown") {
    const PyValue shape = value_after("image_size = (90, 120)\ninput_shape = (*image_size, 3)\n", "input_shape");
    REQUIRE(shape.kind == PyValueKind::Seq);
    CHECK_FALSE(shape.is_list);
    REQUIRE(shape.items->size() == 3);
    CHECK((*shape.items)[0].i == 90);
    CHECK((*shape.items)[1].i == 120);
    CHECK((*shape.items)[2].i == 3);
    const PyValue list = value_after("a = [1, 2]\nb = [0, *a, *a]\n", "b");
    REQUIRE(list.kind == PyValueKind::Seq);
    CHECK(list.is_list);
    CHECK(list.items->size() == 5);
    CHECK(why_unknown(value_after("n = 5\nt = (*n, 1)\n", "t")) == MsgCode::PyNoEval);
    CHECK(why_unknown(value_after("n = 5\nt = (*n)\n", "t")) == MsgCode::PyNoEval);
}

TEST_CASE("python eval: integer arithmetic is exact, with Python's floor division and modulo") {
    CHECK(int_after("a = -7 // 2\n", "a") == -4);
    CHECK(int_after("a = -7 % 2\n", "a") == 1);
    CHECK(int_after("a = 2 ** 10\n", "a") == 1024);
    CHECK(int_after("a = 0x1f + 0b11 + 1_000\n", "a") == 1034);
    CHECK(int_after("a = 3\na *= 4\n", "a") == 12);
}

TEST_CASE("python eval: an integer that does not fit in 63 bits is Unknown, not a wrong number") {
    CHECK(why_unknown(value_after("a = 2 ** 63\n", "a")) == MsgCode::PyIntOverflow);
    CHECK(why_unknown(value_after("a = 1 // 0\n", "a")) == MsgCode::PyIntOverflow);
    CHECK(why_unknown(value_after("a = 99999999999999999999\n", "a")) == MsgCode::PyIntTooLarge);
}

TEST_CASE("python eval: an imported alias is a reference to the dotted path it names") {
    PyValue zeros = value_after("import numpy as np\nz = np.zeros\n", "z");
    CHECK(zeros.kind == PyValueKind::Ref);
    CHECK(zeros.s == "numpy.zeros");
    CHECK(value_after("from keras import layers\nd = layers.Dense\n", "d").s == "keras.layers.Dense");
}

TEST_CASE("python eval: without a host, a call keeps its callee and its evaluated arguments") {
    PyValue adam = value_after("import keras\nopt = keras.optimizers.Adam(0.001, beta_1=0.9)\n", "opt");
    REQUIRE(adam.kind == PyValueKind::Call);
    CHECK(adam.s == "keras.optimizers.Adam");
    REQUIRE(adam.items->size() == 1);
    CHECK((*adam.items)[0].f == 0.001);
    REQUIRE(adam.keywords->size() == 1);
    CHECK((*adam.keywords)[0].first == "beta_1");
}

TEST_CASE("python eval: a name assigned in a loop over data is Unknown afterwards, naming the loop's line") {
    CHECK(int_after("x = 1\nfor i in range(3):\n    x = i\n", "x") == 2);  // a loop over what the code knows runs
    PyValue x = value_after("x = 1\nfor i in batches:\n    x = i\n", "x");
    CHECK(why_unknown(x) == MsgCode::PyAssignedInBlock);
    CHECK(message_en(*x.why) == "`x` is assigned inside the `for` loop at line 2, and ConvLab cannot tell whether that runs");
}

TEST_CASE("python eval: `if __name__ == '__main__':` runs and its else is skipped; other ifs are undecided") {
    CHECK(int_after("x = 0\nif __name__ == '__main__':\n    x = 1\nelse:\n    x = 2\n", "x") == 1);
    CHECK(int_after("x = 0\nif __name__ != '__main__':\n    x = 1\nelse:\n    x = 2\n", "x") == 2);
    CHECK(why_unknown(value_after("if flag:\n    x = 1\n", "x")) == MsgCode::PyAssignedInBlock);
}

TEST_CASE("python eval: a tuple heavier than kMaxValueWeight becomes Unknown") {
    std::string code = "a = (";
    for (int k = 0; k < kMaxValueWeight; ++k) code += "1, ";
    code += ")\n";
    CHECK(why_unknown(value_after(code, "a")) == MsgCode::PyTupleTooLarge);
}

TEST_CASE("python eval: tuples nested deeper than kMaxValueDepth become Unknown") {
    std::string code = "a = 1\n";
    for (int k = 0; k < kMaxValueDepth; ++k) code += "a = (a,)\n";
    CHECK(why_unknown(value_after(code, "a")) == MsgCode::PyTupleTooLarge);
}

TEST_CASE("python eval: a string longer than kMaxStringValue is not kept") {
    std::string code = "s = '" + std::string(kMaxStringValue + 1, 'x') + "'\n";
    CHECK(why_unknown(value_after(code, "s")) == MsgCode::PyLongString);
}

TEST_CASE("python eval: a statement that does not parse makes its name Unknown, unless the host says it must parse") {
    const std::string code = "x = (1 2)\n";
    CHECK(why_unknown(value_after(code, "x")) == MsgCode::PyCannotRead);

    PyModule m = parse(code);
    PyHost strict;
    strict.must_parse = [](const std::vector<PyToken>&, size_t, size_t) { return true; };
    PyEvaluator e(m, strict);
    e.run();
    REQUIRE(e.failed());
    CHECK(e.failure().message.code == MsgCode::PyWantCommaOr);
    CHECK(e.failure().line == 1);
    CHECK(e.failure().column == 8);
}

TEST_CASE("python eval: a host's call_name gives the value of a call of a name it knows") {
    PyHost host;
    host.call_name = [](PyEvaluator& e, const std::string& callee, int call, PyValue* result) {
        if (callee != "lib.double") return false;
        PyValue v = e.eval(e.node(call).args[0].value);
        v.i *= 2;
        *result = v;
        return true;
    };
    CHECK(value_after("import lib\nx = lib.double(21)\n", "x", host).i == 42);
    CHECK(value_after("import lib\ny = lib.other(21)\n", "y", host).kind == PyValueKind::Call);
}

TEST_CASE("python eval: a host decides the string tests it knows, the evaluator the rest") {
    PyHost host;
    host.decide = [](const PyStringTest& test) { return test.text == "yes" ? (test.equal ? 1 : 0) : -1; };
    CHECK(value_after("if mode() == 'yes':\n    x = 1\nelse:\n    x = 2\n", "x", host).i == 1);
    CHECK(value_after("if mode() != 'yes':\n    x = 1\nelse:\n    x = 2\n", "x", host).i == 2);
}

// --- classes (PyHost::classes) -------------------------------------------------

namespace {

PyHost class_host() {
    PyHost h;
    h.classes = true;
    return h;
}

int64_t class_int_after(const std::string& code, const std::string& name, PyHost host = class_host()) {
    PyValue v = value_after(code, name, std::move(host));
    REQUIRE(v.kind == PyValueKind::Int);
    return v.i;
}

}  // namespace

TEST_CASE("python eval classes: __init__ takes arguments and defaults, and the object keeps self.x") {
    const std::string code = R"(
class Block:
    def __init__(self, cin, cout, stride=1):
        self.cin = cin
        self.cout = cout * 2
        self.stride = stride
b = Block(3, 8)
c = Block(3, 8, stride=2)
x = b.cout + b.stride
y = c.stride
)";
    CHECK(class_int_after(code, "x") == 17);
    CHECK(class_int_after(code, "y") == 2);
}

TEST_CASE("python eval classes: super().__init__() and super(Net, self).__init__() run the base's __init__") {
    const std::string code = R"(
import torch.nn as nn
class Base(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.width = width
class Net(Base):
    def __init__(self):
        super(Net, self).__init__(16)
        self.depth = 3
n = Net()
w = n.width * n.depth
)";
    CHECK(class_int_after(code, "w") == 48);
}

TEST_CASE("python eval classes: methods call each other through self, and class attributes are shared") {
    const std::string code = R"(
class Bottleneck:
    expansion = 4
    def __init__(self, planes):
        self.planes = planes
    def out_channels(self):
        return self.planes * self.expansion
    def forward(self, x):
        return x + self.out_channels()
class Wide(Bottleneck):
    expansion = 8
b = Bottleneck(16).forward(1)
w = Wide(16).out_channels()
e = Bottleneck.expansion
)";
    CHECK(class_int_after(code, "b") == 65);
    CHECK(class_int_after(code, "w") == 128);
    CHECK(class_int_after(code, "e") == 4);
}

TEST_CASE("python eval classes: calling an object goes to the host, else to its __call__") {
    const std::string code = R"(
class Doubler:
    def __call__(self, x):
        return 2 * x
class Net:
    def forward(self, x):
        return x + 1
d = Doubler()(21)
n = Net()(1)
)";
    CHECK(class_int_after(code, "d") == 42);
    PyHost h = class_host();
    h.call_instance = [](PyEvaluator& e, const PyValue& instance, int call, PyValue* result) {
        return e.call_method_at(instance, "forward", call, result);
    };
    CHECK(class_int_after(code, "n", h) == 2);
}

TEST_CASE("python eval classes: helper objects held by attributes, lists of them appended through self") {
    const std::string code = R"(
class Leaf:
    def __init__(self, k):
        self.k = k
class Tree:
    def __init__(self, n):
        self.leaves = []
        for i in range(n):
            self.leaves.append(Leaf(i))
    def total(self):
        t = 0
        for leaf in self.leaves:
            t = t + leaf.k
        return t
t = Tree(5).total()
same = Tree(1) is Tree(1)
)";
    CHECK(class_int_after(code, "t") == 10);
    const PyValue same = value_after(code, "same", class_host());
    CHECK(same.kind == PyValueKind::Bool);
    CHECK_FALSE(same.b);
}

TEST_CASE("python eval classes: recursion through __init__ stops at the call depth, an endless loop at the step limit") {
    PyModule m = parse(R"(
class Forever:
    def __init__(self):
        self.child = Forever()
f = Forever()
)");
    PyEvaluator e(m, class_host());
    e.run();
    REQUIRE(e.failed());
    CHECK(e.failure().message.code == MsgCode::PyCallDepth);

    PyModule loop = parse(R"(
class Spin:
    def run(self):
        while True:
            self.x = 1
Spin().run()
)");
    PyEvaluator spin(loop, class_host());
    spin.run();
    REQUIRE(spin.failed());
    CHECK(spin.failure().message.code == MsgCode::PyStepLimit);
}

TEST_CASE("python eval classes: without PyHost::classes a class body runs where it is written, as before") {
    const std::string code = R"(
class Config:
    width = 7
w = width
)";
    CHECK(int_after(code, "w") == 7);
}
