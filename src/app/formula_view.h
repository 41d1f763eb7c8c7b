// formula_view.h: draws a core Formula inline, each number in the colour of
// its role, with the role's name on hover and a legend beneath.
#pragma once
#include "core/analysis/formula.h"

void formula_view(const convlab::Formula& f, bool dark, bool legend);
