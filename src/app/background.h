// background.h: draws the page backdrop with our own shaders
// (shaders/background.*), before ImGui draws on top of it.
#pragma once
#include <cstdint>

struct Background {
    uint32_t program = 0;
    uint32_t vao = 0;
    int u_resolution = -1, u_cell = -1, u_top = -1, u_bottom = -1, u_line = -1;
    bool failed = false;
};

// Compiles the shaders; on failure the page still works on a flat clear colour.
void background_init(Background& bg, const char* glsl_version);
void background_draw(const Background& bg, int fb_w, int fb_h, float pixel_ratio, bool dark);
