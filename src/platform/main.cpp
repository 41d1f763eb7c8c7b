// main.cpp: creates the SDL window, the GL context and ImGui, then hands every
// frame to the app. The platform differences (browser main loop, viewport,
// URL) are behind platform.h; nothing here knows about models or layers.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <cstdio>
#include <vector>

#include "app/app.h"
#include "app/training/training_thread.h"
#include "app/training/training_worker.h"
#include "render/ui_renderer.h"
#include "render/gl.h"
#include "platform/platform.h"

namespace {

struct Window {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    App app;
    UiRenderer ui;
    float pixel_ratio = 0.0f;
    std::vector<SDL_Event> later_events, events;  // frame()'s key queue, see there
};

bool frame(void* user) {
    const double frame_start = platform_now_ms();
    Window& w = *static_cast<Window*>(user);
    w.app.frame_start_ms = platform_now_ms();
    platform_follow_viewport(w.window);

    const float ratio = platform_pixel_ratio(w.window);
    if (ratio != w.pixel_ratio || w.app.language.fonts_dirty) {
        // Fonts are rasterised at device resolution and drawn at 1/ratio, so
        // text is crisp at any devicePixelRatio. A Chinese font that has just
        // arrived (language.cpp) is merged the same way, between two frames.
        w.pixel_ratio = ratio;
        app_load_fonts(w.app, ratio);
        ui_renderer_fonts(&w.ui);
    }

    // Key events: ImGui 1.86 sees a key as held or not at each new frame, so
    // a key pressed and released between two frames (a quick tap; a browser
    // test's key press, now that frames are short) would never be seen. The
    // release, and every key event after it, waits for the next frame. The
    // modifiers come from each event itself: SDL's global state already holds
    // the last of the queued events (Ctrl released before Z is looked at).
    std::vector<SDL_Event>& later = w.later_events;
    std::vector<SDL_Event>& now = w.events;
    now.swap(later);
    later.clear();
    SDL_Event event;
    while (SDL_PollEvent(&event)) now.push_back(event);
    bool pressed[SDL_NUM_SCANCODES] = {};
    bool deferring = false;
    for (const SDL_Event& e : now) {
        const bool key = e.type == SDL_KEYDOWN || e.type == SDL_KEYUP;
        if (key && (deferring || (e.type == SDL_KEYUP && pressed[e.key.keysym.scancode]))) {
            deferring = true;
            later.push_back(e);
            continue;
        }
        ImGui_ImplSDL2_ProcessEvent(&e);
        if (key) {
            if (e.type == SDL_KEYDOWN) pressed[e.key.keysym.scancode] = true;
            ImGuiIO& key_io = ImGui::GetIO();
            const Uint16 mod = e.key.keysym.mod;
            key_io.KeyShift = (mod & KMOD_SHIFT) != 0;
            key_io.KeyCtrl = (mod & KMOD_CTRL) != 0;
            key_io.KeyAlt = (mod & KMOD_ALT) != 0;
            key_io.KeySuper = (mod & KMOD_GUI) != 0;
        }
        if (e.type == SDL_QUIT) return false;
    }
    // A two-finger pinch zooms like the wheel, where the first finger is
    // (SDL moves the mouse with it).
    w.app.pinch_notches = platform_take_pinch_notches();
    ImGui::GetIO().MouseWheel += w.app.pinch_notches;
    ImGui_ImplSDL2_NewFrame();
    // ImGui 1.86 asserts on a zero time step, which headless browsers with
    // coarse timers produce (TOOLCHAIN.md quirk 6).
    ImGuiIO& io = ImGui::GetIO();
    if (io.DeltaTime <= 0.0f) io.DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();

    // The session is the training thread's between pieces (threads build only).
    // The UI holds it while it builds the frame; the GL drawing below reads only
    // ImGui's draw lists, so the thread trains meanwhile.
    double render_start = 0.0;
    {
        const TrainingLock session(LockFor::Frame);
        app_frame(w.app);
        render_start = platform_now_ms();
        ImGui::Render();
        app_after_render(w.app, ImGui::GetDrawData());
    }
    int fb_w = 0, fb_h = 0;
    SDL_GL_GetDrawableSize(w.window, &fb_w, &fb_h);
    // A frame that would put the same pixels on the screen draws nothing where
    // the screen keeps the last frame (the browser): with software WebGL the
    // pixels are most of a frame's cost, and while training many frames change nothing.
    if (ui_renderer_frame_changed(&w.ui, ImGui::GetDrawData(), fb_w, fb_h, w.app.texture_changes) || !platform_keeps_last_frame()) {
        glViewport(0, 0, fb_w, fb_h);
        app_draw_background(w.app, fb_w, fb_h);
        ui_renderer_draw(&w.ui, ImGui::GetDrawData(), fb_w, fb_h);
    }
    platform_publish_draw_figures(w.ui.vertices, w.ui.indices, w.ui.draw_calls, w.app.background.shaded_pixels, fb_w,
                                  fb_h, w.ui.frames_skipped);
    SDL_GL_SwapWindow(w.window);
    w.app.frame_cpu_ms = platform_now_ms() - w.app.frame_start_ms;
    // The frame's CPU time and the animation frame's timestamp, for the frame budget.
    // FrameStats belong to the UI thread (the training thread never touches them).
    training_note_frame(w.app.training, platform_now_ms() - frame_start, platform_now_ms() - render_start,
                        platform_frame_timestamp_ms(), training_lock_wait_ms());
    return !w.app.quit;
}

}  // namespace

int main(int argc, char** argv) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
        return 1;
    }
    platform_before_window();
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    // No depth or stencil buffer on the page itself: ImGui needs neither, and the
    // convolution view has its own depth buffer offscreen. With software WebGL
    // every buffer of the page's size costs time each frame.
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    static Window w;  // lives as long as the browser's main loop, which outlives main()
    const auto flags = SDL_WindowFlags(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    w.window = SDL_CreateWindow("ConvLab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
    if (!w.window) {
        std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
        return 1;
    }
    w.gl = SDL_GL_CreateContext(w.window);
    if (!w.gl) {
        std::fprintf(stderr, "WebGL2 / OpenGL 3 context failed: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(w.window, w.gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // layout comes from the app, not a file
    ImGui_ImplSDL2_InitForOpenGL(w.window, w.gl);
    ui_renderer_init(&w.ui, platform_glsl_version());

    app_init(w.app, platform_initial_state(argc, argv), platform_initial_query(), platform_glsl_version());
    platform_set_command_handler([](void* user, const std::string& command) {
        const TrainingLock session;
        return app_command(static_cast<Window*>(user)->app, command);
    }, &w);
    platform_set_state_provider([](void* user) {
        const TrainingLock session;
        return app_state_json(static_cast<Window*>(user)->app).c_str();
    }, &w);
    training_thread_start(w.app);
    training_worker_start(w.app);  // without the thread (a page that is not cross-origin isolated): a Worker trains
    platform_run(frame, &w);
    return 0;
}
