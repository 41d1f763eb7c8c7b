// base64.h: standard base64 (RFC 4648 section 4, with '=' padding) for the
// weights inside a saved ConvLab file and in the page's local storage. Decoding
// treats its input as hostile: any character outside the alphabet, or padding
// anywhere but the end, is an error. Not base64url: model_url.h has its own
// encoder and decoder, and shares only base64_sextet.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace convlab {

// The 6-bit value of c in an alphabet of A-Z, a-z, 0-9 and then c62 and c63
// ('+' and '/' in base64, '-' and '_' in base64url), or -1 for any other c.
inline int base64_sextet(char c, char c62, char c63) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == c62) return 62;
    if (c == c63) return 63;
    return -1;
}

std::string base64_encode(const uint8_t* bytes, size_t size);
// False when `text` is not well-formed base64 (whitespace is not allowed).
bool base64_decode(std::string_view text, std::vector<uint8_t>* out);

}  // namespace convlab
