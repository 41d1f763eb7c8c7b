// python_eval.cpp: the evaluator. Statements run once, in order; a block's
// PyBlockMode is worked out from its header, never by running a loop. Values are
// immutable, so a name's value is shared, not copied. Not Keras-aware: every call
// of a name goes to the PyHost first.
#include "core/io/python_eval.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace convlab {

// ---------------------------------------------------------------------------
// [SECTION] Values
// ---------------------------------------------------------------------------

PyValue py_unknown(Message why, int line, int column) {
    PyValue v;
    v.kind = PyValueKind::Unknown;
    v.s = message_en(why);
    v.why = std::make_shared<const Message>(std::move(why));
    v.line = line, v.column = column;
    return v;
}

PyValue py_seq(std::vector<PyValue> items, bool is_list, int line, int column) {
    int weight = 1, depth = 1;
    for (const PyValue& item : items) {
        weight += item.weight;
        depth = std::max(depth, item.depth + 1);
    }
    if (weight > kMaxValueWeight || depth > kMaxValueDepth)
        return py_unknown(Message(MsgCode::PyTupleTooLarge), line, column);
    PyValue v;
    v.kind = PyValueKind::Seq;
    v.is_list = is_list;
    v.weight = weight, v.depth = depth;
    v.items = std::make_shared<const std::vector<PyValue>>(std::move(items));
    v.line = line, v.column = column;
    return v;
}

std::string py_last_component(const std::string& dotted) {
    size_t dot = dotted.rfind('.');
    return dot == std::string::npos ? dotted : dotted.substr(dot + 1);
}

// A value as a sentence names it: literals as written, kinds as words.
Message py_describe(const PyValue& v) {
    switch (v.kind) {
        case PyValueKind::None: return as_is("None");
        case PyValueKind::Bool: return as_is(v.b ? "True" : "False");
        case PyValueKind::Int: return as_is(v.i);
        case PyValueKind::Float: return Message(MsgCode::PyDescFloat);
        case PyValueKind::Str: return Message(MsgCode::PyDescString, {as_is(v.s.substr(0, 40))});
        case PyValueKind::Seq: return Message(v.is_list ? MsgCode::PyDescList : MsgCode::PyDescTuple);
        case PyValueKind::Ref: return as_is("`" + v.s + "`");
        case PyValueKind::Unknown: return Message(MsgCode::PyDescUnknown);
        case PyValueKind::Call: return Message(MsgCode::PyDescCall, {as_is(v.s)});
        case PyValueKind::Object: return Message(v.described_as);
    }
    return Message(MsgCode::PyDescValue);
}

PyValue py_none() {
    PyValue v;
    v.kind = PyValueKind::None;
    return v;
}

