// conv_view_draw.cpp: the convolution view's scene as instances for the
// renderer, and the labels drawn over the picture. Layout, in cells: the
// input stack at x = 0 (channel 0 in front, the others behind it), the filter
// to its right with slice c level with input channel c, the output stack
// further right. Rows go down (−y), channels go back (−z).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app.h"
#include "app/conv_view/conv_view.h"
#include "app/conv_view/conv_view_draw.h"
#include "app/conv_view/conv_view_text.h"
#include "app/theme.h"

namespace {

float slice_gap(int64_t channels) { return std::clamp(26.0f / float(std::max<int64_t>(1, channels)), 0.7f, 2.5f); }

void set3(float* d, float a, float b, float c) { d[0] = a, d[1] = b, d[2] = c; }

// The same diverging map as slab.frag, for the boxes.
void value_color(const SceneColors& k, float v, float scale, float* out) {
    const float t = std::clamp(v * scale, -1.0f, 1.0f);
    const float* end = t >= 0 ? k.positive : k.negative;
    const float s = std::sqrt(std::fabs(t));
    for (int i = 0; i < 3; ++i) out[i] = k.paper[i] + (end[i] - k.paper[i]) * s;
}

void push_box(std::vector<CellInstance>* list, Vec3 centre, Vec3 size, const float* rgb, float alpha) {
    CellInstance c;
    set3(c.centre, centre.x, centre.y, centre.z);
    set3(c.size, size.x, size.y, size.z);
    set3(c.color, rgb[0], rgb[1], rgb[2]);
    c.color[3] = alpha;
    list->push_back(c);
}

// The scene's palettes: background, paper, positive, negative, blank, side.
const SceneColors kLightScene = {{0.965f, 0.97f, 0.98f}, {0.97f, 0.96f, 0.93f}, {0.62f, 0.20f, 0.05f},
                                 {0.05f, 0.35f, 0.75f},  {0.88f, 0.89f, 0.91f}, {0.62f, 0.64f, 0.70f}};
const SceneColors kDarkScene = {{0.11f, 0.12f, 0.14f}, {0.20f, 0.21f, 0.24f}, {1.00f, 0.62f, 0.25f},
                                {0.35f, 0.70f, 0.95f}, {0.16f, 0.17f, 0.19f}, {0.30f, 0.32f, 0.36f}};

SceneColors scene_colors(bool dark) { return dark ? kDarkScene : kLightScene; }

// A stack of same-sized slabs one behind the other hides most of each slab
// behind its neighbour: only bands along the edges facing the camera show.
// With software WebGL the hidden parts still cost every frame (rasterised,
// then rejected by the depth test: half of the picture's time on conv2d_2), so
// a slab whose neighbour towards the camera is opaque is drawn as those bands
// only. Band width: how far the neighbour, `gap` nearer the camera, shifts on
// the way to the eye, at the slab's corners (the largest), plus a cell to spare.
// Also orders the opaque slabs nearest first, so the depth test rejects early.
// banded: the buffer the banded list is built in (swapped with t->opaque).
void band_hidden_slabs(SlabTensor* t, std::vector<SlabInstance>& banded, Vec3 eye, float cols, float rows,
                       float pad_left, float pad_top) {
    std::vector<SlabInstance>& list = t->opaque;
    if (list.size() < 2) return;
    const float z_first = list.front().origin[2], z_last = list.back().origin[2];  // channel 0 is in front (largest z)
    const bool from_front = eye.z > z_first + 0.5f, from_back = eye.z < z_last - t->thickness - 0.5f;
    if (!from_front && !from_back) return;  // the camera between the slices: draw them whole
    if (from_back) std::reverse(list.begin(), list.end());
    banded.clear();
    banded.push_back(list.front());  // the slab nearest the camera shows whole
    for (size_t i = 1; i < list.size(); ++i) {
        const SlabInstance& s = list[i];
        const SlabInstance& nearer = list[i - 1];
        if (std::fabs(std::fabs(s.tile - nearer.tile) - 1.0f) > 0.01f) {  // not its neighbour: shows whole
            banded.push_back(s);
            continue;
        }
        const float gap = std::fabs(nearer.origin[2] - s.origin[2]);
        const float x0 = s.origin[0] - pad_left, y0 = s.origin[1] + pad_top;  // front top-left corner of the slab
        float right = 0, left = 0, top = 0, bottom = 0;
        for (int k = 0; k < 4; ++k) {
            const float cx = x0 + (k & 1 ? cols : 0.0f), cy = y0 - (k & 2 ? rows : 0.0f);
            const float dz = std::fabs(eye.z - s.origin[2]);
            const float sx = gap * (eye.x - cx) / dz, sy = gap * (eye.y - cy) / dz;
            right = std::max(right, sx), left = std::max(left, -sx), top = std::max(top, sy), bottom = std::max(bottom, -sy);
        }
        const auto band = [](float w) { return w > 0.0f ? w + 1.0f : 0.0f; };
        const float fr = band(right) / cols, fl = band(left) / cols, ft = band(top) / rows, fb = band(bottom) / rows;
        if (fr + fl > 0.6f || ft + fb > 0.6f) {  // a steep view: most of the slab shows anyway
            banded.push_back(s);
            continue;
        }
        const auto part = [&](float a, float b, float c, float d) {
            SlabInstance p = s;
            p.clip[0] = a, p.clip[1] = b, p.clip[2] = c, p.clip[3] = d;
            banded.push_back(p);
        };
        if (ft > 0) part(0, 0, 1, ft);
        if (fb > 0) part(0, 1 - fb, 1, 1);
        if (fl > 0) part(0, ft, fl, 1 - fb);
        if (fr > 0) part(1 - fr, ft, 1, 1 - fb);
    }
    list.swap(banded);
}

}  // namespace

