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
        case PyValueKind::Function: return Message(MsgCode::PyDescFunction);
        case PyValueKind::Class: return Message(MsgCode::PyDescClass, {as_is(v.s)});
        case PyValueKind::Instance: return Message(MsgCode::PyDescInstance, {as_is(v.s)});
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

// Python's truth of a value ConvLab knows: 1 true, 0 false, -1 not known.
int truth(const PyValue& v) {
    switch (v.kind) {
        case PyValueKind::None: return 0;
        case PyValueKind::Bool: return v.b ? 1 : 0;
        case PyValueKind::Int: return v.i != 0 ? 1 : 0;
        case PyValueKind::Float: return v.f != 0.0 ? 1 : 0;
        case PyValueKind::Str: return v.s.empty() ? 0 : 1;
        case PyValueKind::Seq: return v.items && !v.items->empty() ? 1 : 0;
        case PyValueKind::Object: case PyValueKind::Function: case PyValueKind::Class: case PyValueKind::Instance:
            return 1;
        default: return -1;
    }
}

// str(v) for the values f-strings and str() meet; false for others.
bool to_text(const PyValue& v, std::string* out) {
    switch (v.kind) {
        case PyValueKind::Str: *out = v.s; return true;
        case PyValueKind::Int: *out = std::to_string(v.i); return true;
        case PyValueKind::Bool: *out = v.b ? "True" : "False"; return true;
        case PyValueKind::None: *out = "None"; return true;
        case PyValueKind::Float: {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.17g", v.f);
            for (int digits = 1; digits <= 17; ++digits) {  // the shortest form that reads back, as Python's repr
                std::snprintf(buf, sizeof buf, "%.*g", digits, v.f);
                if (std::strtod(buf, nullptr) == v.f) break;
            }
            std::string text = buf;
            if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
            *out = text;
            return true;
        }
        default: return false;
    }
}

bool same_value(const PyValue& a, const PyValue& b, int* result) {
    const bool na = a.kind == PyValueKind::Int || a.kind == PyValueKind::Float || a.kind == PyValueKind::Bool;
    const bool nb = b.kind == PyValueKind::Int || b.kind == PyValueKind::Float || b.kind == PyValueKind::Bool;
    if (na && nb) {
        const double x = a.kind == PyValueKind::Int ? double(a.i) : a.kind == PyValueKind::Bool ? double(a.b) : a.f;
        const double y = b.kind == PyValueKind::Int ? double(b.i) : b.kind == PyValueKind::Bool ? double(b.b) : b.f;
        *result = x == y;
        return true;
    }
    if (a.kind == PyValueKind::Str && b.kind == PyValueKind::Str) { *result = a.s == b.s; return true; }
    if (a.kind == PyValueKind::None || b.kind == PyValueKind::None) {
        if (a.kind == PyValueKind::Unknown || b.kind == PyValueKind::Unknown || a.kind == PyValueKind::Ref ||
            b.kind == PyValueKind::Ref)
            return false;
        *result = a.kind == b.kind;
        return true;
    }
    if (a.kind == PyValueKind::Seq && b.kind == PyValueKind::Seq) {
        if (a.items->size() != b.items->size()) { *result = 0; return true; }
        for (size_t k = 0; k < a.items->size(); ++k) {
            int same = 0;
            if (!same_value((*a.items)[k], (*b.items)[k], &same)) return false;
            if (!same) { *result = 0; return true; }
        }
        *result = 1;
        return true;
    }
    if (a.kind == PyValueKind::Object && b.kind == PyValueKind::Object) {
        *result = a.object_class == b.object_class && a.object == b.object;
        return true;
    }
    if ((a.kind == PyValueKind::Instance && b.kind == PyValueKind::Instance) ||
        (a.kind == PyValueKind::Class && b.kind == PyValueKind::Class)) {
        *result = a.object == b.object;  // `is`: the same object
        return true;
    }
    const bool known_a = a.kind != PyValueKind::Unknown && a.kind != PyValueKind::Ref && a.kind != PyValueKind::Call;
    const bool known_b = b.kind != PyValueKind::Unknown && b.kind != PyValueKind::Ref && b.kind != PyValueKind::Call;
    if (known_a && known_b) { *result = 0; return true; }  // different kinds are never equal
    return false;
}

}  // namespace

// ---------------------------------------------------------------------------
// [SECTION] Blocks and statements
// ---------------------------------------------------------------------------

void PyEvaluator::run() {
    run_block(m_.body, PyBlockMode{});
    flow_ = Flow::Normal;
    // A function the script defines but never calls (`def build_model(): ...`
    // with no call, as notebooks often leave it) still builds what it builds,
    // when nothing else did: it runs once, its parameters at their defaults,
    // those without one undefined.
    if (failed_ || (host_.wants_uncalled && !host_.wants_uncalled())) return;
    for (size_t f = 0; f < functions_.size() && !failed_; ++f) {
        if (!functions_[f].top_level || functions_[f].called) continue;
        functions_[f].called = true;
        const Function& fn = functions_[f];
        frames_.emplace_back();
        for (size_t k = 0; k < fn.def->params.size(); ++k)
            if (fn.defaults[k].kind != PyValueKind::Unknown || !fn.defaults[k].s.empty())
                frames_.back()[fn.def->params[k].name] = fn.defaults[k];
        run_block(fn.def->body, PyBlockMode{});
        frames_.pop_back();
        flow_ = Flow::Normal;
    }
}

const PyValue* PyEvaluator::variable(const std::string& dotted_name) const {
    auto it = vars_.find(dotted_name);
    return it == vars_.end() ? nullptr : &it->second;
}

// The innermost call's names, then the calls around it, then the module's: a
// function defined inside another (a block helper) reads the outer one's names
// while it runs, which is how model code uses them.
void PyEvaluator::pin(const std::string& name, PyValue value) {
    pinned_[name] = value;
    vars_[name] = std::move(value);
}

bool py_literal(const std::string& text, PyValue* out) {
    PyLexResult lexed = lex_python(text);
    if (!lexed.ok()) return false;
    const PyModule module = parse_python(std::move(lexed.tokens));
    if (module.body.size() != 1 || module.body[0].kind != PyStmtKind::Expression || !module.body[0].value.ok())
        return false;
    PyEvaluator literal(module, PyHost{});
    const PyValue v = literal.eval(module.body[0].value.root);
    if (literal.failed()) return false;
    std::function<bool(const PyValue&)> plain = [&](const PyValue& x) {
        switch (x.kind) {
            case PyValueKind::None: case PyValueKind::Bool: case PyValueKind::Int: case PyValueKind::Float:
            case PyValueKind::Str: return true;
            case PyValueKind::Seq:
                for (const PyValue& item : *x.items)
                    if (!plain(item)) return false;
                return true;
            default: return false;
        }
    };
    if (!plain(v)) return false;
    *out = v;
    return true;
}