namespace {

PyBlockMode uncertain(const PyBlockMode& parent, int line, MsgCode what) {
    if (parent.mode == PyRunMode::Skip) return parent;
    return PyBlockMode{PyRunMode::Uncertain, line, what};
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

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] Blocks and statements
// ---------------------------------------------------------------------------

void PyEvaluator::run() { run_block(m_.body, PyBlockMode{}); }

const PyValue* PyEvaluator::variable(const std::string& dotted_name) const {
    auto it = vars_.find(dotted_name);
    return it == vars_.end() ? nullptr : &it->second;
}

void PyEvaluator::fail(Message message, int line, int column) {
    if (failed_) return;
    failed_ = true;
    failure_ = {std::move(message), line, column};
}

void PyEvaluator::fail_with(const PyValue& v) { fail(v.why ? *v.why : as_is(v.s), v.line, v.column); }

void PyEvaluator::run_block(const std::vector<PyStatement>& body, const PyBlockMode& mode) {
    for (const PyStatement& s : body) {
        if (failed_) return;
        run_statement(s, mode);
    }
}

void PyEvaluator::run_statement(const PyStatement& s, const PyBlockMode& mode) {
    switch (s.kind) {
        case PyStmtKind::If: run_if(s, mode); return;
        case PyStmtKind::Loop: {
            // The loop's else clause runs in the loop's mode too: ConvLab cannot tell whether it runs.
            const PyBlockMode body = uncertain(mode, s.line, s.clauses[0].keyword == "for" ? MsgCode::PyBlockFor
                                                                                             : MsgCode::PyBlockWhile);
            for (const PyClause& clause : s.clauses) {
                if (failed_) return;
                run_block(clause.body, body);
            }
            return;
        }
        case PyStmtKind::Try:
            for (const PyClause& clause : s.clauses) {
                if (failed_) return;
                if (clause.keyword == "except") run_block(clause.body, uncertain(mode, clause.line, MsgCode::PyBlockExcept));
                else run_block(clause.body, mode);
            }
            return;
        // A function or class body runs where it is written: `def build_model():`
        // usually holds the model, and its parameters stay undefined names.
        case PyStmtKind::Plain: run_block(s.clauses[0].body, mode); return;
        case PyStmtKind::Undecided:
            run_block(s.clauses[0].body, uncertain(mode, s.line, MsgCode::PyBlockMatch));
            return;
        case PyStmtKind::Expression: case PyStmtKind::Assign: case PyStmtKind::AugAssign: case PyStmtKind::Import:
            run_simple(s, mode);
            return;
    }
}

// if / elif / else. Only conditions ConvLab can decide pick a branch (see
// decide); otherwise every branch runs Uncertain.
void PyEvaluator::run_if(const PyStatement& s, const PyBlockMode& mode) {
    enum { Searching, Taken, Undecided } state = Searching;
    for (const PyClause& clause : s.clauses) {
        if (failed_) return;
        const int decision = clause.keyword == "else" ? 1 : decide(clause.condition);  // else runs when nothing before it did
        PyBlockMode body = mode;
        if (mode.mode != PyRunMode::Skip) {
            if (state == Taken) body.mode = PyRunMode::Skip;
            else if (state == Undecided || decision < 0) { body = uncertain(mode, clause.line, MsgCode::PyBlockIf); state = Undecided; }
            else if (decision == 0) body.mode = PyRunMode::Skip;
            else state = Taken;
        }
        run_block(clause.body, body);
    }
}

// `__name__ == '__main__'` is true: the script is being run. The host decides
// what it knows (Keras: K.image_data_format()); anything else is undecided (-1).
int PyEvaluator::decide(const PyStringTest& test) const {
    if (!test.decidable) return -1;
    if (host_.decide) {
        const int decision = host_.decide(test);
        if (decision >= 0) return decision;
    }
    const bool main_name = std::find(test.names.begin(), test.names.end(), "__name__") != test.names.end();
    if (main_name && test.text == "__main__") return test.equal ? 1 : 0;
    return -1;
}

void PyEvaluator::run_simple(const PyStatement& s, const PyBlockMode& mode) {
    if (mode.mode == PyRunMode::Skip) return;
    if (s.kind == PyStmtKind::Import) {
        // Names become references to what they import, so `from keras.layers
        // import Conv2D as C` makes C(...) a call of keras.layers.Conv2D.
        for (const PyImport& binding : s.imports) {
            PyValue ref;
            ref.kind = PyValueKind::Ref;
            ref.s = binding.target.substr(0, kMaxReasonLength);
            ref.line = s.line, ref.column = s.column;
            vars_[binding.bound] = ref;
        }
        return;
    }
    uncertain_ = mode.mode == PyRunMode::Uncertain ? &mode : nullptr;
    auto must_parse = [&]() { return host_.must_parse && host_.must_parse(m_.tokens, s.token_begin, s.token_end); };
    auto unread = [](const PyExpr& e) {
        return py_unknown(Message(MsgCode::PyCannotRead, {e.error.message}), e.error.line, e.error.column);
    };
    if (s.kind == PyStmtKind::Assign) {
        if (!s.value.ok() && must_parse()) fail(s.value.error.message, s.value.error.line, s.value.error.column);
        if (failed_) return;
        const PyValue value = s.value.ok() ? eval(s.value.root) : unread(s.value);
        if (failed_) return;
        for (const PyExpr& target : s.targets)
            if (target.ok()) assign(target.root, value, mode);
    } else if (s.kind == PyStmtKind::AugAssign) {
        const PyExpr& target = s.targets[0];
        if (!target.ok()) return;
        if (!s.value.ok() && must_parse()) fail(s.value.error.message, s.value.error.line, s.value.error.column);
        if (failed_) return;
        PyValue value = unread(s.value);
        if (s.value.ok()) {
            const PyValue old_value = eval(target.root);
            const PyValue operand = eval(s.value.root);
            PyValue taken;
            if ((old_value.kind == PyValueKind::Object || operand.kind == PyValueKind::Object) && host_.binary_object &&
                host_.binary_object(*this, s.op, old_value, operand, node(s.value.root), &taken))
                value = taken;
            else
                value = binary(s.op, old_value, operand, node(s.value.root));
        }
        if (!failed_) assign(target.root, value, mode);
    } else if (s.value.ok()) {
        eval(s.value.root);
    } else if (must_parse()) {
        fail(s.value.error.message, s.value.error.line, s.value.error.column);
    }
    uncertain_ = nullptr;
}

void PyEvaluator::assign(int target, const PyValue& value, const PyBlockMode& mode) {
    const PyNode& t = node(target);
    if (t.kind == PyNodeKind::Tuple || t.kind == PyNodeKind::List) {
        bool unpacks = value.kind == PyValueKind::Seq && value.items->size() == t.kids.size();
        for (size_t k = 0; k < t.kids.size(); ++k) {
            PyValue item = unpacks ? (*value.items)[k]
                                   : value.kind == PyValueKind::Unknown
                                         ? value
                                         : py_unknown(Message(MsgCode::PyNoUnpacking, {py_describe(value)}),
                                                      value.line, value.column);
            assign(t.kids[k], item, mode);
        }
        return;
    }
    std::string path = py_dotted_path(m_.nodes, target);
    if (path.empty() || path.size() > kMaxReasonLength) return;  // x[0] = ...: nothing ConvLab tracks
    if (mode.mode == PyRunMode::Uncertain) {
        vars_[path] = py_unknown(Message(MsgCode::PyAssignedInBlock, {as_is(path), Message(mode.what), as_is(mode.line)}),
                                 t.line, t.column);
        return;
    }
    vars_[path] = value;
}

// ---------------------------------------------------------------------------
// [SECTION] Expressions
// ---------------------------------------------------------------------------

PyValue PyEvaluator::lookup(const std::string& path, const PyNode& at) const {
    auto it = vars_.find(path);
    if (it == vars_.end()) {
        PyValue ref;
        ref.kind = PyValueKind::Ref;
        ref.s = path;
        ref.line = at.line, ref.column = at.column;
        return ref;
    }
    PyValue v = it->second;
    if (v.kind == PyValueKind::Unknown) {
        if (v.s.size() < kMaxReasonLength)
            v = py_unknown(Message(MsgCode::PyComesFrom, {as_is(path), as_is(v.line), v.why ? *v.why : as_is(v.s)}),
                        v.line, v.column);
    }
    v.line = at.line, v.column = at.column;
    return v;
}

PyValue PyEvaluator::eval_number(const PyNode& n) const {
    const std::string& text = n.text;
    bool is_hex = text.size() > 1 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    bool is_float = !is_hex && text.find_first_of(".eE") != std::string::npos;
    if (!text.empty() && (text.back() == 'j' || text.back() == 'J'))
        return py_unknown(Message(MsgCode::PyComplex), n.line, n.column);
    PyValue v;
    v.line = n.line, v.column = n.column;
    if (is_float) {
        std::string digits;
        for (char c : text)
            if (c != '_') digits += c;
        char* stop = nullptr;
        double d = std::strtod(digits.c_str(), &stop);
        if (stop != digits.c_str() + digits.size())
            return py_unknown(Message(MsgCode::PyBadNumber, {as_is(text.substr(0, 40))}), n.line, n.column);
        if (!std::isfinite(d))
            return py_unknown(Message(MsgCode::PyNumberRange, {as_is(text.substr(0, 40))}), n.line, n.column);
        v.kind = PyValueKind::Float;
        v.f = d;
        return v;
    }
    if (!parse_int_literal(text, &v.i)) {
        bool digits_only = text.find_first_not_of("0123456789_") == std::string::npos;
        if (digits_only)
            return py_unknown(Message(MsgCode::PyIntTooLarge, {as_is(text.substr(0, 40) + (text.size() > 40 ? "..." : ""))}),
                           n.line, n.column);
        return py_unknown(Message(MsgCode::PyBadNumber, {as_is(text.substr(0, 40))}), n.line, n.column);
    }
    v.kind = PyValueKind::Int;
    return v;
}

PyValue PyEvaluator::binary(const std::string& op, const PyValue& a, const PyValue& b, const PyNode& at) const {
    // An undefined name or an unevaluated value explains the failure better than the operator does.
    for (const PyValue* v : {&a, &b})
        if (v->kind == PyValueKind::Unknown || v->kind == PyValueKind::Ref) return *v;
    PyValue r;
    r.line = a.line, r.column = a.column;
    if (a.kind == PyValueKind::Int && b.kind == PyValueKind::Int && op != "/") {
        r.kind = PyValueKind::Int;
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
            return py_unknown(Message(MsgCode::PyNoEvalOpHere, {as_is(op)}), at.line, at.column);
        }
        if (!fits)
            return py_unknown(Message(MsgCode::PyIntOverflow, {as_is(op)}), at.line, at.column);
        return r;
    }
    bool numbers = (a.kind == PyValueKind::Int || a.kind == PyValueKind::Float) &&
                   (b.kind == PyValueKind::Int || b.kind == PyValueKind::Float);
    if (numbers) {
        double x = a.kind == PyValueKind::Int ? double(a.i) : a.f;
        double y = b.kind == PyValueKind::Int ? double(b.i) : b.f;
        r.kind = PyValueKind::Float;
        if (op == "+") r.f = x + y;
        else if (op == "-") r.f = x - y;
        else if (op == "*") r.f = x * y;
        else if (op == "/" && y != 0) r.f = x / y;
        else if (op == "//" && y != 0) r.f = std::floor(x / y);
        else if (op == "%" && y != 0) r.f = x - y * std::floor(x / y);
        else if (op == "**" && x > 0) r.f = std::pow(x, y);
        else return py_unknown(Message(MsgCode::PyNoEvalThisOp, {as_is(op)}), at.line, at.column);
        if (!std::isfinite(r.f)) return py_unknown(Message(MsgCode::PyFloatRange, {as_is(op)}), at.line, at.column);
        return r;
    }
    if (op == "+" && a.kind == PyValueKind::Str && b.kind == PyValueKind::Str && a.s.size() + b.s.size() <= kMaxStringValue) {
        r.kind = PyValueKind::Str;
        r.s = a.s + b.s;
        return r;
    }
    if (op == "+" && a.kind == PyValueKind::Seq && b.kind == PyValueKind::Seq && a.is_list == b.is_list) {
        std::vector<PyValue> items(*a.items);
        items.insert(items.end(), b.items->begin(), b.items->end());
        return py_seq(std::move(items), a.is_list, a.line, a.column);
    }
    return py_unknown(Message(MsgCode::PyNoEvalBetween, {as_is(op), py_describe(a), py_describe(b)}), at.line, at.column);
}

