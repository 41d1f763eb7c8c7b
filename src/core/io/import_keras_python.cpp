// import_keras_python.cpp: reads the Sequential model out of a Keras Python
// script: `model = Sequential()` + `model.add(...)`, or `Sequential([...])`.
// Not a Python interpreter: it evaluates literals, names bound by simple
// assignments, tuples and integer arithmetic, and layer calls; every other
// statement is stepped over. Inside a model call, anything it cannot evaluate is
// an error with its line and column, never a guess. Reference: the Keras layer
// signatures (keras.io/api/layers) through layer_kind.h's positional orders.
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

#include "core/io/import.h"
#include "core/model/layer_kind.h"
#include "core/io/python_lexer.h"

namespace convlab {
namespace {

// ---------------------------------------------------------------------------
// [SECTION] Syntax: one statement's expression as a small tree in an arena.
// ---------------------------------------------------------------------------

enum class NodeKind : uint8_t { Number, String, True, False, None, Name, Attr, Call, Tuple, List, BinOp, Unary, Opaque };

struct Arg {
    std::string keyword;  // empty for a positional argument
    int value = -1;       // node index
    int line = 0, column = 0;
};

struct Node {
    NodeKind kind = NodeKind::Opaque;
    std::string text;       // number literal, string value, name, attribute, operator, or what Opaque stands for
    int line = 0, column = 0;
    std::vector<int> kids;  // Attr: {base}; Call: {callee}; BinOp: {lhs, rhs}; Unary: {operand}; Tuple/List: items
    std::vector<Arg> args;  // Call
    MsgCode what = MsgCode::Text;  // Opaque: what it stands for, as a phrase messages embed
};

// Deeper than this, an expression is refused (each bracket level costs a few).
constexpr int kMaxExpressionDepth = 200;

// Recursive descent over Python's expression grammar, precedence lowest first.
// Constructs the importer never evaluates (subscripts, dicts, comprehensions,
// lambdas, comparisons, boolean logic) become Opaque nodes, skipped whole.
class Parser {
public:
    Parser(const std::vector<PyToken>& tokens, size_t begin, size_t end, std::vector<Node>* arena)
        : t_(tokens), pos_(begin), end_(end), arena_(arena) {}

    // A comma-separated list is a Tuple, as in `img_rows, img_cols = 28, 28`.
    int parse_expression_list() {
        int first = parse_expression();
        if (first < 0 || !is_op(",")) return first;
        int tuple = make(NodeKind::Tuple, "", node(first).line, node(first).column);
        node(tuple).kids.push_back(first);
        while (accept(",")) {
            if (at_end() || is_op("=") || is_op(")")) break;  // trailing comma
            int item = parse_expression();
            if (item < 0) return -1;
            node(tuple).kids.push_back(item);
        }
        return tuple;
    }

    bool at_end() const { return pos_ >= end_; }
    size_t position() const { return pos_; }
    const Message& error() const { return error_; }
    int error_line() const { return error_line_; }
    int error_column() const { return error_column_; }

    // The error for text left over after a complete expression.
    int fail_here(Message what) {
        const PyToken& at = current();
        return fail(at, std::move(what));
    }

private:
    const std::vector<PyToken>& t_;
    size_t pos_, end_;
    std::vector<Node>* arena_;
    int depth_ = 0;
    Message error_;
    int error_line_ = 0, error_column_ = 0;

    struct DepthGuard {
        int* depth;
        explicit DepthGuard(int* d) : depth(d) { ++*depth; }
        ~DepthGuard() { --*depth; }
    };

    const PyToken& current() const { return t_[pos_ < end_ ? pos_ : end_]; }
    Node& node(int i) { return (*arena_)[size_t(i)]; }
    bool is_op(const char* op) const { return !at_end() && t_[pos_].kind == PyTokenKind::Op && t_[pos_].text == op; }
    bool is_name(const char* name) const { return !at_end() && t_[pos_].kind == PyTokenKind::Name && t_[pos_].text == name; }
    bool accept(const char* op) {
        if (!is_op(op)) return false;
        ++pos_;
        return true;
    }

    int make(NodeKind kind, std::string text, int line, int column) {
        Node n;
        n.kind = kind;
        n.text = std::move(text);
        n.line = line, n.column = column;
        arena_->push_back(std::move(n));
        return int(arena_->size()) - 1;
    }

    int fail(const PyToken& at, Message message) {
        if (error_.empty()) {
            error_ = std::move(message);
            error_line_ = at.line, error_column_ = at.column;
        }
        return -1;
    }

    // Steps over a bracketed group whose opening bracket is at pos_: the lexer has
    // already checked that it closes, at the same depth, before the statement ends.
    void skip_group() {
        int depth = t_[pos_].depth;
        ++pos_;
        while (pos_ < end_ && !(t_[pos_].kind == PyTokenKind::Op && t_[pos_].depth == depth &&
                                (t_[pos_].text == ")" || t_[pos_].text == "]" || t_[pos_].text == "}")))
            ++pos_;
        if (pos_ < end_) ++pos_;
    }

    // Steps over the rest of a construct at this bracket depth (a lambda's body,
    // a comprehension's clauses): up to a comma or the closing bracket.
    void skip_to_separator() {
        int depth = t_[pos_ < end_ ? pos_ : end_].depth;
        while (pos_ < end_) {
            const PyToken& tok = t_[pos_];
            if (tok.kind == PyTokenKind::Op && tok.depth == depth &&
                (tok.text == "," || tok.text == ")" || tok.text == "]" || tok.text == "}" || tok.text == "="))
                break;
            if (tok.kind == PyTokenKind::Op && tok.depth < depth) break;
            ++pos_;
        }
    }

    int opaque(const PyToken& at, MsgCode what) {
        const int n = make(NodeKind::Opaque, message_template_en(what), at.line, at.column);
        node(n).what = what;
        return n;
    }

    int parse_expression() {
        DepthGuard guard(&depth_);
        if (depth_ > kMaxExpressionDepth) return fail(current(), Message(MsgCode::PyNestedTooDeep));
        if (is_name("lambda")) {
            const PyToken& at = t_[pos_];
            skip_to_separator();
            return opaque(at, MsgCode::PyOpLambda);
        }
        if (is_name("yield") || is_name("await")) {
            const PyToken& at = t_[pos_];
            skip_to_separator();
            return opaque(at, MsgCode::PyOpYield);
        }
        int value = parse_or();
        if (value < 0) return -1;
        if (is_name("if")) {  // a conditional expression: `a if c else b`
            const PyToken& at = t_[pos_];
            ++pos_;
            if (parse_or() < 0) return -1;
            if (!is_name("else")) return fail(current(), Message(MsgCode::PyWantElse));
            ++pos_;
            if (parse_expression() < 0) return -1;
            return opaque(at, MsgCode::PyOpConditional);
        }
        if (is_op(":=")) {
            const PyToken& at = t_[pos_];
            ++pos_;
            if (parse_expression() < 0) return -1;
            return opaque(at, MsgCode::PyOpWalrus);
        }
        return value;
    }

    int parse_or() {
        int lhs = parse_and();
        if (lhs < 0 || !is_name("or")) return lhs;
        const PyToken& at = t_[pos_];
        while (is_name("or")) {
            ++pos_;
            if (parse_and() < 0) return -1;
        }
        return opaque(at, MsgCode::PyOpBoolean);
    }

    int parse_and() {
        int lhs = parse_not();
        if (lhs < 0 || !is_name("and")) return lhs;
        const PyToken& at = t_[pos_];
        while (is_name("and")) {
            ++pos_;
            if (parse_not() < 0) return -1;
        }
        return opaque(at, MsgCode::PyOpBoolean);
    }

    int parse_not() {
        DepthGuard guard(&depth_);
        if (depth_ > kMaxExpressionDepth) return fail(current(), Message(MsgCode::PyNestedTooDeep));
        if (!is_name("not")) return parse_comparison();
        const PyToken& at = t_[pos_];
        ++pos_;
        if (parse_not() < 0) return -1;
        return opaque(at, MsgCode::PyOpBoolean);
    }

    bool at_comparison() const {
        if (at_end()) return false;
        const PyToken& tok = t_[pos_];
        if (tok.kind == PyTokenKind::Op)
            return tok.text == "==" || tok.text == "!=" || tok.text == "<" || tok.text == ">" || tok.text == "<=" ||
                   tok.text == ">=";
        if (tok.kind == PyTokenKind::Name) {
            if (tok.text == "in" || tok.text == "is") return true;
            return tok.text == "not" && pos_ + 1 < end_ && t_[pos_ + 1].text == "in";
        }
        return false;
    }

    int parse_comparison() {
        int lhs = parse_binary(0);
        if (lhs < 0 || !at_comparison()) return lhs;
        const PyToken& at = t_[pos_];
        while (at_comparison()) {
            if (is_name("not") || (is_name("is") && pos_ + 1 < end_ && t_[pos_ + 1].text == "not")) ++pos_;
            ++pos_;
            if (parse_binary(0) < 0) return -1;
        }
        return opaque(at, MsgCode::PyOpComparison);
    }