const PyValue* PyEvaluator::find_var(const std::string& path) const {
    if (!pinned_.empty()) {
        auto pin = pinned_.find(path);
        if (pin != pinned_.end()) return &pin->second;
    }
    for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
        auto it = frame->find(path);
        if (it != frame->end()) return &it->second;
    }
    auto it = vars_.find(path);
    return it == vars_.end() ? nullptr : &it->second;
}

bool PyEvaluator::step(int line, int column) {
    if (++steps_ <= kMaxPythonSteps) return true;
    fail(Message(MsgCode::PyStepLimit, {as_is(kMaxPythonSteps)}), line, column);
    return false;
}

void PyEvaluator::fail(Message message, int line, int column) {
    if (failed_) return;
    failed_ = true;
    failure_ = {std::move(message), line, column};
}

// An Unknown without a reason (a value left empty after an earlier step) still
// fails with a sentence: "ConvLab does not evaluate a value ConvLab cannot evaluate"
// reads oddly, so it names the value as "this" instead.
void PyEvaluator::fail_with(const PyValue& v) {
    if (v.why) return fail(*v.why, v.line, v.column);
    if (!v.s.empty()) return fail(as_is(v.s), v.line, v.column);
    fail(Message(MsgCode::PyNoEval, {as_is("this expression")}), v.line, v.column);
}

void PyEvaluator::run_block(const std::vector<PyStatement>& body, const PyBlockMode& mode) {
    for (const PyStatement& s : body) {
        if (failed_ || flow_ != Flow::Normal) return;
        run_statement(s, mode);
    }
}

void PyEvaluator::run_statement(const PyStatement& s, const PyBlockMode& mode) {
    if (mode.mode != PyRunMode::Skip && !step(s.line, s.column)) return;
    switch (s.kind) {
        case PyStmtKind::If: run_if(s, mode); return;
        case PyStmtKind::Break:
        case PyStmtKind::Continue:
            if (mode.mode == PyRunMode::Run) flow_ = s.kind == PyStmtKind::Break ? Flow::Break : Flow::Continue;
            return;
        case PyStmtKind::Loop: {
            if (s.clauses[0].keyword == "for" && s.clauses[0].iter.ok() && s.clauses[0].target.ok()) {
                run_for(s, mode);
                return;
            }
            if (s.clauses[0].keyword == "while" && s.clauses[0].test.ok()) {
                run_while(s, mode);
                return;
            }
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
        // A `def` is defined, and runs when called (run() runs the uncalled
        // ones at the end). A class or `with` body runs where it is written.
        case PyStmtKind::Plain:
            if (s.clauses[0].keyword == "def" && !s.clauses[0].name.empty()) {
                define_function(s, mode);
                return;
            }
            if (s.clauses[0].keyword == "class" && host_.class_defined && mode.mode != PyRunMode::Skip) {
                std::vector<std::string> bases;
                const PyExpr& b = s.clauses[0].target;
                if (b.ok()) {
                    const PyNode& root = node(b.root);
                    if (root.kind == PyNodeKind::Tuple)
                        for (int kid : root.kids) bases.push_back(py_dotted_path(m_.nodes, kid));
                    else
                        bases.push_back(py_dotted_path(m_.nodes, b.root));
                }
                host_.class_defined(*this, s.clauses[0], bases);
                if (failed_) return;
            }
            if (s.clauses[0].keyword == "class" && host_.classes && !s.clauses[0].name.empty()) {
                define_class(s, mode);
                return;
            }
            run_block(s.clauses[0].body, mode);
            return;
        case PyStmtKind::Undecided:
            run_block(s.clauses[0].body, uncertain(mode, s.line, MsgCode::PyBlockMatch));
            return;
        case PyStmtKind::Expression: case PyStmtKind::Assign: case PyStmtKind::AugAssign: case PyStmtKind::Import:
        case PyStmtKind::Return:
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
        int decision = clause.keyword == "else" ? 1 : decide(clause.condition);  // else runs when nothing before it did
        // A condition over values the code knows (`if i == 0:`, `if include_top:`) is decided by running it.
        if (decision < 0 && clause.keyword != "else" && clause.test.ok() && mode.mode == PyRunMode::Run && state == Searching) {
            const PyValue test = eval(clause.test.root);
            if (failed_) return;
            decision = truth(test);
        }
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
            scope()[binding.bound] = ref;
        }
        return;
    }
    uncertain_ = mode.mode == PyRunMode::Uncertain ? &mode : nullptr;
    auto must_parse = [&]() { return host_.must_parse && host_.must_parse(m_.tokens, s.token_begin, s.token_end); };
    auto unread = [](const PyExpr& e) {
        return py_unknown(Message(MsgCode::PyCannotRead, {e.error.message}), e.error.line, e.error.column);
    };
    if (s.kind == PyStmtKind::Return) {
        PyValue value = py_none();
        if (!s.value.ok() && s.token_begin < s.token_end && must_parse())
            fail(s.value.error.message, s.value.error.line, s.value.error.column);
        if (s.value.ok()) value = eval(s.value.root);
        if (!failed_ && !frames_.empty() && mode.mode == PyRunMode::Run) {
            return_value_ = value;
            flow_ = Flow::Return;
        }
        uncertain_ = nullptr;
        return;
    }
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
    // self.conv1 = ...: the object keeps it (a name assigned in a block ConvLab
    // cannot decide becomes Unknown there, as a variable would).
    if (t.kind == PyNodeKind::Attr && host_.classes) {
        const PyValue base = eval(t.kids[0]);
        if (failed_) return;
        if (base.kind == PyValueKind::Instance || base.kind == PyValueKind::Class) {
            if (mode.mode == PyRunMode::Uncertain)
                set_member(base, t.text, py_unknown(Message(MsgCode::PyAssignedInBlock, {as_is(py_dotted_path(m_.nodes, target)),
                                                                                          Message(mode.what), as_is(mode.line)}),
                                                    t.line, t.column));
            else
                set_member(base, t.text, value);
            return;
        }
    }
    std::string path = py_dotted_path(m_.nodes, target);
    // model.layers[1].trainable = False: no name to keep, but the host hears of
    // an attribute set on what it made, as for base.trainable below.
    if (path.empty() && t.kind == PyNodeKind::Attr && host_.set_attribute && mode.mode == PyRunMode::Run) {
        const PyValue base = eval(t.kids[0]);
        if (failed_) return;
        if (base.kind == PyValueKind::Object) host_.set_attribute(*this, base, t.text, value);
        return;
    }
    if (path.empty() || path.size() > kMaxReasonLength) return;  // x[0] = ...: nothing ConvLab tracks
    if (pinned_.count(path)) return;  // --set NAME=VALUE: the given value stands
    if (mode.mode == PyRunMode::Uncertain) {
        scope()[path] = py_unknown(Message(MsgCode::PyAssignedInBlock, {as_is(path), Message(mode.what), as_is(mode.line)}),
                                   t.line, t.column);
        return;
    }
    // base.trainable = False: the host hears of an attribute set on what it made.
    if (t.kind == PyNodeKind::Attr && host_.set_attribute) {
        const PyValue base = eval(t.kids[0]);
        if (failed_) return;
        if (base.kind == PyValueKind::Object) host_.set_attribute(*this, base, t.text, value);
    }
    scope()[path] = value;
}

