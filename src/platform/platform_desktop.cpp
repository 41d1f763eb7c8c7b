// platform_desktop.cpp: the desktop window. A plain loop; the state comes from
// the command line (the same string the web page keeps after '#').
#include <SDL.h>

#include <chrono>
#include <cstdio>

#include "platform.h"

void platform_before_window() {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
}

const char* platform_glsl_version() { return "#version 330 core"; }

void platform_run(bool (*frame)(void*), void* user) {
    while (frame(user)) {
    }
}

void platform_follow_viewport(SDL_Window*) {}

float platform_pixel_ratio(SDL_Window* window) {
    int w = 0, dw = 0, h = 0, dh = 0;
    SDL_GetWindowSize(window, &w, &h);
    SDL_GL_GetDrawableSize(window, &dw, &dh);
    return w > 0 ? float(dw) / float(w) : 1.0f;
}

std::string platform_initial_state(int argc, char** argv) { return argc > 1 ? argv[1] : ""; }
void platform_store_state(const std::string&) {}
void platform_publish_test_hook(long, bool, const char*) {}
void platform_set_command_handler(std::string (*)(void*, const std::string&), void*) {}
void platform_announce(const std::string&, const std::string&) {}

bool platform_prefers_dark() { return false; }

double platform_now_ms() {
    static const auto start = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}