    // Binary operators by level: | ^ & (<< >>) (+ -) (* / // % @); ** is in parse_power.
    int parse_binary(int level) {
        static const std::vector<std::vector<const char*>> kLevels = {
            {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}};
        if (level == int(kLevels.size())) return parse_unary();
        int lhs = parse_binary(level + 1);
        while (lhs >= 0 && !at_end() && t_[pos_].kind == PyTokenKind::Op) {
            const char* found = nullptr;
            for (const char* op : kLevels[size_t(level)])
                if (t_[pos_].text == op) found = op;
            if (!found) break;
            const PyToken& at = t_[pos_];
            ++pos_;
            int rhs = parse_binary(level + 1);
            if (rhs < 0) return -1;
            int n = make(NodeKind::BinOp, found, at.line, at.column);
            node(n).kids = {lhs, rhs};
            lhs = n;
        }
        return lhs;
    }

    int parse_unary() {
        DepthGuard guard(&depth_);
        if (depth_ > kMaxExpressionDepth) return fail(current(), Message(MsgCode::PyNestedTooDeep));
        if (is_op("-") || is_op("+") || is_op("~")) {
            const PyToken& at = t_[pos_];
            ++pos_;
            int operand = parse_unary();
            if (operand < 0) return -1;
            int n = make(NodeKind::Unary, at.text, at.line, at.column);
            node(n).kids = {operand};
            return n;
        }
        return parse_power();
    }

    int parse_power() {
        int base = parse_primary();
        if (base < 0 || !is_op("**")) return base;
        const PyToken& at = t_[pos_];
        ++pos_;
        int exponent = parse_unary();
        if (exponent < 0) return -1;
        int n = make(NodeKind::BinOp, "**", at.line, at.column);
        node(n).kids = {base, exponent};
        return n;
    }

    int parse_primary() {
        int value = parse_atom();
        while (value >= 0 && !at_end()) {
            if (is_op(".")) {
                ++pos_;
                if (at_end() || t_[pos_].kind != PyTokenKind::Name)
                    return fail(current(), Message(MsgCode::PyWantNameAfterDot));
                // Located where the whole dotted expression starts, so `layers.Conv3D(...)` is reported at `layers`.
                int n = make(NodeKind::Attr, t_[pos_].text, node(value).line, node(value).column);
                node(n).kids = {value};
                ++pos_;
                value = n;
            } else if (is_op("(")) {
                value = parse_call(value);
            } else if (is_op("[")) {
                const PyToken& at = t_[pos_];
                skip_group();
                value = opaque(at, MsgCode::PyOpSubscript);
            } else {
                break;
            }
        }
        return value;
    }

    int parse_call(int callee) {
        const PyToken& open = t_[pos_];
        ++pos_;
        int n = make(NodeKind::Call, "", node(callee).line, node(callee).column);
        node(n).kids = {callee};
        while (!accept(")")) {
            if (at_end()) return fail(open, Message(MsgCode::PyBracketNotClosed, {as_is("(")}));
            Arg arg;
            arg.line = t_[pos_].line, arg.column = t_[pos_].column;
            if (is_op("*") || is_op("**")) {
                const PyToken& at = t_[pos_];
                ++pos_;
                if (parse_expression() < 0) return -1;
                arg.keyword = at.text;  // "*" or "**": unpacking, which the importer refuses to guess at
                arg.value = opaque(at, MsgCode::PyOpArgUnpack);
            } else if (t_[pos_].kind == PyTokenKind::Name && pos_ + 1 < end_ && t_[pos_ + 1].kind == PyTokenKind::Op &&
                       t_[pos_ + 1].text == "=") {
                arg.keyword = t_[pos_].text;
                pos_ += 2;
                arg.value = parse_expression();
            } else {
                arg.value = parse_expression();
                if (arg.value >= 0 && is_name("for")) {  // a generator argument: f(x for x in y)
                    skip_to_separator();
                    arg.value = make(NodeKind::Opaque, message_template_en(MsgCode::PyOpGenerator), arg.line, arg.column);
                    node(arg.value).what = MsgCode::PyOpGenerator;
                }
            }
            if (arg.value < 0) return -1;
            node(n).args.push_back(arg);
            if (accept(")")) break;
            if (!accept(",")) return fail(current(), Message(MsgCode::PyWantCommaParen));
        }
        return n;
    }

    // The items of ( ... ) or [ ... ] after the opening bracket.
    int parse_sequence(NodeKind kind, size_t open_index, const char* close) {
        const PyToken& open = t_[open_index];
        ++pos_;
        int n = make(kind, "", open.line, open.column);
        bool comma = false;
        while (!accept(close)) {
            if (at_end()) return fail(open, Message(MsgCode::PyBracketNotClosed, {as_is(open.text)}));
            int item;
            if (is_op("*")) {
                const PyToken& at = t_[pos_];
                ++pos_;
                if (parse_expression() < 0) return -1;
                item = opaque(at, MsgCode::PyOpUnpack);
            } else {
                item = parse_expression();
            }
            if (item < 0) return -1;
            if (is_name("for")) {  // a comprehension
                pos_ = open_index;
                skip_group();
                return opaque(open, MsgCode::PyOpComprehension);
            }
            node(n).kids.push_back(item);
            if (accept(close)) { comma = comma || kind == NodeKind::List; break; }
            if (!accept(",")) return fail(current(), Message(MsgCode::PyWantCommaOr, {as_is(close)}));
            comma = true;
        }
        // `(x)` is x itself; `(x,)` and `()` are tuples.
        if (kind == NodeKind::Tuple && !comma && node(n).kids.size() == 1) return node(n).kids[0];
        return n;
    }

