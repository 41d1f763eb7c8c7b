// platform.h: the few things that differ between the browser and a desktop
// window, behind one small interface. platform_web.cpp and platform_desktop.cpp
// implement it; CMake picks one. main.cpp and the app never #ifdef on the platform.
#pragma once
#include <string>

struct SDL_Window;

// SDL hints and GL attributes to set before the window exists.
void platform_before_window();
// The GLSL version line for ImGui's backend and our shaders.
const char* platform_glsl_version();
// Runs frame(user) until the app quits (desktop) or forever (browser).
void platform_run(bool (*frame)(void* user), void* user);
// Keeps the window the size of the browser viewport (web); no-op on desktop.
void platform_follow_viewport(SDL_Window* window);
// Device pixels per CSS pixel (web) or per window point (desktop).
float platform_pixel_ratio(SDL_Window* window);
// The page state at startup: the URL fragment after '#' (web), or argv[1] (desktop).
std::string platform_initial_state(int argc, char** argv);
// Writes the state back (web: replaces the URL fragment so reload and sharing keep it).
void platform_store_state(const std::string& state);
// Publishes the test hook (frame count, ready flag, state JSON) to JavaScript.
void platform_publish_test_hook(long frame, bool ready, const char* state_json);
// Lets browser tests drive the app: window.convlabHook.command("...") calls
// handler(user, text) and returns its reply (web); no-op on desktop.
void platform_set_command_handler(std::string (*handler)(void* user, const std::string& command), void* user);
// Mirrors a short text into the page's screen-reader region.
void platform_announce(const std::string& html_id, const std::string& text);
// True when the system asks for a dark colour scheme.
bool platform_prefers_dark();
// Milliseconds since start, with sub-millisecond resolution where available.
double platform_now_ms();
