// conv_view_renderer.cpp: the GL side of the convolution view (see
// conv_view_renderer.h): two instanced programs over one unit cube, an
// offscreen colour texture + depth buffer, and the GL state put back for ImGui.
#include "render/conv_view_renderer.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "render/gl.h"
#include "render/gl_program.h"

extern const unsigned char shader_cells_vert[];
extern const unsigned char shader_cells_frag[];
extern const unsigned char shader_slab_vert[];
extern const unsigned char shader_slab_frag[];

namespace {

// 36 vertices (position, normal) of the cube -0.5..0.5, counter-clockwise outside.
void cube_vertices(float* out) {
    static const float faces[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    int k = 0;
    for (const auto& n : faces) {
        // Two axes spanning the face, chosen so (u × v) = n.
        float u[3], v[3];
        const int a = n[0] != 0 ? 0 : (n[1] != 0 ? 1 : 2);
        const int b = (a + 1) % 3, c = (a + 2) % 3;
        const float s = n[a];
        for (int i = 0; i < 3; ++i) u[i] = v[i] = 0;
        u[b] = 1;
        v[c] = s;
        const float corners[6][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, -1}, {1, 1}, {-1, 1}};
        for (const auto& cr : corners) {
            for (int i = 0; i < 3; ++i) out[k++] = 0.5f * (n[i] + cr[0] * u[i] + cr[1] * v[i]);
            for (int i = 0; i < 3; ++i) out[k++] = n[i];
        }
    }
}

void bind_cube(GLuint vbo) {
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float), reinterpret_cast<void*>(3 * sizeof(float)));
}

void instanced_attrib(GLuint index, int size, int stride, int offset) {
    glEnableVertexAttribArray(index);
    glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(intptr_t(offset)));
    glVertexAttribDivisor(index, 1);
}

// Grows an instance buffer to hold `count` (doubling, so it settles after a few frames).
void ensure_capacity(GLuint vbo, int* capacity, int count, int stride) {
    if (count <= *capacity) return;
    *capacity = std::max(count, *capacity * 2);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(*capacity) * stride, nullptr, GL_DYNAMIC_DRAW);
}

// One float field of an instance: its components and its byte offset.
struct InstanceField {
    int size, offset;
};

// A VAO that draws the cube once per instance: the cube's position and normal at
// locations 0 and 1, the instance's fields from location 2 on, from a new
// instance buffer with room for `count` instances of `stride` bytes.
template <size_t N>
void make_instanced_vao(GLuint cube_vbo, uint32_t* vao, uint32_t* instances, int* capacity, int count, int stride,
                        const InstanceField (&fields)[N]) {
    glGenVertexArrays(1, vao);
    glGenBuffers(1, instances);
    glBindVertexArray(*vao);
    bind_cube(cube_vbo);
    ensure_capacity(*instances, capacity, count, stride);
    glBindBuffer(GL_ARRAY_BUFFER, *instances);
    for (GLuint k = 0; k < GLuint(N); ++k) instanced_attrib(2 + k, fields[k].size, stride, fields[k].offset);
}

void ensure_framebuffer(ConvRenderer* r, int w, int h) {
    if (r->fbo && r->fb_w == w && r->fb_h == h) return;
    if (!r->fbo) {
        glGenFramebuffers(1, &r->fbo);
        glGenTextures(1, &r->color_tex);
        glGenRenderbuffers(1, &r->depth_rb);
    }
    r->fb_w = w;
    r->fb_h = h;
    glBindTexture(GL_TEXTURE_2D, r->color_tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindRenderbuffer(GL_RENDERBUFFER, r->depth_rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, r->fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, r->color_tex, 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, r->depth_rb);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

// FNV-1a over raw bytes: what the picture depends on, to tell an unchanged frame.
uint64_t hash_bytes(uint64_t h, const void* data, size_t size) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}
template <class T>
uint64_t hash_list(uint64_t h, const std::vector<T>& v) {
    const uint64_t n = v.size();
    h = hash_bytes(h, &n, sizeof n);
    return v.empty() ? h : hash_bytes(h, v.data(), v.size() * sizeof(T));
}

uint64_t scene_key(int w, int h, const Mat4& view_proj, Vec3 eye, float fog_near, float fog_far,
                   const SceneColors& col, SlabTensor* const* tensors, int tensor_count,
                   const std::vector<CellInstance>& cells, const std::vector<CellInstance>& cell_ghosts) {
    uint64_t k = 14695981039346656037ull;
    const float frame[] = {float(w), float(h), eye.x, eye.y, eye.z, fog_near, fog_far};
    k = hash_bytes(k, frame, sizeof frame);
    k = hash_bytes(k, view_proj.m, sizeof view_proj.m);
    k = hash_bytes(k, &col, sizeof col);
    for (int i = 0; i < tensor_count; ++i) {
        const SlabTensor& t = *tensors[i];
        const float shape[] = {float(t.texture), float(t.version), float(t.rows), float(t.cols), float(t.channels),
                               t.pad[0], t.pad[1], t.pad[2], t.pad[3], t.scale, t.thickness,
                               t.spread[0], t.spread[1], t.spread[2], t.spread[3]};
        k = hash_bytes(k, shape, sizeof shape);
        k = hash_list(hash_list(k, t.opaque), t.ghosts);
    }
    return hash_list(hash_list(k, cells), cell_ghosts);
}

void draw_slabs(ConvRenderer* r, const SlabTensor& t, const std::vector<SlabInstance>& list) {
    if (list.empty() || !t.texture) return;
    ensure_capacity(r->slab_instances, &r->slab_capacity, int(list.size()), int(sizeof(SlabInstance)));
    glBindBuffer(GL_ARRAY_BUFFER, r->slab_instances);
    glBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(list.size() * sizeof(SlabInstance)), list.data());
    glUniform2f(r->s_grid, float(t.cols), float(t.rows));
    glUniform4f(r->s_pad, t.pad[0], t.pad[1], t.pad[2], t.pad[3]);
    glUniform1f(r->s_thickness, t.thickness);
    glUniform1f(r->s_tiles, float(t.tiles_per_row));
    glUniform1f(r->s_scale, t.scale);
    glUniform4f(r->s_spread, t.spread[0], t.spread[1], t.spread[2], t.spread[3]);
    glBindTexture(GL_TEXTURE_2D, t.texture);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 36, GLsizei(list.size()));
}

