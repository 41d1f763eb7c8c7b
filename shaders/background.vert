// background.vert: the backdrop is drawn only where no window covers it (the
// gaps between panels, see background.cpp), as rectangles given in pixels
// from the top-left corner. uv runs 0..1 across the whole framebuffer, bottom
// to top, so the gradient and the grid line up however the gaps are cut.
layout(location = 0) in vec2 a_pos;   // pixels, y down
uniform highp vec2 u_resolution;
out vec2 v_uv;
void main() {
    v_uv = vec2(a_pos.x / u_resolution.x, 1.0 - a_pos.y / u_resolution.y);
    gl_Position = vec4(v_uv * 2.0 - 1.0, 0.0, 1.0);
}
