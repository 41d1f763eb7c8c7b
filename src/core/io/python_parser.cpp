// python_parser.cpp: recursive descent over the expression grammar, then the
// statements and blocks around it. Blocks are told by the column of a line's
// first token (the lexer has no INDENT/DEDENT): a header's body is every
// following line indented deeper than the header. Not a validator of Python:
// what it cannot read becomes an Opaque node or an error kept in its PyExpr.
#include "core/io/python_parser.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace convlab {
namespace {

// ---------------------------------------------------------------------------
// [SECTION] Expressions
// ---------------------------------------------------------------------------

// Recursive descent over Python's expression grammar, precedence lowest first.
// Constructs the importer never evaluates (subscripts, dicts, comprehensions,
// lambdas, comparisons, boolean logic) become Opaque nodes, skipped whole.
class ExpressionParser {
public:
    ExpressionParser(const std::vector<PyToken>& tokens, size_t begin, size_t end, std::vector<PyNode>* arena)
        : t_(tokens), pos_(begin), end_(end), arena_(arena) {}

    // A comma-separated list is a Tuple, as in `img_rows, img_cols = 28, 28`.
    int parse_expression_list() {
        int first = parse_expression();
        if (first < 0 || !is_op(",")) return first;
        int tuple = make(PyNodeKind::Tuple, "", node(first).line, node(first).column);
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
    std::vector<PyNode>* arena_;
    int depth_ = 0;
    Message error_;
    int error_line_ = 0, error_column_ = 0;

    struct DepthGuard {
        int* depth;
        explicit DepthGuard(int* d) : depth(d) { ++*depth; }
        ~DepthGuard() { --*depth; }
    };

    const PyToken& current() const { return t_[pos_ < end_ ? pos_ : end_]; }
    PyNode& node(int i) { return (*arena_)[size_t(i)]; }
    bool is_op(const char* op) const { return !at_end() && t_[pos_].kind == PyTokenKind::Op && t_[pos_].text == op; }
    bool is_name(const char* name) const { return !at_end() && t_[pos_].kind == PyTokenKind::Name && t_[pos_].text == name; }
    bool accept(const char* op) {
        if (!is_op(op)) return false;
        ++pos_;
        return true;
    }

    int make(PyNodeKind kind, std::string text, int line, int column) {
        PyNode n;
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
        const int n = make(PyNodeKind::Opaque, message_template_en(what), at.line, at.column);
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
            const int condition = parse_or();
            if (condition < 0) return -1;
            if (!is_name("else")) return fail(current(), Message(MsgCode::PyWantElse));
            ++pos_;
            const int otherwise = parse_expression();
            if (otherwise < 0) return -1;
            const int n = make(PyNodeKind::IfExp, "", at.line, at.column);
            node(n).kids = {condition, value, otherwise};
            return n;
        }
        if (is_op(":=")) {
            const PyToken& at = t_[pos_];
            ++pos_;
            if (parse_expression() < 0) return -1;
            return opaque(at, MsgCode::PyOpWalrus);
        }
        return value;
    }

    int parse_or() { return parse_boolean_chain("or", &ExpressionParser::parse_and); }
    int parse_and() { return parse_boolean_chain("and", &ExpressionParser::parse_not); }

    // `a or b or c` (keyword "or"), each operand one precedence level down: one
    // operand alone is returned as it is, a chain as a BoolOp.
    int parse_boolean_chain(const char* keyword, int (ExpressionParser::*parse_operand)()) {
        int lhs = (this->*parse_operand)();
        if (lhs < 0 || !is_name(keyword)) return lhs;
        const PyToken& at = t_[pos_];
        const int n = make(PyNodeKind::BoolOp, keyword, node(lhs).line, node(lhs).column);
        std::vector<int> operands = {lhs};
        (void)at;
        while (is_name(keyword)) {
            ++pos_;
            const int operand = (this->*parse_operand)();
            if (operand < 0) return -1;
            operands.push_back(operand);
        }
        node(n).kids = std::move(operands);
        return n;
    }

