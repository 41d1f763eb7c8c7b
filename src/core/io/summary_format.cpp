// summary_format.cpp: the text forms of a ModelSummary (see summary_format.h).
// The two Keras tables copy Keras's layout rules literally, including where
// Keras 2.2 cuts a field short, so a learner can lay ConvLab's output over
// what their own Keras printed.
#include "core/io/summary_format.h"

#include <cstdio>

#include "core/analysis/formula.h"
#include "core/io/json.h"
#include "core/analysis/layer_kind.h"

namespace convlab {

namespace {

const char* class_name(LayerKind kind) { return layer_kind_info(kind).class_name; }

// Width in characters (UTF-8 code points), which is what Python's len() counts.
int64_t text_width(const std::string& s) {
    int64_t n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
}

// The first `width` code points of s.
std::string cut(const std::string& s, int64_t width) {
    int64_t n = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == width) return s.substr(0, i);
            ++n;
        }
    }
    return s;
}

std::string repeat(const std::string& unit, int64_t count) {
    std::string out;
    for (int64_t i = 0; i < count; ++i) out += unit;
    return out;
}

// ---- Keras 2.2 ---------------------------------------------------------------

// Keras 2.2's print_row: each field is appended after turning the previous
// field's last character into a space, then the line is cut or padded to the
// field's end position. That is why a 30-character name loses its last two.
std::string keras2_row(const std::string (&fields)[3]) {
    const int64_t positions[3] = {29, 55, 65};
    std::string line;
    for (int i = 0; i < 3; ++i) {
        if (i > 0) line = cut(line, text_width(line) - 1) + " ";
        line = cut(line + fields[i], positions[i]);
        line += std::string(size_t(positions[i] - text_width(line)), ' ');
    }
    return line + "\n";
}

// ---- Keras 3 -----------------------------------------------------------------

// Greedy word wrap as rich does it: break at spaces, and cut a word that is
// longer than the whole width into pieces.
std::vector<std::string> wrap(const std::string& text, int64_t width) {
    std::vector<std::string> lines;
    std::string current;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        if (!current.empty() && text_width(current) + 1 + text_width(word) <= width) {
            current += " " + word;
            continue;
        }
        if (!current.empty()) lines.push_back(current);
        current.clear();
        while (text_width(word) > width) {
            lines.push_back(cut(word, width));
            word = word.substr(cut(word, width).size());
        }
        current = word;
    }
    if (!current.empty() || lines.empty()) lines.push_back(current);
    return lines;
}

// Python's round() of a/b for positive a, b: halves go to the even neighbour.
int64_t round_half_even(int64_t a, int64_t b) {
    int64_t q = a / b, r = a % b;
    if (2 * r > b || (2 * r == b && q % 2 == 1)) ++q;
    return q;
}

// The three column widths inside the borders, padding included. Keras asks for
// int(0.45·L), int(0.80·L) − that, and the rest; rich adds one space of padding
// each side, finds the table 10 characters too wide for L (4 border characters),
// and takes the excess back evenly with rich's ratio_reduce.
void keras3_columns(int line_length, int64_t widths[3]) {
    const double positions[3] = {0.45, 0.80, 1.0};
    int64_t current = 0;
    for (int i = 0; i < 3; ++i) {
        int64_t end = int64_t(positions[i] * line_length);
        widths[i] = end - current + 2;
        current = end;
    }
    int64_t excess = widths[0] + widths[1] + widths[2] - (line_length - 4);
    int64_t ratio_left = 3;
    for (int i = 0; i < 3 && excess > 0; ++i) {
        int64_t take = round_half_even(excess, ratio_left);
        widths[i] -= take;
        excess -= take;
        --ratio_left;
    }
}

std::string keras3_rule(const int64_t widths[3], const char* left, const char* fill, const char* mid,
                        const char* right) {
    std::string line = left;
    for (int i = 0; i < 3; ++i) line += repeat(fill, widths[i]) + (i < 2 ? mid : right);
    return line + "\n";
}

