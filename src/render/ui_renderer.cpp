// ui_renderer.cpp: ImGui's draw lists through shaders/ui.* (see ui_renderer.h
// for why this is not ImGui's OpenGL3 backend). Every list goes into one
// vertex and one index buffer with a single upload each, then one
// glDrawElements per draw command, clipped by the scissor rectangle.
#include "render/ui_renderer.h"

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "render/gl_program.h"
#include "render/gl.h"

extern const unsigned char shader_ui_vert[];
extern const unsigned char shader_ui_frag[];

namespace {

// Sets the attribute pointers at a list's first vertex (ES 3.0 has no
// glDrawElementsBaseVertex, so the base vertex moves the pointers instead).
void point_attributes(size_t first_vertex) {
    const size_t base = first_vertex * sizeof(ImDrawVert);
    const GLsizei stride = GLsizei(sizeof(ImDrawVert));
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(base + offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(base + offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          reinterpret_cast<void*>(base + offsetof(ImDrawVert, col)));
}

void grow(GLenum target, size_t* capacity, size_t bytes) {
    if (bytes <= *capacity) return;
    *capacity = bytes + bytes / 2;  // some room, so a growing UI does not reallocate every frame
    glBufferData(target, GLsizeiptr(*capacity), nullptr, GL_STREAM_DRAW);
}

// A 64-bit multiply-xor hash, eight bytes at a time (a frame hashes ~200 KB).
struct Hasher {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    void word(uint64_t w) {
        h ^= w + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9ull;
    }
    void bytes(const void* data, size_t size) {
        const unsigned char* p = static_cast<const unsigned char*>(data);
        size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            uint64_t w;
            std::memcpy(&w, p + i, 8);
            word(w);
        }
        uint64_t tail = size;
        if (size > i) std::memcpy(&tail, p + i, size - i);
        word(tail);
    }
};

}  // namespace

bool ui_renderer_frame_changed(UiRenderer* r, const ImDrawData* data, int fb_w, int fb_h, uint64_t texture_changes) {
    Hasher k;
    k.word(uint64_t(fb_w) << 32 | uint32_t(fb_h));
    k.word(texture_changes);
    k.word(r->font_uploads);
    if (data) {
        k.bytes(&data->DisplayPos, sizeof data->DisplayPos);
        k.bytes(&data->DisplaySize, sizeof data->DisplaySize);
        k.bytes(&data->FramebufferScale, sizeof data->FramebufferScale);
        for (int n = 0; n < data->CmdListsCount; ++n) {
            const ImDrawList* list = data->CmdLists[n];
            k.bytes(list->VtxBuffer.Data, size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert));
            k.bytes(list->IdxBuffer.Data, size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
            for (const ImDrawCmd& cmd : list->CmdBuffer) {
                k.bytes(&cmd.ClipRect, sizeof cmd.ClipRect);
                k.word(reinterpret_cast<uintptr_t>(cmd.TextureId));
                k.word(uint64_t(cmd.VtxOffset) << 32 | cmd.IdxOffset);
                k.word(cmd.ElemCount);
                k.word(reinterpret_cast<uintptr_t>(cmd.UserCallback));
            }
        }
    }
    if (k.h == r->drawn_key) {
        ++r->frames_skipped;
        return false;
    }
    r->drawn_key = k.h;
    return true;
}

bool ui_renderer_init(UiRenderer* r, const char* glsl_version) {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "convlab_ui_renderer";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // lists past 65,536 vertices work
    r->program = gl_program_build("ui", glsl_version, shader_ui_vert, shader_ui_frag, {"a_pos", "a_uv", "a_color"});
    if (!r->program) {
        r->failed = true;
        return false;
    }
    r->u_proj = glGetUniformLocation(r->program, "u_proj");
    r->u_texture = glGetUniformLocation(r->program, "u_texture");
    glGenVertexArrays(1, &r->vao);
    glGenBuffers(1, &r->vbo);
    glGenBuffers(1, &r->ebo);
    glBindVertexArray(r->vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r->ebo);  // part of the VAO's state
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return true;
}