    int parse_not() {
        DepthGuard guard(&depth_);
        if (depth_ > kMaxExpressionDepth) return fail(current(), Message(MsgCode::PyNestedTooDeep));
        if (!is_name("not")) return parse_comparison();
        const PyToken& at = t_[pos_];
        ++pos_;
        const int operand = parse_not();
        if (operand < 0) return -1;
        const int n = make(PyNodeKind::Unary, "not", at.line, at.column);
        node(n).kids = {operand};
        return n;
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
        const int n = make(PyNodeKind::Compare, "", node(lhs).line, node(lhs).column);
        std::vector<int> operands = {lhs};
        std::vector<std::string> ops;
        while (at_comparison()) {
            std::string op = t_[pos_].text;
            if (is_name("not")) {  // not in
                ++pos_;
                op = "not in";
            } else if (is_name("is") && pos_ + 1 < end_ && t_[pos_ + 1].text == "not") {
                ++pos_;
                op = "is not";
            }
            ++pos_;
            const int rhs = parse_binary(0);
            if (rhs < 0) return -1;
            operands.push_back(rhs);
            ops.push_back(std::move(op));
        }
        node(n).kids = std::move(operands);
        node(n).parts = std::move(ops);
        return n;
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
            int n = make(PyNodeKind::BinOp, found, at.line, at.column);
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
            int n = make(PyNodeKind::Unary, at.text, at.line, at.column);
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
        int n = make(PyNodeKind::BinOp, "**", at.line, at.column);
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
                int n = make(PyNodeKind::Attr, t_[pos_].text, node(value).line, node(value).column);
                node(n).kids = {value};
                ++pos_;
                value = n;
            } else if (is_op("(")) {
                value = parse_call(value);
            } else if (is_op("[")) {
                value = parse_subscript(value);
            } else {
                break;
            }
        }
        return value;
    }

    // x[i], x[i, j] and one slice, x[a:b:c] with any part left out; a slice
    // inside a tuple (x[1:, 0]) is Opaque.
    int parse_subscript(int base) {
        const PyToken& at = t_[pos_];
        const size_t open = pos_;
        const int depth = at.depth;
        int colons = 0;
        bool comma = false;
        for (size_t k = pos_ + 1; k < end_; ++k) {
            if (t_[k].kind == PyTokenKind::Op && t_[k].depth == depth && t_[k].text == "]") break;
            if (t_[k].kind == PyTokenKind::Op && t_[k].depth == depth + 1 && t_[k].text == ":") ++colons;
            if (t_[k].kind == PyTokenKind::Op && t_[k].depth == depth + 1 && t_[k].text == ",") comma = true;
        }
        if (colons > 2 || (colons > 0 && comma)) {
            pos_ = open;
            skip_group();
            return opaque(at, MsgCode::PyOpSubscript);
        }
        ++pos_;
        if (colons > 0) {
            const int slice = make(PyNodeKind::Slice, "", at.line, at.column);
            std::vector<int> parts = {-1, -1, -1};
            for (int part = 0; part < 3; ++part) {
                if (!is_op(":") && !is_op("]")) {
                    parts[size_t(part)] = parse_expression();
                    if (parts[size_t(part)] < 0) return -1;
                }
                if (!accept(":")) break;
            }
            node(slice).kids = parts;
            if (!accept("]")) return fail(current(), Message(MsgCode::PyWantCommaOr, {as_is("]")}));
            const int n = make(PyNodeKind::Subscript, "", node(base).line, node(base).column);
            node(n).kids = {base, slice};
            return n;
        }
        const int index = parse_expression_list();
        if (index < 0) return -1;
        if (!accept("]")) return fail(current(), Message(MsgCode::PyWantCommaOr, {as_is("]")}));
        const int n = make(PyNodeKind::Subscript, "", node(base).line, node(base).column);
        node(n).kids = {base, index};
        return n;
    }

    // f"block{i}_conv": the literal pieces and, between them, each {expression}
    // read by a parser of its own over its own tokens ({{ and }} are braces).
    // A format spec or conversion ({x:.2f}, {x!r}) is Opaque.
    int parse_fstring(const std::string& text, const PyToken& at) {
        const int n = make(PyNodeKind::FString, "", at.line, at.column);
        std::string piece;
        std::vector<std::string> parts;
        std::vector<int> kids;
        for (size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
                piece += c;
                ++i;
                continue;
            }
            if (c != '{') {
                piece += c;
                continue;
            }
            int depth = 1;
            size_t close = i + 1;
            for (; close < text.size() && depth > 0; ++close) {
                if (text[close] == '{') ++depth;
                if (text[close] == '}') --depth;
            }
            if (depth != 0) return opaque(at, MsgCode::PyOpFString);
            const std::string inner = text.substr(i + 1, close - i - 2);
            if (inner.find_first_of("!:") != std::string::npos) return opaque(at, MsgCode::PyOpFString);
            PyLexResult lexed = lex_python(inner);
            if (!lexed.ok() || lexed.tokens.size() < 2) return opaque(at, MsgCode::PyOpFString);
            for (PyToken& tok : lexed.tokens) tok.line = at.line, tok.column = at.column;
            size_t last = lexed.tokens.size() - 1;  // End
            while (last > 0 && lexed.tokens[last - 1].kind == PyTokenKind::Newline) --last;
            ExpressionParser inner_parser(lexed.tokens, 0, last, arena_);
            const int expr = inner_parser.parse_expression();
            if (expr < 0 || !inner_parser.at_end()) return opaque(at, MsgCode::PyOpFString);
            parts.push_back(piece);
            piece.clear();
            kids.push_back(expr);
            i = close - 1;
        }
        parts.push_back(piece);
        node(n).parts = std::move(parts);
        node(n).kids = std::move(kids);
        return n;
    }

    int parse_call(int callee) {
        const PyToken& open = t_[pos_];
        ++pos_;
        int n = make(PyNodeKind::Call, "", node(callee).line, node(callee).column);
        node(n).kids = {callee};
        while (!accept(")")) {
            if (at_end()) return fail(open, Message(MsgCode::PyBracketNotClosed, {as_is("(")}));
            PyArg arg;
            arg.line = t_[pos_].line, arg.column = t_[pos_].column;
            if (is_op("*") || is_op("**")) {
                const PyToken& at = t_[pos_];
                ++pos_;
                arg.unpacked = parse_expression();
                if (arg.unpacked < 0) return -1;
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
                    arg.value = make(PyNodeKind::Opaque, message_template_en(MsgCode::PyOpGenerator), arg.line, arg.column);
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
    int parse_sequence(PyNodeKind kind, size_t open_index, const char* close) {
        const PyToken& open = t_[open_index];
        ++pos_;
        int n = make(kind, "", open.line, open.column);
        bool comma = false;
        while (!accept(close)) {
            if (at_end()) return fail(open, Message(MsgCode::PyBracketNotClosed, {as_is(open.text)}));
            int item;
            if (is_op("*")) {  // (*image_size, 3): a Unary "*", spliced in by the evaluator
                const PyToken& at = t_[pos_];
                ++pos_;
                const int inner = parse_expression();
                if (inner < 0) return -1;
                item = make(PyNodeKind::Unary, "*", at.line, at.column);
                node(item).kids.push_back(inner);
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
            if (accept(close)) { comma = comma || kind == PyNodeKind::List; break; }
            if (!accept(",")) return fail(current(), Message(MsgCode::PyWantCommaOr, {as_is(close)}));
            comma = true;
        }
        // `(x)` is x itself; `(x,)` and `()` are tuples.
        if (kind == PyNodeKind::Tuple && !comma && node(n).kids.size() == 1) return node(n).kids[0];
        return n;
    }

    int parse_atom() {
        if (at_end()) return fail(current(), Message(MsgCode::PyWantValue));
        const PyToken& tok = t_[pos_];
        switch (tok.kind) {
            case PyTokenKind::Number: ++pos_; return make(PyNodeKind::Number, tok.text, tok.line, tok.column);
            case PyTokenKind::String: {
                std::string value;
                bool fstring = false;
                while (!at_end() && t_[pos_].kind == PyTokenKind::String) {  // "a" "b" is "ab"
                    if (value.size() + t_[pos_].text.size() > size_t(kMaxPythonBytes)) break;
                    // A plain piece joined to an f-string keeps its braces as braces.
                    std::string text = t_[pos_].text;
                    if (!t_[pos_].fstring) {
                        std::string escaped;
                        for (char c : text) escaped += (c == '{' || c == '}') ? std::string(2, c) : std::string(1, c);
                        text = escaped;
                    }
                    fstring = fstring || t_[pos_].fstring;
                    value += text;
                    ++pos_;
                }
                if (fstring) return parse_fstring(value, tok);
                // No f-string in the run: undo the doubling.
                std::string plain;
                for (size_t i = 0; i < value.size(); ++i) {
                    plain += value[i];
                    if ((value[i] == '{' || value[i] == '}') && i + 1 < value.size() && value[i + 1] == value[i]) ++i;
                }
                return make(PyNodeKind::String, std::move(plain), tok.line, tok.column);
            }
            case PyTokenKind::Name: {
                static const char* const kReserved[] = {"if", "else", "elif", "for", "while", "in", "is", "and", "or",
                                                        "not", "def", "class", "return", "import", "from", "as",
                                                        "with", "try", "except", "finally", "raise", "pass", "del",
                                                        "global", "nonlocal", "assert", "break", "continue"};
                for (const char* word : kReserved)
                    if (tok.text == word) return fail(tok, Message(MsgCode::PyCannotStart, {as_is(tok.text)}));
                ++pos_;
                if (tok.text == "True") return make(PyNodeKind::True, "", tok.line, tok.column);
                if (tok.text == "False") return make(PyNodeKind::False, "", tok.line, tok.column);
                if (tok.text == "None") return make(PyNodeKind::None, "", tok.line, tok.column);
                return make(PyNodeKind::Name, tok.text, tok.line, tok.column);
            }
            case PyTokenKind::Op:
                if (tok.text == "(") return parse_sequence(PyNodeKind::Tuple, pos_, ")");
                if (tok.text == "[") return parse_sequence(PyNodeKind::List, pos_, "]");
                if (tok.text == "{") { skip_group(); return opaque(tok, MsgCode::PyOpDict); }
                if (tok.text == "...") { ++pos_; return opaque(tok, MsgCode::PyOpEllipsis); }
                return fail(tok, Message(MsgCode::PyCannotStart, {as_is(tok.text)}));
            default: return fail(tok, Message(MsgCode::PyWantValue));
        }
    }
};
// ---------------------------------------------------------------------------
// [SECTION] Statements and blocks
// ---------------------------------------------------------------------------

struct LogicalLine {
    size_t begin = 0, end = 0;  // tokens [begin, end); end is the Newline
    int line = 0, column = 0;   // of the first token: its column is the indentation
};

bool is_keyword(const PyToken& tok, std::initializer_list<const char*> words) {
    if (tok.kind != PyTokenKind::Name) return false;
    for (const char* w : words)
        if (tok.text == w) return true;
    return false;
}

bool is_op_token(const PyToken& tok, const char* op) { return tok.kind == PyTokenKind::Op && tok.text == op; }

class StatementParser {
public:
    explicit StatementParser(PyModule* module) : m_(*module), t_(module->tokens) {
        for (size_t k = 0, begin = 0; k < t_.size(); ++k) {
            if (t_[k].kind != PyTokenKind::Newline) continue;
            if (k > begin) lines_.push_back({begin, k, t_[begin].line, t_[begin].column});
            begin = k + 1;
        }
    }

    void parse_module() {
        size_t li = 0;
        parse_block(&li, 0, &m_.body);
    }

private:
    PyModule& m_;
    const std::vector<PyToken>& t_;
    std::vector<LogicalLine> lines_;

    bool next_line_is(size_t li, int column, std::initializer_list<const char*> words) const {
        return li < lines_.size() && lines_[li].column == column && is_keyword(t_[lines_[li].begin], words);
    }

    // The header's colon at bracket depth 0, or the line's end if it has none.
    size_t header_colon(const LogicalLine& line) const {
        for (size_t k = line.begin + 1; k < line.end; ++k)
            if (is_op_token(t_[k], ":") && t_[k].depth == 0) return k;
        return line.end;
    }

    void parse_block(size_t* li, int header_column, std::vector<PyStatement>* out) {
        while (*li < lines_.size() && lines_[*li].column > header_column) parse_line(li, out);
    }

    void parse_line(size_t* li, std::vector<PyStatement>* out) {
        const LogicalLine& line = lines_[*li];
        const PyToken& first = t_[line.begin];
        if (is_op_token(first, "@")) {  // a decorator
            ++*li;
            return;
        }
        PyStatement compound;
        compound.line = first.line, compound.column = first.column;
        compound.token_begin = line.begin, compound.token_end = line.end;
        if (is_keyword(first, {"if"})) {
            compound.kind = PyStmtKind::If;
            do parse_clause(li, &compound);
            while (next_line_is(*li, line.column, {"elif", "else"}));
        } else if (is_keyword(first, {"for", "while"})) {
            compound.kind = PyStmtKind::Loop;
            do parse_clause(li, &compound);
            while (next_line_is(*li, line.column, {"else"}));
        } else if (is_keyword(first, {"try"})) {
            compound.kind = PyStmtKind::Try;
            do parse_clause(li, &compound);
            while (next_line_is(*li, line.column, {"except", "else", "finally"}));
        } else if (is_keyword(first, {"with", "def", "class", "async"})) {
            compound.kind = PyStmtKind::Plain;
            parse_clause(li, &compound);
        } else if (is_keyword(first, {"elif", "else", "except", "finally", "match", "case"}) &&
                   line.end > line.begin + 1 && header_colon(line) != line.end) {
            compound.kind = PyStmtKind::Undecided;
            parse_clause(li, &compound);
        } else {
            parse_simple(line.begin, line.end, out);
            ++*li;
            return;
        }
        out->push_back(std::move(compound));
    }

    void parse_clause(size_t* li, PyStatement* compound) {
        const LogicalLine& line = lines_[*li];
        const PyToken& first = t_[line.begin];
        PyClause clause;
        clause.keyword = first.text;
        clause.line = first.line, clause.column = first.column;
        const size_t colon = header_colon(line);
        if (is_keyword(first, {"if", "elif"})) clause.condition = string_test(line.begin + 1, colon);
        if (is_keyword(first, {"if", "elif", "while"}) && colon < line.end) clause.test = parse_expr(line.begin + 1, colon);
        if (is_keyword(first, {"for"}) && colon < line.end) {
            size_t in = line.begin + 1;
            while (in < colon && !(is_keyword(t_[in], {"in"}) && t_[in].depth == first.depth)) ++in;
            if (in < colon) {
                clause.target = parse_expr(line.begin + 1, in);
                clause.iter = parse_expr(in + 1, colon);
            }
        }
        if (is_keyword(first, {"def"}) && line.begin + 1 < colon && t_[line.begin + 1].kind == PyTokenKind::Name)
            parse_def_header(line.begin + 1, colon, &clause);
        if (is_keyword(first, {"class"}) && line.begin + 1 < colon && t_[line.begin + 1].kind == PyTokenKind::Name) {
            clause.name = t_[line.begin + 1].text;  // class Name(bases): the bases in target
            if (line.begin + 2 < colon && is_op_token(t_[line.begin + 2], "(") && is_op_token(t_[colon - 1], ")") &&
                line.begin + 3 < colon - 1)
                clause.target = parse_expr(line.begin + 3, colon - 1);
        }
        ++*li;
        if (colon + 1 < line.end) parse_simple(colon + 1, line.end, &clause.body);
        parse_block(li, line.column, &clause.body);
        compound->clauses.push_back(std::move(clause));
    }

    // `name(a, b=2, *args, c: int = 3, **kw) -> T`: the name and each parameter.
    void parse_def_header(size_t at, size_t colon, PyClause* clause) {
        clause->name = t_[at].text;
        size_t k = at + 1;
        if (k >= colon || !is_op_token(t_[k], "(")) return;
        const int depth = t_[k].depth + 1;
        ++k;
        while (k < colon) {
            if (is_op_token(t_[k], ")") && t_[k].depth == depth - 1) break;
            size_t stop = k;  // this parameter's end: a comma or the closing bracket at this depth
            while (stop < colon && !((is_op_token(t_[stop], ",") || is_op_token(t_[stop], ")")) && t_[stop].depth <= depth - (is_op_token(t_[stop], ")") ? 1 : 0)))
                ++stop;
            PyParam p;
            size_t n = k;
            if (is_op_token(t_[n], "*")) p.star = 1, ++n;
            else if (is_op_token(t_[n], "**")) p.star = 2, ++n;
            if (n < stop && t_[n].kind == PyTokenKind::Name) {
                p.name = t_[n].text;
                size_t eq = n + 1;
                while (eq < stop && !(is_op_token(t_[eq], "=") && t_[eq].depth == depth)) ++eq;
                if (eq < stop) p.default_value = parse_expr(eq + 1, stop);
                clause->params.push_back(std::move(p));
            }
            k = stop;
            if (k < colon && is_op_token(t_[k], ",")) ++k;
        }
    }

    PyStringTest string_test(size_t begin, size_t end) const {
        PyStringTest test;
        int equal = 0, not_equal = 0, other = 0, strings = 0;
        for (size_t k = begin; k < end; ++k) {
            const PyToken& tok = t_[k];
            if (tok.kind == PyTokenKind::String) ++strings, test.text = tok.text;
            else if (is_op_token(tok, "==")) ++equal;
            else if (is_op_token(tok, "!=")) ++not_equal;
            else if (is_keyword(tok, {"and", "or", "not", "in", "is", "if", "else", "lambda"})) ++other;
            else if (tok.kind == PyTokenKind::Name) test.names.push_back(tok.text);
        }
        test.decidable = equal + not_equal == 1 && other == 0 && strings == 1;
        test.equal = equal == 1;
        return test;
    }

    // A line's statements, split at top-level semicolons.
    void parse_simple(size_t begin, size_t end, std::vector<PyStatement>* out) {
        size_t start = begin;
        for (size_t k = begin; k <= end; ++k) {
            bool split = k == end || (is_op_token(t_[k], ";") && t_[k].depth == 0);
            if (!split) continue;
            if (k > start) parse_statement(start, k, out);
            start = k + 1;
        }
    }

    // Tokens [begin, end) as one expression list.
    PyExpr parse_expr(size_t begin, size_t end) {
        ExpressionParser parser(t_, begin, end, &m_.nodes);
        PyExpr e;
        e.root = parser.parse_expression_list();
        if (e.ok() && !parser.at_end())
            e.root = parser.fail_here(Message(MsgCode::PyUnexpectedHere, {as_is(t_[parser.position()].text)}));
        if (!e.ok()) e.error = {parser.error(), parser.error_line(), parser.error_column()};
        return e;
    }

    void parse_statement(size_t begin, size_t end, std::vector<PyStatement>* out) {
        const PyToken& first = t_[begin];
        PyStatement s;
        s.line = first.line, s.column = first.column;
        if (is_keyword(first, {"import", "from"})) {
            s.kind = PyStmtKind::Import;
            s.token_begin = begin, s.token_end = end;
            s.imports = parse_import(begin, end);
            out->push_back(std::move(s));
            return;
        }
        if (is_keyword(first, {"break", "continue"}) && begin + 1 == end) {
            s.kind = first.text == "break" ? PyStmtKind::Break : PyStmtKind::Continue;
            s.token_begin = begin, s.token_end = end;
            out->push_back(std::move(s));
            return;
        }
        if (is_keyword(first, {"pass", "global", "nonlocal", "del", "assert", "raise", "yield", "print", "exec"}) &&
            !(begin + 1 < end && is_op_token(t_[begin + 1], "(")))
            return;
        if (is_keyword(first, {"return"})) {  // `return keras.Sequential([...])` builds the model
            s.kind = PyStmtKind::Return;
            s.token_begin = begin + 1, s.token_end = end;
            if (begin + 1 < end) s.value = parse_expr(begin + 1, end);
            out->push_back(std::move(s));
            return;
        }
        if (begin >= end) return;
        s.token_begin = begin, s.token_end = end;

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
        if (!equals.empty()) {
            s.kind = PyStmtKind::Assign;
            s.value = parse_expr(equals.back() + 1, end);
            size_t start = begin;
            for (size_t eq : equals) {
                s.targets.push_back(parse_expr(start, std::min(eq, annotation)));
                start = eq + 1;
            }
        } else if (augmented != end) {
            s.kind = PyStmtKind::AugAssign;
            s.targets.push_back(parse_expr(begin, augmented));
            if (s.targets[0].ok()) s.value = parse_expr(augmented + 1, end);
            s.op = t_[augmented].text.substr(0, t_[augmented].text.size() - 1);
        } else if (annotation == end) {
            s.kind = PyStmtKind::Expression;
            s.value = parse_expr(begin, end);
        } else {
            return;  // `x: int` names a type and binds nothing
        }
        out->push_back(std::move(s));
    }

    // `import a.b as c`, `from a.b import (c as d, e)`. `import *` or something
    // malformed ends the list: it binds nothing ConvLab could name.
    std::vector<PyImport> parse_import(size_t begin, size_t end) const {
        std::vector<PyImport> imports;
        std::string module;
        size_t k = begin + 1;
        auto dotted = [&]() {
            std::string name;
            while (k < end && (t_[k].kind == PyTokenKind::Name || is_op_token(t_[k], ".")) && t_[k].text != "import" &&
                   t_[k].text != "as") {
                name += t_[k].text;
                ++k;
            }
            return name;
        };
        const bool from = t_[begin].text == "from";
        if (from) {
            module = dotted();
            if (k >= end || t_[k].text != "import") return imports;
            ++k;
        }
        while (k < end) {
            if (is_op_token(t_[k], "(") || is_op_token(t_[k], ")") || is_op_token(t_[k], ",")) {
                ++k;
                continue;
            }
            std::string name = dotted();
            if (name.empty()) return imports;
            PyImport binding;
            binding.bound = name.substr(0, name.find('.'));
            binding.target = from ? module + "." + name : binding.bound;
            if (k + 1 < end && t_[k].text == "as" && t_[k + 1].kind == PyTokenKind::Name) {
                binding.bound = t_[k + 1].text;
                binding.target = from ? module + "." + name : name;
                k += 2;
            }
            imports.push_back(std::move(binding));
        }
        return imports;
    }
};

}  // namespace

PyModule parse_python(std::vector<PyToken> tokens) {
    PyModule module;
    module.tokens = std::move(tokens);
    StatementParser(&module).parse_module();
    return module;
}

std::string py_dotted_path(const std::vector<PyNode>& nodes, int n) {
    const PyNode& x = nodes[size_t(n)];
    if (x.kind == PyNodeKind::Name) return x.text;
    if (x.kind != PyNodeKind::Attr) return "";
    std::string base = py_dotted_path(nodes, x.kids[0]);
    return base.empty() ? "" : base + "." + x.text;
}

}  // namespace convlab