SceneLayout scene_layout(const ConvView& v) {
    SceneLayout L;
    if (v.subject == ConvSubject::Pool) {
        const convlab::Pool2DGeometry& g = v.pool.g;
        L.h = g.h, L.w = g.w, L.cin = g.c, L.kh = g.kh, L.kw = g.kw, L.ho = g.ho, L.wo = g.wo, L.cout = g.c;
        L.pad_top = g.pad_top, L.pad_left = g.pad_left;
        L.pad_bottom = v.layer.analysis.height.pad_after, L.pad_right = v.layer.analysis.width.pad_after;
        L.depth = 1;
    } else {
        const convlab::Conv2DGeometry& g = v.src.g;
        L.h = g.h, L.w = g.w, L.cin = g.cin, L.kh = g.kh, L.kw = g.kw, L.ho = g.ho, L.wo = g.wo, L.cout = g.cout;
        L.dh = g.dh, L.dw = g.dw;
        L.pad_top = g.pad_top, L.pad_left = g.pad_left;
        L.pad_bottom = v.pad_bottom, L.pad_right = v.pad_right;
        L.depth = convlab::conv_trace_filter_depth(v.src);
        L.ignored = v.ignored_slices;
    }
    L.gap_in = slice_gap(L.cin + L.ignored);
    L.gap_out = slice_gap(L.cout);
    L.kernel_x = float(L.w + L.pad_right) + 9.0f;
    const float reach_h = float((L.kh - 1) * L.dh + 1);
    L.kernel_y = -std::floor((float(L.h) - reach_h) * 0.5f);
    if (v.subject == ConvSubject::Pool) L.out_x = float(L.w + L.pad_right) + 6.0f;
    else L.out_x = L.kernel_x + float((L.kw - 1) * L.dw + 1) + 9.0f;
    L.out_y = -std::floor(float(L.h - L.ho) * 0.5f);
    return L;
}

Vec3 input_cell(const SceneLayout& L, int64_t row, int64_t col, int64_t channel) {
    return {float(col) + 0.5f, -float(row) - 0.5f, -float(channel) * L.gap_in};
}
Vec3 kernel_cell(const SceneLayout& L, int64_t p, int64_t q, int64_t channel) {
    return {L.kernel_x + float(q * L.dw) + 0.5f, L.kernel_y - float(p * L.dh) - 0.5f, -float(channel) * L.gap_in};
}
Vec3 output_cell(const SceneLayout& L, int64_t row, int64_t col, int64_t channel) {
    return {L.out_x + float(col) + 0.5f, L.out_y - float(row) - 0.5f, -float(channel) * L.gap_out};
}

