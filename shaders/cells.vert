// cells.vert: one instanced box per tensor cell that takes part in the step
// (the input patch, the filter's weights, the output value). The unit cube is
// shared; each instance brings its centre, size and colour.
layout(location = 0) in vec3 a_pos;     // unit cube, -0.5..0.5
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec3 i_centre;
layout(location = 3) in vec3 i_size;
layout(location = 4) in vec4 i_color;
uniform mat4 u_view_proj;
out vec3 v_normal;
out vec3 v_local;   // position inside the box, -0.5..0.5 per axis
out vec3 v_size;
out vec4 v_color;
out vec3 v_world;
void main() {
    vec3 world = i_centre + a_pos * i_size;
    v_normal = a_normal;
    v_local = a_pos;
    v_size = i_size;
    v_color = i_color;
    v_world = world;
    gl_Position = u_view_proj * vec4(world, 1.0);
}
