// field_table.cpp: the receptive-field table of `convlab summary --receptive-field`.
// Columns are padded by display width, so the Chinese headers line up too.
#include "cli/field_table.h"

#include "core/io/summary_format.h"

namespace convlab {

namespace {

// Terminal columns a UTF-8 string takes: CJK ideographs and full-width forms
// take two.
size_t display_width(const std::string& s) {
    size_t width = 0;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        uint32_t cp = c;
        size_t n = 1;
        if (c >= 0xF0) { n = 4; cp = c & 0x07; }
        else if (c >= 0xE0) { n = 3; cp = c & 0x0F; }
        else if (c >= 0xC0) { n = 2; cp = c & 0x1F; }
        for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        width += (cp >= 0x1100 && ((cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                                   (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60)))
                     ? 2 : 1;
        i += n;
    }
    return width;
}

std::string pad(const std::string& s, size_t width) {
    const size_t w = display_width(s);
    return w >= width ? s + " " : s + std::string(width - w, ' ');
}

}  // namespace

std::string format_field_table(Lang lang, const ModelSummary& summary, const std::vector<ReceptiveField>& fields) {
    std::vector<std::string> names;
    size_t name_width = display_width(tr_in(lang, Str::ColLayer)) + 2;
    for (const LayerSummary& row : summary.layers) {
        names.push_back(row.name + " (" + summary_class_name(row) + ")");
        name_width = std::max(name_width, display_width(names.back()) + 2);
    }
    const size_t cell = 12;
    std::string out = std::string(tr_in(lang, Str::CliFieldTitle)) + "\n" + tr_in(lang, Str::CliFieldHow) + "\n";
    const std::string header = pad(tr_in(lang, Str::ColLayer), name_width) + pad(tr_in(lang, Str::ColFieldSize), cell) +
                               pad(tr_in(lang, Str::ColFieldJump), cell) + tr_in(lang, Str::ColFieldStart);
    out += std::string(display_width(header), '-') + "\n" + header + "\n" + std::string(display_width(header), '-') + "\n";
    for (size_t i = 0; i < fields.size() && i < names.size(); ++i) {
        const ReceptiveField& f = fields[i];
        std::string line = pad(names[i], name_width);
        switch (f.kind) {
            case FieldKind::Local:
                line += pad(field_size_text(f), cell) + pad(field_jump_text(f), cell) + field_start_text(f);
                if (f.merged && !f.aligned) line += "  *";
                break;
            case FieldKind::Whole: line += tr_in(lang, Str::FieldWhole); break;
            case FieldKind::Irregular: line += tr_in(lang, Str::FieldVaries); break;
            case FieldKind::TooLarge: line += tr_in(lang, Str::FieldTooLarge); break;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    bool misaligned = false;
    for (const ReceptiveField& f : fields) misaligned = misaligned || (f.merged && !f.aligned);
    if (misaligned) out += std::string("* ") + tr_in(lang, Str::FieldNotAligned) + "\n";
    return out;
}

}  // namespace convlab
