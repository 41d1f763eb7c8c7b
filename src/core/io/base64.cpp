// base64.cpp: every 3 bytes become 4 characters of 6 bits each; a final 1 or 2
// bytes are padded with '=' to 4 characters. Reference: RFC 4648 section 4.
#include "core/io/base64.h"

namespace convlab {
namespace {

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string base64_encode(const uint8_t* bytes, size_t size) {
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const uint32_t v = uint32_t(bytes[i]) << 16 | uint32_t(bytes[i + 1]) << 8 | bytes[i + 2];
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += kAlphabet[v >> 6 & 63];
        out += kAlphabet[v & 63];
    }
    if (i < size) {
        const bool two = i + 1 < size;
        const uint32_t v = uint32_t(bytes[i]) << 16 | (two ? uint32_t(bytes[i + 1]) << 8 : 0u);
        out += kAlphabet[v >> 18 & 63];
        out += kAlphabet[v >> 12 & 63];
        out += two ? kAlphabet[v >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

bool base64_decode(std::string_view text, std::vector<uint8_t>* out) {
    out->clear();
    if (text.size() % 4 != 0) return false;
    out->reserve(text.size() / 4 * 3);
    for (size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
        if (pad == 1 && text[i + 2] == '=') return false;  // "x=y=" is not padding
        int v[4];
        for (int k = 0; k < 4 - pad; ++k)
            if ((v[k] = base64_sextet(text[i + size_t(k)], '+', '/')) < 0) return false;
        for (int k = 4 - pad; k < 4; ++k) v[k] = 0;
        const uint32_t bits = uint32_t(v[0]) << 18 | uint32_t(v[1]) << 12 | uint32_t(v[2]) << 6 | uint32_t(v[3]);
        out->push_back(uint8_t(bits >> 16));
        if (pad < 2) out->push_back(uint8_t(bits >> 8 & 255));
        if (pad < 1) out->push_back(uint8_t(bits & 255));
    }
    return true;
}

}  // namespace convlab
