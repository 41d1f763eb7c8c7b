// platform_web.cpp: the browser. emscripten_set_main_loop drives frames (a
// blocking loop would freeze the tab); the canvas follows the viewport and
// devicePixelRatio; the state lives in the URL fragment; a small test hook on
// window.convlabHook lets browser tests read the state instead of guessing pixels.
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "platform/platform.h"

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

// Pinch to zoom. The page measures the two fingers' spread itself (rather
// than through SDL's gesture recogniser) so the zoom follows the fingers. The
// views zoom by 0.88 per wheel notch (src/render/orbit_camera.cpp), so log(ratio) /
// log(1 / 0.88) notches keep the picture under the fingers' spread.
// The notches live here between JavaScript's calls and the frame that takes
// them: a C entry point for the browser has no other place to put them.
namespace {
float g_pinch_notches = 0.0f;
}
extern "C" EMSCRIPTEN_KEEPALIVE void convlab_pinch(double notches) { g_pinch_notches += float(notches); }
EM_JS(void, js_install_pinch, (), {
    var canvas = document.getElementById("canvas");
    var last = 0;
    canvas.addEventListener("touchmove", function(e) {
        if (e.touches.length !== 2) { last = 0; return; }
        var d = Math.hypot(e.touches[0].clientX - e.touches[1].clientX, e.touches[0].clientY - e.touches[1].clientY);
        if (last > 0 && d > 0) Module["_convlab_pinch"](Math.log(d / last) / Math.log(1 / 0.88));
        last = d;
    }, { passive: true });
    canvas.addEventListener("touchstart", function(e) {
        last = e.touches.length === 2 ? Math.hypot(e.touches[0].clientX - e.touches[1].clientX,
                                                   e.touches[0].clientY - e.touches[1].clientY) : 0;
    }, { passive: true });
    canvas.addEventListener("touchend", function() { last = 0; }, { passive: true });
});
float platform_take_pinch_notches() {
    static bool installed = false;  // the listeners are added once, on the first frame
    if (!installed) {
        installed = true;
        js_install_pinch();
    }
    const float n = g_pinch_notches;
    g_pinch_notches = 0.0f;
    return n;
}

// emscripten_set_main_loop calls a plain function: the frame and its user
// pointer wait here, the platform's side of the browser's main loop.
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

// The address's fragment (part 0) or query (part 1), without its '#' or '?'.
EM_JS(char*, js_location_part, (int query), {
    var h = (query ? window.location.search : window.location.hash) || "";
    if (h.charAt(0) === "#" || h.charAt(0) === "?") h = h.substring(1);
    var n = lengthBytesUTF8(h) + 1;
    var p = _malloc(n);
    stringToUTF8(h, p, n);
    return p;
});

namespace {
std::string location_part(bool query) {
    char* p = js_location_part(query ? 1 : 0);
    std::string s = p ? p : "";
    free(p);
    return s;
}
}  // namespace

std::string platform_initial_state(int, char**) { return location_part(false); }
std::string platform_initial_query() { return location_part(true); }

EM_JS(void, js_store_state, (const char* s), {
    var h = "#" + UTF8ToString(s);
    if (window.location.hash !== h) history.replaceState(null, "", h);
});
void platform_store_state(const std::string& state) { js_store_state(state.c_str()); }

EM_JS(void, js_publish, (long frame, int ready), {
    var hook = window.convlabHook || (window.convlabHook = {});
    hook.frame = frame;
    hook.ready = !!ready;
});
void platform_publish_test_hook(long frame, bool ready) { js_publish(frame, ready ? 1 : 0); }

namespace {
const char* (*g_state_provider)(void*) = nullptr;
void* g_state_user = nullptr;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char* convlab_state() {
    return g_state_provider ? g_state_provider(g_state_user) : "null";
}

EM_JS(void, js_install_state, (), {
    var hook = window.convlabHook || (window.convlabHook = {});
    // Parsed again only when the app built a new text (a new frame's state).
    var last_ptr = 0, last_text = "", last_value = undefined;
    Object.defineProperty(hook, "state", {
        configurable: true,
        enumerable: true,
        get: function() {
            if (!hook.frame) return undefined;
            var text = UTF8ToString(Module["_convlab_state"]());
            if (text !== last_text) {
                last_text = text;
                last_value = JSON.parse(text);
            }
            return last_value;
        }
    });
});

void platform_set_state_provider(const char* (*state)(void*), void* user) {
    g_state_provider = state;
    g_state_user = user;
    js_install_state();
}

// The test hook's entry point from JavaScript: its handler and user pointer,
// and the reply, kept until JavaScript has copied it out.
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
    // On the heap, not through ccall's "string" (which copies onto the 5 MB
    // stack): a command may carry a whole model file with its weights.
    hook.command = function(text) {
        text = String(text);
        var n = lengthBytesUTF8(text) + 1;
        var p = _malloc(n);
        if (!p) return "error: out of memory";
        stringToUTF8(text, p, n);
        try { return UTF8ToString(Module["_convlab_command"](p)); } finally { _free(p); }
    };
});