    int parse_atom() {
        if (at_end()) return fail(current(), Message(MsgCode::PyWantValue));
        const PyToken& tok = t_[pos_];
        switch (tok.kind) {
            case PyTokenKind::Number: ++pos_; return make(NodeKind::Number, tok.text, tok.line, tok.column);
            case PyTokenKind::String: {
                std::string value;
                while (!at_end() && t_[pos_].kind == PyTokenKind::String) {  // "a" "b" is "ab"
                    if (value.size() + t_[pos_].text.size() > size_t(kMaxPythonBytes)) break;
                    value += t_[pos_].text;
                    ++pos_;
                }
                return make(NodeKind::String, std::move(value), tok.line, tok.column);
            }
            case PyTokenKind::Name: {
                static const char* const kReserved[] = {"if", "else", "elif", "for", "while", "in", "is", "and", "or",
                                                        "not", "def", "class", "return", "import", "from", "as",
                                                        "with", "try", "except", "finally", "raise", "pass", "del",
                                                        "global", "nonlocal", "assert", "break", "continue"};
                for (const char* word : kReserved)
                    if (tok.text == word) return fail(tok, Message(MsgCode::PyCannotStart, {as_is(tok.text)}));
                ++pos_;
                if (tok.text == "True") return make(NodeKind::True, "", tok.line, tok.column);
                if (tok.text == "False") return make(NodeKind::False, "", tok.line, tok.column);
                if (tok.text == "None") return make(NodeKind::None, "", tok.line, tok.column);
                return make(NodeKind::Name, tok.text, tok.line, tok.column);
            }
            case PyTokenKind::Op:
                if (tok.text == "(") return parse_sequence(NodeKind::Tuple, pos_, ")");
                if (tok.text == "[") return parse_sequence(NodeKind::List, pos_, "]");
                if (tok.text == "{") { skip_group(); return opaque(tok, MsgCode::PyOpDict); }
                if (tok.text == "...") { ++pos_; return opaque(tok, MsgCode::PyOpEllipsis); }
                return fail(tok, Message(MsgCode::PyCannotStart, {as_is(tok.text)}));
            default: return fail(tok, Message(MsgCode::PyWantValue));
        }
    }
};

// ---------------------------------------------------------------------------
// [SECTION] Values: what an expression evaluates to. Immutable and shared, so
// copying a variable costs the same however big its value is.
// ---------------------------------------------------------------------------

enum class ValueKind : uint8_t {
    None, Bool, Int, Float, Str, Seq,
    Ref,      // a name the code never assigned (an imported module or class, or an undefined variable): s = dotted name
    Unknown,  // something ConvLab does not evaluate: s = why
    Call,     // a call to something that is not a layer (an optimizer, a loss, a data loader): s = callee
    Layer, Model,
};

struct Failure {
    Message message;
    int line = 0, column = 0;
};

struct Value;
using Items = std::shared_ptr<const std::vector<Value>>;

struct Value {
    ValueKind kind = ValueKind::Unknown;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s;                              // for Unknown: message_en(*why), whose length caps nesting
    std::shared_ptr<const Message> why;         // Unknown: why, as data
    Items items;                                // Seq items; Call positional arguments
    std::shared_ptr<const std::vector<std::pair<std::string, Value>>> keywords;  // Call
    bool is_list = false;
    int weight = 1, depth = 1;                  // node count and nesting, both capped
    std::shared_ptr<const LayerSpec> layer;
    std::shared_ptr<const Failure> missing_shape;  // Layer: its input shape names something undefined
    int model = -1;
    int line = 0, column = 0;                   // where it was written (for Unknown: where the problem is)
};

// Caps that keep hostile code cheap: `a = a + a` or `a = (a, a)` in a loop of
// statements stops growing here (the value becomes Unknown).
constexpr int kMaxValueWeight = 1024;
constexpr int kMaxValueDepth = 32;
constexpr size_t kMaxStringValue = 4096;

Value unknown(Message why, int line, int column) {
    Value v;
    v.kind = ValueKind::Unknown;
    v.s = message_en(why);
    v.why = std::make_shared<const Message>(std::move(why));
    v.line = line, v.column = column;
    return v;
}

Value make_seq(std::vector<Value> items, bool is_list, int line, int column) {
    int weight = 1, depth = 1;
    for (const Value& item : items) {
        weight += item.weight;
        depth = std::max(depth, item.depth + 1);
    }
    if (weight > kMaxValueWeight || depth > kMaxValueDepth)
        return unknown(Message(MsgCode::PyTupleTooLarge), line, column);
    Value v;
    v.kind = ValueKind::Seq;
    v.is_list = is_list;
    v.weight = weight, v.depth = depth;
    v.items = std::make_shared<const std::vector<Value>>(std::move(items));
    v.line = line, v.column = column;
    return v;
}

std::string last_component(const std::string& dotted) {
    size_t dot = dotted.rfind('.');
    return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

// A value as a sentence names it: literals as written, kinds as words.
Message describe(const Value& v) {
    switch (v.kind) {
        case ValueKind::None: return as_is("None");
        case ValueKind::Bool: return as_is(v.b ? "True" : "False");
        case ValueKind::Int: return as_is(v.i);
        case ValueKind::Float: return Message(MsgCode::PyDescFloat);
        case ValueKind::Str: return Message(MsgCode::PyDescString, {as_is(v.s.substr(0, 40))});
        case ValueKind::Seq: return Message(v.is_list ? MsgCode::PyDescList : MsgCode::PyDescTuple);
        case ValueKind::Ref: return as_is("`" + v.s + "`");
        case ValueKind::Unknown: return Message(MsgCode::PyDescUnknown);
        case ValueKind::Call: return Message(MsgCode::PyDescCall, {as_is(v.s)});
        case ValueKind::Layer: return Message(MsgCode::PyDescLayer);
        case ValueKind::Model: return Message(MsgCode::PyDescModel);
    }
    return Message(MsgCode::PyDescValue);
}

// Python integer literals: decimal (with _ separators), 0x, 0o, 0b. False if the
// literal is malformed or does not fit in 63 bits.
bool parse_int_literal(const std::string& text, int64_t* out) {
    std::string digits;
    for (char c : text)
        if (c != '_') digits += c;
    int base = 10;
    size_t start = 0;
    if (digits.size() > 2 && digits[0] == '0') {
        char p = char(digits[1] | 0x20);
        if (p == 'x') base = 16, start = 2;
        else if (p == 'o') base = 8, start = 2;
        else if (p == 'b') base = 2, start = 2;
    }
    if (start >= digits.size()) return false;
    int64_t value = 0;
    for (size_t k = start; k < digits.size(); ++k) {
        char c = digits[k];
        int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0 || d >= base) return false;
        if (value > (INT64_MAX - d) / base) return false;
        value = value * base + d;
    }
    *out = value;
    return true;
}


// a op b in int64, or false when Python's exact result does not fit.
bool checked_int_op(char op, int64_t a, int64_t b, int64_t* out) {
    switch (op) {
        case '+':
            if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) return false;
            *out = a + b;
            return true;
        case '-':
            if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b)) return false;
            *out = a - b;
            return true;
        case '*':
            if (a == 0 || b == 0) { *out = 0; return true; }
            if (a > 0 ? (b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a)
                      : (b > 0 ? a < INT64_MIN / b : b < INT64_MAX / a))
                return false;
            *out = a * b;
            return true;
        case '/':  // Python's //: rounds toward minus infinity
        case '%': {
            if (b == 0 || (a == INT64_MIN && b == -1)) return false;
            int64_t q = a / b, r = a % b;
            if (r != 0 && ((r < 0) != (b < 0))) { --q; r += b; }
            *out = op == '/' ? q : r;
            return true;
        }
        default: return false;
    }
}

// ---------------------------------------------------------------------------
// [SECTION] The interpreter: runs the statements that can build a model.
// ---------------------------------------------------------------------------

struct ModelBuild {
    std::vector<LayerSpec> layers;
    std::vector<std::pair<int, int>> where;  // each layer's line and column
    CompileSpec compile;
    int line = 0, column = 0;
};

// How a block runs. Skip: a branch known not to run (the channels_first one).
// Uncertain: a loop body, or a branch of an `if` ConvLab cannot decide: names
// assigned there lose their value, and touching the model there is an error.
enum class Mode : uint8_t { Run, Skip, Uncertain };
struct BlockMode {
    Mode mode = Mode::Run;
    int line = 0;
    MsgCode what = MsgCode::Text;  // PyBlockIf, PyBlockFor, ...
};

struct LogicalLine {
    size_t begin = 0, end = 0;  // tokens [begin, end); end is the Newline
    int line = 0, column = 0;   // of the first token: its column is the indentation
};

constexpr size_t kMaxLayers = 10000;
constexpr size_t kMaxReasonLength = 400;

bool is_keyword_line(const PyToken& tok, std::initializer_list<const char*> words) {
    if (tok.kind != PyTokenKind::Name) return false;
    for (const char* w : words)
        if (tok.text == w) return true;
    return false;
}

// Keyword arguments that never change a shape or a parameter count, so a layer
// may carry them: initializers, regularizers, constraints, dtype, trainable, seeds.
bool is_harmless_keyword(const std::string& k) {
    static const char* const kHarmless[] = {
        "kernel_initializer", "bias_initializer", "depthwise_initializer", "pointwise_initializer",
        "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
        "kernel_regularizer", "bias_regularizer", "activity_regularizer", "depthwise_regularizer",
        "pointwise_regularizer", "beta_regularizer", "gamma_regularizer", "kernel_constraint",
        "bias_constraint", "depthwise_constraint", "pointwise_constraint", "beta_constraint",
        "gamma_constraint", "dtype", "trainable", "seed", "batch_size", "synchronized", "fused"};
    for (const char* h : kHarmless)
        if (k == h) return true;
    return false;
}

std::string known_layer_list() {
    std::string list;
    for (int k = 0; k < int(LayerKind::Count); ++k) {
        if (k > 0) list += ", ";
        list += layer_kind_info(LayerKind(k)).class_name;
    }
    return list;
}

class Interpreter {
public:
    Interpreter(const std::vector<PyToken>& tokens, const Shape* input_shape_override)
        : t_(tokens), override_(input_shape_override) {}

    ImportResult run();

private:
    const std::vector<PyToken>& t_;
    const Shape* override_;
    std::vector<LogicalLine> lines_;
    std::vector<Node> arena_;  // the current statement's syntax tree
    std::map<std::string, Value> vars_;
    std::vector<ModelBuild> models_;
    const BlockMode* uncertain_ = nullptr;  // set while a statement runs in an Uncertain block
    bool functional_api_seen_ = false;
    bool failed_ = false;
    Failure failure_;
    bool missing_shape_ = false;
    Failure missing_;

    const Node& node(int i) const { return arena_[size_t(i)]; }

    void fail(Message message, int line, int column) {
        if (failed_) return;
        failed_ = true;
        failure_ = {std::move(message), line, column};
    }
    void fail_with(const Value& v) { fail(v.why ? *v.why : as_is(v.s), v.line, v.column); }

    // --- blocks and statements ---------------------------------------------
    void run_block(size_t* li, int header_column, const BlockMode& mode);
    void run_line(size_t* li, const BlockMode& mode);
    void run_compound(size_t* li, const BlockMode& body_mode);
    void run_if_chain(size_t* li, const BlockMode& mode);
    void run_simple(size_t begin, size_t end, const BlockMode& mode);
    void run_statement(size_t begin, size_t end, const BlockMode& mode);
    void run_import(size_t begin, size_t end);
    int decide_condition(size_t begin, size_t end) const;  // 1 true, 0 false, -1 unknown
    bool touches_model(size_t begin, size_t end) const;
    int parse(size_t begin, size_t end, bool strict, Failure* why);
    void assign(int target, const Value& value, const BlockMode& mode);
    BlockMode uncertain(const BlockMode& parent, int line, MsgCode what) const {
        if (parent.mode == Mode::Skip) return parent;
        return BlockMode{Mode::Uncertain, line, what};
    }

    // --- expressions ---------------------------------------------------------
    Value eval(int n);
    Value lookup(const std::string& path, const Node& at);
    Value eval_number(const Node& n) const;
    Value binary(const std::string& op, const Value& a, const Value& b, const Node& at) const;
    Value eval_call(int n);
    Value generic_call(const std::string& callee, int n);

    // --- the model -----------------------------------------------------------
    bool refuse_if_uncertain(const Node& at, const char* action);
    Value make_sequential(int n);
    Value model_add(int model, int n);
    Value model_compile(int model, int n);
    bool expect_layer(const Value& v, const char* where);
    void add_layer(int model, const Value& layer);
    Value build_layer(const LayerKindInfo& info, int n, bool input_function);
    bool to_input_shape(const Value& v, int form, Shape* out, Failure* why, std::shared_ptr<const Failure>* missing);
};

// --- blocks and statements -------------------------------------------------

void Interpreter::run_block(size_t* li, int header_column, const BlockMode& mode) {
    while (!failed_ && *li < lines_.size() && lines_[*li].column > header_column) run_line(li, mode);
}

