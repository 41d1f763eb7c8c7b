// formula_view.h: draws a core Formula inline, each number in the colour of
// its role, with the role's name on hover and a legend beneath.
#pragma once
#include "core/analysis/formula.h"

struct App;

// In app's language, fonts and light or dark colours.
void formula_view(const App& app, const convlab::Formula& f, bool legend);
