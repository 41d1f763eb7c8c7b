// ui.vert: ImGui's vertices (pixel position, font-atlas uv, colour) to clip
// space with an orthographic projection; the same as ImGui's own backend.
in vec2 a_pos;
in vec2 a_uv;
in vec4 a_color;
uniform mat4 u_proj;
out vec2 v_uv;
out vec4 v_color;
void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = u_proj * vec4(a_pos, 0.0, 1.0);
}
