// background.vert: one triangle that covers the screen; no vertex buffer needed,
// the corners come from gl_VertexID. uv runs 0..1 across the visible area.
out vec2 v_uv;
void main() {
    vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
    v_uv = corner;
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