void scene_bounds(const SceneLayout& L, Vec3* lo, Vec3* hi) {
    *lo = {-float(L.pad_left) - 1.0f, -float(std::max(L.h + L.pad_bottom, L.ho) + 1), -float(L.cin + L.ignored) * L.gap_in};
    hi->x = L.out_x + float(L.wo) + 1.0f;
    // An output taller than the input (UpSampling2D) rises above it: its title too.
    hi->y = std::max(float(L.pad_top) + 2.0f, L.out_y + 4.0f);
    hi->z = 1.0f;
    lo->z = std::min(lo->z, -float(L.cout) * L.gap_out);
}

// Fills the renderer's instance lists for the current step. Lists keep their
// capacity between frames, so this allocates nothing once they have grown.
void build_instances(ConvView& v, const SceneLayout& L, bool dark, Vec3 eye) {
    const SceneColors col = scene_colors(dark);
    v.cells.clear();
    v.cell_ghosts.clear();
    SlabTensor& in = v.input_slabs;
    SlabTensor& out = v.output_slabs;
    in.opaque.clear(), in.ghosts.clear(), out.opaque.clear(), out.ghosts.clear();
    in.thickness = std::min(0.3f, L.gap_in * 0.4f);
    out.thickness = std::min(0.3f, L.gap_out * 0.4f);
    in.pad[0] = float(L.pad_top), in.pad[1] = float(L.pad_left), in.pad[2] = float(L.pad_bottom),
    in.pad[3] = float(L.pad_right);
    // Conv2DTranspose: which cells of the spread input are the layer's values and which the inserted zeros.
    const bool spread = v.spec.kind == convlab::LayerKind::Conv2DTranspose && v.spread.g.h > 0;
    in.spread[0] = spread ? float(v.spread.stride_h) : 1.0f;
    in.spread[1] = spread ? float(v.spread.stride_w) : 1.0f;
    in.spread[2] = spread ? float(v.spread.skipped_rows) : 0.0f;
    in.spread[3] = spread ? float(v.spread.skipped_cols) : 0.0f;
    const bool front_view = eye.z > -float(L.cin) * L.gap_in * 0.5f;

    const bool pool = v.subject == ConvSubject::Pool;
    const bool walk = !pool && v.mode == convlab::TraceMode::ChannelWalk;
    const bool all = !pool && v.mode == convlab::TraceMode::AllFilters;
    const convlab::ConvTraceStep& st = v.step;
    const int64_t filter = pool ? v.pool_step.channel : st.filter;
    const int64_t out_i = pool ? v.pool_step.out_i : st.out_i, out_j = pool ? v.pool_step.out_j : st.out_j;
    const float w_scale = v.w_scale;

    // The input channels this step reads: all of them for Conv2D, one for depthwise and pooling.
    auto channel_used = [&](int64_t c) {
        if (pool) return c == filter;
        if (L.depth == 1) return c == convlab::conv_trace_input_channel(v.src, filter, 0);
        return true;
    };
    const int64_t current = walk ? (st.kind == convlab::TraceStepKind::Channel ? st.channel : -1)
                                 : (pool || L.depth == 1 ? (pool ? filter : convlab::conv_trace_input_channel(v.src, filter, 0)) : -1);

    // ---- Input slabs: the channel in focus bright; those in front of it see-through.
    // The branches tint the slabs only where they are the slabs drawn (not the
    // mistake's one slice, not SeparableConv2D's stage 2 reading stage 1's output).
    int64_t joined = 0;
    for (const ConcatBranch& b : v.concat.branches) joined += b.channels;
    const bool tinted = !v.concat.branches.empty() && L.ignored == 0 && joined == L.cin &&
                        !(conv_view_separable(v) && v.stage == 1);
    for (int64_t c = 0; c < L.cin; ++c) {
        SlabInstance s{};
        const Vec3 o = input_cell(L, 0, 0, c);
        set3(s.origin, o.x - 0.5f, o.y + 0.5f, o.z);
        s.tile = float(c);
        s.fill = -1.0f;
        const bool focus = current < 0 ? channel_used(c) : c == current;
        s.emphasis = focus ? 1.0f : 0.35f;
        // Read from a Concatenate: each slab wears the tint of the branch it came from.
        if (tinted) {
            int64_t first = 0;
            for (size_t b = 0; b < v.concat.branches.size(); ++b) {
                const int64_t n = v.concat.branches[b].channels;
                if (c >= first && c < first + n) {
                    branch_tint(int(b), dark, s.tint);
                    s.tint[3] = 0.9f;
                }
                first += n;
            }
        }
        s.alpha = 1.0f;
        if (current >= 0 && c < current) {
            // However many slices lie in front of the one in focus, together
            // they hide at most half of it: each gets 1 − 0.5^(1/n) of cover
            // (at slice 22 of 32 the slice in focus was lost behind 21 at 0.16).
            s.alpha = std::min(0.16f, 1.0f - std::pow(0.5f, 1.0f / float(current)));
            in.ghosts.push_back(s);
        } else {
            in.opaque.push_back(s);
        }
    }
    // The mistake's ignored slices: blank and faint, behind the one it reads.
    for (int64_t c = L.cin; c < L.cin + L.ignored; ++c) {
        SlabInstance s{};
        const Vec3 o = input_cell(L, 0, 0, c);
        set3(s.origin, o.x - 0.5f, o.y + 0.5f, o.z);
        s.tile = 0.0f;
        s.fill = 0.0f;
        s.emphasis = 0.3f;
        s.alpha = 0.3f;
        in.ghosts.push_back(s);
    }
    // Ghosts are listed front (c = 0) to back; seen from the front they are drawn back to front.
    if (front_view) std::reverse(in.ghosts.begin(), in.ghosts.end());
    // The slice in focus framed in the input-channel colour, so it stands out at any depth.
    if (current >= 0 && current < L.cin) {
        const float frame_rgb[3] = {0.84f, 0.37f, 0.00f};  // Role::InChannels (theme.cpp), light scene
        const Vec3 tl = input_cell(L, -L.pad_top, -L.pad_left, current);
        const float w = float(L.w + L.pad_left + L.pad_right), h = float(L.h + L.pad_top + L.pad_bottom);
        const float x0 = tl.x - 0.5f, y0 = tl.y + 0.5f, z = tl.z - in.thickness * 0.5f, t = 0.35f;
        push_box(&v.cells, {x0 + w * 0.5f, y0 + t * 0.5f, z}, {w + 2 * t, t, in.thickness + 0.1f}, frame_rgb, 1.0f);
        push_box(&v.cells, {x0 + w * 0.5f, y0 - h - t * 0.5f, z}, {w + 2 * t, t, in.thickness + 0.1f}, frame_rgb, 1.0f);
        push_box(&v.cells, {x0 - t * 0.5f, y0 - h * 0.5f, z}, {t, h, in.thickness + 0.1f}, frame_rgb, 1.0f);
        push_box(&v.cells, {x0 + w + t * 0.5f, y0 - h * 0.5f, z}, {t, h, in.thickness + 0.1f}, frame_rgb, 1.0f);
    }
    band_hidden_slabs(&in, v.banded_slabs, eye, float(L.w + L.pad_left + L.pad_right),
                      float(L.h + L.pad_top + L.pad_bottom), float(L.pad_left), float(L.pad_top));

    // ---- Output slabs: filled as far as the step has computed.
    for (int64_t o = 0; o < L.cout; ++o) {
        SlabInstance s{};
        const Vec3 p = output_cell(L, 0, 0, o);
        set3(s.origin, p.x - 0.5f, p.y + 0.5f, p.z);
        s.tile = float(o);
        if (pool) s.fill = o == filter ? float(v.timeline.step + 1) : 0.0f;
        else if (walk) s.fill = 0.0f;
        else if (all) s.fill = o <= filter ? -1.0f : 0.0f;
        else s.fill = o == filter ? float(v.timeline.step + 1) : 0.0f;
        s.emphasis = o == filter ? 1.0f : (all && o < filter ? 0.8f : 0.4f);
        s.alpha = 1.0f;
        if (o < filter) {
            s.alpha = all ? 0.35f : 0.16f;
            out.ghosts.push_back(s);
        } else {
            out.opaque.push_back(s);
        }
    }
    if (front_view) std::reverse(out.ghosts.begin(), out.ghosts.end());
    band_hidden_slabs(&out, v.banded_slabs, eye, float(L.wo), float(L.ho), 0.0f, 0.0f);

    // ---- The window on the input: raised boxes at the taps, padding taps grey.
    const float tap_depth = in.thickness + 0.3f;
    float rgb[3];
    const auto& taps = pool ? v.pool_step.taps : st.taps;
    for (int64_t c = 0; c < L.cin; ++c) {
        if (!channel_used(c)) continue;
        const bool focus = current < 0 || c == current;
        if (walk && c > current && current >= 0) continue;  // not reached yet
        for (size_t t = 0; t < taps.size(); ++t) {
            const convlab::TraceTap& tap = taps[t];
            const Vec3 p = input_cell(L, tap.row, tap.col, c);
            const Vec3 centre{p.x, p.y, p.z - in.thickness * 0.5f};
            if (tap.padding) {
                push_box(focus ? &v.cells : &v.cell_ghosts, centre, {0.9f, 0.9f, tap_depth}, col.side, focus ? 1.0f : 0.3f);
                continue;
            }
            const float xv = v.x[size_t((tap.row * L.w + tap.col) * L.cin + c)];
            value_color(col, xv, in.scale, rgb);
            const bool winner = pool && int64_t(t) == v.pool_step.winner;
            const float lift = winner ? 0.8f : 0.0f;
            if (focus) push_box(&v.cells, {centre.x, centre.y, centre.z + lift * 0.5f}, {0.9f, 0.9f, tap_depth + lift}, rgb, 1.0f);
            else push_box(&v.cell_ghosts, centre, {0.9f, 0.9f, tap_depth}, rgb, 0.25f);
        }
        // Dilation: the cells between taps are skipped; small grey dots say so.
        if (focus && (L.dh > 1 || L.dw > 1) && !taps.empty()) {
            const convlab::TraceTap& first = taps.front();
            for (int64_t r = 0; r <= (L.kh - 1) * L.dh; ++r)
                for (int64_t q = 0; q <= (L.kw - 1) * L.dw; ++q) {
                    if (r % L.dh == 0 && q % L.dw == 0) continue;
                    const int64_t row = first.row + r, cc = first.col + q;
                    const Vec3 p = input_cell(L, row, cc, c);
                    push_box(&v.cells, {p.x, p.y, p.z + 0.02f}, {0.3f, 0.3f, 0.08f}, col.side, 1.0f);
                }
        }
    }
    if (!taps.empty()) {
        const int64_t c = current >= 0 ? current : 0;
        const Vec3 a = input_cell(L, taps.front().row, taps.front().col, c);
        const Vec3 b = input_cell(L, taps.back().row, taps.back().col, c);
        v.action = {(a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f, a.z};
    }
    // Stride: where the window was one step before, as flat outlines.
    // (Not for UpSampling2D: its window does not move by a stride, it stays on a cell for Sh×Sw steps.)
    if (!walk && !all && v.timeline.step > 0 && !taps.empty() && !(pool && v.pool.kind == convlab::LayerKind::UpSampling2D)) {
        const int64_t cz = current >= 0 ? current : 0;
        const int64_t prev = v.timeline.step - 1;
        const int64_t pi = prev / std::max<int64_t>(1, L.wo), pj = prev % std::max<int64_t>(1, L.wo);
        const int64_t di = (out_i - pi), dj = (out_j - pj);
        const int64_t sh = pool ? v.pool.g.sh : v.src.g.sh, sw = pool ? v.pool.g.sw : v.src.g.sw;
        const float stride_rgb[3] = {0.35f, 0.40f, 0.55f};
        for (const convlab::TraceTap& tap : taps) {
            const Vec3 p = input_cell(L, tap.row - di * sh, tap.col - dj * sw, cz);
            push_box(&v.cell_ghosts, {p.x, p.y, p.z + 0.05f}, {0.95f, 0.95f, 0.06f}, stride_rgb, 0.55f);
        }
    }

    // ---- The filter: Kh×Kw boxes per slice, slice s level with its input channel.
    if (!pool) {
        const float k_depth = std::min(0.6f, L.gap_in * 0.6f);
        for (int64_t s = 0; s < L.depth; ++s) {
            const int64_t c = convlab::conv_trace_input_channel(v.src, filter, s);
            const bool done = !walk || s <= st.kernel_slice || st.kind == convlab::TraceStepKind::Bias;
            const bool focus = !walk || s == st.kernel_slice;
            for (int64_t p = 0; p < L.kh; ++p)
                for (int64_t q = 0; q < L.kw; ++q) {
                    const float wv = L.depth == 1 && v.src.kind == convlab::LayerKind::DepthwiseConv2D
                                         ? v.w[size_t((p * L.kw + q) * L.cout + filter)]
                                         : v.w[size_t(((p * L.kw + q) * L.cin + s) * L.cout + filter)];
                    value_color(col, wv, w_scale, rgb);
                    const Vec3 pos = kernel_cell(L, p, q, c);
                    const float size = focus ? 0.92f : 0.8f;
                    if (walk && current >= 0 && c < current) push_box(&v.cell_ghosts, pos, {size, size, k_depth}, rgb, 0.18f);
                    else if (done) push_box(&v.cells, pos, {size, size, k_depth}, rgb, 1.0f);
                    else push_box(&v.cells, pos, {0.6f, 0.6f, k_depth * 0.5f}, col.blank, 1.0f);
                }
        }
        // The bias: one more box under the filter.
        if (v.src.b) {
            value_color(col, v.src.b[filter], w_scale, rgb);
            const bool lit = !walk || st.kind == convlab::TraceStepKind::Bias;
            const Vec3 pos = kernel_cell(L, L.kh, 0, 0);
            push_box(&v.cells, {pos.x, pos.y - 0.6f, pos.z}, {0.9f, 0.9f, 0.6f}, lit ? rgb : col.blank, 1.0f);
        }
    }

    // ---- The output value being computed.
    {
        const float value = pool ? v.pool_step.value : st.partial_sum;
        value_color(col, value, out.scale, rgb);
        const Vec3 p = output_cell(L, out_i, out_j, filter);
        push_box(&v.cells, {p.x, p.y, p.z - out.thickness * 0.5f}, {0.95f, 0.95f, out.thickness + 0.9f}, rgb, 1.0f);
    }
}

void draw_scene(ConvView& v, const SceneLayout& L, bool dark, const Mat4& vp, Vec3 eye, int fb_w, int fb_h,
                uint32_t* texture) {
    const SceneColors col = scene_colors(dark);
    SlabTensor* tensors[2] = {&v.input_slabs, &v.output_slabs};
    const float fog_near = v.camera.distance * 0.6f, fog_far = v.camera.distance * 1.8f + 20.0f;
    (void)L;
    *texture = renderer_draw(&v.renderer, fb_w, fb_h, vp, eye, fog_near, fog_far, col, tensors, 2, v.cells,
                             v.cell_ghosts);
    v.perf.redrawn = v.renderer.redrawn;
}

void branch_tint(int j, bool dark, float* rgb) {
    static const float light[kMergeDrawn][3] = {{0.05f, 0.55f, 0.45f}, {0.55f, 0.25f, 0.75f}, {0.80f, 0.60f, 0.05f},
                                                {0.85f, 0.20f, 0.55f}};
    static const float night[kMergeDrawn][3] = {{0.25f, 0.80f, 0.65f}, {0.75f, 0.55f, 0.95f}, {0.95f, 0.80f, 0.30f},
                                                {0.98f, 0.45f, 0.70f}};
    const int k = j < 0 ? 0 : j >= kMergeDrawn ? kMergeDrawn - 1 : j;  // a fifth branch shares the last tint
    const float* c = (dark ? night : light)[k];
    set3(rgb, c[0], c[1], c[2]);
}

MergeLayout merge_layout(const ConvView& v) {
    MergeLayout M;
    const convlab::MergeTraceSource& s = v.merge;
    M.inputs = std::min(int(s.channels.size()), kMergeDrawn);
    M.h = s.h, M.w = s.w;
    M.cout = std::max<int64_t>(1, convlab::merge_trace_out_channels(s));
    M.gap = slice_gap(M.cout);
    const bool concat = s.kind == convlab::LayerKind::Concatenate;
    // Room between the stacks for each one's title and "C =" label.
    const float between = std::max(4.0f, float(M.h) * 0.3f);
    int64_t first = 0;
    for (int j = 0; j < M.inputs; ++j) {
        M.channels[j] = s.channels[size_t(j)];
        M.in_y[j] = -float(j) * (float(M.h) + between);
        M.in_z[j] = concat ? -float(first) * M.gap : 0.0f;
        first += M.channels[j];
    }
    const float span = float(M.inputs) * float(M.h) + float(M.inputs - 1) * between;
    // Far enough right that the inputs' depth, seen from the default angle, does not cover the output.
    M.out_x = float(M.w) + std::max(12.0f, float(M.w) * 0.6f);
    M.out_y = -std::floor((span - float(M.h)) * 0.5f);
    return M;
}

Vec3 merge_input_cell(const MergeLayout& M, int input, int64_t row, int64_t col, int64_t channel) {
    return {float(col) + 0.5f, M.in_y[input] - float(row) - 0.5f, M.in_z[input] - float(channel) * M.gap};
}
Vec3 merge_output_cell(const MergeLayout& M, int64_t row, int64_t col, int64_t channel) {
    return {M.out_x + float(col) + 0.5f, M.out_y - float(row) - 0.5f, -float(channel) * M.gap};
}

void merge_bounds(const MergeLayout& M, Vec3* lo, Vec3* hi) {
    const float bottom = M.in_y[std::max(0, M.inputs - 1)] - float(M.h);
    // Room below for the legend in the picture's corner.
    *lo = {-1.0f, std::min(bottom, M.out_y - float(M.h)) - 1.0f - float(M.h) * 0.35f, -float(M.cout) * M.gap};
    *hi = {M.out_x + float(M.w) + 1.0f, 3.0f, 1.0f};
}

namespace {

// A flat frame around a whole slab, so the slice in play stands out at any depth.
void push_frame(std::vector<CellInstance>* list, Vec3 top_left, float w, float h, float depth, const float* rgb) {
    const float x0 = top_left.x, y0 = top_left.y, z = top_left.z - depth * 0.5f, t = 0.35f;
    push_box(list, {x0 + w * 0.5f, y0 + t * 0.5f, z}, {w + 2 * t, t, depth + 0.1f}, rgb, 1.0f);
    push_box(list, {x0 + w * 0.5f, y0 - h - t * 0.5f, z}, {w + 2 * t, t, depth + 0.1f}, rgb, 1.0f);
    push_box(list, {x0 - t * 0.5f, y0 - h * 0.5f, z}, {t, h, depth + 0.1f}, rgb, 1.0f);
    push_box(list, {x0 + w + t * 0.5f, y0 - h * 0.5f, z}, {t, h, depth + 0.1f}, rgb, 1.0f);
}

// However many slices lie in front of the one in focus, together they hide at
// most half of it (the same rule as the convolution's input).
float ghost_alpha(int64_t in_front) { return std::min(0.16f, 1.0f - std::pow(0.5f, 1.0f / float(std::max<int64_t>(1, in_front)))); }

}  // namespace

// Concatenate: output channel k (the step) is being copied from its input's
// slab; the channels before it are filled, those after it still blank.
// Elementwise: one channel walks its positions; the cell in play is raised in
// every input and in the output, which fills as far as the walk has gone.
void build_merge_instances(ConvView& v, const MergeLayout& M, bool dark, Vec3 eye) {
    const SceneColors col = scene_colors(dark);
    v.cells.clear();
    v.cell_ghosts.clear();
    const bool concat = v.merge.kind == convlab::LayerKind::Concatenate;
    const convlab::MergeTraceStep& st = v.merge_step;
    const float thickness = std::min(0.3f, M.gap * 0.4f);
    float rgb[3];
    for (int j = 0; j < M.inputs; ++j) {
        SlabTensor& t = v.merge_slabs[j];
        t.opaque.clear(), t.ghosts.clear();
        t.thickness = thickness;
        t.pad[0] = t.pad[1] = t.pad[2] = t.pad[3] = 0.0f;
        const int64_t focus = concat ? (j == st.input ? st.in_channel : -1) : st.channel;
        for (int64_t c = 0; c < M.channels[j]; ++c) {
            SlabInstance s{};
            const Vec3 o = merge_input_cell(M, j, 0, 0, c);
            set3(s.origin, o.x - 0.5f, o.y + 0.5f, o.z);
            s.tile = float(c);
            s.fill = -1.0f;
            s.emphasis = c == focus ? 1.0f : 0.45f;
            s.alpha = 1.0f;
            branch_tint(j, dark, s.tint);
            s.tint[3] = 0.9f;
            if (focus >= 0 && c < focus) {
                s.alpha = ghost_alpha(focus);
                t.ghosts.push_back(s);
            } else {
                t.opaque.push_back(s);
            }
        }
        if (eye.z > M.in_z[j]) std::reverse(t.ghosts.begin(), t.ghosts.end());
        band_hidden_slabs(&t, v.banded_slabs, eye, float(M.w), float(M.h), 0.0f, 0.0f);
        if (focus >= 0 && focus < M.channels[j]) {
            const Vec3 tl = merge_input_cell(M, j, 0, 0, focus);
            float tint[3];
            branch_tint(j, dark, tint);
            push_frame(&v.cells, {tl.x - 0.5f, tl.y + 0.5f, tl.z}, float(M.w), float(M.h), thickness, tint);
        }
    }
    SlabTensor& out = v.output_slabs;
    out.opaque.clear(), out.ghosts.clear();
    out.thickness = thickness;
    for (int64_t k = 0; k < M.cout; ++k) {
        SlabInstance s{};
        const Vec3 p = merge_output_cell(M, 0, 0, k);
        set3(s.origin, p.x - 0.5f, p.y + 0.5f, p.z);
        s.tile = float(k);
        if (concat) {
            s.fill = k <= st.channel ? -1.0f : 0.0f;
            int64_t in_channel = 0;
            const int from = convlab::merge_trace_input_of_channel(v.merge, k, &in_channel);
            if (from >= 0 && from < kMergeDrawn) {
                branch_tint(from, dark, s.tint);
                s.tint[3] = k <= st.channel ? 0.9f : 0.35f;
            }
        } else {
            s.fill = k == st.channel ? float(v.timeline.step + 1) : 0.0f;
        }
        s.emphasis = k == st.channel ? 1.0f : concat ? 0.75f : 0.5f;
        s.alpha = 1.0f;
        // A Concatenate's output stays opaque: its side shows the branches'
        // tints in the order they were stacked, and the frame marks the slab copied.
        if (k < st.channel && !concat) {
            s.alpha = ghost_alpha(st.channel);
            out.ghosts.push_back(s);
        } else {
            out.opaque.push_back(s);
        }
    }
    if (eye.z > 0.0f) std::reverse(out.ghosts.begin(), out.ghosts.end());
    band_hidden_slabs(&out, v.banded_slabs, eye, float(M.w), float(M.h), 0.0f, 0.0f);
    const Vec3 otl = merge_output_cell(M, 0, 0, st.channel);
    if (concat) {
        float tint[3];
        branch_tint(st.input, dark, tint);
        push_frame(&v.cells, {otl.x - 0.5f, otl.y + 0.5f, otl.z}, float(M.w), float(M.h), thickness, tint);
        const Vec3 a = merge_input_cell(M, st.input, M.h / 2, M.w / 2, st.in_channel);
        v.action = {(a.x + otl.x) * 0.5f, a.y, a.z};
        return;
    }
    // The cell in play, raised in each input (coloured by its value) and in the output.
    for (int j = 0; j < M.inputs && size_t(j) < st.inputs.size(); ++j) {
        value_color(col, st.inputs[size_t(j)], v.merge_slabs[j].scale, rgb);
        const Vec3 p = merge_input_cell(M, j, st.out_i, st.out_j, st.channel);
        push_box(&v.cells, {p.x, p.y, p.z - thickness * 0.5f}, {0.95f, 0.95f, thickness + 0.9f}, rgb, 1.0f);
    }
    value_color(col, st.value, out.scale, rgb);
    const Vec3 p = merge_output_cell(M, st.out_i, st.out_j, st.channel);
    push_box(&v.cells, {p.x, p.y, p.z - thickness * 0.5f}, {0.95f, 0.95f, thickness + 0.9f}, rgb, 1.0f);
    v.action = p;
}

void draw_merge_scene(ConvView& v, const MergeLayout& M, bool dark, const Mat4& vp, Vec3 eye, int fb_w, int fb_h,
                      uint32_t* texture) {
    const SceneColors col = scene_colors(dark);
    SlabTensor* tensors[kMergeDrawn + 1];
    int n = 0;
    for (int j = 0; j < M.inputs; ++j) tensors[n++] = &v.merge_slabs[j];
    tensors[n++] = &v.output_slabs;
    const float fog_near = v.camera.distance * 0.6f, fog_far = v.camera.distance * 1.8f + 20.0f;
    *texture = renderer_draw(&v.renderer, fb_w, fb_h, vp, eye, fog_near, fog_far, col, tensors, n, v.cells,
                             v.cell_ghosts);
    v.perf.redrawn = v.renderer.redrawn;
}
