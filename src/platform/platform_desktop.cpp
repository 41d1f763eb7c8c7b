// platform_desktop.cpp: the desktop window. A plain loop; the state comes from
// the command line (the same string the web page keeps after '#').
#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/io/import.h"
#include "platform/platform.h"

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
std::string platform_initial_query() { return ""; }
void platform_store_state(const std::string&) {}
void platform_publish_test_hook(long, bool) {}
void platform_set_state_provider(const char* (*)(void*), void*) {}
void platform_set_command_handler(std::string (*)(void*, const std::string&), void*) {}
void platform_announce(const std::string&, const std::string&) {}

bool platform_prefers_dark() { return false; }
bool platform_prefers_reduced_motion() { return false; }
float platform_take_pinch_notches() { return 0.0f; }

double platform_now_ms() {
    static const auto start = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// ---- Training's links to the outside: files instead of fetch and IndexedDB.
namespace {
struct DesktopLoad {
    bool ok = false;
    std::vector<uint8_t> bytes;
};
// request id - 1 → the file, read at once: the desktop's stand-in for the
// browser's fetches, which platform.h's functions reach by request id alone.
std::vector<DesktopLoad> g_loads;

bool read_file(const std::string& path, std::vector<uint8_t>* out) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    char buf[65536];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->insert(out->end(), buf, buf + n);
    std::fclose(f);
    return true;
}

std::string stored_path(const std::string& key) {
    char* dir = SDL_GetPrefPath("ConvLab", "ConvLab");
    std::string path = dir ? dir : "";
    SDL_free(dir);
    for (char c : key) path += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
    return path;
}

int add_load(bool ok, std::vector<uint8_t> bytes) {
    g_loads.push_back(DesktopLoad{ok, std::move(bytes)});
    return int(g_loads.size());
}
}  // namespace

int platform_fetch_begin(const std::string& name) {
    std::vector<uint8_t> bytes;
    char* base = SDL_GetBasePath();
    const std::string dir = base ? base : "";
    SDL_free(base);
    const bool ok = read_file(dir + "data/" + name, &bytes) || read_file(name, &bytes);
    return add_load(ok, std::move(bytes));
}
int platform_stored_begin(const std::string& key) {
    std::vector<uint8_t> bytes;
    read_file(stored_path(key), &bytes);
    return add_load(true, std::move(bytes));
}
PlatformLoad platform_load_poll(int request, std::vector<uint8_t>* bytes) {
    PlatformLoad load;
    if (request < 1 || request > int(g_loads.size()) || !g_loads[size_t(request - 1)].ok) {
        load.state = -1;
        load.error = "file not found";
        return load;
    }
    bytes->swap(g_loads[size_t(request - 1)].bytes);
    g_loads[size_t(request - 1)].bytes.clear();
    load.state = 1;
    load.received = load.total = double(bytes->size());
    return load;
}
void platform_store_bytes(const std::string& key, const uint8_t* data, size_t size) {
    if (FILE* f = std::fopen(stored_path(key).c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
}
void platform_download_bytes(const std::string& filename, const char*, const uint8_t* data, size_t size) {
    if (FILE* f = std::fopen(filename.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
}
double platform_frame_timestamp_ms() { return platform_now_ms(); }

// ---- The model editor's links to the outside. Dropped files arrive through an
// event watch, so main.cpp's loop needs no case for them.
// The app's text handler, set once by platform_set_text_handler and read by
// the event watch and the paste request, as the browser's version does.
namespace {
void (*g_text_handler)(void*, const std::string&) = nullptr;
void* g_text_user = nullptr;

int watch_drops(void*, SDL_Event* event) {
    if (event->type != SDL_DROPFILE || !event->drop.file || !g_text_handler) return 0;
    std::string text;
    if (FILE* f = std::fopen(event->drop.file, "rb")) {
        char buf[4096];
        size_t n = 0;
        // One byte past the import limit is enough for the import to say "too large".
        const size_t cap = size_t(convlab::kMaxImportBytes) + 1;
        while (text.size() < cap && (n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, std::min(n, cap - text.size()));
        std::fclose(f);
    }
    g_text_handler(g_text_user, text);
    return 0;
}
}  // namespace

void platform_push_state(const std::string&) {}
void platform_set_url_handler(void (*)(void*, const std::string&), void*) {}
void platform_set_text_handler(void (*handler)(void*, const std::string&), void* user) {
    g_text_handler = handler;
    g_text_user = user;
    SDL_AddEventWatch(watch_drops, nullptr);
}
void platform_request_paste() {
    if (!g_text_handler || !SDL_HasClipboardText()) return;
    char* text = SDL_GetClipboardText();
    g_text_handler(g_text_user, text ? text : "");
    SDL_free(text);
}
void platform_copy_text(const std::string& text) { SDL_SetClipboardText(text.c_str()); }
void platform_download_text(const std::string& filename, const std::string& text) {
    if (FILE* f = std::fopen(filename.c_str(), "wb")) {
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
    }
}
void platform_save_local(const std::string&, const std::string&) {}
std::string platform_load_local(const std::string&) { return ""; }

std::string platform_page_address() { return ""; }
void platform_open_in_new_tab(const std::string&) {}

std::string platform_browser_language() {
    for (const char* name : {"LANGUAGE", "LC_ALL", "LANG"})
        if (const char* v = std::getenv(name); v && *v) return v;
    return "";
}

void platform_publish_draw_figures(int, int, int, long, int, int, long) {}
bool platform_keeps_last_frame() { return false; }
