// conv_view_text.h: what the convolution view's files share besides
// conv_view.h: sentence templates with {0}, {1}, ... slots (the string table
// holds them per language), number formatting, the step sentence, the
// playground's fields and the frame-time figures.
#pragma once
#include <initializer_list>
#include <string>

#include "app/conv_view/conv_view.h"

// "{0} of {1}" with args → "3 of 32".
void fill_template(std::string* out, const char* tmpl, std::initializer_list<std::string> args);
std::string num(double v);      // 3 decimals: "0.527"
std::string count(int64_t v);   // thousands separators: "18,207"

// Where the layer's weights come from: learned in training, or Keras's initial values.
std::string conv_view_weights_note(Lang lang, const ConvView& view);
// An elementwise merge's step as arithmetic on the values shown: "0.310 + 0.120
// = 0.430", "max(0.310, −0.120) = 0.310"; the result is the network's output
// there (the trace's), never worked out here.
std::string merge_equation(const ConvView& view);
// Rewrites view.description for the current step.
void conv_view_describe(Lang lang, ConvView& view);

// Sets a playground field by name (cin, kh, kw, cout, stride, dilation, padding)
// from text; the layer is then rebuilt through summarize(). False with *error
// when the text is not a value for that field (the core judges the rest).
bool conv_view_set_field(App& app, ConvView& view, const std::string& field, const std::string& value,
                         std::string* error);

// Zooms by wheel notches (positive: in, towards the window in focus).
void conv_view_zoom(ConvView& view, float notches);

// Median and 95th percentile of the measured frames, as JSON.
std::string conv_perf_json(const ConvPerf& perf);
// Records one frame (wasm time and the interval since the last frame start).
void conv_perf_frame(ConvPerf* perf, double frame_start_ms, double cpu_ms);