PyValue PyEvaluator::eval(int n) {
    const PyNode& x = node(n);
    PyValue v;
    v.line = x.line, v.column = x.column;
    switch (x.kind) {
        case PyNodeKind::Number: return eval_number(x);
        case PyNodeKind::String:
            if (x.text.size() > kMaxStringValue)
                return py_unknown(Message(MsgCode::PyLongString, {as_is(int64_t(kMaxStringValue))}), x.line, x.column);
            v.kind = PyValueKind::Str;
            v.s = x.text;
            return v;
        case PyNodeKind::True: case PyNodeKind::False:
            v.kind = PyValueKind::Bool;
            v.b = x.kind == PyNodeKind::True;
            return v;
        case PyNodeKind::None: v.kind = PyValueKind::None; return v;
        case PyNodeKind::Name: return lookup(x.text, x);
        case PyNodeKind::Attr: {
            std::string path = py_dotted_path(m_.nodes, n);
            if (!path.empty() && vars_.count(path)) return lookup(path, x);
            PyValue base = eval(x.kids[0]);
            if (base.kind == PyValueKind::Ref && base.s.size() < kMaxReasonLength) {
                base.s += "." + x.text;
                return base;
            }
            if (base.kind == PyValueKind::Unknown) return base;
            return py_unknown(Message(MsgCode::PyNoEvalAttr, {as_is(x.text), py_describe(base)}), x.line, x.column);
        }
        case PyNodeKind::Call: return eval_call(n);
        case PyNodeKind::Tuple: case PyNodeKind::List: {
            std::vector<PyValue> items;
            for (int kid : x.kids) {
                items.push_back(eval(kid));
                if (failed_) return v;
            }
            return py_seq(std::move(items), x.kind == PyNodeKind::List, x.line, x.column);
        }
        case PyNodeKind::BinOp: {
            PyValue a = eval(x.kids[0]);
            if (failed_) return a;
            PyValue b = eval(x.kids[1]);
            if (failed_) return b;
            PyValue result;
            if ((a.kind == PyValueKind::Object || b.kind == PyValueKind::Object) && host_.binary_object &&
                host_.binary_object(*this, x.text, a, b, x, &result))
                return result;
            return binary(x.text, a, b, x);
        }
        case PyNodeKind::Unary: {
            PyValue a = eval(x.kids[0]);
            if (a.kind == PyValueKind::Int && x.text != "~" && a.i != INT64_MIN) {
                if (x.text == "-") a.i = -a.i;
            } else if (a.kind == PyValueKind::Int && x.text == "~") {
                a.i = ~a.i;
            } else if (a.kind == PyValueKind::Float && x.text != "~") {
                if (x.text == "-") a.f = -a.f;
            } else if (a.kind != PyValueKind::Unknown && a.kind != PyValueKind::Ref) {
                return py_unknown(Message(MsgCode::PyNoEvalOf, {as_is(x.text), py_describe(a)}), x.line, x.column);
            }
            a.line = x.line, a.column = x.column;
            return a;
        }
        case PyNodeKind::Opaque: return py_unknown(Message(MsgCode::PyNoEval, {Message(x.what)}), x.line, x.column);
    }
    return v;
}

