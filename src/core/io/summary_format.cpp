// summary_format.cpp: the text forms of a ModelSummary (see summary_format.h).
// The two Keras tables copy Keras's layout rules literally, including where
// Keras 2.2 cuts a field short, so a learner can lay ConvLab's output over
// what their own Keras printed.
#include "core/io/summary_format.h"

#include <cstdio>

#include <algorithm>

#include "core/analysis/formula.h"
#include "core/io/json.h"
#include "core/analysis/layer_kind.h"

namespace convlab {

const char* summary_class_name(const LayerSummary& row) {
    if (row.kind == LayerKind::Model && row.analysis.nested && !row.analysis.nested->functional) return "Sequential";
    return layer_kind_info(row.kind).class_name;
}

namespace {

const char* class_name(const LayerSummary& row) { return summary_class_name(row); }

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
std::string keras2_row(const std::vector<std::string>& fields, const std::vector<int64_t>& positions) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line = cut(line, text_width(line) - 1) + " ";
        line = cut(line + fields[i], positions[i]);
        line += std::string(size_t(positions[i] - text_width(line)), ' ');
    }
    return line + "\n";
}

// "conv2d_1[0][0]": how Keras names a tensor a layer receives.
std::string connection(const InboundRef& r) {
    return r.name + "[" + std::to_string(r.call) + "][" + std::to_string(r.tensor) + "]";
}

// Keras 2.2 asks layer.output_shape, which fails for a layer whose calls give
// different shapes: the summary then says "multiple".
std::string keras2_shape(const LayerSummary& row) {
    return row.multiple_shapes ? "multiple" : row.analysis.output.to_string();
}

// ---- Keras 3 -----------------------------------------------------------------

// Greedy word wrap as rich does it in Keras 3's table: break at spaces, and a
// word longer than the whole width is cut short with "…" (the column's
// overflow="ellipsis"), as keras.io's toy_resnet summary shows
// "global_average_poo…" and "max_pooling2d_2[…".
std::vector<std::string> wrap_words(const std::string& text, int64_t width);

// Leading spaces (expand_nested's indentation) stay on the first line, as rich keeps them.
std::vector<std::string> wrap(const std::string& text, int64_t width) {
    const size_t lead = std::min(text.find_first_not_of(' '), text.size());
    if (lead == 0 || int64_t(lead) >= width) return wrap_words(text, width);
    std::vector<std::string> lines = wrap_words(text.substr(lead), width - int64_t(lead));
    lines[0] = std::string(lead, ' ') + lines[0];
    return lines;
}

