// strings_row.h: one row of the string table, shared by the files that hold
// rows (strings.cpp, strings_messages.cpp). Not for UI code: it asks tr().
#pragma once
#include <cstddef>

#include "app/text/strings.h"

struct StringRow {
    Str key;
    const char* text[size_t(Lang::Count)];
};

// The core's sentences (convlab::MsgCode), Str::MsgText onwards.
extern const StringRow kMessageRows[];
