// language.h: which language the page shows, and getting there. The learner's
// choice (menu, link, local settings or the browser's language on a first
// visit) is `wanted`; Chinese is shown only once its font is in the atlas, so
// the page never draws missing-glyph boxes. Not the string table (strings.h).
#pragma once
#include <string>

#include "app/text/strings.h"

struct App;

struct LanguageState {
    Lang wanted = Lang::En;
    Lang shown = Lang::En;       // what the page shows: `wanted` once its font is in the atlas
    enum class Font { None, Loading, Loaded, Failed } cjk = Font::None;  // the Chinese font
    int request = 0;             // platform_fetch_begin's id while the font loads
    bool fonts_dirty = false;    // main.cpp rebuilds the atlas and its GL texture, then clears it
};

constexpr const char* kLanguageKey = "convlab.lang";  // local settings (localStorage)

// At startup: the link's lang= first, then the local settings, then the browser.
void language_init(App& app, bool url_has_lang, Lang url_lang);
// Asks for a language. remember: keep it in local settings (a choice in the menu).
void language_request(App& app, Lang lang, bool remember);
// Once a frame, before anything is drawn: finishes the font load and switches.
void language_frame(App& app);
// Called after the font atlas has been rebuilt with whatever fonts are loaded.
void language_fonts_rebuilt(App& app);
// A line for the menu bar while the Chinese font loads or after it failed, else null.
const char* language_status(const App& app);
// How many glyphs of the last rendered frame were ImGui's fallback glyph (U+FFFD,
// what a character missing from every font turns into): the test hook's box detector.
int language_fallback_glyphs_drawn();
std::string language_state_json(const App& app);
