// gl_program.h: builds a GL program from two embedded GLSL ES 3.00 bodies
// (shaders/*.vert, *.frag, embedded at build time without their #version line,
// which the platform supplies). One place for what the page's three renderers
// (ImGui's, the backdrop, the convolution view) all need. Not a material system.
#pragma once
#include <initializer_list>

#include "render/gl.h"

// Compiles and links; `attributes`, when given, are bound to locations 0, 1, 2,
// ... in order. Returns 0 when a stage does not compile or the program does not
// link, after printing the driver's log with `what` ("ui", "background", ...).
GLuint gl_program_build(const char* what, const char* glsl_version, const unsigned char* vert,
                        const unsigned char* frag, std::initializer_list<const char*> attributes = {});
