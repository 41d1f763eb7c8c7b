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

// A merge of a graph, in cells: its inputs one under the other at x = 0, the
// output to their right, level with their middle. A Concatenate's input j
// sits as deep as the output channels it becomes (its channel 0 level with
// output channel C_0 + … + C_(j−1)), so the stacking reads straight across.
struct MergeLayout {
    int inputs = 0;
    int64_t h = 1, w = 1, cout = 1;
    int64_t channels[kMergeDrawn] = {1, 1, 1, 1};
    float gap = 1.0f;                   // distance between channel slices, the same in every stack
    float in_y[kMergeDrawn] = {};       // input j's top edge
    float in_z[kMergeDrawn] = {};       // input j's channel 0 depth
    float out_x = 0, out_y = 0;         // the output's top-left corner
};

MergeLayout merge_layout(const ConvView& v);
Vec3 merge_input_cell(const MergeLayout& M, int input, int64_t row, int64_t col, int64_t channel);
Vec3 merge_output_cell(const MergeLayout& M, int64_t row, int64_t col, int64_t channel);
void merge_bounds(const MergeLayout& M, Vec3* lo, Vec3* hi);
void build_merge_instances(ConvView& v, const MergeLayout& M, bool dark, Vec3 eye);
void draw_merge_scene(ConvView& v, const MergeLayout& M, bool dark, const Mat4& view_proj, Vec3 eye, int fb_w,
                      int fb_h, uint32_t* texture);
// The tint of a graph's branch (a Concatenate's input j, an Add's input j):
// four hues kept apart from the values' red-brown and blue.
void branch_tint(int j, bool dark, float* rgb);