PyValue PyEvaluator::eval_call(int n) {
    const PyNode& call = node(n);
    const PyNode& callee = node(call.kids[0]);
    std::string name;
    if (callee.kind == PyNodeKind::Attr && !vars_.count(py_dotted_path(m_.nodes, call.kids[0]))) {
        PyValue base = eval(callee.kids[0]);
        if (failed_) return base;
        if (base.kind == PyValueKind::Object) {
            PyValue result;
            if (host_.call_method && host_.call_method(*this, base, callee.text, n, &result)) return result;
            return generic_call("", n);
        }
        if (base.kind != PyValueKind::Ref) return generic_call("", n);
        name = base.s + "." + callee.text;
    } else {
        PyValue f = eval(call.kids[0]);
        if (failed_) return f;
        // A callee that could not be evaluated (a layer whose arguments were
        // wrong) keeps its own reason rather than a vaguer one about the call.
        if (f.kind == PyValueKind::Unknown) {
            for (const PyArg& arg : call.args) eval(arg.value);
            return f;
        }
        if (f.kind == PyValueKind::Object && host_.call_object) {
            PyValue result;
            if (host_.call_object(*this, f, n, &result)) return result;
        }
        if (f.kind != PyValueKind::Ref) return generic_call("", n);
        name = f.s;
    }
    PyValue result;
    if (host_.call_name && host_.call_name(*this, name, n, &result)) return result;
    return generic_call(name, n);
}

// A call the host did not take: its arguments are kept (an optimizer's
// learning rate), its result is not known.
PyValue PyEvaluator::generic_call(const std::string& callee, int n) {
    const PyNode& call = node(n);
    if (callee.empty()) {
        for (const PyArg& arg : call.args) eval(arg.value);  // a model.add(...) may hide in an argument
        return py_unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
    }
    std::vector<PyValue> positional;
    std::vector<std::pair<std::string, PyValue>> keywords;
    int weight = 1;
    for (const PyArg& arg : call.args) {
        PyValue v = eval(arg.value);
        if (failed_) return v;
        weight += v.weight;
        if (arg.keyword.empty()) positional.push_back(std::move(v));
        else keywords.emplace_back(arg.keyword, std::move(v));
    }
    PyValue v;
    v.kind = PyValueKind::Call;
    v.s = callee;
    v.line = call.line, v.column = call.column;
    if (weight <= kMaxValueWeight) {
        v.weight = weight;
        v.items = std::make_shared<const std::vector<PyValue>>(std::move(positional));
        v.keywords = std::make_shared<const std::vector<std::pair<std::string, PyValue>>>(std::move(keywords));
    }
    return v;
}

}  // namespace convlab