void draw_cells(ConvRenderer* r, const std::vector<CellInstance>& cells) {
    if (cells.empty()) return;
    ensure_capacity(r->cell_instances, &r->cell_capacity, int(cells.size()), int(sizeof(CellInstance)));
    glBindBuffer(GL_ARRAY_BUFFER, r->cell_instances);
    glBufferSubData(GL_ARRAY_BUFFER, 0, GLsizeiptr(cells.size() * sizeof(CellInstance)), cells.data());
    glDrawArraysInstanced(GL_TRIANGLES, 0, 36, GLsizei(cells.size()));
}

}  // namespace

void renderer_init(ConvRenderer* r, const char* glsl_version) {
    r->cell_program = gl_program_build("convolution view", glsl_version, shader_cells_vert, shader_cells_frag);
    r->slab_program = gl_program_build("convolution view", glsl_version, shader_slab_vert, shader_slab_frag);
    if (!r->cell_program || !r->slab_program) {
        r->failed = true;
        return;
    }
    float cube[36 * 6];
    cube_vertices(cube);
    glGenBuffers(1, &r->cube_vbo);
    glBindBuffer(GL_ARRAY_BUFFER, r->cube_vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof cube, cube, GL_STATIC_DRAW);

    make_instanced_vao(r->cube_vbo, &r->cell_vao, &r->cell_instances, &r->cell_capacity, 1024, int(sizeof(CellInstance)),
                       {{3, int(offsetof(CellInstance, centre))},
                        {3, int(offsetof(CellInstance, size))},
                        {4, int(offsetof(CellInstance, color))}});
    make_instanced_vao(r->cube_vbo, &r->slab_vao, &r->slab_instances, &r->slab_capacity, 256, int(sizeof(SlabInstance)),
                       {{3, int(offsetof(SlabInstance, origin))},
                        {4, int(offsetof(SlabInstance, tile))},
                        {4, int(offsetof(SlabInstance, clip))},
                        {4, int(offsetof(SlabInstance, tint))}});
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    const GLuint c = r->cell_program, s = r->slab_program;
    r->c_view_proj = glGetUniformLocation(c, "u_view_proj");
    r->c_eye = glGetUniformLocation(c, "u_eye");
    r->c_fog_color = glGetUniformLocation(c, "u_fog_color");
    r->c_fog_near = glGetUniformLocation(c, "u_fog_near");
    r->c_fog_far = glGetUniformLocation(c, "u_fog_far");
    r->s_view_proj = glGetUniformLocation(s, "u_view_proj");
    r->s_grid = glGetUniformLocation(s, "u_grid");
    r->s_pad = glGetUniformLocation(s, "u_pad");
    r->s_thickness = glGetUniformLocation(s, "u_thickness");
    r->s_values = glGetUniformLocation(s, "u_values");
    r->s_tiles = glGetUniformLocation(s, "u_tiles_per_row");
    r->s_scale = glGetUniformLocation(s, "u_scale");
    r->s_spread = glGetUniformLocation(s, "u_spread");
    r->s_paper = glGetUniformLocation(s, "u_paper");
    r->s_positive = glGetUniformLocation(s, "u_positive");
    r->s_negative = glGetUniformLocation(s, "u_negative");
    r->s_blank = glGetUniformLocation(s, "u_blank");
    r->s_side = glGetUniformLocation(s, "u_side");
    r->s_eye = glGetUniformLocation(s, "u_eye");
    r->s_fog_color = glGetUniformLocation(s, "u_fog_color");
    r->s_fog_near = glGetUniformLocation(s, "u_fog_near");
    r->s_fog_far = glGetUniformLocation(s, "u_fog_far");
    r->ready = true;
}