void platform_set_command_handler(std::string (*handler)(void*, const std::string&), void* user) {
    g_command_handler = handler;
    g_command_user = user;
    js_install_command();
}

EM_JS(void, js_announce, (const char* id, const char* text), {
    var el = document.getElementById(UTF8ToString(id));
    // Without the zero-width U+3000 line-break marks of shown Chinese text (strings.cpp).
    if (el) el.textContent = UTF8ToString(text).split(String.fromCharCode(0x3000)).join("");
});
void platform_announce(const std::string& id, const std::string& text) { js_announce(id.c_str(), text.c_str()); }

double platform_now_ms() { return emscripten_get_now(); }

// ---- Training's links to the outside: fetch with progress, IndexedDB, binary
// downloads, and requestAnimationFrame timestamps. Loads are polled from C once
// a frame, so JavaScript never calls into the app at an unexpected time.
EM_JS(int, js_load_begin, (const char* what, int stored), {
    var loads = Module.convlabLoads || (Module.convlabLoads = { next: 1, map: {} });
    if (!Module.convlabDb) Module.convlabDb = function() {
        return new Promise(function(resolve, reject) {
            var q = indexedDB.open("convlab", 1);
            q.onupgradeneeded = function() { q.result.createObjectStore("kv"); };
            q.onsuccess = function() { resolve(q.result); };
            q.onerror = function() { reject(q.error); };
        });
    };
    var id = loads.next++;
    var r = { state: 0, received: 0, total: 0, error: "", bytes: null };
    loads.map[id] = r;
    var name = UTF8ToString(what);
    var fail = function(e) { r.state = -1; r.error = String((e && e.message) || e); };
    if (stored) {
        Module.convlabDb().then(function(db) {
            var q = db.transaction("kv", "readonly").objectStore("kv").get(name);
            q.onsuccess = function() {
                r.bytes = q.result ? new Uint8Array(q.result) : new Uint8Array(0);
                r.received = r.total = r.bytes.length;
                r.state = 1;
            };
            q.onerror = function() { fail(q.error); };
        }).catch(fail);
        return id;
    }
    fetch(name).then(function(response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " " + response.statusText + " for " + name);
        r.total = +(response.headers.get("Content-Length") || 0);
        var reader = response.body.getReader();
        var chunks = [];
        var pump = function() {
            return reader.read().then(function(part) {
                if (part.done) {
                    var all = new Uint8Array(r.received), at = 0;
                    chunks.forEach(function(c) { all.set(c, at); at += c.length; });
                    r.bytes = all;
                    r.state = 1;
                    return;
                }
                chunks.push(part.value);
                r.received += part.value.length;
                return pump();
            });
        };
        return pump();
    }).catch(fail);
    return id;
});
int platform_fetch_begin(const std::string& name) { return js_load_begin(name.c_str(), 0); }
int platform_stored_begin(const std::string& key) { return js_load_begin(key.c_str(), 1); }

EM_JS(int, js_load_state, (int id, double* progress), {
    var r = Module.convlabLoads && Module.convlabLoads.map[id];
    if (!r) return -1;
    HEAPF64[progress >> 3] = r.received;
    HEAPF64[(progress >> 3) + 1] = r.total;
    return r.state;
});
EM_JS(char*, js_load_error, (int id), {
    var r = Module.convlabLoads.map[id];
    var n = lengthBytesUTF8(r.error) + 1;
    var p = _malloc(n);
    stringToUTF8(r.error, p, n);
    return p;
});
EM_JS(int, js_load_take, (int id, uint8_t* out), {
    var r = Module.convlabLoads.map[id];
    if (out) HEAPU8.set(r.bytes, out);
    delete Module.convlabLoads.map[id];
    return r.bytes.length;
});
EM_JS(int, js_load_size, (int id), { return Module.convlabLoads.map[id].bytes.length; });