void Interpreter::run_line(size_t* li, const BlockMode& mode) {
    const LogicalLine& line = lines_[*li];
    const PyToken& first = t_[line.begin];
    if (first.kind == PyTokenKind::Op && first.text == "@") {  // a decorator
        ++*li;
        return;
    }
    if (is_keyword_line(first, {"if"})) { run_if_chain(li, mode); return; }
    if (is_keyword_line(first, {"for", "while"})) {
        BlockMode body = uncertain(mode, line.line, first.text == "for" ? MsgCode::PyBlockFor : MsgCode::PyBlockWhile);
        run_compound(li, body);
        while (!failed_ && *li < lines_.size() && lines_[*li].column == line.column &&
               is_keyword_line(t_[lines_[*li].begin], {"else"}))
            run_compound(li, body);
        return;
    }
    if (is_keyword_line(first, {"try"})) {
        run_compound(li, mode);
        while (!failed_ && *li < lines_.size() && lines_[*li].column == line.column &&
               is_keyword_line(t_[lines_[*li].begin], {"except", "else", "finally"})) {
            const PyToken& clause = t_[lines_[*li].begin];
            if (clause.text == "except") run_compound(li, uncertain(mode, clause.line, MsgCode::PyBlockExcept));
            else run_compound(li, mode);
        }
        return;
    }
    // A function or class body runs where it is written: `def build_model():`
    // usually holds the model, and its parameters stay undefined names.
    if (is_keyword_line(first, {"with", "def", "class", "async"})) { run_compound(li, mode); return; }
    if (is_keyword_line(first, {"elif", "else", "except", "finally", "match", "case"}) &&
        line.end > line.begin + 1) {
        // `match` (and a clause whose header lost its partner) cannot be decided.
        bool header = false;
        for (size_t k = line.begin; k < line.end; ++k)
            if (t_[k].kind == PyTokenKind::Op && t_[k].text == ":" && t_[k].depth == 0) header = true;
        if (header) {
            run_compound(li, uncertain(mode, first.line, MsgCode::PyBlockMatch));
            return;
        }
    }
    run_simple(line.begin, line.end, mode);
    ++*li;
}

// A header line (`if ...:`, `for ...:`, `def ...:`): its body is what follows
// the colon on the same line and the lines indented under it.
void Interpreter::run_compound(size_t* li, const BlockMode& body_mode) {
    const LogicalLine& line = lines_[*li];
    size_t colon = line.end;
    for (size_t k = line.begin + 1; k < line.end; ++k)
        if (t_[k].kind == PyTokenKind::Op && t_[k].text == ":" && t_[k].depth == 0) {
            colon = k;
            break;
        }
    ++*li;
    if (colon + 1 < line.end) run_simple(colon + 1, line.end, body_mode);
    run_block(li, line.column, body_mode);
}

// if / elif / else. Only conditions ConvLab can decide pick a branch (see
// decide_condition); otherwise every branch runs Uncertain.
void Interpreter::run_if_chain(size_t* li, const BlockMode& mode) {
    int column = lines_[*li].column;
    enum { Searching, Taken, Undecided } state = Searching;
    while (!failed_ && *li < lines_.size()) {
        const LogicalLine& line = lines_[*li];
        const PyToken& first = t_[line.begin];
        int decision = 1;  // `else` runs when nothing before it did
        if (first.text != "else") {
            size_t colon = line.end;
            for (size_t k = line.begin + 1; k < line.end; ++k)
                if (t_[k].kind == PyTokenKind::Op && t_[k].text == ":" && t_[k].depth == 0) {
                    colon = k;
                    break;
                }
            decision = decide_condition(line.begin + 1, colon);
        }
        BlockMode body = mode;
        if (mode.mode != Mode::Skip) {
            if (state == Taken) body.mode = Mode::Skip;
            else if (state == Undecided || decision < 0) { body = uncertain(mode, first.line, MsgCode::PyBlockIf); state = Undecided; }
            else if (decision == 0) body.mode = Mode::Skip;
            else state = Taken;
        }
        run_compound(li, body);
        if (*li >= lines_.size() || lines_[*li].column != column ||
            !is_keyword_line(t_[lines_[*li].begin], {"elif", "else"}))
            break;
    }
}

// Decides the two conditions scripts use around a model. Keras's default, and
// ConvLab's only layout, is channels_last (NHWC), so `K.image_data_format() ==
// 'channels_first'` is false and mnist_cnn.py's else branch, which sets
// input_shape = (img_rows, img_cols, 1), is the one that runs. Keras 1 spelled it
// K.image_dim_ordering() == 'th'. `__name__ == '__main__'` is true: the
// script is being run. Anything else is undecided (-1).
int Interpreter::decide_condition(size_t begin, size_t end) const {
    bool format_call = false, main_name = false;
    int equal = 0, not_equal = 0, other = 0;
    std::vector<std::string> strings;
    for (size_t k = begin; k < end; ++k) {
        const PyToken& tok = t_[k];
        if (tok.kind == PyTokenKind::String) strings.push_back(tok.text);
        else if (tok.kind == PyTokenKind::Op && tok.text == "==") ++equal;
        else if (tok.kind == PyTokenKind::Op && tok.text == "!=") ++not_equal;
        else if (tok.kind == PyTokenKind::Name && (tok.text == "image_data_format" || tok.text == "image_dim_ordering"))
            format_call = true;
        else if (tok.kind == PyTokenKind::Name && tok.text == "__name__") main_name = true;
        else if (is_keyword_line(tok, {"and", "or", "not", "in", "is", "if", "else", "lambda"})) ++other;
    }
    if (equal + not_equal != 1 || other > 0 || strings.size() != 1) return -1;
    const std::string& s = strings[0];
    bool holds;
    if (format_call && (s == "channels_last" || s == "tf")) holds = true;
    else if (format_call && (s == "channels_first" || s == "th")) holds = false;
    else if (main_name && s == "__main__") holds = true;
    else return -1;
    return (equal == 1) == holds ? 1 : 0;
}

void Interpreter::run_simple(size_t begin, size_t end, const BlockMode& mode) {
    size_t start = begin;
    for (size_t k = begin; k <= end && !failed_; ++k) {
        bool split = k == end || (t_[k].kind == PyTokenKind::Op && t_[k].text == ";" && t_[k].depth == 0);
        if (!split) continue;
        if (k > start) run_statement(start, k, mode);
        start = k + 1;
    }
}

bool Interpreter::touches_model(size_t begin, size_t end) const {
    for (size_t k = begin; k < end; ++k) {
        if (t_[k].kind == PyTokenKind::Name && t_[k].text == "Sequential") return true;
        if (k + 2 < end && t_[k].kind == PyTokenKind::Op && t_[k].text == "." &&
            (t_[k + 1].text == "add" || t_[k + 1].text == "compile") && t_[k + 2].text == "(")
            return true;
    }
    return false;
}

// Parses tokens [begin, end) as one expression list. A statement that touches
// the model must parse (strict); any other may be Python ConvLab does not read.
int Interpreter::parse(size_t begin, size_t end, bool strict, Failure* why) {
    Parser parser(t_, begin, end, &arena_);
    int n = parser.parse_expression_list();
    if (n >= 0 && !parser.at_end()) n = parser.fail_here(Message(MsgCode::PyUnexpectedHere, {as_is(t_[parser.position()].text)}));
    if (n < 0) {
        *why = {parser.error(), parser.error_line(), parser.error_column()};
        if (strict) fail(why->message, why->line, why->column);
    }
    return n;
}

void Interpreter::run_statement(size_t begin, size_t end, const BlockMode& mode) {
    if (mode.mode == Mode::Skip) return;
    const PyToken& first = t_[begin];
    if (is_keyword_line(first, {"import", "from"})) { run_import(begin, end); return; }
    if (is_keyword_line(first, {"pass", "break", "continue", "global", "nonlocal", "del", "assert", "raise",
                                "yield", "print", "exec"}) &&
        !(begin + 1 < end && t_[begin + 1].kind == PyTokenKind::Op && t_[begin + 1].text == "("))
        return;
    if (is_keyword_line(first, {"return"})) ++begin;  // `return keras.Sequential([...])` builds the model
    if (begin >= end) return;

    uncertain_ = mode.mode == Mode::Uncertain ? &mode : nullptr;
    bool strict = touches_model(begin, end);
    std::vector<size_t> equals;
    size_t augmented = end, annotation = end;
    for (size_t k = begin; k < end; ++k) {
        const PyToken& tok = t_[k];
        if (tok.kind != PyTokenKind::Op || tok.depth != first.depth) continue;
        if (tok.text == "=") equals.push_back(k);
        else if (tok.text.size() >= 2 && tok.text.back() == '=' && tok.text != "==" && tok.text != "!=" &&
                 tok.text != "<=" && tok.text != ">=" && augmented == end && equals.empty())
            augmented = k;
        else if (tok.text == ":" && equals.empty() && annotation == end) annotation = k;
    }
    arena_.clear();
    Failure why;
    if (!equals.empty()) {
        int value_node = parse(equals.back() + 1, end, strict, &why);
        if (failed_) return;
        Value value = value_node >= 0 ? eval(value_node)
                                      : unknown(Message(MsgCode::PyCannotRead, {why.message}), why.line, why.column);
        if (failed_) return;
        size_t start = begin;
        for (size_t eq : equals) {
            size_t target_end = std::min(eq, annotation);
            int target = parse(start, target_end, false, &why);
            if (target >= 0) assign(target, value, mode);
            start = eq + 1;
        }
    } else if (augmented != end) {
        int target = parse(begin, augmented, false, &why);
        int rhs = target >= 0 ? parse(augmented + 1, end, strict, &why) : -1;
        if (failed_ || target < 0) return;
        std::string op = t_[augmented].text.substr(0, t_[augmented].text.size() - 1);
        Value value = rhs >= 0 ? binary(op, eval(target), eval(rhs), node(rhs))
                               : unknown(Message(MsgCode::PyCannotRead, {why.message}), why.line, why.column);
        if (!failed_) assign(target, value, mode);
    } else if (annotation == end) {
        int expression = parse(begin, end, strict, &why);
        if (expression >= 0) eval(expression);
    }
    uncertain_ = nullptr;
}