// ---------------------------------------------------------------------------
// [SECTION] Expressions
// ---------------------------------------------------------------------------

PyValue PyEvaluator::lookup(const std::string& path, const PyNode& at) const {
    const PyValue* found = find_var(path);
    if (!found) {
        PyValue ref;
        ref.kind = PyValueKind::Ref;
        ref.s = path;
        ref.line = at.line, ref.column = at.column;
        return ref;
    }
    PyValue v = *found;
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
    // [1] * 3: a list repeated (refused past the caps, as py_seq would).
    if (op == "*" && ((a.kind == PyValueKind::Seq && b.kind == PyValueKind::Int) || (a.kind == PyValueKind::Int && b.kind == PyValueKind::Seq))) {
        const PyValue& seq = a.kind == PyValueKind::Seq ? a : b;
        const int64_t times = a.kind == PyValueKind::Int ? a.i : b.i;
        if (times > 0 && int64_t(seq.items->size()) * times > kMaxValueWeight)
            return py_unknown(Message(MsgCode::PyTupleTooLarge), at.line, at.column);
        std::vector<PyValue> items;
        for (int64_t k = 0; k < times; ++k) items.insert(items.end(), seq.items->begin(), seq.items->end());
        return py_seq(std::move(items), seq.is_list, a.line, a.column);
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
            if (!path.empty() && find_var(path)) return lookup(path, x);
            PyValue base = eval(x.kids[0]);
            if (base.kind == PyValueKind::Ref && base.s.size() < kMaxReasonLength) {
                base.s += "." + x.text;
                return base;
            }
            if (base.kind == PyValueKind::Unknown) return base;
            PyValue attribute;
            if ((base.kind == PyValueKind::Instance || base.kind == PyValueKind::Class) && member(base, x.text, &attribute)) {
                attribute.line = x.line, attribute.column = x.column;
                return attribute;
            }
            if ((base.kind == PyValueKind::Object || base.kind == PyValueKind::Instance) && host_.get_attribute &&
                host_.get_attribute(*this, base, x.text, x, &attribute))
                return attribute;
            return py_unknown(Message(MsgCode::PyNoEvalAttr, {as_is(x.text), py_describe(base)}), x.line, x.column);
        }
        case PyNodeKind::Call: return eval_call(n);
        case PyNodeKind::Slice: return py_unknown(Message(MsgCode::PyNoEval, {Message(MsgCode::PyOpSubscript)}), x.line, x.column);
        case PyNodeKind::Subscript: {
            const PyValue base = eval(x.kids[0]);
            if (failed_) return base;
            if (node(x.kids[1]).kind == PyNodeKind::Slice) {
                // seq[start:stop:step] with Python's clamping and negative indices.
                const PyNode& sl = node(x.kids[1]);
                int64_t bound[3] = {0, 0, 1};
                bool given[3] = {false, false, false};
                for (int part = 0; part < 3; ++part) {
                    if (sl.kids[size_t(part)] < 0) continue;
                    const PyValue at = eval(sl.kids[size_t(part)]);
                    if (failed_) return at;
                    if (at.kind == PyValueKind::None) continue;
                    if (at.kind != PyValueKind::Int) return at.kind == PyValueKind::Unknown || at.kind == PyValueKind::Ref ? at
                                                            : py_unknown(Message(MsgCode::PyNoEvalIndex, {py_describe(base), py_describe(at)}), x.line, x.column);
                    bound[part] = at.i;
                    given[part] = true;
                }
                if (base.kind == PyValueKind::Unknown || base.kind == PyValueKind::Ref) return base;
                if (base.kind != PyValueKind::Seq || bound[2] == 0)
                    return py_unknown(Message(MsgCode::PyNoEval, {Message(MsgCode::PyOpSubscript)}), x.line, x.column);
                const int64_t size = int64_t(base.items->size()), step = bound[2];
                auto clamp = [&](int64_t i, bool is_given, int64_t fallback) {
                    if (!is_given) return fallback;
                    if (i < 0) i += size;
                    if (step > 0) return i < 0 ? 0 : i > size ? size : i;
                    return i < -1 ? -1 : i > size - 1 ? size - 1 : i;
                };
                const int64_t start = clamp(bound[0], given[0], step > 0 ? 0 : size - 1);
                const int64_t stop = clamp(bound[1], given[1], step > 0 ? size : -1);
                std::vector<PyValue> items;
                for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) items.push_back((*base.items)[size_t(i)]);
                return py_seq(std::move(items), base.is_list, x.line, x.column);
            }
            const PyValue index = eval(x.kids[1]);
            if (failed_) return index;
            return subscript(base, index, x);
        }
        case PyNodeKind::Compare: return compare(x);
        case PyNodeKind::BoolOp: {  // short-circuit, giving the deciding operand as Python does
            PyValue last;
            for (int kid : x.kids) {
                last = eval(kid);
                if (failed_) return last;
                const int t = truth(last);
                if (t < 0) return last.kind == PyValueKind::Unknown ? last : py_unknown(Message(MsgCode::PyNoEvalTruth, {py_describe(last)}), last.line, last.column);
                if ((x.text == "and" && t == 0) || (x.text == "or" && t == 1)) return last;
            }
            return last;
        }
        case PyNodeKind::IfExp: {
            const PyValue condition = eval(x.kids[0]);
            if (failed_) return condition;
            const int t = truth(condition);
            if (t < 0) return condition.kind == PyValueKind::Unknown ? condition : py_unknown(Message(MsgCode::PyNoEvalTruth, {py_describe(condition)}), x.line, x.column);
            return eval(x.kids[t ? 1 : 2]);
        }
        case PyNodeKind::FString: {
            std::string text = x.parts.empty() ? "" : x.parts[0];
            for (size_t k = 0; k < x.kids.size(); ++k) {
                const PyValue part = eval(x.kids[k]);
                if (failed_) return part;
                std::string piece;
                if (!to_text(part, &piece))
                    return part.kind == PyValueKind::Unknown || part.kind == PyValueKind::Ref
                               ? part
                               : py_unknown(Message(MsgCode::PyNoEvalFormat, {py_describe(part)}), x.line, x.column);
                text += piece + (k + 1 < x.parts.size() ? x.parts[k + 1] : "");
                if (text.size() > kMaxStringValue)
                    return py_unknown(Message(MsgCode::PyLongString, {as_is(int64_t(kMaxStringValue))}), x.line, x.column);
            }
            v.kind = PyValueKind::Str;
            v.s = std::move(text);
            return v;
        }
        case PyNodeKind::Tuple: case PyNodeKind::List: {
            std::vector<PyValue> items;
            for (int kid : x.kids) {
                const PyNode& k = node(kid);
                if (k.kind == PyNodeKind::Unary && k.text == "*") {  // (*image_size, 3): its items, spliced in
                    const PyValue inner = eval(k.kids[0]);
                    if (failed_) return v;
                    if (inner.kind != PyValueKind::Seq || !inner.items)
                        return inner.kind == PyValueKind::Unknown ? inner
                                                                  : py_unknown(Message(MsgCode::PyNoEval, {Message(MsgCode::PyOpUnpack)}),
                                                                               k.line, k.column);
                    if (items.size() + inner.items->size() > size_t(kMaxValueWeight))
                        return py_unknown(Message(MsgCode::PyTupleTooLarge), k.line, k.column);
                    items.insert(items.end(), inner.items->begin(), inner.items->end());
                    continue;
                }
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
            if (x.text == "*")  // unpacking anywhere but directly in a tuple or list display
                return py_unknown(Message(MsgCode::PyNoEval, {Message(MsgCode::PyOpUnpack)}), x.line, x.column);
            PyValue a = eval(x.kids[0]);
            if (x.text == "not") {
                const int t = truth(a);
                if (t < 0) return a.kind == PyValueKind::Unknown ? a : py_unknown(Message(MsgCode::PyNoEvalTruth, {py_describe(a)}), x.line, x.column);
                v.kind = PyValueKind::Bool;
                v.b = t == 0;
                return v;
            }
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
    if (callee.kind == PyNodeKind::Attr && !find_var(py_dotted_path(m_.nodes, call.kids[0]))) {
        PyValue base = eval(callee.kids[0]);
        if (failed_) return base;
        // skips.append(x) / outputs.extend([...]) on a list the code named: the
        // name is bound to the longer list (values themselves never change).
        const PyNode& owner = node(callee.kids[0]);
        const bool owner_is_member = host_.classes && owner.kind == PyNodeKind::Attr;
        if (base.kind == PyValueKind::Seq && base.is_list && (owner.kind == PyNodeKind::Name || owner_is_member) &&
            (callee.text == "append" || callee.text == "extend") && call.args.size() == 1 && call.args[0].keyword.empty()) {
            const PyValue item = eval(call.args[0].value);
            if (failed_) return item;
            std::vector<PyValue> items(*base.items);
            if (callee.text == "append") items.push_back(item);
            else if (item.kind == PyValueKind::Seq) items.insert(items.end(), item.items->begin(), item.items->end());
            else return py_unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
            PyValue longer = py_seq(std::move(items), true, base.line, base.column);
            if (owner_is_member) {  // self.layers.append(...): the object keeps the longer list
                const PyValue holder = eval(owner.kids[0]);
                if (failed_) return holder;
                if (holder.kind == PyValueKind::Instance || holder.kind == PyValueKind::Class)
                    set_member(holder, owner.text, longer);
                return py_none();
            }
            std::map<std::string, PyValue>& where =
                !frames_.empty() && frames_.back().count(owner.text) ? frames_.back() : vars_;
            where[owner.text] = longer;
            return py_none();
        }
        // name.startswith('fc'), name.endswith(('weight', 'bias')): what a loop
        // over a PyTorch model's named_parameters() tests to freeze some of them.
        if (base.kind == PyValueKind::Str && (callee.text == "startswith" || callee.text == "endswith") &&
            call.args.size() == 1 && call.args[0].keyword.empty()) {
            const PyValue part = eval(call.args[0].value);
            if (failed_) return part;
            std::vector<PyValue> parts;
            if (part.kind == PyValueKind::Seq && part.items) parts = *part.items;
            else parts.push_back(part);
            PyValue found;
            found.kind = PyValueKind::Bool;
            found.line = call.line, found.column = call.column;
            for (const PyValue& p : parts) {
                if (p.kind != PyValueKind::Str) return py_unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
                const std::string& text = base.s;
                const bool fits = p.s.size() <= text.size();
                const size_t from = callee.text == "startswith" ? 0 : text.size() - (fits ? p.s.size() : 0);
                found.b = found.b || (fits && text.compare(from, p.s.size(), p.s) == 0);
            }
            return found;
        }
        if (base.kind == PyValueKind::Object) {
            PyValue result;
            if (host_.call_method && host_.call_method(*this, base, callee.text, n, &result)) return result;
            return generic_call("", n);
        }
        if (base.kind == PyValueKind::Instance || base.kind == PyValueKind::Class) return call_member(base, callee.text, n);
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
        if (f.kind == PyValueKind::Function || f.kind == PyValueKind::Class || f.kind == PyValueKind::Instance)
            return call_value(f, n);
        if (f.kind != PyValueKind::Ref) return generic_call("", n);
        name = f.s;
        if (name == "super" && host_.classes) return make_super(n);
        bool taken = false;
        PyValue result = builtin(name, n, &taken);
        if (taken) return result;
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

// ---------------------------------------------------------------------------
// [SECTION] Functions, loops and the built-ins model code uses
// ---------------------------------------------------------------------------

// `def name(params):` binds name to a Function; its defaults are evaluated
// here, where Python evaluates them (`def create_model(num_classes=25)`).
void PyEvaluator::define_function(const PyStatement& s, const PyBlockMode& mode) {
    if (mode.mode == PyRunMode::Skip) return;
    const PyClause& def = s.clauses[0];
    Function f;
    f.def = &def;
    f.top_level = frames_.empty() && mode.mode == PyRunMode::Run;
    f.owner_class = defining_class_;
    for (const PyParam& p : def.params) {
        PyValue d;  // Unknown with no text: no default
        if (p.default_value.ok()) {
            d = eval(p.default_value.root);
            if (failed_) return;
        }
        f.defaults.push_back(std::move(d));
    }
    functions_.push_back(std::move(f));
    PyValue v;
    v.kind = PyValueKind::Function;
    v.object = int(functions_.size()) - 1;
    v.s = def.name;
    v.line = def.line, v.column = def.column;
    if (mode.mode == PyRunMode::Uncertain) {
        scope()[def.name] = py_unknown(Message(MsgCode::PyAssignedInBlock, {as_is(def.name), Message(mode.what), as_is(mode.line)}),
                                       def.line, def.column);
        return;
    }
    scope()[def.name] = v;
}

bool PyEvaluator::call_arguments(int n, std::vector<PyValue>* positional,
                                 std::vector<std::pair<std::string, PyValue>>* keywords,
                                 std::vector<std::pair<int, int>>* where) {
    const PyNode& call = node(n);
    std::vector<std::pair<int, int>> keyword_where;
    for (const PyArg& arg : call.args) {
        if (arg.keyword == "*" || arg.keyword == "**") {
            fail(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
            return false;
        }
        PyValue v = eval(arg.value);
        if (failed_) return false;
        if (arg.keyword.empty()) {
            positional->push_back(std::move(v));
            where->emplace_back(arg.line, arg.column);
        } else {
            keywords->emplace_back(arg.keyword, std::move(v));
            keyword_where.emplace_back(arg.line, arg.column);
        }
    }
    where->insert(where->end(), keyword_where.begin(), keyword_where.end());
    return true;
}

PyValue PyEvaluator::call_function(const PyValue& fv, int n) {
    const PyNode& call = node(n);
    std::vector<PyValue> positional;
    std::vector<std::pair<std::string, PyValue>> keywords;
    std::vector<std::pair<int, int>> where;  // each argument's place, positional first, for messages
    if (!call_arguments(n, &positional, &keywords, &where)) return PyValue{};
    if (fv.b) {  // a bound method: the instance is `self`
        positional.insert(positional.begin(), instance_value(int(fv.i)));
        where.insert(where.begin(), {call.line, call.column});
    }
    return call_with(functions_[size_t(fv.object)], std::move(positional), std::move(keywords), std::move(where),
                     call.line, call.column);
}

bool PyEvaluator::call_defined(const std::string& name, std::vector<PyValue> positional,
                               std::vector<std::pair<std::string, PyValue>> keywords, int line, int column,
                               PyValue* result) {
    const PyValue* f = find_var(name);
    if (!f || f->kind != PyValueKind::Function) {
        fail(Message(MsgCode::PyUndefined, {as_is(name)}), line, column);
        return false;
    }
    std::vector<std::pair<int, int>> where(positional.size() + keywords.size(), {line, column});
    *result = call_with(functions_[size_t(f->object)], std::move(positional), std::move(keywords), std::move(where),
                        line, column);
    return !failed_;
}

PyValue PyEvaluator::call_with(Function& f, std::vector<PyValue> positional,
                               std::vector<std::pair<std::string, PyValue>> keywords,
                               std::vector<std::pair<int, int>> where, int line, int column) {
    f.called = true;
    if (int(frames_.size()) >= kMaxCallDepth) {
        fail(Message(MsgCode::PyCallDepth, {as_is(int64_t(kMaxCallDepth))}), line, column);
        return PyValue{};
    }
    const std::vector<PyParam>& params = f.def->params;
    std::map<std::string, PyValue> frame;
    std::vector<bool> bound(params.size(), false);
    size_t next = 0, at = 0;
    auto bind = [&](const std::string& keyword, PyValue v) {
        const std::pair<int, int> place = at < where.size() ? where[at] : std::make_pair(line, column);
        ++at;
        size_t k = params.size();
        if (keyword.empty()) {
            while (next < params.size() && params[next].star == 0 && bound[next]) ++next;
            if (next < params.size() && params[next].star == 0) k = next++;
        } else {
            for (size_t p = 0; p < params.size(); ++p)
                if (params[p].name == keyword && params[p].star == 0) k = p;
        }
        if (k == params.size()) {
            fail(Message(MsgCode::PyFunctionArgs, {as_is(f.def->name), as_is(keyword.empty() ? "a positional argument" : keyword)}),
                 place.first, place.second);
            return false;
        }
        frame[params[k].name] = std::move(v);
        bound[k] = true;
        return true;
    };
    for (PyValue& v : positional)
        if (!bind("", std::move(v))) return PyValue{};
    for (auto& kw : keywords)
        if (!bind(kw.first, std::move(kw.second))) return PyValue{};
    for (size_t k = 0; k < params.size(); ++k) {
        if (bound[k]) continue;
        if (params[k].star == 1) frame[params[k].name] = py_seq({}, false, line, column);
        else if (params[k].star == 2) frame[params[k].name] = py_unknown(Message(MsgCode::PyNoEval, {Message(MsgCode::PyOpDict)}), line, column);
        else if (f.defaults[k].kind != PyValueKind::Unknown || !f.defaults[k].s.empty()) frame[params[k].name] = f.defaults[k];
        else {
            fail(Message(MsgCode::PyFunctionMissing, {as_is(f.def->name), as_is(params[k].name)}), line, column);
            return PyValue{};
        }
    }
    // A method remembers its class and `self` while it runs, for super().
    const int owner = f.owner_class;
    const bool method = owner >= 0 && !params.empty() && frame.count(params[0].name) != 0;
    if (method) methods_.emplace_back(owner, frame[params[0].name]);
    const PyClause* body = f.def;  // f may move: a def inside the body grows functions_
    frames_.push_back(std::move(frame));
    const PyBlockMode* saved_uncertain = uncertain_;
    const Flow saved_flow = flow_;
    flow_ = Flow::Normal;
    return_value_ = py_none();
    run_block(body->body, PyBlockMode{});
    PyValue result = flow_ == Flow::Return ? return_value_ : py_none();
    flow_ = saved_flow;
    frames_.pop_back();
    if (method) methods_.pop_back();
    uncertain_ = saved_uncertain;
    result.line = line, result.column = column;
    return result;
}

// ---------------------------------------------------------------------------
// [SECTION] Classes and their objects (PyHost::classes)
// ---------------------------------------------------------------------------

// `class Name(bases):` runs its body once, in a namespace of its own: the defs
// there become its methods, other names its class attributes (`expansion = 4`).
void PyEvaluator::define_class(const PyStatement& s, const PyBlockMode& mode) {
    if (mode.mode == PyRunMode::Skip) return;
    const PyClause& cls = s.clauses[0];
    if (classes_.size() >= size_t(kMaxPythonClasses)) {
        fail(Message(MsgCode::PyTooManyClasses, {as_is(int64_t(kMaxPythonClasses))}), cls.line, cls.column);
        return;
    }
    ClassDef c;
    c.name = cls.name;
    if (cls.target.ok()) {
        const PyNode& root = node(cls.target.root);
        const std::vector<int> written = root.kind == PyNodeKind::Tuple ? root.kids : std::vector<int>{cls.target.root};
        for (int kid : written) {
            c.bases.push_back(eval(kid));
            if (failed_) return;
        }
    }
    classes_.push_back(std::move(c));
    const int index = int(classes_.size()) - 1;
    const int saved_class = defining_class_;
    defining_class_ = index;
    frames_.emplace_back();
    run_block(cls.body, mode);
    classes_[size_t(index)].names = std::move(frames_.back());
    frames_.pop_back();
    defining_class_ = saved_class;
    flow_ = Flow::Normal;
    PyValue v;
    v.kind = PyValueKind::Class;
    v.object = index;
    v.s = cls.name;
    v.line = cls.line, v.column = cls.column;
    if (mode.mode == PyRunMode::Uncertain)
        v = py_unknown(Message(MsgCode::PyAssignedInBlock, {as_is(cls.name), Message(mode.what), as_is(mode.line)}),
                       cls.line, cls.column);
    scope()[cls.name] = v;
}

// A name on a class: its own namespace, then its bases', depth first and left
// to right (Python's order for the hierarchies model code writes).
bool PyEvaluator::class_member(int cls, const std::string& name, int depth, PyValue* out) const {
    if (depth > kMaxPythonClasses) return false;
    const ClassDef& c = classes_[size_t(cls)];
    auto it = c.names.find(name);
    if (it != c.names.end()) {
        *out = it->second;
        return true;
    }
    for (const PyValue& b : c.bases)
        if (b.kind == PyValueKind::Class && class_member(b.object, name, depth + 1, out)) return true;
    return false;
}

PyValue PyEvaluator::instance_value(int instance) const {
    PyValue v;
    v.kind = PyValueKind::Instance;
    v.object = instance;
    v.s = classes_[size_t(instances_[size_t(instance)].cls)].name;
    return v;
}

// `base.name` on an object (its own attributes first), a class, or super()
// (the bases of the class it names). A function found through an object comes
// back bound to it.
bool PyEvaluator::member(const PyValue& base, const std::string& name, PyValue* out) const {
    bool found = false;
    if (base.kind == PyValueKind::Class) return class_member(base.object, name, 0, out);
    if (base.kind != PyValueKind::Instance) return false;
    if (base.b) {
        for (const PyValue& b : classes_[size_t(base.i)].bases)
            if (!found && b.kind == PyValueKind::Class) found = class_member(b.object, name, 0, out);
    } else {
        for (const auto& attribute : instances_[size_t(base.object)].attributes)
            if (attribute.first == name) {
                *out = attribute.second;
                return true;
            }
        found = class_member(instances_[size_t(base.object)].cls, name, 0, out);
    }
    if (found && out->kind == PyValueKind::Function && !out->b) {
        out->b = true;
        out->i = base.object;
    }
    return found;
}

// Replacing an attribute keeps its place, as a dict does (PyTorch lists
// modules in that order).
void PyEvaluator::set_member(const PyValue& base, const std::string& name, const PyValue& value) {
    if (base.kind == PyValueKind::Class) {
        classes_[size_t(base.object)].names[name] = value;
        return;
    }
    auto& attributes = instances_[size_t(base.object)].attributes;
    for (auto& attribute : attributes)
        if (attribute.first == name) {
            attribute.second = value;
            return;
        }
    attributes.emplace_back(name, value);
}

void PyEvaluator::set_instance_attribute(const PyValue& instance, const std::string& name, const PyValue& value) {
    if (instance.kind == PyValueKind::Instance && !instance.b && instance.object >= 0 &&
        size_t(instance.object) < instances_.size())
        set_member(instance, name, value);
}

PyValue PyEvaluator::call_value(const PyValue& f, int n) {
    switch (f.kind) {
        case PyValueKind::Function: return call_function(f, n);
        case PyValueKind::Class: return instantiate(f, n);
        case PyValueKind::Instance: {
            PyValue result;
            if (!f.b && host_.call_instance && host_.call_instance(*this, f, n, &result)) return result;
            if (!failed_ && member(f, "__call__", &result) && result.kind == PyValueKind::Function)
                return call_function(result, n);
            return generic_call("", n);
        }
        case PyValueKind::Object: {
            PyValue result;
            if (host_.call_object && host_.call_object(*this, f, n, &result)) return result;
            return generic_call("", n);
        }
        default: return generic_call("", n);
    }
}

PyValue PyEvaluator::call_member(const PyValue& base, const std::string& name, int n) {
    PyValue m;
    if (member(base, name, &m)) return call_value(m, n);
    if (base.kind == PyValueKind::Instance) {
        // super().__init__(...) into a library's base class (nn.Module's):
        // nothing of it runs here; its arguments are still evaluated.
        if (base.b && name == "__init__") {
            for (const PyArg& arg : node(n).args) {
                eval(arg.value);
                if (failed_) return PyValue{};
            }
            return py_none();
        }
        PyValue result;
        const PyValue self = base.b ? instance_value(base.object) : base;
        if (host_.instance_method && host_.instance_method(*this, self, name, n, &result)) return result;
    }
    return generic_call("", n);
}

// Name(...): a new object, then its __init__ (its class's or a base's) with it as self.
PyValue PyEvaluator::instantiate(const PyValue& cls, int n) {
    const PyNode& call = node(n);
    if (instances_.size() >= size_t(kMaxPythonInstances)) {
        fail(Message(MsgCode::PyTooManyInstances, {as_is(int64_t(kMaxPythonInstances))}), call.line, call.column);
        return PyValue{};
    }
    instances_.push_back(Instance{cls.object, {}});
    PyValue self = instance_value(int(instances_.size()) - 1);
    self.line = call.line, self.column = call.column;
    PyValue init;
    if (class_member(cls.object, "__init__", 0, &init) && init.kind == PyValueKind::Function) {
        init.b = true;
        init.i = self.object;
        call_function(init, n);
    } else {
        for (const PyArg& arg : call.args) {
            eval(arg.value);
            if (failed_) break;
        }
    }
    return self;
}

// super() inside a method, or super(Class, self): the object, its lookups
// starting at the bases of that class.
PyValue PyEvaluator::make_super(int n) {
    const PyNode& call = node(n);
    PyValue view;
    if (call.args.empty()) {
        if (methods_.empty() || methods_.back().second.kind != PyValueKind::Instance)
            return py_unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
        view = methods_.back().second;
        view.i = methods_.back().first;
    } else if (call.args.size() == 2 && call.args[0].keyword.empty() && call.args[1].keyword.empty()) {
        const PyValue cls = eval(call.args[0].value);
        if (failed_) return cls;
        view = eval(call.args[1].value);
        if (failed_) return view;
        if (cls.kind != PyValueKind::Class || view.kind != PyValueKind::Instance || view.b)
            return py_unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
        view.i = cls.object;
    } else {
        return py_unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
    }
    view.b = true;
    view.line = call.line, view.column = call.column;
    return view;
}

bool PyEvaluator::call_method(const PyValue& instance, const std::string& method, std::vector<PyValue> positional,
                              int line, int column, PyValue* result) {
    PyValue f;
    if (!member(instance, method, &f) || f.kind != PyValueKind::Function || !f.b) return false;
    positional.insert(positional.begin(), instance_value(int(f.i)));
    std::vector<std::pair<int, int>> where(positional.size(), {line, column});
    *result = call_with(functions_[size_t(f.object)], std::move(positional), {}, std::move(where), line, column);
    return !failed_;
}

PyValue PyEvaluator::new_instance(const PyValue& cls, int line, int column) {
    if (cls.kind != PyValueKind::Class) return py_unknown(Message(MsgCode::PyNoEvalCall), line, column);
    if (instances_.size() >= size_t(kMaxPythonInstances)) {
        fail(Message(MsgCode::PyTooManyInstances, {as_is(int64_t(kMaxPythonInstances))}), line, column);
        return PyValue{};
    }
    instances_.push_back(Instance{cls.object, {}});
    PyValue self = instance_value(int(instances_.size()) - 1);
    self.line = line, self.column = column;
    PyValue ignored;
    call_method(self, "__init__", {}, line, column, &ignored);  // no __init__ of the script's: nn.Module's, which does nothing here
    return failed_ ? PyValue{} : self;
}

bool PyEvaluator::call_method_at(const PyValue& instance, const std::string& method, int n, PyValue* result) {
    PyValue f;
    if (!member(instance, method, &f) || f.kind != PyValueKind::Function) return false;
    *result = call_function(f, n);
    return !failed_;
}

// `for target in iterable:` over a value ConvLab knows runs the body once per
// item; over anything else the body runs once, Uncertain, as before.
void PyEvaluator::run_for(const PyStatement& s, const PyBlockMode& mode) {
    const PyClause& loop = s.clauses[0];
    PyValue items;
    if (mode.mode != PyRunMode::Skip) {
        items = eval(loop.iter.root);
        if (failed_) return;
        PyValue held;
        if (items.kind == PyValueKind::Object && host_.iterate && host_.iterate(*this, items, &held)) items = held;
    }
    if (mode.mode == PyRunMode::Skip || items.kind != PyValueKind::Seq) {
        const PyBlockMode body = uncertain(mode, s.line, MsgCode::PyBlockFor);
        if (mode.mode != PyRunMode::Skip) assign(loop.target.root, items, body);
        for (const PyClause& clause : s.clauses) {
            if (failed_) return;
            run_block(clause.body, body);
        }
        return;
    }
    bool broke = false;
    for (const PyValue& item : *items.items) {
        if (failed_ || !step(loop.line, loop.column)) return;
        assign(loop.target.root, item, mode);
        run_block(loop.body, mode);
        if (flow_ == Flow::Return) return;
        if (flow_ == Flow::Break) {
            flow_ = Flow::Normal;
            broke = true;
            break;
        }
        flow_ = Flow::Normal;
    }
    if (!broke)
        for (size_t c = 1; c < s.clauses.size(); ++c) run_block(s.clauses[c].body, mode);  // for ... else
}

void PyEvaluator::run_while(const PyStatement& s, const PyBlockMode& mode) {
    const PyClause& loop = s.clauses[0];
    if (mode.mode == PyRunMode::Run) {
        while (!failed_) {
            if (!step(loop.line, loop.column)) return;
            const PyValue test = eval(loop.test.root);
            if (failed_) return;
            const int t = truth(test);
            if (t < 0) break;  // not known: the rest runs as before, Uncertain
            if (t == 0) {
                for (size_t c = 1; c < s.clauses.size(); ++c) run_block(s.clauses[c].body, mode);
                return;
            }
            run_block(loop.body, mode);
            if (flow_ == Flow::Return) return;
            if (flow_ == Flow::Break) {
                flow_ = Flow::Normal;
                return;
            }
            flow_ = Flow::Normal;
        }
        if (failed_) return;
    }
    const PyBlockMode body = uncertain(mode, s.line, MsgCode::PyBlockWhile);
    for (const PyClause& clause : s.clauses) {
        if (failed_) return;
        run_block(clause.body, body);
    }
}

PyValue PyEvaluator::subscript(const PyValue& base, const PyValue& index, const PyNode& at) const {
    for (const PyValue* v : {&base, &index})
        if (v->kind == PyValueKind::Unknown || v->kind == PyValueKind::Ref) return *v;
    if ((base.kind == PyValueKind::Seq || base.kind == PyValueKind::Str) && index.kind == PyValueKind::Int) {
        const int64_t size = base.kind == PyValueKind::Seq ? int64_t(base.items->size()) : int64_t(base.s.size());
        const int64_t k = index.i < 0 ? index.i + size : index.i;
        if (k < 0 || k >= size)
            return py_unknown(Message(MsgCode::PyIndexRange, {as_is(index.i), as_is(size)}), at.line, at.column);
        if (base.kind == PyValueKind::Seq) return (*base.items)[size_t(k)];
        PyValue c;
        c.kind = PyValueKind::Str;
        c.s = std::string(1, base.s[size_t(k)]);
        c.line = at.line, c.column = at.column;
        return c;
    }
    return py_unknown(Message(MsgCode::PyNoEvalIndex, {py_describe(base), py_describe(index)}), at.line, at.column);
}

PyValue PyEvaluator::compare(const PyNode& x) {
    PyValue lhs = eval(x.kids[0]);
    if (failed_) return lhs;
    PyValue result;
    result.kind = PyValueKind::Bool;
    result.b = true;
    result.line = x.line, result.column = x.column;
    for (size_t k = 0; k < x.parts.size(); ++k) {
        const PyValue rhs = eval(x.kids[k + 1]);
        if (failed_) return rhs;
        const std::string& op = x.parts[k];
        int holds = -1;
        if (op == "==" || op == "!=" || op == "is" || op == "is not") {
            int same = 0;
            if (same_value(lhs, rhs, &same)) holds = (op == "==" || op == "is") ? same : !same;
        } else if (op == "in" || op == "not in") {
            if (rhs.kind == PyValueKind::Seq) {
                int found = 0;
                bool known = true;
                for (const PyValue& item : *rhs.items) {
                    int same = 0;
                    if (!same_value(lhs, item, &same)) known = false;
                    else if (same) found = 1;
                }
                if (found || known) holds = op == "in" ? found : !found;
            } else if (rhs.kind == PyValueKind::Str && lhs.kind == PyValueKind::Str) {
                const int found = rhs.s.find(lhs.s) != std::string::npos;
                holds = op == "in" ? found : !found;
            }
        } else {
            const bool numbers = (lhs.kind == PyValueKind::Int || lhs.kind == PyValueKind::Float) &&
                                 (rhs.kind == PyValueKind::Int || rhs.kind == PyValueKind::Float);
            int order = 0;  // -1, 0, 1
            bool known = false;
            if (numbers) {
                const double a = lhs.kind == PyValueKind::Int ? double(lhs.i) : lhs.f;
                const double b = rhs.kind == PyValueKind::Int ? double(rhs.i) : rhs.f;
                if (lhs.kind == PyValueKind::Int && rhs.kind == PyValueKind::Int) order = lhs.i < rhs.i ? -1 : lhs.i > rhs.i;
                else order = a < b ? -1 : a > b;
                known = true;
            } else if (lhs.kind == PyValueKind::Str && rhs.kind == PyValueKind::Str) {
                order = lhs.s < rhs.s ? -1 : lhs.s > rhs.s;
                known = true;
            }
            if (known)
                holds = op == "<" ? order < 0 : op == ">" ? order > 0 : op == "<=" ? order <= 0 : order >= 0;
        }
        if (holds < 0) {
            for (const PyValue* v : {static_cast<const PyValue*>(&lhs), &rhs})
                if (v->kind == PyValueKind::Unknown || v->kind == PyValueKind::Ref) return *v;
            return py_unknown(Message(MsgCode::PyNoEvalBetween, {as_is(op), py_describe(lhs), py_describe(rhs)}), x.line, x.column);
        }
        if (!holds) {
            result.b = false;
            return result;
        }
        lhs = rhs;
    }
    return result;
}

// The built-ins model code uses, when the script has not bound the name:
// range, len, int, float, str, bool, min, max, abs, round, list, tuple,
// enumerate, zip, print (which does nothing here).
PyValue PyEvaluator::builtin(const std::string& name, int n, bool* taken) {
    static const char* const kNames[] = {"range", "len", "int", "float", "str", "bool", "min", "max", "abs", "round",
                                         "list", "tuple", "enumerate", "zip", "print", "reversed", "sum"};
    bool known = false;
    for (const char* b : kNames) known = known || name == b;
    if (!known) return PyValue{};
    *taken = true;
    if (name == "print") return py_none();  // its arguments are never needed (and may be anything)
    const PyNode& call = node(n);
    std::vector<PyValue> args;
    for (const PyArg& arg : call.args) {
        if (arg.keyword == "*" || arg.keyword == "**") {
            fail(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
            return PyValue{};
        }
        PyValue v = eval(arg.value);
        if (failed_) return v;
        if (!arg.keyword.empty() && name != "print" && name != "round") {
            return py_unknown(Message(MsgCode::PyNoEvalCall), call.line, call.column);
        }
        if (arg.keyword.empty()) args.push_back(std::move(v));
    }
    if (name == "print") return py_none();
    for (const PyValue& a : args)
        if (a.kind == PyValueKind::Unknown || a.kind == PyValueKind::Ref) return a;
    auto bad = [&]() { return py_unknown(Message(MsgCode::PyBuiltinArgs, {as_is(name)}), call.line, call.column); };
    PyValue r;
    r.line = call.line, r.column = call.column;
    auto number = [](const PyValue& v, double* out) {
        if (v.kind == PyValueKind::Int) *out = double(v.i);
        else if (v.kind == PyValueKind::Float) *out = v.f;
        else if (v.kind == PyValueKind::Bool) *out = v.b;
        else return false;
        return true;
    };
    if (name == "range") {
        if (args.empty() || args.size() > 3) return bad();
        for (const PyValue& a : args)
            if (a.kind != PyValueKind::Int) return bad();
        const int64_t start = args.size() == 1 ? 0 : args[0].i, stop = args.size() == 1 ? args[0].i : args[1].i;
        const int64_t stride = args.size() == 3 ? args[2].i : 1;
        if (stride == 0) return bad();
        std::vector<PyValue> items;
        for (int64_t i = start; stride > 0 ? i < stop : i > stop; i += stride) {
            if (items.size() >= size_t(kMaxValueWeight)) return py_unknown(Message(MsgCode::PyTupleTooLarge), call.line, call.column);
            PyValue v;
            v.kind = PyValueKind::Int;
            v.i = i;
            v.line = call.line, v.column = call.column;
            items.push_back(v);
        }
        return py_seq(std::move(items), true, call.line, call.column);
    }
    if (args.size() != 1 && name != "min" && name != "max" && name != "zip" && name != "round" && name != "enumerate")
        return bad();
    if (name == "len") {
        if (args[0].kind == PyValueKind::Seq) r.i = int64_t(args[0].items->size());
        else if (args[0].kind == PyValueKind::Str) r.i = int64_t(args[0].s.size());
        else return bad();
        r.kind = PyValueKind::Int;
        return r;
    }
    if (name == "int" || name == "float" || name == "bool") {
        double d = 0;
        if (name == "bool") {
            const int t = truth(args[0]);
            if (t < 0) return bad();
            r.kind = PyValueKind::Bool;
            r.b = t == 1;
            return r;
        }
        if (args[0].kind == PyValueKind::Str) {
            char* stop = nullptr;
            d = std::strtod(args[0].s.c_str(), &stop);
            if (args[0].s.empty() || *stop != '\0') return bad();
        } else if (!number(args[0], &d)) {
            return bad();
        }
        if (name == "float") {
            r.kind = PyValueKind::Float;
            r.f = d;
            return r;
        }
        if (args[0].kind == PyValueKind::Int) return args[0];
        if (!(std::fabs(d) < 9.0e18)) return bad();
        r.kind = PyValueKind::Int;
        r.i = int64_t(std::trunc(d));
        return r;
    }
    if (name == "str") {
        std::string text;
        if (!to_text(args[0], &text)) return bad();
        r.kind = PyValueKind::Str;
        r.s = text;
        return r;
    }
    if (name == "abs") {
        if (args[0].kind == PyValueKind::Int && args[0].i != INT64_MIN) { r = args[0]; r.i = r.i < 0 ? -r.i : r.i; return r; }
        if (args[0].kind == PyValueKind::Float) { r = args[0]; r.f = std::fabs(r.f); return r; }
        return bad();
    }
    if (name == "round") {
        double d = 0;
        if (args.size() != 1 || !number(args[0], &d)) return bad();
        const double rounded = std::nearbyint(d);  // Python rounds half to even, as nearbyint does by default
        if (!(std::fabs(rounded) < 9.0e18)) return bad();
        r.kind = PyValueKind::Int;
        r.i = int64_t(rounded);
        return r;
    }
    if (name == "reversed") {
        if (args[0].kind != PyValueKind::Seq) return bad();
        std::vector<PyValue> items(args[0].items->rbegin(), args[0].items->rend());
        return py_seq(std::move(items), true, call.line, call.column);
    }
    if (name == "sum") {
        if (args[0].kind != PyValueKind::Seq) return bad();
        r.kind = PyValueKind::Int;
        r.i = 0;
        for (const PyValue& v : *args[0].items) {
            if (v.kind != PyValueKind::Int || !checked_int_op('+', r.i, v.i, &r.i)) return bad();
        }
        return r;
    }
    if (name == "list" || name == "tuple") {
        if (args[0].kind != PyValueKind::Seq) return bad();
        return py_seq(*args[0].items, name == "list", call.line, call.column);
    }
    if (name == "min" || name == "max") {
        std::vector<PyValue> pool = args.size() == 1 && args[0].kind == PyValueKind::Seq ? *args[0].items : args;
        if (pool.empty()) return bad();
        PyValue best = pool[0];
        for (const PyValue& v : pool) {
            double a = 0, b = 0;
            if (!number(v, &a) || !number(best, &b)) return bad();
            if (name == "min" ? a < b : a > b) best = v;
        }
        return best;
    }
    if (name == "enumerate") {
        if (args.empty() || args[0].kind != PyValueKind::Seq) return bad();
        const int64_t start = args.size() > 1 && args[1].kind == PyValueKind::Int ? args[1].i : 0;
        std::vector<PyValue> items;
        for (size_t k = 0; k < args[0].items->size(); ++k) {
            PyValue i;
            i.kind = PyValueKind::Int;
            i.i = start + int64_t(k);
            items.push_back(py_seq({i, (*args[0].items)[k]}, false, call.line, call.column));
        }
        return py_seq(std::move(items), true, call.line, call.column);
    }
    // zip
    size_t shortest = SIZE_MAX;
    for (const PyValue& a : args) {
        if (a.kind != PyValueKind::Seq) return bad();
        shortest = std::min(shortest, a.items->size());
    }
    if (args.empty()) shortest = 0;
    std::vector<PyValue> items;
    for (size_t k = 0; k < shortest; ++k) {
        std::vector<PyValue> row;
        for (const PyValue& a : args) row.push_back((*a.items)[k]);
        items.push_back(py_seq(std::move(row), false, call.line, call.column));
    }
    return py_seq(std::move(items), true, call.line, call.column);
}

}  // namespace convlab