PlatformLoad platform_load_poll(int request, std::vector<uint8_t>* bytes) {
    PlatformLoad load;
    double progress[2] = {0.0, 0.0};
    load.state = js_load_state(request, progress);
    load.received = progress[0];
    load.total = progress[1];
    if (load.state < 0) {
        char* e = js_load_error(request);
        load.error = e ? e : "";
        free(e);
    } else if (load.state == 1) {
        bytes->resize(size_t(js_load_size(request)));
        js_load_take(request, bytes->data());
    }
    return load;
}

EM_JS(void, js_store_bytes, (const char* key, const uint8_t* data, int size), {
    var k = UTF8ToString(key);
    var copy = HEAPU8.slice(data, data + size);
    if (!Module.convlabDb) { console.warn("ConvLab: IndexedDB is not ready"); return; }
    Module.convlabDb().then(function(db) {
        var tx = db.transaction("kv", "readwrite");
        tx.objectStore("kv").put(copy.buffer, k);
        tx.oncomplete = function() { (window.convlabHook || (window.convlabHook = {})).stored = k; };
        tx.onerror = function() { console.warn("ConvLab could not keep the trained weights: " + tx.error); };
    }).catch(function(e) { console.warn("ConvLab could not keep the trained weights: " + e); });
});
void platform_store_bytes(const std::string& key, const uint8_t* data, size_t size) {
    js_store_bytes(key.c_str(), data, int(size));
}

EM_JS(void, js_download_bytes, (const char* name, const char* mime, const uint8_t* data, int size), {
    var blob = new Blob([HEAPU8.slice(data, data + size)], { type: UTF8ToString(mime) });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function() { URL.revokeObjectURL(a.href); }, 1000);
});
void platform_download_bytes(const std::string& filename, const char* mime, const uint8_t* data, size_t size) {
    js_download_bytes(filename.c_str(), mime, data, int(size));
}

