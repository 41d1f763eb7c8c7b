// conv_view_renderer.h: draws the convolution view's 3D scene into an
// offscreen framebuffer that the panel shows as an ImGui::Image. Whole
// channels are textured slabs (shaders/slab.*); the cells that take part in
// the current step are instanced boxes (shaders/cells.*). Buffers grow once
// and are reused: drawing a frame allocates nothing. Not the scene's layout:
// conv_view_scene.cpp decides where everything goes.
#pragma once
#include <cstdint>
#include <vector>

#include "render/orbit_camera.h"

struct CellInstance {
    float centre[3];
    float size[3];
    float color[4];
};

struct SlabInstance {
    float origin[3];  // front top-left corner of cell (0, 0)
    float tile;       // channel, its tile in the atlas
    float fill;       // cells shown in row-major order; -1 shows all
    float emphasis;   // 1 in focus, lower fades towards the background
    float alpha;      // < 1 for ghosted slices in front of the one in focus
    // The part of the slab drawn, as fractions of its width (left to right) and
    // height (top to bottom): x0, y0, x1, y1. A slab hidden behind its
    // neighbour is drawn as the bands along the edges that still show
    // (conv_view_draw.cpp), not as a whole box the depth test then throws away.
    float clip[4] = {0.0f, 0.0f, 1.0f, 1.0f};
    // Which tensor of a graph the slab came from (a Concatenate's branch, an
    // Add's input): rgb and strength 0..1, drawn on the slab's edges and a
    // rim of its face; strength 0 draws it plain.
    float tint[4] = {0.0f, 0.0f, 0.0f, 0.0f};
};

// One tensor drawn as slabs: its values in an R32F atlas, one tile per channel.
struct SlabTensor {
    uint32_t texture = 0;
    int rows = 0, cols = 0, channels = 0, tiles_per_row = 1;
    float pad[4] = {0, 0, 0, 0};  // top, left, bottom, right (cells)
    float scale = 1.0f;           // 1 / max |value|
    // A Conv2DTranspose's spread input: cell (r, c) holds a value of the layer's
    // input when (r + phase_r) is a multiple of step_r and (c + phase_c) of
    // step_c; the others are the zeros the spreading put in, drawn as such.
    // step_r, step_c, phase_r, phase_c; (1, 1, 0, 0): every cell is a value.
    float spread[4] = {1.0f, 1.0f, 0.0f, 0.0f};
    float thickness = 0.25f;
    uint32_t version = 0;         // counts uploads, so the renderer sees new values
    std::vector<SlabInstance> opaque, ghosts;  // ghosts drawn after, back to front
};

struct SceneColors {
    float background[3], paper[3], positive[3], negative[3], blank[3], side[3];
};

struct ConvRenderer {
    bool ready = false, failed = false;
    uint32_t cell_program = 0, slab_program = 0;
    uint32_t cube_vbo = 0, cell_vao = 0, cell_instances = 0, slab_vao = 0, slab_instances = 0;
    int cell_capacity = 0, slab_capacity = 0;
    uint32_t fbo = 0, color_tex = 0, depth_rb = 0;
    int fb_w = 0, fb_h = 0;
    // The picture is drawn again only when something in it changes (the camera,
    // the step, the values, the size): a hash of everything drawn last time.
    uint64_t drawn_key = 0;
    bool redrawn = false;  // whether the last renderer_draw drew (false: the texture was still right)
    // uniform locations
    int c_view_proj = -1, c_eye = -1, c_fog_color = -1, c_fog_near = -1, c_fog_far = -1;
    int s_view_proj = -1, s_grid = -1, s_pad = -1, s_thickness = -1, s_values = -1, s_tiles = -1, s_scale = -1;
    int s_spread = -1;
    int s_paper = -1, s_positive = -1, s_negative = -1, s_blank = -1, s_side = -1, s_eye = -1, s_fog_color = -1,
        s_fog_near = -1, s_fog_far = -1;
};

// Compiles the shaders and makes the buffers; failure leaves `failed` set and the panel says so.
void renderer_init(ConvRenderer* r, const char* glsl_version);
// Uploads a (H, W, C) tensor, HWC order, into t's atlas (only when the data changes).
void renderer_upload(SlabTensor* t, const float* hwc, int rows, int cols, int channels);
// Draws slabs and boxes into the framebuffer (resized to w×h device pixels) and
// leaves GL as ImGui expects it. Returns the colour texture. When nothing that
// is drawn changed since the last call, draws nothing and returns the same texture.
uint32_t renderer_draw(ConvRenderer* r, int w, int h, const Mat4& view_proj, Vec3 eye, float fog_near, float fog_far,
                       const SceneColors& colors, SlabTensor* const* tensors, int tensor_count,
                       const std::vector<CellInstance>& cells, const std::vector<CellInstance>& cell_ghosts);