void renderer_upload(SlabTensor* t, const float* hwc, int rows, int cols, int channels) {
    if (!t->texture) glGenTextures(1, &t->texture);
    t->rows = rows;
    t->cols = cols;
    t->channels = channels;
    t->tiles_per_row = std::max(1, int(std::ceil(std::sqrt(double(channels)))));
    const int tile_rows = (channels + t->tiles_per_row - 1) / t->tiles_per_row;
    const int aw = cols * t->tiles_per_row, ah = rows * std::max(1, tile_rows);
    std::vector<float> atlas(size_t(aw) * size_t(ah), 0.0f);  // once per change of data, not per frame
    float most = 0.0f;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            for (int ch = 0; ch < channels; ++ch) {
                const float v = hwc[(size_t(r) * size_t(cols) + size_t(c)) * size_t(channels) + size_t(ch)];
                most = std::max(most, std::fabs(v));
                const int x = (ch % t->tiles_per_row) * cols + c, y = (ch / t->tiles_per_row) * rows + r;
                atlas[size_t(y) * size_t(aw) + size_t(x)] = v;
            }
    t->scale = most > 0.0f ? 1.0f / most : 1.0f;
    ++t->version;
    glBindTexture(GL_TEXTURE_2D, t->texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, aw, ah, 0, GL_RED, GL_FLOAT, atlas.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
}

uint32_t renderer_draw(ConvRenderer* r, int w, int h, const Mat4& view_proj, Vec3 eye, float fog_near, float fog_far,
                       const SceneColors& col, SlabTensor* const* tensors, int tensor_count,
                       const std::vector<CellInstance>& cells, const std::vector<CellInstance>& cell_ghosts) {
    r->redrawn = false;
    if (!r->ready || w <= 0 || h <= 0) return 0;
    // Software WebGL fills this picture's pixels at tens of ms a frame: while a
    // step is shown (and the camera rests) the texture from before is still right.
    const uint64_t key = scene_key(w, h, view_proj, eye, fog_near, fog_far, col, tensors, tensor_count, cells, cell_ghosts);
    r->redrawn = !(r->fbo && key == r->drawn_key);
    if (!r->redrawn) return r->color_tex;
    r->drawn_key = key;
    ensure_framebuffer(r, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, r->fbo);
    glViewport(0, 0, w, h);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(col.background[0], col.background[1], col.background[2], 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glDisable(GL_BLEND);
    glActiveTexture(GL_TEXTURE0);

    // Opaque first: the boxes in focus, then the slabs.
    glUseProgram(r->cell_program);
    glUniformMatrix4fv(r->c_view_proj, 1, GL_FALSE, view_proj.m);
    glUniform3f(r->c_eye, eye.x, eye.y, eye.z);
    glUniform3fv(r->c_fog_color, 1, col.background);
    glUniform1f(r->c_fog_near, fog_near);
    glUniform1f(r->c_fog_far, fog_far);
    glBindVertexArray(r->cell_vao);
    draw_cells(r, cells);

    glUseProgram(r->slab_program);
    glUniformMatrix4fv(r->s_view_proj, 1, GL_FALSE, view_proj.m);
    glUniform1i(r->s_values, 0);
    glUniform3fv(r->s_paper, 1, col.paper);
    glUniform3fv(r->s_positive, 1, col.positive);
    glUniform3fv(r->s_negative, 1, col.negative);
    glUniform3fv(r->s_blank, 1, col.blank);
    glUniform3fv(r->s_side, 1, col.side);
    glUniform3f(r->s_eye, eye.x, eye.y, eye.z);
    glUniform3fv(r->s_fog_color, 1, col.background);
    glUniform1f(r->s_fog_near, fog_near);
    glUniform1f(r->s_fog_far, fog_far);
    glBindVertexArray(r->slab_vao);
    for (int i = 0; i < tensor_count; ++i) draw_slabs(r, *tensors[i], tensors[i]->opaque);

    // Then the see-through slices, already sorted back to front, without depth writes.
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glDepthMask(GL_FALSE);
    for (int i = 0; i < tensor_count; ++i) draw_slabs(r, *tensors[i], tensors[i]->ghosts);
    glUseProgram(r->cell_program);
    glBindVertexArray(r->cell_vao);
    draw_cells(r, cell_ghosts);

    // Back to what ImGui and the page background expect.
    glDepthMask(GL_TRUE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_BLEND);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glUseProgram(0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return r->color_tex;
}
