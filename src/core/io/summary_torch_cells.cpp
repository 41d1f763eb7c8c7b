// summary_torch_cells.cpp: torchinfo's table cut into cells. The table is
// format_summary_torchinfo's own text; this file only finds its columns.
// torchinfo pads the name to `width` display columns and each value to
// col_width, one space after each; the tree's "├─" and "│" are one display
// column but three UTF-8 bytes, so the cut counts characters, not bytes.
#include "core/io/summary_torch_cells.h"

#include <algorithm>
#include <sstream>

#include "core/io/summary_format.h"

namespace convlab {
namespace {

// The byte where display column `column` (0-based) starts: every byte that
// does not continue a UTF-8 sequence (10xxxxxx) begins a character.
size_t byte_at_column(const std::string& line, size_t column) {
    size_t seen = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
        if (seen == column) return i;
        ++seen;
    }
    return line.size();
}

std::string trimmed(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    size_t start = 0;
    while (start < s.size() && s[start] == ' ') ++start;
    return s.substr(start);
}

}  // namespace

TorchinfoCells torchinfo_cells(const ModelSpec& model, const ModelSummary& summary) {
    TorchinfoCells out;
    if (model.torch_rows.empty()) return out;
    TorchinfoOptions options;  // torchinfo's default columns: Output Shape, Param #
    // One past the deepest row: every module gets its own line, and none is
    // the depth limit's last level (which would add up what is under it).
    int deepest = 0;
    for (const TorchRow& row : model.torch_rows) deepest = std::max(deepest, row.depth);
    options.depth = deepest + 1;
    const std::string text = format_summary_torchinfo(model, summary, options);
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    if (lines.size() < 3 + model.torch_rows.size()) return out;
    const size_t columns = options.columns.size();
    const size_t col_width = size_t(options.col_width);
    // The rule is as wide as the name plus every value column.
    const size_t width = lines[0].size() - columns * col_width;
    const auto cut = [&](const std::string& line) {
        std::vector<std::string> cells;
        const size_t name_end = byte_at_column(line, width);
        cells.push_back(trimmed(line.substr(0, name_end)));
        for (size_t c = 0; c < columns; ++c) {
            const size_t from = byte_at_column(line, width + 1 + c * (col_width + 1));
            cells.push_back(from < line.size() ? trimmed(line.substr(from, col_width)) : std::string());
        }
        return cells;
    };
    out.titles = cut(lines[1]);
    out.titles[0] = "Layer (type (var_name):depth-idx)";
    int leaf = -1;
    for (size_t i = 0; i < model.torch_rows.size(); ++i) {
        const TorchRow& r = model.torch_rows[i];
        TorchinfoCells::Row row;
        row.torch_row = int(i);
        row.layer = r.layer;
        if (r.layer >= 0 && !r.recursive) row.leaf = ++leaf;  // as format_explanation_torch counts them
        row.cells = cut(lines[3 + i]);
        // torchinfo's var_names: the name in brackets after the class,
        // here the whole attribute path (layer1.0.conv1), as code reaches it.
        std::string& name = row.cells[0];
        const size_t at = name.rfind(r.class_name);
        if (r.depth > 0 && !r.name.empty() && at != std::string::npos)
            name.insert(at + r.class_name.size(), " (" + r.name + ")");
        out.rows.push_back(std::move(row));
    }
    for (size_t i = 3 + model.torch_rows.size(); i < lines.size(); ++i)
        if (!lines[i].empty() && lines[i][0] != '=') out.totals.push_back(lines[i]);
    return out;
}

}  // namespace convlab
