// cells.frag: a lit box with dark edges, so neighbouring cells stay apart and
// the box's depth reads at a glance: a key light from the upper left, a fill
// from the camera side, and a gentle fade with distance (aerial perspective).
precision highp float;
in vec3 v_normal;
in vec3 v_local;
in vec3 v_size;
in vec4 v_color;
in vec3 v_world;
out vec4 frag_color;
uniform vec3 u_eye;
uniform vec3 u_fog_color;
uniform float u_fog_near;
uniform float u_fog_far;

void main() {
    vec3 n = normalize(v_normal);
    float key = max(dot(n, normalize(vec3(-0.45, 0.8, 0.55))), 0.0);
    float fill = max(dot(n, normalize(u_eye - v_world)), 0.0);
    vec3 color = v_color.rgb * (0.42 + 0.45 * key + 0.25 * fill);
    // Edge lines: distance (in world units) to the nearest edge of this face.
    vec3 a = abs(v_local);
    vec3 d = (0.5 - a) * v_size;
    float edge_dist = n.x != 0.0 ? min(d.y, d.z) : (n.y != 0.0 ? min(d.x, d.z) : min(d.x, d.y));
    float edge = 1.0 - smoothstep(0.0, 0.06, edge_dist);
    color = mix(color, color * 0.35, edge * 0.8);
    float fog = clamp((distance(u_eye, v_world) - u_fog_near) / (u_fog_far - u_fog_near), 0.0, 1.0);
    color = mix(color, u_fog_color, fog * 0.45);
    frag_color = vec4(color, v_color.a);
}
