// platform.h: the few things that differ between the browser and a desktop
// window, behind one small interface. platform_web.cpp and platform_desktop.cpp
// implement it; CMake picks one. main.cpp and the app never #ifdef on the platform.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

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
// The address's query after '?' (web: "lang=zh" as people type it); "" on desktop.
std::string platform_initial_query();
// Writes the state back (web: replaces the URL fragment so reload and sharing keep it).
void platform_store_state(const std::string& state);
// Publishes the test hook's frame count and ready flag to JavaScript.
void platform_publish_test_hook(long frame, bool ready);
// window.convlabHook.state (web): the getter calls state(user) and parses the
// JSON it returns. Built only when read, so a page nobody tests pays nothing
// for it; no-op on desktop.
void platform_set_state_provider(const char* (*state)(void* user), void* user);
// Lets browser tests drive the app: window.convlabHook.command("...") calls
// handler(user, text) and returns its reply (web); no-op on desktop.
void platform_set_command_handler(std::string (*handler)(void* user, const std::string& command), void* user);
// Mirrors a short text into the page's screen-reader region.
void platform_announce(const std::string& html_id, const std::string& text);
// True when the system asks for a dark colour scheme.
bool platform_prefers_dark();
// True when the system asks for reduced motion (animations then start paused).
bool platform_prefers_reduced_motion();
// Zoom asked for by a two-finger pinch since the last call, in mouse-wheel
// notches (web: touch events on the canvas); 0 on desktop.
float platform_take_pinch_notches();
// Milliseconds since start, with sub-millisecond resolution where available.
double platform_now_ms();

// ---- Loads for training and the digits (training_session.cpp, app/digits.cpp).
// Loads that finish later: a file served beside the page (web: fetch, with
// progress; desktop: the build's data/ folder, at once) or bytes kept in this
// browser under a key (web: IndexedDB; desktop: a file in the user's data
// folder). Start one, then poll it once a frame.
int platform_fetch_begin(const std::string& name);
int platform_stored_begin(const std::string& key);
struct PlatformLoad {
    int state = 0;                      // 0 loading, 1 done, -1 failed
    double received = 0.0, total = 0.0; // bytes; total 0 when unknown
    std::string error;                  // why it failed, in the browser's words
};
// When done, moves the bytes into *bytes (empty: nothing stored under the key)
// and forgets the request.
PlatformLoad platform_load_poll(int request, std::vector<uint8_t>* bytes);
// Keeps bytes under key (web: IndexedDB, written asynchronously; when it is
// written, window.convlabHook.stored is set to the key).
void platform_store_bytes(const std::string& key, const uint8_t* data, size_t size);
// Offers bytes as a file (web: a download; desktop: written to the current folder).
void platform_download_bytes(const std::string& filename, const char* mime, const uint8_t* data, size_t size);
// The time of the current animation frame (web: requestAnimationFrame's
// timestamp, recorded in JavaScript); desktop: platform_now_ms().
double platform_frame_timestamp_ms();

// ---- The model editor's links to the outside (model_edit.cpp).
// Writes the state as a new browser history entry (web: pushState), so Back
// returns to the model before the edit; desktop: nothing.
void platform_push_state(const std::string& state);
// Calls handler(user, fragment) when Back, Forward or an edited address
// changes the URL fragment (web: popstate / hashchange); never on desktop.
void platform_set_url_handler(void (*handler)(void* user, const std::string& fragment), void* user);
// Calls handler(user, text) with text from outside the app: a file dropped on
// the page or window, or a paste outside a text field (web also puts pasted text
// on the clipboard ImGui reads). Called between frames.
void platform_set_text_handler(void (*handler)(void* user, const std::string& text), void* user);
// Asks for the clipboard's text; it arrives through the text handler
// (web: navigator.clipboard.readText, which may ask the learner's permission).
void platform_request_paste();
// Puts text on the system clipboard (web: navigator.clipboard.writeText).
void platform_copy_text(const std::string& text);
// Offers text as a file (web: a download; desktop: written to the current folder).
void platform_download_text(const std::string& filename, const std::string& text);
// A small value kept across reloads (web: localStorage); desktop keeps nothing.
void platform_save_local(const std::string& key, const std::string& value);
std::string platform_load_local(const std::string& key);
// The page's own address, without the fragment (web: origin + path + query,
// e.g. "http://127.0.0.1:8080/"), for links the page writes; desktop: "".
std::string platform_page_address();
// Opens an address in a new browser tab (web: window.open; the embed mode's
// "Open in ConvLab"); desktop: nothing.
void platform_open_in_new_tab(const std::string& url);
// The browser's preferred language (web: navigator.language, e.g. "zh-CN");
// desktop: the LANGUAGE / LC_ALL / LANG environment ("zh_CN.UTF-8"), or "".
std::string platform_browser_language();
// The last frame's drawing totals for the test hook (web: window.convlabHook.draw):
// ImGui's vertices, indices and draw calls, the backdrop's shaded pixels, the
// framebuffer size. Figures to print, never to assert timings on.
void platform_publish_draw_figures(int vertices, int indices, int draw_calls, long background_pixels, int fb_w, int fb_h,
                                   long frames_skipped);
// Whether the screen keeps showing the last frame drawn when a frame draws
// nothing (web: a WebGL canvas does; desktop: a swapped back buffer does not).
bool platform_keeps_last_frame();
