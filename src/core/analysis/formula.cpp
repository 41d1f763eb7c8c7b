// formula.cpp: renders a Formula as one line of text, the way the lesson writes
// it: "(3 × 3 × 32 + 1) × 63 = 18,207". Not the UI's coloured rendering: that
// walks the tokens itself and uses each number's Role.
// Numbers below 10,000 stay bare (9072) so short sums read like arithmetic.
#include "core/analysis/formula.h"

namespace convlab {

std::string with_thousands(int64_t v) {
    // Work on the magnitude as unsigned so INT64_MIN cannot overflow on negation.
    uint64_t magnitude = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    std::string digits = std::to_string(magnitude);
    std::string out;
    int64_t n = int64_t(digits.size());
    for (int64_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[size_t(i)];
    }
    return v < 0 ? "−" + out : out;
}

static std::string number_text(int64_t v) {
    bool large = v >= 10000 || v <= -10000;
    if (large) return with_thousands(v);
    return v < 0 ? "−" + std::to_string(-v) : std::to_string(v);
}

std::string to_text(const Formula& f) {
    std::string out;
    for (const Token& t : f.tokens) {
        switch (t.kind) {
            case TokenKind::Number: out += number_text(t.value); break;
            case TokenKind::Open:
            case TokenKind::Close: out += t.op; break;
            case TokenKind::Op:
                // A comma separates arguments ("max(0, 3)"); every other operator
                // stands between spaces.
                if (std::string(t.op) == ",") out += ", ";
                else out += std::string(" ") + t.op + " ";
                break;
        }
    }
    return out + " = " + number_text(f.result);
}

}  // namespace convlab
