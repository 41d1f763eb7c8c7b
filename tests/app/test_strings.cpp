// test_strings.cpp: the string table (src/app/text/strings.cpp) against itself and
// against the Chinese font cut for it at build time (tools/cmake/cjk_font.cmake).
// Not a test of how the page draws (tests/browser/i18n.test.mjs looks at that).
// The font is read with ImGui's own copy of stb_truetype, the rasteriser the
// page uses, so "in the font" here means "ImGui will find the glyph".
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest.h>

#define STB_TRUETYPE_IMPLEMENTATION
#define STBTT_STATIC
#include <imstb_truetype.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/text/strings.h"

namespace {

std::vector<uint32_t> codepoints(const char* utf8) {
    std::vector<uint32_t> out;
    for (const unsigned char* p = reinterpret_cast<const unsigned char*>(utf8); *p;) {
        uint32_t c = *p;
        int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        c &= extra == 0 ? 0x7Fu : extra == 1 ? 0x1Fu : extra == 2 ? 0x0Fu : 0x07u;
        ++p;
        for (int i = 0; i < extra && *p; ++i, ++p) c = (c << 6) | (*p & 0x3Fu);
        out.push_back(c);
    }
    return out;
}

// The printf conversions of a text in order ("%d", "%lld", "%.0f", "%s"): a
// row must have none (rows are {n} templates, filled by fill_slots).
std::vector<std::string> printf_slots(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') continue;
        size_t j = i + 1;
        if (j < s.size() && s[j] == '%') { i = j; continue; }
        while (j < s.size() && std::string("0123456789.-+ #").find(s[j]) != std::string::npos) ++j;
        while (j < s.size() && std::string("hlzjt").find(s[j]) != std::string::npos) ++j;
        // Only a conversion letter makes a slot: "(%)" is a literal percent sign.
        if (j < s.size() && std::string("diouxXeEfFgGaAcspn").find(s[j]) != std::string::npos)
            out.push_back(s.substr(i, j - i + 1));
        i = j;
    }
    return out;
}

// The {0}, {1}, ... slots of a template row, sorted: a translation may reorder
// them (Chinese often names the place before the thing) but must keep each one.
std::vector<std::string> brace_slots(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i + 2 < s.size(); ++i) {
        if (s[i] != '{') continue;
        const size_t end = s.find('}', i);
        if (end == std::string::npos || end - i > 3) continue;
        const std::string inside = s.substr(i + 1, end - i - 1);
        if (!inside.empty() && std::all_of(inside.begin(), inside.end(), [](char c) { return c >= '0' && c <= '9'; }))
            out.push_back(inside);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<unsigned char> read_file(const char* path) {
    std::vector<unsigned char> bytes;
    if (FILE* f = std::fopen(path, "rb")) {
        unsigned char buf[65536];
        size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
        std::fclose(f);
    }
    return bytes;
}

}  // namespace

TEST_CASE("strings: every key has its own row with English and Chinese text") {
    const Str bad = first_bad_string_row();
    CAPTURE(int(bad));
    CHECK(bad == Str::Count);
    for (size_t i = 0; i < size_t(Str::Count); ++i) {
        if (Str(i) == Str::RoleNone) continue;  // the one deliberately empty label
        CAPTURE(i);
        CHECK(*tr_in(Lang::En, Str(i)) != '\0');
        CHECK(*tr_in(Lang::Zh, Str(i)) != '\0');
    }
}

TEST_CASE("strings: no row holds a printf conversion, so no translated text is ever a format") {
    // Rows are {n} templates filled by fill_slots; a "%d" in a Chinese row passed
    // to snprintf would be undefined behaviour, so none may exist in either language.
    for (size_t i = 0; i < size_t(Str::Count); ++i) {
        const std::string en = tr_in(Lang::En, Str(i));
        const std::string zh = tr_in(Lang::Zh, Str(i));
        CAPTURE(en);
        CAPTURE(zh);
        CHECK(printf_slots(en).empty());
        CHECK(printf_slots(zh).empty());
        CHECK(printf_slots(en) == printf_slots(zh));
    }
}

TEST_CASE("strings: a Chinese row keeps every {n} slot of its English row") {
    for (size_t i = 0; i < size_t(Str::Count); ++i) {
        const char* en = tr_in(Lang::En, Str(i));
        const char* zh = tr_in(Lang::Zh, Str(i));
        CAPTURE(en);
        CAPTURE(zh);
        CHECK(brace_slots(en) == brace_slots(zh));
    }
}

TEST_CASE("strings: the slot checks see what they should") {
    CHECK(printf_slots("Epoch %d of %d · batch %lld, %.0f/s, 100%%") ==
          std::vector<std::string>{"%d", "%d", "%lld", "%.0f"});
    CHECK(printf_slots("第 %d / %d 轮") != printf_slots("第 %d 轮"));
    CHECK(printf_slots("Accuracy per epoch (%)").empty());
    CHECK(brace_slots("({0}, {1}) of map {2}") == brace_slots("第 {2} 张特征图的位置 ({0}, {1})"));
    CHECK(brace_slots("{0} of {1}") != brace_slots("{0}"));
}

TEST_CASE("strings: the language follows browser codes, and anything else is refused") {
    Lang lang = Lang::En;
    CHECK(parse_language("zh-CN", &lang));
    CHECK(lang == Lang::Zh);
    CHECK(parse_language("zh_CN.UTF-8", &lang));
    CHECK(lang == Lang::Zh);
    CHECK(parse_language("en-GB", &lang));
    CHECK(lang == Lang::En);
    CHECK_FALSE(parse_language("fr-FR", &lang));
    CHECK_FALSE(parse_language("", &lang));
    CHECK_FALSE(parse_language(nullptr, &lang));
    CHECK(std::string(language_code(Lang::Zh)) == "zh");
}

TEST_CASE("cjk font: every character of the Chinese table is in the subset cut at build time") {
    const std::vector<unsigned char> font = read_file(CONVLAB_CJK_FONT);
    REQUIRE_MESSAGE(!font.empty(), "cannot read " CONVLAB_CJK_FONT);
    stbtt_fontinfo info{};
    REQUIRE(stbtt_InitFont(&info, font.data(), stbtt_GetFontOffsetForIndex(font.data(), 0)) != 0);
    size_t checked = 0;
    for (size_t i = 0; i < size_t(Str::Count); ++i) {
        const char* zh = tr_in(Lang::Zh, Str(i));
        for (uint32_t c : codepoints(zh)) {
            if (c < 0x21) continue;  // the space and below: no glyph to find
            CAPTURE(zh);
            CAPTURE(c);
            CHECK(stbtt_FindGlyphIndex(&info, int(c)) != 0);
            ++checked;
        }
    }
    CHECK(checked > 1000);
    // A subset, not the whole font: a character no row uses is absent, so the
    // check above can fail when a row gains a character the build did not cut.
    CHECK(stbtt_FindGlyphIndex(&info, 0x9F98) == 0);  // 龘
    CHECK(stbtt_FindGlyphIndex(&info, 0x5377) != 0);  // 卷, as in 卷积层
    MESSAGE("cjk_font.otf: " << font.size() << " bytes, " << info.numGlyphs << " glyphs");
}