EM_JS(double, js_frame_timestamp, (), {
    if (!Module.convlabRaf) {
        Module.convlabRaf = { t: performance.now() };
        var tick = function(t) { Module.convlabRaf.t = t; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
    }
    return Module.convlabRaf.t;
});
double platform_frame_timestamp_ms() { return js_frame_timestamp(); }

EM_JS(int, js_prefers_dark, (), {
    return (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches) ? 1 : 0;
});
bool platform_prefers_dark() { return js_prefers_dark() != 0; }

EM_JS(int, js_prefers_reduced_motion, (), {
    return (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) ? 1 : 0;
});
bool platform_prefers_reduced_motion() { return js_prefers_reduced_motion() != 0; }

// ---- The model editor's links to the outside: history entries, Back and
// Forward, dropped files and pastes, the clipboard, downloads, and the
// autosave in localStorage. JavaScript hands text to C through the two
// exported functions below, which find the app's handlers here (C entry points
// for the browser have no user pointer of their own); the app applies the text
// on its next frame.
namespace {
void (*g_url_handler)(void*, const std::string&) = nullptr;
void* g_url_user = nullptr;
void (*g_text_handler)(void*, const std::string&) = nullptr;
void* g_text_user = nullptr;
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void convlab_url_changed(const char* fragment) {
    if (g_url_handler) g_url_handler(g_url_user, fragment ? fragment : "");
}

extern "C" EMSCRIPTEN_KEEPALIVE void convlab_receive_text(const char* text, int pasted) {
    // SDL's web port has no clipboard of its own: keep the pasted text where
    // ImGui's Ctrl+V looks, so pasting into a text field works too.
    if (pasted) SDL_SetClipboardText(text ? text : "");
    if (g_text_handler) g_text_handler(g_text_user, text ? text : "");
}

EM_JS(void, js_push_state, (const char* s), {
    var h = "#" + UTF8ToString(s);
    if (window.location.hash !== h) history.pushState(null, "", h);
});
void platform_push_state(const std::string& state) { js_push_state(state.c_str()); }

EM_JS(void, js_install_url_listener, (), {
    var send = function() {
        var h = window.location.hash || "";
        if (h.charAt(0) === "#") h = h.substring(1);
        var n = lengthBytesUTF8(h) + 1;  // on the heap: an address can be megabytes long
        var p = _malloc(n);
        if (!p) return;
        stringToUTF8(h, p, n);
        Module["_convlab_url_changed"](p);
        _free(p);
    };
    window.addEventListener("popstate", send);
    window.addEventListener("hashchange", send);
});
void platform_set_url_handler(void (*handler)(void*, const std::string&), void* user) {
    g_url_handler = handler;
    g_url_user = user;
    js_install_url_listener();
}

EM_JS(void, js_install_text_listeners, (), {
    // Text past the core's import limit (import.h's kMaxImportBytes, 64 MB)
    // arrives cut one byte past it, so the import says it is too large
    // instead of the page reading a huge file whole.
    var cap = 64 * 1024 * 1024 + 1;
    var send = function(text, pasted) {
        if (typeof text !== "string") return;
        if (text.length > cap) text = text.substring(0, cap);
        var n = lengthBytesUTF8(text) + 1;
        var p = _malloc(n);
        stringToUTF8(text, p, n);
        Module["_convlab_receive_text"](p, pasted);
        _free(p);
    };
    Module.convlabSendText = send;
    document.addEventListener("dragover", function(e) { e.preventDefault(); });
    document.addEventListener("drop", function(e) {
        e.preventDefault();
        var dt = e.dataTransfer;
        if (dt && dt.files && dt.files.length > 0) dt.files[0].slice(0, cap).text().then(function(t) { send(t, 0); });
        else if (dt) send(dt.getData("text/plain"), 0);
    });
    document.addEventListener("paste", function(e) {
        var t = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
        if (t) { e.preventDefault(); send(t, 1); }
    });
});
void platform_set_text_handler(void (*handler)(void*, const std::string&), void* user) {
    g_text_handler = handler;
    g_text_user = user;
    js_install_text_listeners();
}

EM_JS(void, js_request_paste, (), {
    if (!navigator.clipboard || !navigator.clipboard.readText || !Module.convlabSendText) return;
    navigator.clipboard.readText().then(function(t) { Module.convlabSendText(t, 1); }, function() {});
});
void platform_request_paste() { js_request_paste(); }

EM_JS(void, js_copy_text, (const char* s), {
    var text = UTF8ToString(s);
    var fallback = function() {
        var area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); } catch (e) {}
        document.body.removeChild(area);
        document.getElementById("canvas").focus();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(fallback);
    else fallback();
});
void platform_copy_text(const std::string& text) { js_copy_text(text.c_str()); }

// A text file is its UTF-8 bytes; the page saves every one typed application/json.
void platform_download_text(const std::string& filename, const std::string& text) {
    platform_download_bytes(filename, "application/json", reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

EM_JS(void, js_save_local, (const char* key, const char* value), {
    try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
EM_JS(char*, js_load_local, (const char* key), {
    var v = null;
    try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) {}
    if (v === null) return 0;
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
void platform_save_local(const std::string& key, const std::string& value) { js_save_local(key.c_str(), value.c_str()); }
std::string platform_load_local(const std::string& key) {
    char* p = js_load_local(key.c_str());
    std::string s = p ? p : "";
    free(p);
    return s;
}

EM_JS(char*, js_page_address, (), {
    var v = String(window.location.origin + window.location.pathname + window.location.search);
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
std::string platform_page_address() {
    char* p = js_page_address();
    std::string s = p ? p : "";
    free(p);
    return s;
}

// noopener: the new tab gets no handle on this one (an iframe's page may be anyone's).
EM_JS(void, js_open_in_new_tab, (const char* url), {
    window.open(UTF8ToString(url), "_blank", "noopener");
});
void platform_open_in_new_tab(const std::string& url) { js_open_in_new_tab(url.c_str()); }

EM_JS(char*, js_browser_language, (), {
    var v = String(navigator.language || (navigator.languages && navigator.languages[0]) || "");
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});
std::string platform_browser_language() {
    char* p = js_browser_language();
    std::string s = p ? p : "";
    free(p);
    return s;
}

EM_JS(void, js_publish_draw, (int vertices, int indices, int calls, double background, int fb_w, int fb_h, double skipped), {
    var hook = window.convlabHook || (window.convlabHook = {});
    var d = hook.draw || (hook.draw = {});
    d.vertices = vertices;
    d.indices = indices;
    d.draw_calls = calls;
    d.background_pixels = background;
    d.fb_w = fb_w;
    d.fb_h = fb_h;
    d.frames_skipped = skipped;
});
void platform_publish_draw_figures(int vertices, int indices, int draw_calls, long background_pixels, int fb_w, int fb_h,
                                   long frames_skipped) {
    js_publish_draw(vertices, indices, draw_calls, double(background_pixels), fb_w, fb_h, double(frames_skipped));
}

bool platform_keeps_last_frame() { return true; }
