// ui_renderer.h: draws ImGui's draw data with WebGL2 / OpenGL ES 3.0, in
// place of ImGui's own OpenGL3 backend. Why our own: that backend saves and
// restores the GL state with about a dozen glGetIntegerv calls a frame, and in
// Chromium each uncached glGet is a round trip to the GPU process that waits
// for all the drawing queued before it (with software WebGL, tens of ms a
// frame). This one never reads GL state back: it sets what it needs and leaves
// the state the page's other renderers expect. Not the input side (ImGui's SDL
// backend) and not the fonts (theme.cpp). Reference: ImGui 1.86's
// imgui_impl_opengl3.cpp (same vertex layout, projection and clip rects).
#pragma once
#include <cstddef>
#include <cstdint>

struct ImDrawData;

struct UiRenderer {
    uint32_t program = 0, vao = 0, vbo = 0, ebo = 0, font_texture = 0;
    int u_proj = -1, u_texture = -1;
    size_t vbo_bytes = 0, ebo_bytes = 0;  // grow only: after a few frames a frame allocates nothing
    bool failed = false;
    // The last frame's totals, for the test hook's frame figures.
    int vertices = 0, indices = 0, draw_calls = 0, lists = 0;
    uint64_t drawn_key = 0;  // what the canvas shows (ui_renderer_frame_changed)
    uint64_t font_uploads = 0;  // the atlas texture's rebuilds: the frame after one is drawn
    long frames_skipped = 0;  // frames that left the canvas as it was, since the start
};

bool ui_renderer_init(UiRenderer* r, const char* glsl_version);
// (Re)builds the font atlas texture from ImGui's io.Fonts (after fonts change).
void ui_renderer_fonts(UiRenderer* r);
// Whether this frame would put different pixels on the canvas than the one it
// shows: its draw data (vertices, indices, clip rectangles, textures), the
// framebuffer size, or a texture's content changed (texture_changes: how many
// times a texture ImGui draws from got new content, an upload or the 3D view
// drawn again; the app counts them, app.texture_changes). When not, a browser page
// can leave the canvas untouched (WebGL keeps showing it) and the frame costs
// no drawing at all; a frame with anything new is drawn whole.
bool ui_renderer_frame_changed(UiRenderer* r, const ImDrawData* data, int fb_w, int fb_h, uint64_t texture_changes);
// Draws the frame's draw data into the bound framebuffer (fb_w × fb_h device pixels).
// Leaves blending, scissor and culling off and no program, buffer or texture bound.
void ui_renderer_draw(UiRenderer* r, const ImDrawData* data, int fb_w, int fb_h);
