// lesson/exercise_link.cpp: writing and reading a worksheet's link text
// (the format is in exercise_link.h).
#include "core/lesson/exercise_link.h"

#include "core/analysis/layer_kind.h"
#include "core/io/model_url.h"
#include "core/lesson/exercise.h"

namespace convlab {
namespace {

bool url_safe(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::string percent_encode(std::string_view s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (url_safe(c)) {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Reads a decimal index of at most 6 digits ("0" but no other leading zero).
bool read_index(std::string_view s, int* out) {
    if (s.empty() || s.size() > 6 || (s.size() > 1 && s[0] == '0')) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

std::string numbered(size_t i, const std::string& what) { return "exercise " + std::to_string(i + 1) + ": " + what; }

// The exercise's layer must be one the summary has a row for (not an
// InputLayer): the question is about that row.
bool check_layer(const LinkedExercise& e, std::string* why) {
    if (e.layer < 0 || e.layer >= int(e.model.layers.size())) {
        *why = "layer " + std::to_string(e.layer) + " is not one of its model's " +
               std::to_string(e.model.layers.size()) + " layers";
        return false;
    }
    Exercise ex;
    Problem problem;
    if (e.model.layers[size_t(e.layer)].kind != LayerKind::InputLayer &&
        exercise_from_model(e.model, e.layer, &ex, &problem))
        return true;
    if (!problem.message.empty()) *why = "its model cannot be built: " + problem.message;
    else *why = "layer " + std::to_string(e.layer) + " (" +
                layer_kind_info(e.model.layers[size_t(e.layer)].kind).class_name +
                ") has no row of its own in the summary to ask about";
    return false;
}

}  // namespace

std::string exercise_link_check(std::string_view items) {
    uint32_t h = 2166136261u;
    for (unsigned char c : items) {
        h ^= c;
        h *= 16777619u;
    }
    static const char hex[] = "0123456789abcdef";
    std::string out(8, '0');
    for (int i = 7; i >= 0; --i, h >>= 4) out[size_t(i)] = hex[h & 15];
    return out;
}

bool hint_is_valid(std::string_view hint, std::string* why) {
    const auto fail = [&](const std::string& w) {
        if (why) *why = w;
        return false;
    };
    if (hint.size() > kMaxHintBytes)
        return fail("the hint is " + std::to_string(hint.size()) + " bytes; at most " +
                    std::to_string(kMaxHintBytes) + " fit in a link");
    for (size_t i = 0; i < hint.size();) {
        const unsigned char c = static_cast<unsigned char>(hint[i]);
        int extra = 0;
        uint32_t cp = 0;
        if (c < 0x80) cp = c;
        else if ((c & 0xE0) == 0xC0) extra = 1, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) extra = 2, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) extra = 3, cp = c & 0x07;
        else return fail("the hint is not UTF-8 text (byte " + std::to_string(i + 1) + ")");
        if (i + size_t(extra) >= hint.size())
            return fail("the hint is not UTF-8 text (byte " + std::to_string(i + 1) + " starts a cut character)");
        for (int k = 1; k <= extra; ++k) {
            const unsigned char d = static_cast<unsigned char>(hint[i + size_t(k)]);
            if ((d & 0xC0) != 0x80) return fail("the hint is not UTF-8 text (byte " + std::to_string(i + 1 + size_t(k)) + ")");
            cp = (cp << 6) | (d & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        const uint32_t least[] = {0, 0x80, 0x800, 0x10000};
        if (cp < least[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return fail("the hint is not UTF-8 text (byte " + std::to_string(i + 1) + ")");
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            return fail("the hint has a control character (byte " + std::to_string(i + 1) + "); write it as one paragraph");
        i += size_t(extra) + 1;
    }
    return true;
}

std::string encode_exercise_link(const std::vector<LinkedExercise>& sheet, std::string* error) {
    std::string why;
    if (sheet.empty()) return *error = "a worksheet needs at least one exercise", "";
    if (sheet.size() > size_t(kMaxWorksheetExercises))
        return *error = "a worksheet holds at most " + std::to_string(kMaxWorksheetExercises) + " exercises, not " +
                        std::to_string(sheet.size()),
               "";
    std::string out;
    std::vector<std::string> codes;
    for (size_t i = 0; i < sheet.size(); ++i) {
        const LinkedExercise& e = sheet[i];
        if (!check_layer(e, &why)) return *error = numbered(i, why), "";
        if (!hint_is_valid(e.hint, &why)) return *error = numbered(i, why), "";
        codes.push_back(encode_model_url(e.model));
        // A model an earlier exercise already carries is named by that exercise's number.
        std::string model = codes.back();
        for (size_t j = 0; j < i; ++j)
            if (codes[j] == codes[i]) {
                model = std::to_string(j);
                break;
            }
        if (i > 0) out += '~';
        out += e.ask == ExerciseAsk::OutputShape ? 's' : e.ask == ExerciseAsk::Params ? 'p' : 'b';
        out += std::to_string(e.layer) + "." + model + "." + percent_encode(e.hint);
    }
    out = "x1." + exercise_link_check(out) + "." + out;
    if (out.size() > kMaxExerciseLinkChars)
        return *error = "the worksheet's link would be " + std::to_string(out.size()) + " characters; at most " +
                        std::to_string(kMaxExerciseLinkChars) + " fit (use fewer or smaller models)",
               "";
    return out;
}

bool decode_exercise_link(std::string_view text, std::vector<LinkedExercise>* out, std::string* error) {
    out->clear();
    const auto fail = [&](const std::string& why) {
        out->clear();
        *error = why;
        return false;
    };
    if (text.size() > kMaxExerciseLinkChars)
        return fail("the exercise link is " + std::to_string(text.size()) + " characters; at most " +
                    std::to_string(kMaxExerciseLinkChars) + " are read");
    if (text.substr(0, 1) != "x") return fail("an exercise link starts with \"x1.\"");
    if (text.substr(0, 3) != "x1.")
        return fail("this exercise link is of a version this page does not read (it starts with \"" +
                    std::string(text.substr(0, text.find('.') == std::string_view::npos ? 2 : text.find('.'))) +
                    "\", this page reads \"x1\"); a newer ConvLab wrote it");
    std::string_view rest = text.substr(3);
    const size_t dot = rest.find('.');
    if (dot != 8 || rest.substr(0, 8) != exercise_link_check(rest.substr(9)))
        return fail("the exercise link is damaged: part of it is missing or changed (its check does not match); "
                    "copy the whole link again");
    rest = rest.substr(9);
    std::vector<std::string> codes;  // each exercise's model link, for the ones that share it
    while (true) {
        const size_t i = out->size();
        if (i >= size_t(kMaxWorksheetExercises))
            return fail("a worksheet holds at most " + std::to_string(kMaxWorksheetExercises) + " exercises");
        const size_t end = rest.find('~');
        const std::string_view item = rest.substr(0, end);
        // ask+layer "." model "." hint, where a model link has a dot of its own ("v1.…").
        const size_t first = item.find('.');
        const size_t last = item.rfind('.');
        if (first == std::string_view::npos || last == first)
            return fail(numbered(i, "it needs three parts, question and layer, model and hint, separated by \".\""));
        LinkedExercise e;
        const char ask = item.empty() ? '\0' : item[0];
        if (ask == 's') e.ask = ExerciseAsk::OutputShape;
        else if (ask == 'p') e.ask = ExerciseAsk::Params;
        else if (ask == 'b') e.ask = ExerciseAsk::Both;
        else return fail(numbered(i, "its question must be s (output shape), p (Param #) or b (both)"));
        if (!read_index(item.substr(1, first - 1), &e.layer))
            return fail(numbered(i, "its layer \"" + std::string(item.substr(1, first - 1).substr(0, 12)) +
                                        "\" is not a layer number"));
        const std::string_view model = item.substr(first + 1, last - first - 1);
        int shared = -1;
        if (model.find('.') == std::string_view::npos) {
            if (!read_index(model, &shared) || shared >= int(i))
                return fail(numbered(i, "its model \"" + std::string(model.substr(0, 12)) +
                                            "\" is neither a model link nor the number of an earlier exercise"));
            e.model = (*out)[size_t(shared)].model;
            codes.push_back(codes[size_t(shared)]);
        } else {
            std::string why;
            if (!decode_model_url(model, &e.model, &why)) return fail(numbered(i, "its model: " + why));
            codes.emplace_back(model);
        }
        const std::string_view hint = item.substr(last + 1);
        for (size_t k = 0; k < hint.size(); ++k) {
            const char c = hint[k];
            if (url_safe(static_cast<unsigned char>(c))) {
                e.hint += c;
            } else if (c == '%' && k + 2 < hint.size() && hex_value(hint[k + 1]) >= 0 && hex_value(hint[k + 2]) >= 0) {
                e.hint += char(hex_value(hint[k + 1]) * 16 + hex_value(hint[k + 2]));
                k += 2;
            } else {
                return fail(numbered(i, "its hint has \"" + std::string(1, c) + "\" at character " +
                                            std::to_string(k + 1) + ", which a hint writes as %XX"));
            }
        }
        std::string why;
        if (!hint_is_valid(e.hint, &why)) return fail(numbered(i, why));
        if (!check_layer(e, &why)) return fail(numbered(i, why));
        out->push_back(std::move(e));
        if (end == std::string_view::npos) break;
        rest = rest.substr(end + 1);
    }
    return true;
}

}  // namespace convlab
