// ui.frag: an ImGui fragment: the vertex colour times the bound texture (the
// font atlas, or an image such as the 3D view or a feature map).
precision mediump float;
in vec2 v_uv;
in vec4 v_color;
uniform sampler2D u_texture;
out vec4 frag_color;
void main() {
    frag_color = v_color * texture(u_texture, v_uv);
}
