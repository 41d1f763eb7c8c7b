// panels.h: one function per panel, each drawing into the rectangle the app's
// layout gives it. Panels read the App and change it only through app.h.
#pragma once
#include <string>

#include "core/analysis/receptive_field.h"
#include "app/text/strings.h"
#include <imgui.h>

struct App;

// Top-level windows, placed by app_frame.
void editor_panel(App& app, ImVec2 pos, ImVec2 size);
void editor_shortcuts(App& app);  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y; editor_panel calls it
void workspace(App& app, ImVec2 pos, ImVec2 size);
// Child regions inside the workspace's tabs (a 0 size component fills the rest).
void summary_panel(App& app, ImVec2 size);
// The width the summary needs for every cell of its shown columns uncut.
// two_line: with each layer's class under its name (a narrow panel).
float summary_panel_width(App& app, bool two_line = false);
void arithmetic_panel(App& app, ImVec2 size);
// "This model cannot be built" and why, in red: the summary's first lines,
// and the arithmetic panel's while the summary may be scrolled away.
void invalid_model_banner(const App& app);
// A summary row's receptive-field cell: its size, or the kind in words (summary_panel.cpp).
std::string field_cell(Lang lang, const convlab::ReceptiveField& f);
void training_panel(App& app, ImVec2 size);
void notices_bar(App& app);
void main_menu(App& app);
void embed_layout(App& app, ImVec2 origin, ImVec2 avail, float gap);  // #embed=1 (app.cpp)
void open_in_convlab_button(App& app, ImVec2 corner, bool back_to_question);
void open_in_convlab(App& app);  // the page without embed=1, in a new tab
void workspace_waits(App& app, ImVec2 pos, ImVec2 size);
void keys_window(App& app);               // the keyboard shortcuts, keys_window.cpp
void keys_window_toggle_on_key(App& app);  // "?" outside a text field
