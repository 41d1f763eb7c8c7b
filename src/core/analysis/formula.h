// formula.h: arithmetic as data. "(3 × 3 × 32 + 1) × 63 = 18,207" is a list of
// tokens, each number tagged with the role it plays (kernel height, input
// channels, bias, ...), so the UI can colour every term by the dimension it
// comes from and the lesson can point at one of them. to_text renders it plainly.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace convlab {

// What a number in a formula stands for. The UI gives each a colour and a label.
enum class Role : uint8_t {
    None, KernelH, KernelW, InChannels, OutChannels, Bias, DepthMultiplier,
    Units, InFeatures, InputSize, Stride, Padding, Dilation, KernelReach,
    OutputSize, PoolSize, Height, Width, Channels,
    // A receptive field's size and jump (receptive_field.h).
    FieldSize, Jump, Count
};

enum class TokenKind : uint8_t { Number, Op, Open, Close };

struct Token {
    TokenKind kind = TokenKind::Number;
    int64_t value = 0;      // Number
    Role role = Role::None; // Number
    const char* op = "";    // Op / Open / Close: "×", "+", "−", "/", "⌊", "⌋", "⌈", "⌉", "(", ")", "max(", ","
};

struct Formula {
    std::vector<Token> tokens;  // left side, without "= result"
    int64_t result = 0;
    bool empty() const { return tokens.empty(); }

    // Builders, so a layer writes its formula the way it reads:
    //   f.open().num(3, Role::KernelH).op("×").num(3, Role::KernelW)...close()
    Formula& num(int64_t v, Role r) { tokens.push_back({TokenKind::Number, v, r, ""}); return *this; }
    Formula& op(const char* s) { tokens.push_back({TokenKind::Op, 0, Role::None, s}); return *this; }
    Formula& open(const char* s = "(") { tokens.push_back({TokenKind::Open, 0, Role::None, s}); return *this; }
    Formula& close(const char* s = ")") { tokens.push_back({TokenKind::Close, 0, Role::None, s}); return *this; }
    Formula& equals(int64_t r) { result = r; return *this; }
};

// "(3 × 3 × 32 + 1) × 63 = 18,207": numbers at or above 10,000 get thousands separators.
std::string to_text(const Formula& f);
std::string with_thousands(int64_t v);  // 1181161 -> "1,181,161"

}  // namespace convlab
