// conv_view_draw.h: where the convolution view puts things (SceneLayout, in
// cell units) and the functions that turn the current step into instances
// and labels. Shared by conv_view_draw.cpp and conv_view_panel.cpp.
#pragma once
#include <cstdint>

#include "app/conv_view/conv_view.h"

struct SceneLayout {
    int64_t h = 1, w = 1, cin = 1, kh = 1, kw = 1, ho = 1, wo = 1, cout = 1, depth = 1;
    int64_t ignored = 0;                  // the mistake's input slices behind the one read, drawn blank
    int64_t dh = 1, dw = 1;
    int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
    float gap_in = 1.0f, gap_out = 1.0f;  // distance between channel slices
    float kernel_x = 0, kernel_y = 0;     // the filter's top-left cell
    float out_x = 0, out_y = 0;           // the output's top-left cell
};

SceneLayout scene_layout(const ConvView& v);
// Centres of cells in world space.
Vec3 input_cell(const SceneLayout& L, int64_t row, int64_t col, int64_t channel);
Vec3 kernel_cell(const SceneLayout& L, int64_t p, int64_t q, int64_t channel);
Vec3 output_cell(const SceneLayout& L, int64_t row, int64_t col, int64_t channel);
void scene_bounds(const SceneLayout& L, Vec3* lo, Vec3* hi);
void build_instances(ConvView& v, const SceneLayout& L, bool dark, Vec3 eye);
void draw_scene(ConvView& v, const SceneLayout& L, bool dark, const Mat4& view_proj, Vec3 eye, int fb_w, int fb_h,
                uint32_t* texture);
