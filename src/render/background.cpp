// background.cpp: compiles shaders/background.vert + .frag (embedded at build
// time) and draws the backdrop in the rectangles of the framebuffer that no
// opaque ImGui window covers (the gaps between panels), after a plain clear.
// Windows are at least 90% opaque (theme.cpp), so the backdrop they would show
// through differs from the clear colour by under 1% of brightness.
#include "render/background.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "render/gl_program.h"
#include "render/gl.h"

extern const unsigned char shader_background_vert[];
extern const unsigned char shader_background_frag[];

namespace {

// The framebuffer rectangles (pixels, y down) that this frame's top-level
// windows cover with an opaque background. A rounded window counts as two
// rectangles (a cross), leaving its corners to the backdrop.
void covered_rects(float scale, std::vector<CoveredRect>* out) {
    out->clear();
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiStyle& style = g.Style;
    for (const ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || (w->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_NoBackground)))
            continue;
        const bool popup = (w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip)) != 0;
        if (style.Colors[popup ? ImGuiCol_PopupBg : ImGuiCol_WindowBg].w < 0.9f) continue;
        const float r = w->WindowRounding;
        const float x0 = w->Pos.x * scale, y0 = w->Pos.y * scale;
        const float x1 = (w->Pos.x + w->Size.x) * scale, y1 = (w->Pos.y + w->Size.y) * scale;
        out->push_back({x0 + r * scale, y0, x1 - r * scale, y1});
        out->push_back({x0, y0 + r * scale, x1, y1 - r * scale});
    }
}

// Cuts the framebuffer along every rectangle edge and keeps the cells no
// rectangle covers, merged along each row; appends them as two triangles each.
// xs, ys: buffers for the cuts.
long uncovered_triangles(const std::vector<CoveredRect>& covered, float fb_w, float fb_h, std::vector<float>& xs,
                         std::vector<float>& ys, std::vector<float>* out) {
    xs.assign({0.0f, fb_w});
    ys.assign({0.0f, fb_h});
    for (const CoveredRect& r : covered) {
        xs.push_back(std::clamp(r.x0, 0.0f, fb_w)), xs.push_back(std::clamp(r.x1, 0.0f, fb_w));
        ys.push_back(std::clamp(r.y0, 0.0f, fb_h)), ys.push_back(std::clamp(r.y1, 0.0f, fb_h));
    }
    std::sort(xs.begin(), xs.end());
    std::sort(ys.begin(), ys.end());
    xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
    ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
    out->clear();
    long pixels = 0;
    const auto is_covered = [&](float x, float y) {
        for (const CoveredRect& r : covered)
            if (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1) return true;
        return false;
    };
    for (size_t j = 0; j + 1 < ys.size(); ++j) {
        const float y0 = ys[j], y1 = ys[j + 1], cy = 0.5f * (y0 + y1);
        size_t i = 0;
        while (i + 1 < xs.size()) {
            if (is_covered(0.5f * (xs[i] + xs[i + 1]), cy)) {
                ++i;
                continue;
            }
            const float x0 = xs[i];
            while (i + 1 < xs.size() && !is_covered(0.5f * (xs[i] + xs[i + 1]), cy)) ++i;
            const float x1 = xs[i];
            out->insert(out->end(), {x0, y0, x1, y0, x1, y1, x0, y0, x1, y1, x0, y1});
            pixels += long((x1 - x0) * (y1 - y0));
        }
    }
    return pixels;
}

}  // namespace

void background_init(Background& bg, const char* glsl_version) {
    bg.program = gl_program_build("background", glsl_version, shader_background_vert, shader_background_frag);
    if (!bg.program) {
        bg.failed = true;
        return;
    }
    bg.u_resolution = glGetUniformLocation(bg.program, "u_resolution");
    bg.u_cell = glGetUniformLocation(bg.program, "u_cell");
    bg.u_top = glGetUniformLocation(bg.program, "u_top");
    bg.u_bottom = glGetUniformLocation(bg.program, "u_bottom");
    bg.u_line = glGetUniformLocation(bg.program, "u_line");
    GLuint vao = 0, vbo = 0;
    glGenVertexArrays(1, &vao);
    glGenBuffers(1, &vbo);
    bg.vao = vao;
    bg.vbo = vbo;
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void background_draw(Background& bg, int fb_w, int fb_h, float pixel_ratio, bool dark) {
    const float clear = dark ? 0.10f : 0.95f;
    glClearColor(clear, clear, clear + 0.01f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    bg.shaded_pixels = 0;
    if (bg.failed || !bg.program) return;
    covered_rects(ImGui::GetIO().DisplayFramebufferScale.x, &bg.covered);
    bg.shaded_pixels = uncovered_triangles(bg.covered, float(fb_w), float(fb_h), bg.cuts_x, bg.cuts_y, &bg.vertices);
    if (bg.vertices.empty()) return;
    glUseProgram(bg.program);
    glUniform2f(bg.u_resolution, float(fb_w), float(fb_h));
    glUniform1f(bg.u_cell, 24.0f * pixel_ratio);
    if (dark) {
        glUniform3f(bg.u_top, 0.13f, 0.14f, 0.17f);
        glUniform3f(bg.u_bottom, 0.08f, 0.08f, 0.10f);
        glUniform3f(bg.u_line, 0.30f, 0.32f, 0.38f);
    } else {
        glUniform3f(bg.u_top, 0.97f, 0.97f, 0.99f);
        glUniform3f(bg.u_bottom, 0.90f, 0.92f, 0.96f);
        glUniform3f(bg.u_line, 0.70f, 0.74f, 0.82f);
    }
    glBindVertexArray(bg.vao);
    glBindBuffer(GL_ARRAY_BUFFER, bg.vbo);
    if (bg.vertices.size() > bg.vbo_floats) {
        bg.vbo_floats = bg.vertices.size() * 2;
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(bg.vbo_floats * sizeof(float)), nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(bg.vertices.size() * sizeof(float)), bg.vertices.data());
    glDisable(GL_BLEND);
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(bg.vertices.size() / 2));
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glUseProgram(0);
}
