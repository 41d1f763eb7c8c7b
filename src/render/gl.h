// gl.h: the OpenGL ES 3.0 / WebGL2 API for our own renderers. The browser has
// it natively; on desktop, Mesa's libGL exports the same entry points.
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif
