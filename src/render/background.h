// background.h: draws the page backdrop with our own shaders
// (shaders/background.*), before ImGui draws on top of it. Only the parts no
// opaque window covers are shaded: with software WebGL a full-screen pass that
// the panels then paint over cost a sizeable part of every frame.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

// A framebuffer rectangle (pixels, y down) an opaque window covers.
struct CoveredRect {
    float x0, y0, x1, y1;
};

struct Background {
    uint32_t program = 0;
    uint32_t vao = 0, vbo = 0;
    int u_resolution = -1, u_cell = -1, u_top = -1, u_bottom = -1, u_line = -1;
    bool failed = false;
    std::vector<float> vertices;  // the uncovered rectangles as triangles; keeps its capacity
    // background_draw's buffers, kept with their capacity from frame to frame.
    std::vector<CoveredRect> covered;
    std::vector<float> cuts_x, cuts_y;  // where rectangle edges cut the framebuffer
    size_t vbo_floats = 0;
    long shaded_pixels = 0;       // last frame's, for the test hook's frame figures
};

// Compiles the shaders; on failure the page still works on a flat clear colour.
void background_init(Background& bg, const char* glsl_version);
// Call after ImGui::Render(): the windows of this frame decide what is covered.
void background_draw(Background& bg, int fb_w, int fb_h, float pixel_ratio, bool dark);