std::string keras3_row(const int64_t widths[3], const std::string (&cells)[3], const char* bar) {
    std::vector<std::string> wrapped[3];
    size_t height = 1;
    for (int i = 0; i < 3; ++i) {
        wrapped[i] = wrap(cells[i], widths[i] - 2);
        if (wrapped[i].size() > height) height = wrapped[i].size();
    }
    std::string out;
    for (size_t row = 0; row < height; ++row) {
        out += bar;
        for (int i = 0; i < 3; ++i) {
            std::string text = row < wrapped[i].size() ? wrapped[i][row] : "";
            std::string gap(size_t(widths[i] - 2 - text_width(text)), ' ');
            bool right_aligned = i == 2;  // Param #
            out += " " + (right_aligned ? gap + text : text + gap) + " " + bar;
        }
        out += "\n";
    }
    return out;
}

}  // namespace

std::string format_summary_keras2(const ModelSummary& summary) {
    const std::string rule_thin(65, '_'), rule_thick(65, '=');
    std::string out = rule_thin + "\n";
    out += keras2_row({"Layer (type)", "Output Shape", "Param #"});
    out += rule_thick + "\n";
    for (size_t i = 0; i < summary.layers.size(); ++i) {
        const LayerSummary& row = summary.layers[i];
        out += keras2_row({row.name + " (" + class_name(row.kind) + ")", row.analysis.output.to_string(),
                           std::to_string(row.analysis.params)});
        out += (i + 1 == summary.layers.size() ? rule_thick : rule_thin) + "\n";
    }
    out += "Total params: " + with_thousands(summary.total_params) + "\n";
    out += "Trainable params: " + with_thousands(summary.trainable_params) + "\n";
    out += "Non-trainable params: " + with_thousands(summary.non_trainable_params) + "\n";
    out += rule_thin + "\n";
    return out;
}

std::string readable_memory_size(double bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    int unit = 0;
    while (unit < 5 && bytes / 1024 >= 1) {
        bytes /= 1024;
        ++unit;
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.2f %s", bytes, units[unit]);
    return text;
}

std::string format_summary_keras3(const ModelSummary& summary, int line_length) {
    if (line_length < 40) line_length = 40;  // Keras refuses columns under 4 characters
    int64_t widths[3];
    keras3_columns(line_length, widths);
    std::string out = "Model: \"sequential\"\n";
    out += keras3_rule(widths, "┏", "━", "┳", "┓");
    out += keras3_row(widths, {"Layer (type)", "Output Shape", "Param #"}, "┃");
    out += keras3_rule(widths, "┡", "━", "╇", "┩");
    for (size_t i = 0; i < summary.layers.size(); ++i) {
        const LayerSummary& row = summary.layers[i];
        if (i > 0) out += keras3_rule(widths, "├", "─", "┼", "┤");
        out += keras3_row(widths,
                          {row.name + " (" + class_name(row.kind) + ")", row.analysis.output.to_string(),
                           with_thousands(row.analysis.params)},
                          "│");
    }
    out += keras3_rule(widths, "└", "─", "┴", "┘");
    // float32 weights: 4 bytes per parameter.
    auto line = [](const char* label, int64_t count) {
        return std::string(" ") + label + with_thousands(count) + " (" + readable_memory_size(double(count) * 4) +
               ")\n";
    };
    out += line("Total params: ", summary.total_params);
    out += line("Trainable params: ", summary.trainable_params);
    out += line("Non-trainable params: ", summary.non_trainable_params);
    return out;
}

std::string format_summary_json(const ModelSummary& summary) {
    std::string out = "{\"layers\":[";
    for (size_t i = 0; i < summary.layers.size(); ++i) {
        const LayerSummary& row = summary.layers[i];
        const LayerAnalysis& a = row.analysis;
        if (i) out += ",";
        out += "{\"name\":" + json_quote(row.name);
        out += ",\"class_name\":" + json_quote(class_name(row.kind));
        out += ",\"output_shape\":[null";
        for (int d = 0; d < a.output.rank; ++d) out += "," + std::to_string(a.output.dim[d]);
        out += "],\"params\":" + std::to_string(a.params);
        out += ",\"trainable_params\":" + std::to_string(a.trainable);
        out += ",\"non_trainable_params\":" + std::to_string(a.non_trainable);
        out += ",\"formula\":" + (a.param_formula.empty() ? std::string("null") : json_quote(to_text(a.param_formula)));
        out += "}";
    }
    out += "],\"total_params\":" + std::to_string(summary.total_params);
    out += ",\"trainable_params\":" + std::to_string(summary.trainable_params);
    out += ",\"non_trainable_params\":" + std::to_string(summary.non_trainable_params);
    return out + "}";
}

}  // namespace convlab
