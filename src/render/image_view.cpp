// image_view.cpp: textures with nearest-neighbour sampling, so each weight or
// pixel stays a visible square, and viridis by linear interpolation between
// its 11 samples.
#include "render/image_view.h"

#include <algorithm>
#include <cstdio>

#include "render/gl.h"

void image_resize(ImageTexture& img, int w, int h, uint32_t background) {
    img.w = w;
    img.h = h;
    const size_t n = size_t(w) * size_t(h);
    if (img.rgba.size() < n * 4) img.rgba.resize(n * 4);
    for (size_t i = 0; i < n; ++i) {
        img.rgba[i * 4 + 0] = uint8_t(background);
        img.rgba[i * 4 + 1] = uint8_t(background >> 8);
        img.rgba[i * 4 + 2] = uint8_t(background >> 16);
        img.rgba[i * 4 + 3] = uint8_t(background >> 24);
    }
}

void image_set(ImageTexture& img, int x, int y, const uint8_t rgb[3]) {
    uint8_t* p = &img.rgba[(size_t(y) * size_t(img.w) + size_t(x)) * 4];
    p[0] = rgb[0];
    p[1] = rgb[1];
    p[2] = rgb[2];
    p[3] = 255;
}

void image_upload(ImageTexture& img, uint64_t* texture_changes) {
    if (img.w <= 0 || img.h <= 0) return;
    if (!img.id) {
        GLuint id = 0;
        glGenTextures(1, &id);
        img.id = id;
        glBindTexture(GL_TEXTURE_2D, id);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    glBindTexture(GL_TEXTURE_2D, img.id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (img.w > img.tex_w || img.h > img.tex_h) {
        img.tex_w = std::max(img.w, img.tex_w);
        img.tex_h = std::max(img.h, img.tex_h);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, img.tex_w, img.tex_h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    }
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, img.w, img.h, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindTexture(GL_TEXTURE_2D, 0);  // the renderers bind what they draw; no state is read back (ui_renderer.h)
    ++*texture_changes;
}

void image_draw_part(ImDrawList* dl, const ImageTexture& img, ImVec2 p0, ImVec2 p1, int x0, int y0, int w, int h) {
    if (!img.id || img.tex_w <= 0) return;
    const float tw = float(img.tex_w), th = float(img.tex_h);
    dl->AddImage(ImTextureID(intptr_t(img.id)), p0, p1, ImVec2(float(x0) / tw, float(y0) / th),
                 ImVec2(float(x0 + w) / tw, float(y0 + h) / th));
}

void viridis(float t, uint8_t rgb[3]) {
    static const uint8_t kSamples[11][3] = {
        {0x44, 0x01, 0x54}, {0x48, 0x24, 0x75}, {0x41, 0x44, 0x87}, {0x35, 0x5f, 0x8d}, {0x2a, 0x78, 0x8e},
        {0x21, 0x91, 0x8c}, {0x22, 0xa8, 0x84}, {0x44, 0xbf, 0x70}, {0x7a, 0xd1, 0x51}, {0xbd, 0xdf, 0x26},
        {0xfd, 0xe7, 0x25}};
    t = std::min(1.0f, std::max(0.0f, t)) * 10.0f;
    const int i = std::min(9, int(t));
    const float f = t - float(i);
    for (int c = 0; c < 3; ++c)
        rgb[c] = uint8_t(float(kSamples[i][c]) + f * (float(kSamples[i + 1][c]) - float(kSamples[i][c])) + 0.5f);
}

void colour_bar(float lo, float hi, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeight();
    char left[32], right[32];
    std::snprintf(left, sizeof left, "%.3g", double(lo));
    std::snprintf(right, sizeof right, "%.3g", double(hi));
    const float lw = ImGui::CalcTextSize(left).x + 6.0f;
    // A few pixels to spare, so the right label is never cut at the edge.
    const float bar = std::max(40.0f, width - lw - ImGui::CalcTextSize(right).x - 14.0f);
    ImGui::TextUnformatted(left);
    ImGui::SameLine(0.0f, 6.0f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    constexpr int kSteps = 24;
    for (int i = 0; i < kSteps; ++i) {
        uint8_t a[3], b[3];
        viridis(float(i) / kSteps, a);
        viridis(float(i + 1) / kSteps, b);
        const float x0 = p.x + bar * float(i) / kSteps, x1 = p.x + bar * float(i + 1) / kSteps;
        dl->AddRectFilledMultiColor(ImVec2(x0, p.y + 2), ImVec2(x1, p.y + h - 2), IM_COL32(a[0], a[1], a[2], 255),
                                    IM_COL32(b[0], b[1], b[2], 255), IM_COL32(b[0], b[1], b[2], 255),
                                    IM_COL32(a[0], a[1], a[2], 255));
    }
    ImGui::Dummy(ImVec2(bar, h));
    ImGui::SameLine(0.0f, 6.0f);
    ImGui::TextUnformatted(right);
}
