// screen_reader.h: the page's screen-reader region (web/index.html): the
// summary table in #sr-summary and the training status in #sr-status, as plain
// text in the page's language, written only when the text changes (#sr-conv
// is the convolution view's own, conv_view_panel.cpp). Not a second summary:
// every number is the core's, and what the lesson hides (lesson_hides_working)
// stays out of the mirror too.
#pragma once
#include <string>

struct App;

struct ScreenReaderMirror {
    std::string title, summary, status;  // the texts last written, to write again only on a change
    std::string summary_key;             // what the summary text was built from (screen_reader_frame)
};

// Once a frame, after the panels: brings both texts up to date.
void screen_reader_frame(App& app);