std::vector<std::string> wrap_words(const std::string& text, int64_t width) {
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
        if (text_width(word) > width) word = cut(word, width - 1) + "…";
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

// The column widths inside the borders, padding included. Keras asks for
// int(p·L) − the previous end at each position p (0.45, 0.80, 1.0 for three
// columns; 0.3, 0.56, 0.74, 1.0 with "Connected to"); rich adds one space of
// padding each side, finds the table too wide for L by the padding and the
// borders (columns + 1 characters), and takes the excess back evenly with
// rich's ratio_reduce.
std::vector<int64_t> keras3_columns(int line_length, const std::vector<double>& positions) {
    std::vector<int64_t> widths;
    int64_t current = 0;
    for (double p : positions) {
        int64_t end = int64_t(p * line_length);
        widths.push_back(end - current + 2);
        current = end;
    }
    int64_t excess = -(line_length - int64_t(widths.size() + 1));
    for (int64_t w : widths) excess += w;
    int64_t ratio_left = int64_t(widths.size());
    for (size_t i = 0; i < widths.size() && excess > 0; ++i) {
        int64_t take = round_half_even(excess, ratio_left);
        widths[i] -= take;
        excess -= take;
        --ratio_left;
    }
    return widths;
}

std::string keras3_rule(const std::vector<int64_t>& widths, const char* left, const char* fill, const char* mid,
                        const char* right) {
    std::string line = left;
    for (size_t i = 0; i < widths.size(); ++i) line += repeat(fill, widths[i]) + (i + 1 < widths.size() ? mid : right);
    return line + "\n";
}

std::string keras3_row(const std::vector<int64_t>& widths, const std::vector<std::string>& cells, const char* bar) {
    const size_t n = widths.size();
    std::vector<std::vector<std::string>> wrapped(n);
    size_t height = 1;
    for (size_t i = 0; i < n; ++i) {
        wrapped[i] = wrap(cells[i], widths[i] - 2);
        if (wrapped[i].size() > height) height = wrapped[i].size();
    }
    std::string out;
    for (size_t row = 0; row < height; ++row) {
        out += bar;
        for (size_t i = 0; i < n; ++i) {
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
    // A graph that is not a chain gets Keras 2.2's wider table with "Connected
    // to": 98 columns cut at .33 / .55 / .67, one line per tensor received.
    const bool connections = !summary.sequential_like;
    const int64_t length = connections ? 98 : 65;
    const std::vector<int64_t> positions = connections ? std::vector<int64_t>{32, 53, 65, 98} : std::vector<int64_t>{29, 55, 65};
    const std::string rule_thin(size_t(length), '_'), rule_thick(size_t(length), '=');
    std::string out = rule_thin + "\n";
    std::vector<std::string> header = {"Layer (type)", "Output Shape", "Param #"};
    if (connections) header.push_back("Connected to");
    out += keras2_row(header, positions);
    out += rule_thick + "\n";
    for (size_t i = 0; i < summary.layers.size(); ++i) {
        const LayerSummary& row = summary.layers[i];
        std::vector<std::string> fields = {row.name + " (" + class_name(row) + ")", keras2_shape(row),
                                           std::to_string(row.analysis.params)};
        std::vector<std::string> received;
        for (const std::vector<InboundRef>& call : row.inbound)
            for (const InboundRef& r : call) received.push_back(connection(r));
        if (connections) fields.push_back(received.empty() ? "" : received[0]);
        out += keras2_row(fields, positions);
        for (size_t c = 1; connections && c < received.size(); ++c) out += keras2_row({"", "", "", received[c]}, positions);
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

namespace {

// Keras 3's rows for one layer and, with expand_nested, every layer of a
// nested model under it, named with "   " per level and "└ " (print_layer);
// an inner layer's tensors come from no node of the outer model, so its
// "Connected to" is "-".
void keras3_layer_rows(const LayerSummary& row, int level, bool connections, bool expand_nested,
                       std::vector<std::vector<std::string>>* rows) {
    std::string prefix;
    if (level > 0) {
        for (int i = 0; i < level; ++i) prefix += "   ";
        prefix += "└ ";
    }
    // Keras 3 shows the last call's shape, and every tensor received on one line.
    std::vector<std::string> cells = {prefix + row.name + " (" + class_name(row) + ")",
                                      row.last_call_output.rank ? row.last_call_output.to_string()
                                                                : row.analysis.output.to_string(),
                                      with_thousands(row.analysis.params)};
    if (connections) {
        std::string received;
        if (level == 0)
            for (const std::vector<InboundRef>& call : row.inbound)
                for (const InboundRef& r : call) received += (received.empty() ? "" : ", ") + connection(r);
        cells.push_back(received.empty() ? "-" : received);
    }
    rows->push_back(std::move(cells));
    if (expand_nested && row.analysis.nested)
        for (const LayerSummary& inner : row.analysis.nested->layers)
            keras3_layer_rows(inner, level + 1, connections, expand_nested, rows);
}

}  // namespace

std::string format_summary_keras3(const ModelSummary& summary, int line_length, bool expand_nested) {
    if (line_length < 40) line_length = 40;  // Keras refuses columns under 4 characters
    const bool connections = !summary.sequential_like;
    const std::vector<int64_t> widths =
        keras3_columns(line_length, connections ? std::vector<double>{0.3, 0.56, 0.74, 1.0} : std::vector<double>{0.45, 0.80, 1.0});
    const std::string name = !summary.model_name.empty() ? summary.model_name
                             : summary.functional       ? "functional"
                                                        : "sequential";
    std::string out = "Model: \"" + name + "\"\n";
    std::vector<std::string> header = {"Layer (type)", "Output Shape", "Param #"};
    if (connections) header.push_back("Connected to");
    out += keras3_rule(widths, "┏", "━", "┳", "┓");
    out += keras3_row(widths, header, "┃");
    out += keras3_rule(widths, "┡", "━", "╇", "┩");
    std::vector<std::vector<std::string>> rows;
    for (const LayerSummary& row : summary.layers) keras3_layer_rows(row, 0, connections, expand_nested, &rows);
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) out += keras3_rule(widths, "├", "─", "┼", "┤");
        out += keras3_row(widths, rows[i], "│");
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
        out += ",\"class_name\":" + json_quote(class_name(row));
        out += ",\"output_shape\":[null";
        for (int d = 0; d < a.output.rank; ++d) out += "," + std::to_string(a.output.dim[d]);
        out += "],\"params\":" + std::to_string(a.params);
        out += ",\"trainable_params\":" + std::to_string(a.trainable);
        out += ",\"non_trainable_params\":" + std::to_string(a.non_trainable);
        out += ",\"formula\":" + (a.param_formula.empty() ? std::string("null") : json_quote(to_text(a.param_formula)));
        if (summary.functional) {
            // The layers this row receives from, in call order (every call's, for a shared layer).
            out += ",\"inbound\":[";
            bool first = true;
            for (const std::vector<InboundRef>& call : row.inbound)
                for (const InboundRef& r : call) {
                    out += (first ? "" : ",") + json_quote(r.name);
                    first = false;
                }
            out += "]";
            if (row.multiple_shapes) out += ",\"multiple_shapes\":true";
        }
        // A model used as a layer: its own summary, what expand_nested shows.
        if (row.analysis.nested) out += ",\"nested\":" + format_summary_json(*row.analysis.nested);
        out += "}";
    }
    out += "],\"total_params\":" + std::to_string(summary.total_params);
    out += ",\"trainable_params\":" + std::to_string(summary.trainable_params);
    out += ",\"non_trainable_params\":" + std::to_string(summary.non_trainable_params);
    return out + "}";
}

}  // namespace convlab
