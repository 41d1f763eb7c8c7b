// wrapped_text.h: text wrapped at spaces (and at the U+3000 marks the string
// table puts between Chinese characters) only. ImGui 1.86's TextWrapped also
// breaks after a comma or a full stop, which splits "1,181,161" or "-0.009"
// over two lines.
#pragma once
#include <string>

void wrapped_text(const std::string& s);
