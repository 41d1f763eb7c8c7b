// base64.h: standard base64 (RFC 4648 section 4, with '=' padding) for the
// weights inside a saved ConvLab file and in the page's local storage. Decoding
// treats its input as hostile: any character outside the alphabet, or padding
// anywhere but the end, is an error. Not base64url: model_url.h has its own.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace convlab {

std::string base64_encode(const uint8_t* bytes, size_t size);
// False when `text` is not well-formed base64 (whitespace is not allowed).
bool base64_decode(std::string_view text, std::vector<uint8_t>* out);

}  // namespace convlab
