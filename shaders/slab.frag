// slab.frag: the values of one channel as coloured cells (a diverging map:
// negative blue, zero paper, positive red-brown), thin grid lines that fade
// when cells get small, padding cells striped, cells not yet computed blank.
precision highp float;
precision highp sampler2D;
in vec3 v_normal;
in vec2 v_cell;
in vec3 v_world;
flat in vec4 v_params;
flat in vec4 v_tint;
in vec2 v_frac;
out vec4 frag_color;
uniform sampler2D u_values;   // R32F atlas: channel t at tile (t % u_tiles_per_row, t / u_tiles_per_row)
uniform vec2 u_grid;
uniform float u_tiles_per_row;
uniform float u_scale;        // 1 / the largest |value| of the tensor
uniform vec4 u_spread;        // a spread input: row step, col step, row phase, col phase ((1, 1, 0, 0): none)
uniform vec3 u_paper;
uniform vec3 u_positive;
uniform vec3 u_negative;
uniform vec3 u_blank;
uniform vec3 u_side;
uniform vec3 u_eye;
uniform vec3 u_fog_color;
uniform float u_fog_near;
uniform float u_fog_far;

vec3 value_color(float v) {
    float t = clamp(v * u_scale, -1.0, 1.0);
    return t >= 0.0 ? mix(u_paper, u_positive, sqrt(t)) : mix(u_paper, u_negative, sqrt(-t));
}

void main() {
    vec3 n = normalize(v_normal);
    vec3 color;
    if (abs(n.z) > 0.5) {
        vec2 cell = floor(v_cell);
        bool inside = cell.x >= 0.0 && cell.y >= 0.0 && cell.x < u_grid.x && cell.y < u_grid.y;
        if (!inside) {
            // Padding: zeros Keras adds around the input, striped so they never look like data.
            float stripe = step(0.5, fract((v_cell.x + v_cell.y) * 1.5));
            color = mix(u_blank, u_side, 0.35 + 0.3 * stripe);
        } else {
            float index = cell.y * u_grid.x + cell.x;
            bool inserted = mod(cell.y + u_spread.z, u_spread.x) > 0.5 || mod(cell.x + u_spread.w, u_spread.y) > 0.5;
            if (inserted) {
                // A zero the stride put between two input values: blank, with a dot, never data.
                float dot_ = 1.0 - smoothstep(0.10, 0.16, length(fract(v_cell) - 0.5));
                color = mix(mix(u_blank, u_side, 0.15), u_side, dot_ * 0.85);
            } else if (v_params.y >= 0.0 && index >= v_params.y) {
                color = u_blank;  // not computed yet
            } else {
                float tile = v_params.x;
                float tx = mod(tile, u_tiles_per_row);
                float ty = floor(tile / u_tiles_per_row);
                ivec2 texel = ivec2(int(tx * u_grid.x + cell.x), int(ty * u_grid.y + cell.y));
                color = value_color(texelFetch(u_values, texel, 0).r);
            }
        }
        // Grid lines, faded out when a cell is only a few pixels wide.
        vec2 f = abs(fract(v_cell) - 0.5);
        vec2 w = fwidth(v_cell);
        float px = max(w.x, w.y);
        float line = (1.0 - smoothstep(0.5 - 1.2 * px, 0.5 - 0.2 * px, max(f.x, f.y))) ;
        float visible = 1.0 - smoothstep(0.12, 0.35, px);
        color = mix(color * 0.72, color, line * visible + (1.0 - visible));
        // A tinted slab (which branch of a Concatenate, which input of an Add)
        // wears a rim of its tint three pixels wide, so the stack reads as
        // blocks of colour at any zoom while the values stay readable inside.
        if (v_tint.a > 0.0) {
            vec2 d = min(v_frac, 1.0 - v_frac) / max(fwidth(v_frac), vec2(1e-6));
            float rim = 1.0 - smoothstep(2.0, 3.5, min(d.x, d.y));
            color = mix(color, v_tint.rgb, max(rim, 0.12) * v_tint.a);
        }
    } else {
        color = mix(u_side, v_tint.rgb, v_tint.a);
    }
    float key = max(dot(n, normalize(vec3(-0.45, 0.8, 0.55))), 0.0);
    color *= 0.72 + 0.28 * key + (abs(n.z) > 0.5 ? 0.12 : 0.0);
    color = mix(u_fog_color, color, 0.35 + 0.65 * v_params.z);
    float fog = clamp((distance(u_eye, v_world) - u_fog_near) / (u_fog_far - u_fog_near), 0.0, 1.0);
    color = mix(color, u_fog_color, fog * 0.45);
    frag_color = vec4(color, v_params.w);
}
