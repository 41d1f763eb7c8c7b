// platform_web.cpp: the browser. emscripten_set_main_loop drives frames (a
// blocking loop would freeze the tab); the canvas follows the viewport and
// devicePixelRatio; the state lives in the URL fragment; a small test hook on
// window.convlabHook lets browser tests read the state instead of guessing pixels.
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "platform.h"

void platform_before_window() {
    // Keys go to the canvas only, so Ctrl+R, F5, F12 and typing in the page's
    // HTML still work (SDL's web port otherwise captures the whole window).
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
}

const char* platform_glsl_version() { return "#version 300 es"; }

namespace {
bool (*g_frame)(void*) = nullptr;
void* g_user = nullptr;
void web_frame() {
    if (!g_frame(g_user)) emscripten_cancel_main_loop();
}
}  // namespace

void platform_run(bool (*frame)(void*), void* user) {
    g_frame = frame;
    g_user = user;
    emscripten_set_main_loop(web_frame, 0, 1);
}

EM_JS(int, js_viewport_width, (), { return window.innerWidth | 0; });
EM_JS(int, js_viewport_height, (), { return window.innerHeight | 0; });

void platform_follow_viewport(SDL_Window* window) {
    int w = 0, h = 0;
    SDL_GetWindowSize(window, &w, &h);
    const int vw = js_viewport_width(), vh = js_viewport_height();
    // With SDL_WINDOW_ALLOW_HIGHDPI, SDL sizes the backing store at
    // CSS size × devicePixelRatio, so text stays crisp.
    if (vw > 0 && vh > 0 && (vw != w || vh != h)) SDL_SetWindowSize(window, vw, vh);
}

float platform_pixel_ratio(SDL_Window*) { return float(emscripten_get_device_pixel_ratio()); }

EM_JS(char*, js_location_hash, (), {
    var h = window.location.hash || "";
    if (h.charAt(0) === "#") h = h.substring(1);
    var n = lengthBytesUTF8(h) + 1;
    var p = _malloc(n);
    stringToUTF8(h, p, n);
    return p;
});

std::string platform_initial_state(int, char**) {
    char* p = js_location_hash();
    std::string s = p ? p : "";
    free(p);
    return s;
}

EM_JS(void, js_store_state, (const char* s), {
    var h = "#" + UTF8ToString(s);
    if (window.location.hash !== h) history.replaceState(null, "", h);
});
void platform_store_state(const std::string& state) { js_store_state(state.c_str()); }

EM_JS(void, js_publish, (long frame, int ready, const char* state), {
    var hook = window.convlabHook || (window.convlabHook = {});
    hook.frame = frame;
    hook.ready = !!ready;
    if (state) hook.state = JSON.parse(UTF8ToString(state));
});
void platform_publish_test_hook(long frame, bool ready, const char* state_json) {
    js_publish(frame, ready ? 1 : 0, state_json);
}

namespace {
std::string (*g_command_handler)(void*, const std::string&) = nullptr;
void* g_command_user = nullptr;
std::string g_command_reply;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* convlab_command(const char* text) {
    g_command_reply = g_command_handler ? g_command_handler(g_command_user, text ? text : "") : "error: no handler";
    return g_command_reply.c_str();
}

EM_JS(void, js_install_command, (), {
    var hook = window.convlabHook || (window.convlabHook = {});
    hook.command = function(text) { return Module.ccall("convlab_command", "string", ["string"], [String(text)]); };
});

void platform_set_command_handler(std::string (*handler)(void*, const std::string&), void* user) {
    g_command_handler = handler;
    g_command_user = user;
    js_install_command();
}

EM_JS(void, js_announce, (const char* id, const char* text), {
    var el = document.getElementById(UTF8ToString(id));
    if (el) el.textContent = UTF8ToString(text);
});
void platform_announce(const std::string& id, const std::string& text) { js_announce(id.c_str(), text.c_str()); }

double platform_now_ms() { return emscripten_get_now(); }

EM_JS(int, js_prefers_dark, (), {
    return (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches) ? 1 : 0;
});
bool platform_prefers_dark() { return js_prefers_dark() != 0; }