// `import a.b as c`, `from a.b import c as d`: names become references to what
// they import, so `from keras.layers import Conv2D as C` makes C(...) a Conv2D.
void Interpreter::run_import(size_t begin, size_t end) {
    std::string module;
    size_t k = begin + 1;
    auto dotted = [&]() {
        std::string name;
        while (k < end && (t_[k].kind == PyTokenKind::Name || (t_[k].kind == PyTokenKind::Op && t_[k].text == ".")) &&
               t_[k].text != "import" && t_[k].text != "as") {
            name += t_[k].text;
            ++k;
        }
        return name;
    };
    bool from = t_[begin].text == "from";
    if (from) {
        module = dotted();
        if (k >= end || t_[k].text != "import") return;
        ++k;
    }
    while (k < end) {
        if (t_[k].kind == PyTokenKind::Op && (t_[k].text == "(" || t_[k].text == ")" || t_[k].text == ",")) {
            ++k;
            continue;
        }
        std::string name = dotted();
        if (name.empty()) return;  // `import *` or something malformed: nothing to bind
        std::string bound = name.substr(0, name.find('.'));
        std::string target = from ? module + "." + name : bound;
        if (k + 1 < end && t_[k].text == "as" && t_[k + 1].kind == PyTokenKind::Name) {
            bound = t_[k + 1].text;
            target = from ? module + "." + name : name;
            k += 2;
        }
        Value ref;
        ref.kind = ValueKind::Ref;
        ref.s = target.substr(0, kMaxReasonLength);
        ref.line = t_[begin].line, ref.column = t_[begin].column;
        vars_[bound] = ref;
    }
}

// The dotted name an expression spells (`self.model`), or "" if it is not one.
std::string dotted_path(const std::vector<Node>& arena, int n) {
    const Node& x = arena[size_t(n)];
    if (x.kind == NodeKind::Name) return x.text;
    if (x.kind != NodeKind::Attr) return "";
    std::string base = dotted_path(arena, x.kids[0]);
    return base.empty() ? "" : base + "." + x.text;
}

void Interpreter::assign(int target, const Value& value, const BlockMode& mode) {
    const Node& t = node(target);
    if (t.kind == NodeKind::Tuple || t.kind == NodeKind::List) {
        bool unpacks = value.kind == ValueKind::Seq && value.items->size() == t.kids.size();
        for (size_t k = 0; k < t.kids.size(); ++k) {
            Value item = unpacks ? (*value.items)[k]
                                 : value.kind == ValueKind::Unknown
                                       ? value
                                       : unknown(Message(MsgCode::PyNoUnpacking, {describe(value)}),
                                                 value.line, value.column);
            assign(t.kids[k], item, mode);
        }
        return;
    }
    std::string path = dotted_path(arena_, target);
    if (path.empty() || path.size() > kMaxReasonLength) return;  // x[0] = ...: nothing ConvLab tracks
    if (mode.mode == Mode::Uncertain) {
        vars_[path] = unknown(Message(MsgCode::PyAssignedInBlock, {as_is(path), Message(mode.what), as_is(mode.line)}),
                              t.line, t.column);
        return;
    }
    vars_[path] = value;
}

// --- expressions -------------------------------------------------------------

Value Interpreter::lookup(const std::string& path, const Node& at) {
    auto it = vars_.find(path);
    if (it == vars_.end()) {
        Value ref;
        ref.kind = ValueKind::Ref;
        ref.s = path;
        ref.line = at.line, ref.column = at.column;
        return ref;
    }
    Value v = it->second;
    if (v.kind == ValueKind::Unknown) {
        if (v.s.size() < kMaxReasonLength)
            v = unknown(Message(MsgCode::PyComesFrom, {as_is(path), as_is(v.line), v.why ? *v.why : as_is(v.s)}),
                        v.line, v.column);
    }
    v.line = at.line, v.column = at.column;
    return v;
}

Value Interpreter::eval_number(const Node& n) const {
    const std::string& text = n.text;
    bool is_hex = text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    bool is_float = !is_hex && text.find_first_of(".eE") != std::string::npos;
    if (!text.empty() && (text.back() == 'j' || text.back() == 'J'))
        return unknown(Message(MsgCode::PyComplex), n.line, n.column);
    Value v;
    v.line = n.line, v.column = n.column;
    if (is_float) {
        std::string digits;
        for (char c : text)
            if (c != '_') digits += c;
        char* stop = nullptr;
        double d = std::strtod(digits.c_str(), &stop);
        if (stop != digits.c_str() + digits.size())
            return unknown(Message(MsgCode::PyBadNumber, {as_is(text.substr(0, 40))}), n.line, n.column);
        if (!std::isfinite(d))
            return unknown(Message(MsgCode::PyNumberRange, {as_is(text.substr(0, 40))}), n.line, n.column);
        v.kind = ValueKind::Float;
        v.f = d;
        return v;
    }
    if (!parse_int_literal(text, &v.i)) {
        bool digits_only = text.find_first_not_of("0123456789_") == std::string::npos;
        if (digits_only)
            return unknown(Message(MsgCode::PyIntTooLarge, {as_is(text.substr(0, 40) + (text.size() > 40 ? "..." : ""))}),
                           n.line, n.column);
        return unknown(Message(MsgCode::PyBadNumber, {as_is(text.substr(0, 40))}), n.line, n.column);
    }
    v.kind = ValueKind::Int;
    return v;
}

Value Interpreter::binary(const std::string& op, const Value& a, const Value& b, const Node& at) const {
    // An undefined name or an unevaluated value explains the failure better than the operator does.
    for (const Value* v : {&a, &b})
        if (v->kind == ValueKind::Unknown || v->kind == ValueKind::Ref) return *v;
    Value r;
    r.line = a.line, r.column = a.column;
    if (a.kind == ValueKind::Int && b.kind == ValueKind::Int && op != "/") {
        r.kind = ValueKind::Int;
        bool fits = false;
        if (op == "+" || op == "-" || op == "*" || op == "%") fits = checked_int_op(op[0], a.i, b.i, &r.i);
        else if (op == "//") fits = checked_int_op('/', a.i, b.i, &r.i);
        else if (op == "**" && b.i >= 0) {
            r.i = 1;
            fits = true;
            for (int64_t k = 0; k < b.i && fits; ++k) {
                fits = checked_int_op('*', r.i, a.i, &r.i);
                if (r.i == 0 || r.i == 1) break;  // 0 and 1 stay put; -1 is caught by the bound below
                if (k > 64) fits = false;
            }
        } else {
            return unknown(Message(MsgCode::PyNoEvalOpHere, {as_is(op)}), at.line, at.column);
        }
        if (!fits)
            return unknown(Message(MsgCode::PyIntOverflow, {as_is(op)}), at.line, at.column);
        return r;
    }
    bool numbers = (a.kind == ValueKind::Int || a.kind == ValueKind::Float) &&
                   (b.kind == ValueKind::Int || b.kind == ValueKind::Float);
    if (numbers) {
        double x = a.kind == ValueKind::Int ? double(a.i) : a.f;
        double y = b.kind == ValueKind::Int ? double(b.i) : b.f;
        r.kind = ValueKind::Float;
        if (op == "+") r.f = x + y;
        else if (op == "-") r.f = x - y;
        else if (op == "*") r.f = x * y;
        else if (op == "/" && y != 0) r.f = x / y;
        else if (op == "//" && y != 0) r.f = std::floor(x / y);
        else if (op == "%" && y != 0) r.f = x - y * std::floor(x / y);
        else if (op == "**" && x > 0) r.f = std::pow(x, y);
        else return unknown(Message(MsgCode::PyNoEvalThisOp, {as_is(op)}), at.line, at.column);
        if (!std::isfinite(r.f)) return unknown(Message(MsgCode::PyFloatRange, {as_is(op)}), at.line, at.column);
        return r;
    }
    if (op == "+" && a.kind == ValueKind::Str && b.kind == ValueKind::Str && a.s.size() + b.s.size() <= kMaxStringValue) {
        r.kind = ValueKind::Str;
        r.s = a.s + b.s;
        return r;
    }
    if (op == "+" && a.kind == ValueKind::Seq && b.kind == ValueKind::Seq && a.is_list == b.is_list) {
        std::vector<Value> items(*a.items);
        items.insert(items.end(), b.items->begin(), b.items->end());
        return make_seq(std::move(items), a.is_list, a.line, a.column);
    }
    return unknown(Message(MsgCode::PyNoEvalBetween, {as_is(op), describe(a), describe(b)}), at.line, at.column);
}

