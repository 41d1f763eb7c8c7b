# embed.cmake: turns a file into a C++ source holding its bytes, so fonts and
# shaders are part of the binary and nothing is fetched (or can 404) at startup.
# Usage: cmake -DIN=file -DOUT=file.cpp -DSYMBOL=name [-DTEXT=1] -P embed.cmake
# TEXT=1 appends a terminating zero so the bytes can be used as a C string.
file(READ "${IN}" hex HEX)
if(TEXT)
  string(APPEND hex "00")
endif()
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp"
  "// Generated from ${IN} by tools/cmake/embed.cmake. Do not edit.\n"
  "#include <cstddef>\n"
  "extern const unsigned char ${SYMBOL}[] = {\n${bytes}\n};\n"
  "extern const std::size_t ${SYMBOL}_size = ${size};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
