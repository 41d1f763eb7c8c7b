// slab.vert: one channel of a tensor as a thin slab whose front face shows all
// its H×W values (read from a texture atlas in slab.frag), so a 26×26×32 input
// costs 32 instances rather than 21,632 boxes. Each instance is one channel.
layout(location = 0) in vec3 a_pos;      // unit cube, -0.5..0.5 (z = +0.5 is the front face)
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec3 i_origin;   // world position of cell (row 0, col 0)'s front top-left corner
layout(location = 3) in vec4 i_params;   // tile (channel), cells filled (-1: all), emphasis 0..1, alpha
layout(location = 4) in vec4 i_clip;     // the part drawn: x0, y0, x1, y1 as fractions of the slab (0, 0, 1, 1: all)
layout(location = 5) in vec4 i_tint;     // the tensor it came from: rgb, strength (0: none)
uniform mat4 u_view_proj;
uniform vec2 u_grid;        // cols, rows of one channel
uniform vec4 u_pad;         // padding cells: top, left, bottom, right
uniform float u_thickness;
out vec3 v_normal;
out vec2 v_cell;            // (col, row) in cells; negative or past the grid inside the padding
out vec3 v_world;
flat out vec4 v_params;
flat out vec4 v_tint;
out vec2 v_frac;            // 0..1 across the whole slab (padding included), for the tinted rim
void main() {
    float cols = u_grid.x + u_pad.y + u_pad.w;
    float rows = u_grid.y + u_pad.x + u_pad.z;
    // 0..1 from the front top-left corner, within the drawn part.
    vec3 p = vec3(mix(i_clip.x, i_clip.z, a_pos.x + 0.5), mix(i_clip.y, i_clip.w, 0.5 - a_pos.y), 0.5 - a_pos.z);
    v_cell = vec2(p.x * cols - u_pad.y, p.y * rows - u_pad.x);
    vec3 world = i_origin + vec3(v_cell.x, -v_cell.y, -p.z * u_thickness);
    v_normal = a_normal;
    v_world = world;
    v_params = i_params;
    v_tint = i_tint;
    v_frac = p.xy;
    gl_Position = u_view_proj * vec4(world, 1.0);
}