Value Interpreter::eval(int n) {
    const Node& x = node(n);
    Value v;
    v.line = x.line, v.column = x.column;
    switch (x.kind) {
        case NodeKind::Number: return eval_number(x);
        case NodeKind::String:
            if (x.text.size() > kMaxStringValue)
                return unknown(Message(MsgCode::PyLongString, {as_is(int64_t(kMaxStringValue))}), x.line, x.column);
            v.kind = ValueKind::Str;
            v.s = x.text;
            return v;
        case NodeKind::True: case NodeKind::False:
            v.kind = ValueKind::Bool;
            v.b = x.kind == NodeKind::True;
            return v;
        case NodeKind::None: v.kind = ValueKind::None; return v;
        case NodeKind::Name: return lookup(x.text, x);
        case NodeKind::Attr: {
            std::string path = dotted_path(arena_, n);
            if (!path.empty() && vars_.count(path)) return lookup(path, x);
            Value base = eval(x.kids[0]);
            if (base.kind == ValueKind::Ref && base.s.size() < kMaxReasonLength) {
                base.s += "." + x.text;
                return base;
            }
            if (base.kind == ValueKind::Unknown) return base;
            return unknown(Message(MsgCode::PyNoEvalAttr, {as_is(x.text), describe(base)}), x.line, x.column);
        }
        case NodeKind::Call: return eval_call(n);
        case NodeKind::Tuple: case NodeKind::List: {
            std::vector<Value> items;
            for (int kid : x.kids) {
                items.push_back(eval(kid));
                if (failed_) return v;
            }
            return make_seq(std::move(items), x.kind == NodeKind::List, x.line, x.column);
        }
        case NodeKind::BinOp: {
            Value a = eval(x.kids[0]);
            Value b = eval(x.kids[1]);
            return binary(x.text, a, b, x);
        }
        case NodeKind::Unary: {
            Value a = eval(x.kids[0]);
            if (a.kind == ValueKind::Int && x.text != "~" && a.i != INT64_MIN) {
                if (x.text == "-") a.i = -a.i;
            } else if (a.kind == ValueKind::Int && x.text == "~") {
                a.i = ~a.i;
            } else if (a.kind == ValueKind::Float && x.text != "~") {
                if (x.text == "-") a.f = -a.f;
            } else if (a.kind != ValueKind::Unknown && a.kind != ValueKind::Ref) {
                return unknown(Message(MsgCode::PyNoEvalOf, {as_is(x.text), describe(a)}), x.line, x.column);
            }
            a.line = x.line, a.column = x.column;
            return a;
        }
        case NodeKind::Opaque: return unknown(Message(MsgCode::PyNoEval, {Message(x.what)}), x.line, x.column);
    }
    return v;
}

Value Interpreter::eval_call(int n) {
    const Node& call = node(n);
    const Node& callee = node(call.kids[0]);
    std::string name;
    if (callee.kind == NodeKind::Attr && !vars_.count(dotted_path(arena_, call.kids[0]))) {
        Value base = eval(callee.kids[0]);
        if (failed_) return base;
        if (base.kind == ValueKind::Model) {
            if (callee.text == "add") return model_add(base.model, n);
            if (callee.text == "compile") return model_compile(base.model, n);
            return unknown(Message(MsgCode::PyNoEvalModelMethod, {as_is(callee.text)}), call.line, call.column);
        }
        if (base.kind != ValueKind::Ref) return generic_call("", n);
        name = base.s + "." + callee.text;
    } else {
        Value f = eval(call.kids[0]);
        if (failed_) return f;
        if (f.kind == ValueKind::Layer) functional_api_seen_ = true;
        if (f.kind != ValueKind::Ref) return generic_call("", n);
        name = f.s;
    }
    std::string cls = last_component(name);
    if (cls == "Sequential") return make_sequential(n);
    if (cls == "Input") return build_layer(layer_kind_info(LayerKind::InputLayer), n, true);
    if (const LayerKindInfo* info = find_layer_kind(cls)) return build_layer(*info, n, false);
    return generic_call(name, n);
}

// A call that is not a layer or a model: its arguments are kept (an optimizer's
// learning rate), its result is not known.
Value Interpreter::generic_call(const std::string& callee, int n) {
    const Node& call = node(n);
    if (callee.empty()) {
        for (const Arg& arg : call.args) eval(arg.value);  // a model.add(...) may hide in an argument
        return unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
    }
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keywords;
    int weight = 1;
    for (const Arg& arg : call.args) {
        Value v = eval(arg.value);
        if (failed_) return v;
        weight += v.weight;
        if (arg.keyword.empty()) positional.push_back(std::move(v));
        else keywords.emplace_back(arg.keyword, std::move(v));
    }
    Value v;
    v.kind = ValueKind::Call;
    v.s = callee;
    v.line = call.line, v.column = call.column;
    if (weight <= kMaxValueWeight) {
        v.weight = weight;
        v.items = std::make_shared<const std::vector<Value>>(std::move(positional));
        v.keywords = std::make_shared<const std::vector<std::pair<std::string, Value>>>(std::move(keywords));
    }
    return v;
}

// --- the model -----------------------------------------------------------------

bool Interpreter::refuse_if_uncertain(const Node& at, const char* action) {
    if (!uncertain_) return false;
    fail(Message(uncertain_->what == MsgCode::PyBlockIf ? MsgCode::PyUncertainIf : MsgCode::PyUncertainLoop,
                 {as_is(action), Message(uncertain_->what), as_is(uncertain_->line)}),
         at.line, at.column);
    return true;
}

// Explains, as an error, why v is not a layer.
bool Interpreter::expect_layer(const Value& v, const char* where) {
    switch (v.kind) {
        case ValueKind::Layer: return true;
        case ValueKind::Unknown: fail_with(v); return false;
        case ValueKind::Ref:
            fail(Message(MsgCode::PyUndefined, {as_is(v.s)}), v.line, v.column);
            return false;
        case ValueKind::Call: {
            std::string cls = last_component(v.s);
            if (!cls.empty() && cls[0] >= 'A' && cls[0] <= 'Z')
                fail(Message(MsgCode::PyNotALayer, {as_is(cls), as_is(known_layer_list())}), v.line, v.column);
            else
                fail(Message(MsgCode::PyUnknownCall, {as_is(v.s), as_is(where)}), v.line, v.column);
            return false;
        }
        default:
            fail(Message(MsgCode::PyNeedsLayer, {as_is(where), describe(v)}), v.line, v.column);
            return false;
    }
}

// Keras uses input_shape= only on a model's first layer; on later layers it is
// ignored, so it is dropped here too (and an undefined one there is no problem).
void Interpreter::add_layer(int model, const Value& layer) {
    ModelBuild& m = models_[size_t(model)];
    if (m.layers.size() >= kMaxLayers) {
        fail(Message(MsgCode::PyTooManyLayers, {as_is(int64_t(kMaxLayers))}), layer.line, layer.column);
        return;
    }
    LayerSpec spec = *layer.layer;
    if (m.layers.empty()) {
        if (layer.missing_shape && !missing_shape_) {
            missing_shape_ = true;
            missing_ = *layer.missing_shape;
        }
    } else if (spec.kind != LayerKind::InputLayer) {
        spec.input_shape = Shape{};
    }
    m.layers.push_back(std::move(spec));
    m.where.emplace_back(layer.line, layer.column);
}

Value Interpreter::make_sequential(int n) {
    const Node& call = node(n);
    if (refuse_if_uncertain(call, "Sequential(...)")) return Value{};
    ModelBuild build;
    build.line = call.line, build.column = call.column;
    models_.push_back(build);
    int model = int(models_.size()) - 1;
    int layers = -1;
    size_t positional = 0;
    for (const Arg& arg : call.args) {
        if (arg.keyword == "layers" || (arg.keyword.empty() && positional++ == 0)) layers = arg.value;
        else if (arg.keyword == "*" || arg.keyword == "**") {
            fail(Message(MsgCode::PySeqUnpacking), arg.line, arg.column);
            return Value{};
        } else if (arg.keyword != "name" && arg.keyword != "trainable" && !arg.keyword.empty()) {
            fail(Message(MsgCode::PySeqArg, {as_is(arg.keyword)}), arg.line, arg.column);
            return Value{};
        }
    }
    if (layers >= 0) {
        Value list = eval(layers);
        if (failed_) return list;
        if (list.kind == ValueKind::Seq) {
            for (const Value& item : *list.items) {
                if (!expect_layer(item, "Sequential([...])")) return Value{};
                add_layer(model, item);
                if (failed_) return Value{};
            }
        } else if (list.kind != ValueKind::None) {
            if (list.kind == ValueKind::Unknown || list.kind == ValueKind::Ref) expect_layer(list, "Sequential(...)");
            else fail(Message(MsgCode::PySeqList, {describe(list)}), list.line, list.column);
            return Value{};
        }
    }
    Value v;
    v.kind = ValueKind::Model;
    v.model = model;
    v.line = call.line, v.column = call.column;
    return v;
}