void ui_renderer_fonts(UiRenderer* r) {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    if (!r->font_texture) glGenTextures(1, &r->font_texture);
    glBindTexture(GL_TEXTURE_2D, r->font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, 0);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(r->font_texture)));
    ++r->font_uploads;
}

void ui_renderer_draw(UiRenderer* r, const ImDrawData* data, int fb_w, int fb_h) {
    r->vertices = r->indices = r->draw_calls = 0;
    r->lists = data ? data->CmdListsCount : 0;
    if (r->failed || !data || fb_w <= 0 || fb_h <= 0 || data->TotalVtxCount == 0) return;
    r->vertices = data->TotalVtxCount;
    r->indices = data->TotalIdxCount;

    glViewport(0, 0, fb_w, fb_h);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glActiveTexture(GL_TEXTURE0);
    glUseProgram(r->program);
    glUniform1i(r->u_texture, 0);
    const float L = data->DisplayPos.x, R = data->DisplayPos.x + data->DisplaySize.x;
    const float T = data->DisplayPos.y, B = data->DisplayPos.y + data->DisplaySize.y;
    const float proj[16] = {2.0f / (R - L), 0, 0, 0, 0, 2.0f / (T - B), 0, 0, 0, 0, -1.0f, 0,
                            (R + L) / (L - R), (T + B) / (B - T), 0, 1.0f};
    glUniformMatrix4fv(r->u_proj, 1, GL_FALSE, proj);
    glBindVertexArray(r->vao);

    // One upload per buffer: each list's vertices and indices placed one after another.
    glBindBuffer(GL_ARRAY_BUFFER, r->vbo);
    grow(GL_ARRAY_BUFFER, &r->vbo_bytes, size_t(data->TotalVtxCount) * sizeof(ImDrawVert));
    grow(GL_ELEMENT_ARRAY_BUFFER, &r->ebo_bytes, size_t(data->TotalIdxCount) * sizeof(ImDrawIdx));
    size_t vtx_at = 0, idx_at = 0;
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        glBufferSubData(GL_ARRAY_BUFFER, GLintptr(vtx_at * sizeof(ImDrawVert)),
                        GLsizeiptr(size_t(list->VtxBuffer.Size) * sizeof(ImDrawVert)), list->VtxBuffer.Data);
        glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, GLintptr(idx_at * sizeof(ImDrawIdx)),
                        GLsizeiptr(size_t(list->IdxBuffer.Size) * sizeof(ImDrawIdx)), list->IdxBuffer.Data);
        vtx_at += size_t(list->VtxBuffer.Size);
        idx_at += size_t(list->IdxBuffer.Size);
    }

    const ImVec2 clip_off = data->DisplayPos, scale = data->FramebufferScale;
    const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    vtx_at = idx_at = 0;
    size_t bound_vertex = SIZE_MAX;
    uintptr_t bound_texture = UINTPTR_MAX;
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        for (int i = 0; i < list->CmdBuffer.Size; ++i) {
            const ImDrawCmd& cmd = list->CmdBuffer[i];
            if (cmd.UserCallback) {
                // The page adds no callbacks; ImGui's own reset request needs nothing here.
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = (cmd.ClipRect.x - clip_off.x) * scale.x, y0 = (cmd.ClipRect.y - clip_off.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - clip_off.x) * scale.x, y1 = (cmd.ClipRect.w - clip_off.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(int(x0), int(float(fb_h) - y1), int(x1 - x0), int(y1 - y0));  // GL's origin is bottom left
            const uintptr_t tex = reinterpret_cast<uintptr_t>(cmd.GetTexID());
            if (tex != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, GLuint(tex));
                bound_texture = tex;
            }
            const size_t first_vertex = vtx_at + cmd.VtxOffset;
            if (first_vertex != bound_vertex) {
                point_attributes(first_vertex);
                bound_vertex = first_vertex;
            }
            glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), index_type,
                           reinterpret_cast<void*>((idx_at + cmd.IdxOffset) * sizeof(ImDrawIdx)));
            ++r->draw_calls;
        }
        vtx_at += size_t(list->VtxBuffer.Size);
        idx_at += size_t(list->IdxBuffer.Size);
    }

    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glUseProgram(0);
}
