// gl_program.cpp: compile, bind attributes, link, and say why when it fails.
#include "render/gl_program.h"

#include <cstdio>
#include <string>

namespace {

GLuint compile(const char* what, GLenum type, const char* version, const unsigned char* body) {
    const std::string src = std::string(version) + "\n" + reinterpret_cast<const char*>(body);
    const char* text = src.c_str();
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &text, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        std::fprintf(stderr, "%s %s shader: %s\n", what, type == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
        glDeleteShader(s);
        return 0;
    }
    return s;
}

}  // namespace

GLuint gl_program_build(const char* what, const char* glsl_version, const unsigned char* vert,
                        const unsigned char* frag, std::initializer_list<const char*> attributes) {
    GLuint vs = compile(what, GL_VERTEX_SHADER, glsl_version, vert);
    GLuint fs = compile(what, GL_FRAGMENT_SHADER, glsl_version, frag);
    if (!vs || !fs) {
        if (vs) glDeleteShader(vs);
        if (fs) glDeleteShader(fs);
        return 0;
    }
    GLuint p = glCreateProgram();
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    GLuint location = 0;
    for (const char* name : attributes) glBindAttribLocation(p, location++, name);
    glLinkProgram(p);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetProgramInfoLog(p, sizeof log, nullptr, log);
        std::fprintf(stderr, "%s program: %s\n", what, log);
        glDeleteProgram(p);
        return 0;
    }
    return p;
}