Value Interpreter::model_add(int model, int n) {
    const Node& call = node(n);
    if (refuse_if_uncertain(call, "model.add(...)")) return Value{};
    if (call.args.size() != 1 || !(call.args[0].keyword.empty() || call.args[0].keyword == "layer")) {
        fail(Message(MsgCode::PyAddOne), call.line, call.column);
        return Value{};
    }
    Value layer = eval(call.args[0].value);
    if (failed_ || !expect_layer(layer, "model.add(...)")) return Value{};
    add_layer(model, layer);
    Value none;
    none.kind = ValueKind::None;
    return none;
}

// model.compile(optimizer, loss, ...): the loss's name and the optimizer's class
// and numbers, for training. Metrics and the rest do not matter here and are not
// read; a loss or optimizer ConvLab cannot evaluate is left empty, not guessed.
Value Interpreter::model_compile(int model, int n) {
    const Node& call = node(n);
    if (refuse_if_uncertain(call, "model.compile(...)")) return Value{};
    CompileSpec spec;
    size_t positional = 0;
    for (const Arg& arg : call.args) {
        bool is_optimizer = arg.keyword == "optimizer" || (arg.keyword.empty() && positional == 0);
        bool is_loss = arg.keyword == "loss" || (arg.keyword.empty() && positional == 1);
        if (arg.keyword.empty()) ++positional;
        if (!is_optimizer && !is_loss) continue;
        Value v = eval(arg.value);
        if (failed_) return Value{};
        std::string name = v.kind == ValueKind::Str                                   ? v.s
                           : (v.kind == ValueKind::Ref || v.kind == ValueKind::Call) ? last_component(v.s)
                                                                                      : "";
        if (is_loss) {
            spec.loss = name;
            continue;
        }
        spec.optimizer = name;
        if (v.kind != ValueKind::Call || !v.items) continue;
        auto number = [](const Value& x, double* out) {
            if (x.kind == ValueKind::Int) *out = double(x.i);
            else if (x.kind == ValueKind::Float) *out = x.f;
            else return false;
            return true;
        };
        double d = 0;
        // Every Keras optimizer takes learning_rate first; Keras 2.2 called it lr.
        if (!v.items->empty() && number(v.items->front(), &d)) spec.optimizer_args.emplace_back("learning_rate", d);
        for (const auto& kw : *v.keywords)
            if (number(kw.second, &d)) spec.optimizer_args.emplace_back(kw.first == "lr" ? "learning_rate" : kw.first, d);
    }
    models_[size_t(model)].compile = spec;
    Value none;
    none.kind = ValueKind::None;
    return none;
}

// --- layer arguments -------------------------------------------------------------

// Why v is not what a field needs: an undefined name or an unevaluated value
// says so itself; anything else is the wrong type.
bool value_error(const Value& v, Message expected, Failure* why) {
    if (v.kind == ValueKind::Ref) *why = {Message(MsgCode::PyUndefined, {as_is(v.s)}), v.line, v.column};
    else if (v.kind == ValueKind::Unknown) *why = {v.why ? *v.why : as_is(v.s), v.line, v.column};
    else *why = {Message(MsgCode::PyNot, {std::move(expected), describe(v)}), v.line, v.column};
    return false;
}

// Integers are imported as written, even 0 or -3: the importer checks types,
// summarize() checks ranges, so the learner sees Conv2D(-3, 3) in the editor
// with the field marked and the constraint explained, as for any other mistake.
bool to_int(const Value& v, const std::string& what, int64_t* out, Failure* why) {
    if (v.kind != ValueKind::Int) return value_error(v, Message(MsgCode::PyMustInt, {as_is(what)}), why);
    *out = v.i;
    return true;
}

bool to_pair(const Value& v, const std::string& what, Pair* out, Failure* why) {
    const Message expected(MsgCode::PyMustPair, {as_is(what)});
    if (v.kind == ValueKind::Int) {
        *out = {v.i, v.i};
        return true;
    }
    if (v.kind != ValueKind::Seq || v.items->size() != 2) return value_error(v, expected, why);
    int64_t h = 0, w = 0;
    if (!to_int((*v.items)[0], what, &h, why) || !to_int((*v.items)[1], what, &w, why)) return false;
    *out = {h, w};
    return true;
}

bool to_number(const Value& v, const std::string& what, double* out, Failure* why) {
    if (v.kind == ValueKind::Int) *out = double(v.i);
    else if (v.kind == ValueKind::Float) *out = v.f;
    else return value_error(v, Message(MsgCode::PyMustNumber, {as_is(what)}), why);
    return true;
}

bool to_bool(const Value& v, const std::string& what, bool* out, Failure* why) {
    if (v.kind != ValueKind::Bool) return value_error(v, Message(MsgCode::PyMustBool, {as_is(what)}), why);
    *out = v.b;
    return true;
}

// 'relu', None, or a function reference such as tf.nn.relu / keras.activations.relu.
bool to_activation(const Value& v, Activation* out, Failure* why) {
    std::string name;
    if (v.kind == ValueKind::None) name = "linear";
    else if (v.kind == ValueKind::Str) name = v.s;
    else if (v.kind == ValueKind::Ref && v.s.find('.') != std::string::npos) name = last_component(v.s);
    else return value_error(v, Message(MsgCode::PyMustActivationName), why);
    if (parse_activation(name, out)) return true;
    *why = {Message(MsgCode::PyUnknownActivation, {as_is(name.substr(0, 40))}), v.line, v.column};
    return false;
}

bool to_zero_padding(const Value& v, LayerSpec* spec, Failure* why) {
    const Message expected(MsgCode::PyMustZeroPadding);
    int64_t a = 0;
    if (v.kind == ValueKind::Int) {
        spec->pad_top = spec->pad_bottom = spec->pad_left = spec->pad_right = v.i;
        return true;
    }
    if (v.kind != ValueKind::Seq || v.items->size() != 2) return value_error(v, expected, why);
    const Value& rows = (*v.items)[0];
    const Value& cols = (*v.items)[1];
    if (rows.kind == ValueKind::Int && cols.kind == ValueKind::Int) {
        spec->pad_top = spec->pad_bottom = rows.i;
        spec->pad_left = spec->pad_right = cols.i;
        return true;
    }
    Pair tb, lr;
    if (!to_pair(rows, "padding", &tb, why) || !to_pair(cols, "padding", &lr, why)) return false;
    if (rows.kind != ValueKind::Seq || cols.kind != ValueKind::Seq) return value_error(v, expected, why);
    spec->pad_top = tb.h, spec->pad_bottom = tb.w, spec->pad_left = lr.h, spec->pad_right = lr.w;
    (void)a;
    return true;
}

// Ways a layer can give its input shape: input_shape=(28, 28, 1),
// batch_input_shape=(None, 28, 28, 1), or Dense's input_dim=784.
enum ShapeForm { kPlainShape, kBatchShape, kInputDim };

// The input shape, or *missing when the code names something it never defines
// (the seed's `input_shape=input_shape`): then the caller's override fills it,
// and without one the import stops with missing_input_shape. Never a guess.
bool Interpreter::to_input_shape(const Value& v, int form, Shape* out, Failure* why,
                                 std::shared_ptr<const Failure>* missing) {
    auto undefined = [&](const Value& x) {
        if (override_) {
            *out = *override_;
            return true;
        }
        Failure reason;
        value_error(x, Message(), &reason);
        reason.message = Message(MsgCode::PyShapeUnknown, {reason.message});
        *missing = std::make_shared<const Failure>(reason);
        *out = Shape{};
        return true;
    };
    if (v.kind == ValueKind::Ref || v.kind == ValueKind::Unknown) return undefined(v);
    if (form == kInputDim) {
        int64_t f = 0;
        if (!to_int(v, "input_dim", &f, why)) return false;
        *out = Shape::vector(f);
        return true;
    }
    if (v.kind != ValueKind::Seq) return value_error(v, Message(MsgCode::PyMustShapeTuple), why);
    std::vector<Value> dims(v.items->begin() + (form == kBatchShape && !v.items->empty() ? 1 : 0), v.items->end());
    for (const Value& d : dims) {
        if (d.kind == ValueKind::Ref || d.kind == ValueKind::Unknown) return undefined(d);
        if (d.kind == ValueKind::None) {
            *why = {Message(MsgCode::PyNoneDim), d.line, d.column};
            return false;
        }
        if (d.kind != ValueKind::Int) return value_error(d, Message(MsgCode::PyMustDimInt), why);
    }
    if (dims.size() == 1) *out = Shape::vector(dims[0].i);
    else if (dims.size() == 3) *out = Shape::image(dims[0].i, dims[1].i, dims[2].i);
    else {
        *why = {Message(MsgCode::PyShapeRank, {as_is(int64_t(dims.size()))}), v.line, v.column};
        return false;
    }
    return true;
}

Value Interpreter::build_layer(const LayerKindInfo& info, int n, bool input_function) {
    const Node& call = node(n);
    const std::string cls = input_function ? "Input" : info.class_name;
    const bool is_input = info.kind == LayerKind::InputLayer;
    const bool is_pooling = info.kind == LayerKind::MaxPooling2D || info.kind == LayerKind::AveragePooling2D;
    std::vector<Field> positional = input_function ? std::vector<Field>{Field::InputShape} : info.positional;
    std::vector<Field> keywords = positional;
    keywords.insert(keywords.end(), info.fields.begin(), info.fields.end());
    keywords.push_back(Field::InputShape);
    keywords.push_back(Field::Name);

    LayerSpec spec = make_layer(info.kind);
    bool given[size_t(Field::Count)] = {};
    bool strides_none = false;
    std::shared_ptr<const Failure> missing;
    size_t next_positional = 0;
    auto error = [&](Message message, int line, int column) {
        return unknown(Message(MsgCode::Field, {as_is(cls), std::move(message)}), line, column);
    };
    for (const Arg& arg : call.args) {
        if (arg.keyword == "*" || arg.keyword == "**")
            return error(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
        Field f = Field::Count;
        int form = kPlainShape;
        const std::string& k = arg.keyword;
        if (k.empty()) {
            if (next_positional >= positional.size()) {
                std::string names;
                for (Field p : positional) names += std::string(names.empty() ? "" : ", ") + field_keyword(p);
                return error(Message(MsgCode::PyTooManyPositional, {as_is(int64_t(positional.size())), as_is(names)}),
                             arg.line, arg.column);
            }
            f = positional[next_positional++];
        } else if (is_input && (k == "shape" || k == "input_shape")) {
            f = Field::InputShape;
        } else if (k == "batch_input_shape" || (is_input && k == "batch_shape")) {
            f = Field::InputShape, form = kBatchShape;
        } else if (k == "input_dim" && !is_input) {
            f = Field::InputShape, form = kInputDim;
        } else {
            for (Field g : keywords)
                if (k == field_keyword(g)) f = g;
            if (f == Field::Count) {
                if (is_harmless_keyword(k)) continue;  // its value is not even evaluated
                return error(Message(MsgCode::PyUnknownArg, {as_is(k)}), arg.line, arg.column);
            }
        }
        if (given[size_t(f)])
            return error(Message(MsgCode::PyTwoValues, {as_is(field_keyword(f))}), arg.line, arg.column);
        given[size_t(f)] = true;

        Value v = eval(arg.value);
        if (failed_) return v;
        const std::string what = field_keyword(f);
        Failure why;
        bool ok = true;
        switch (f) {
            case Field::Filters: ok = to_int(v, what, &spec.filters, &why); break;
            case Field::Units: ok = to_int(v, what, &spec.units, &why); break;
            case Field::DepthMultiplier: ok = to_int(v, what, &spec.depth_multiplier, &why); break;
            case Field::KernelSize: case Field::PoolSize: ok = to_pair(v, what, &spec.kernel, &why); break;
            case Field::Strides:
                if (is_pooling && v.kind == ValueKind::None) strides_none = true;  // Keras: strides = pool_size
                else ok = to_pair(v, what, &spec.strides, &why);
                break;
            case Field::DilationRate: ok = to_pair(v, what, &spec.dilation, &why); break;
            case Field::Padding: {
                std::string p = v.kind == ValueKind::Str ? v.s : "";
                for (char& c : p) c = char((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);  // Keras lowercases it too
                if (v.kind != ValueKind::Str) ok = value_error(v, Message(MsgCode::PyMustPadding), &why);
                else if (!parse_padding(p, &spec.padding))
                    ok = false, why = {Message(MsgCode::PyBadPadding, {as_is(v.s.substr(0, 40))}), v.line, v.column};
                break;
            }
            case Field::ZeroPadding: ok = to_zero_padding(v, &spec, &why); break;
            case Field::UseBias: ok = to_bool(v, what, &spec.use_bias, &why); break;
            case Field::Center: ok = to_bool(v, what, &spec.center, &why); break;
            case Field::Scale: ok = to_bool(v, what, &spec.scale, &why); break;
            case Field::Activation: ok = to_activation(v, &spec.activation, &why); break;
            case Field::Rate: ok = to_number(v, what, &spec.rate, &why); break;
            case Field::Momentum: ok = to_number(v, what, &spec.momentum, &why); break;
            case Field::Epsilon: ok = to_number(v, what, &spec.epsilon, &why); break;
            case Field::InputShape: ok = to_input_shape(v, form, &spec.input_shape, &why, &missing); break;
            case Field::Name:
                if (v.kind == ValueKind::Str) spec.name = v.s;
                else if (v.kind != ValueKind::None) ok = value_error(v, Message(MsgCode::PyMustName), &why);
                break;
            // Accepted only at the value ConvLab supports, so a positional list still lines up.
            case Field::DataFormat:
                if (v.kind == ValueKind::Str && v.s == "channels_first")
                    ok = false, why = {Message(MsgCode::PyChannelsFirst), v.line, v.column};
                else if (!(v.kind == ValueKind::None || (v.kind == ValueKind::Str && v.s == "channels_last")))
                    ok = value_error(v, Message(MsgCode::PyMustDataFormat), &why);
                break;
            case Field::Groups:
                if (!(v.kind == ValueKind::Int && v.i == 1)) ok = value_error(v, Message(MsgCode::PyGroups), &why);
                break;
            case Field::Axis:  // the channel axis of (N, H, W, C) or (N, F)
                if (!(v.kind == ValueKind::Int && (v.i == -1 || v.i == 3)))
                    ok = value_error(v, Message(MsgCode::PyAxis), &why);
                break;
            case Field::NoiseShape:
                if (v.kind != ValueKind::None) ok = value_error(v, Message(MsgCode::PyNoiseShape), &why);
                break;
            case Field::Count: break;
        }
        if (!ok) return error(why.message, why.line, why.column);
    }

    // Keras requires these; ConvLab will not invent them.
    std::vector<Field> required;
    switch (info.kind) {
        case LayerKind::InputLayer: required = {Field::InputShape}; break;
        case LayerKind::Conv2D: case LayerKind::SeparableConv2D: required = {Field::Filters, Field::KernelSize}; break;
        case LayerKind::DepthwiseConv2D: required = {Field::KernelSize}; break;
        case LayerKind::Dense: required = {Field::Units}; break;
        case LayerKind::Dropout: required = {Field::Rate}; break;
        case LayerKind::Activation: required = {Field::Activation}; break;
        default: break;
    }
    for (Field f : required)
        if (!given[size_t(f)])
            return error(Message(MsgCode::PyNeeds, {as_is(input_function ? "shape" : field_keyword(f))}), call.line,
                         call.column);
    if (is_pooling && (!given[size_t(Field::Strides)] || strides_none)) spec.strides = spec.kernel;

    Value v;
    v.kind = ValueKind::Layer;
    v.layer = std::make_shared<const LayerSpec>(std::move(spec));
    v.missing_shape = missing;
    v.line = call.line, v.column = call.column;
    return v;
}

ImportResult Interpreter::run() {
    for (size_t k = 0, begin = 0; k < t_.size(); ++k) {
        if (t_[k].kind != PyTokenKind::Newline) continue;
        if (k > begin) lines_.push_back({begin, k, t_[begin].line, t_[begin].column});
        begin = k + 1;
    }
    size_t li = 0;
    run_block(&li, 0, BlockMode{});

    ImportResult result;
    auto stop = [&](Message message, int line, int column) {
        result.ok = false;
        result.error = message_en(line > 0 ? Message(MsgCode::PyAt, {as_is(line), as_is(column), message}) : message);
        result.message = std::move(message);
        result.line = line, result.column = column;
        return result;
    };
    if (failed_) return stop(failure_.message, failure_.line, failure_.column);

    std::vector<size_t> built;
    for (size_t m = 0; m < models_.size(); ++m)
        if (!models_[m].layers.empty()) built.push_back(m);
    if (models_.empty())
        return stop(Message(functional_api_seen_ ? MsgCode::PyNoModelFunctional : MsgCode::PyNoModel), 0, 0);
    if (built.empty()) return stop(Message(MsgCode::PyNoLayers), models_[0].line, models_[0].column);
    if (built.size() > 1) {
        const ModelBuild& second = models_[built[1]];
        return stop(Message(MsgCode::PySecondModel, {as_is(models_[built[0]].line)}), second.line, second.column);
    }
    ModelBuild& model = models_[built[0]];
    if (missing_shape_) {
        stop(missing_.message, missing_.line, missing_.column);
        result.missing_input_shape = true;
        return result;
    }
    LayerSpec& first = model.layers.front();
    if (first.input_shape.rank == 0) {
        if (!override_) {
            stop(Message(MsgCode::PyNoInputShape), model.where.front().first, model.where.front().second);
            result.missing_input_shape = true;
            return result;
        }
        first.input_shape = *override_;
    }
    result.ok = true;
    result.model.layers = std::move(model.layers);
    result.model.compile = std::move(model.compile);
    return result;
}

}  // namespace

ImportResult import_keras_python(std::string_view text, const Shape* input_shape_override) {
    PyLexResult lexed = lex_python(text);
    if (!lexed.ok()) {
        ImportResult result;
        result.message = lexed.message;
        result.error = message_en(Message(MsgCode::PyAt, {as_is(lexed.line), as_is(lexed.column), lexed.message}));
        result.line = lexed.line, result.column = lexed.column;
        return result;
    }
    return Interpreter(lexed.tokens, input_shape_override).run();
}

}  // namespace convlab
