// background.cpp: compiles shaders/background.vert + .frag (embedded at build
// time) and draws one full-screen triangle per frame.
#include "background.h"

#include <cstdio>
#include <string>

#include "platform/gl.h"

extern const unsigned char shader_background_vert[];
extern const unsigned char shader_background_frag[];

namespace {

GLuint compile(GLenum type, const char* version, const unsigned char* body) {
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
        std::fprintf(stderr, "background shader: %s\n", log);
        glDeleteShader(s);
        return 0;
    }
    return s;
}

}  // namespace

void background_init(Background& bg, const char* glsl_version) {
    GLuint vs = compile(GL_VERTEX_SHADER, glsl_version, shader_background_vert);
    GLuint fs = compile(GL_FRAGMENT_SHADER, glsl_version, shader_background_frag);
    if (!vs || !fs) {
        bg.failed = true;
        return;
    }
    bg.program = glCreateProgram();
    glAttachShader(bg.program, vs);
    glAttachShader(bg.program, fs);
    glLinkProgram(bg.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(bg.program, GL_LINK_STATUS, &ok);
    if (!ok) {
        bg.failed = true;
        return;
    }
    bg.u_resolution = glGetUniformLocation(bg.program, "u_resolution");
    bg.u_cell = glGetUniformLocation(bg.program, "u_cell");
    bg.u_top = glGetUniformLocation(bg.program, "u_top");
    bg.u_bottom = glGetUniformLocation(bg.program, "u_bottom");
    bg.u_line = glGetUniformLocation(bg.program, "u_line");
    GLuint vao = 0;
    glGenVertexArrays(1, &vao);  // core profiles need a bound VAO even with no attributes
    bg.vao = vao;
}

void background_draw(const Background& bg, int fb_w, int fb_h, float pixel_ratio, bool dark) {
    const float clear = dark ? 0.10f : 0.95f;
    glClearColor(clear, clear, clear + 0.01f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (bg.failed || !bg.program) return;
    glUseProgram(bg.program);
    glUniform2f(bg.u_resolution, float(fb_w), float(fb_h));
    glUniform1f(bg.u_cell, 24.0f * pixel_ratio);
    if (dark) {
        glUniform3f(bg.u_top, 0.13f, 0.14f, 0.17f);
        glUniform3f(bg.u_bottom, 0.08f, 0.08f, 0.10f);
        glUniform3f(bg.u_line, 0.30f, 0.32f, 0.38f);
    } else {
        glUniform3f(bg.u_top, 0.97f, 0.97f, 0.99f);
        glUniform3f(bg.u_bottom, 0.90f, 0.92f, 0.96f);
        glUniform3f(bg.u_line, 0.70f, 0.74f, 0.82f);
    }
    glBindVertexArray(bg.vao);
    glDisable(GL_BLEND);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
}
