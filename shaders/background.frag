// background.frag: the page's backdrop, a soft vertical gradient under a faint
// grid of cells, a quiet reminder that everything here is a grid of numbers.
precision mediump float;
in vec2 v_uv;
out vec4 frag_color;
uniform highp vec2 u_resolution;   // framebuffer size in pixels (highp: shared with the vertex shader)
uniform float u_cell;        // grid cell size in pixels (scaled by devicePixelRatio)
uniform vec3 u_top;
uniform vec3 u_bottom;
uniform vec3 u_line;

void main() {
    vec3 color = mix(u_bottom, u_top, v_uv.y);
    vec2 p = v_uv * u_resolution / u_cell;
    vec2 d = abs(fract(p) - 0.5);               // 0.5 on a cell border
    float line = smoothstep(0.47, 0.5, max(d.x, d.y));
    frag_color = vec4(mix(color, u_line, line * 0.35), 1.0);
}
