// commands.cpp: the test hook's commands. Browser tests call
// window.convlabHook.command("verb args...") to do what a learner's click or
// keystroke would do, then read window.convlabHook.state. Each verb is one
// branch below; a bad command gets "error: <why>", never a crash.
#include <sstream>
#include <string>

#include "app/app.h"
#include "app/conv_view/conv_view.h"

std::string app_command(App& app, const std::string& command) {
    // A command changes the app between two frames; a state read after it, in
    // the same frame, must still be the frame's, not a half-applied change.
    app_state_json(app);
    std::istringstream in(command);
    std::string verb;
    in >> verb;
    if (verb == "check_clipping") {  // the next frame reports its cut text (clip_check.h) as state.clipping
        app.clip_check_pending = true;
        app.clip_checked = false;
        return "ok";
    }
    if (verb == "show_columns") {  // the summary's optional columns (cost and receptive field), as the checkboxes do
        int on = 0;
        if (!(in >> on)) return "error: show_columns <0|1>";
        app.show_cost = app.show_field = on != 0;
        return "ok";
    }
    if (verb == "keys") {  // the keyboard shortcuts window, as "?" opens it
        int on = 0;
        if (!(in >> on)) return "error: keys <0|1>";
        app.keys_open = on != 0;
        return "ok";
    }
    if (verb == "select_layer") {
        int row = -1;
        if (!(in >> row) || row < 0 || row >= int(app.summary.layers.size())) return "error: no such summary row";
        app.selected_layer = row;
        return "ok";
    }
    if (verb == "tab") {
        std::string name;
        in >> name;
        if (name == "summary") app.requested_tab = WorkspaceTab::Summary;
        else if (name == "convolution") app.requested_tab = WorkspaceTab::Convolution;
        else if (name == "training") app.requested_tab = WorkspaceTab::Training;
        else return "error: tabs are summary, convolution, training";
        return "ok";
    }
    if (verb == "lang") {
        std::string code;
        in >> code;
        Lang lang;
        if (!parse_language(code.c_str(), &lang)) return "error: languages are en, zh";
        language_request(app, lang, true);  // as the menu does: Chinese shows once its font is in
        return "ok";
    }
    if (verb == "glyph_fallbacks") return std::to_string(language_fallback_glyphs_drawn());  // boxes last frame
    if (verb.rfind("teach_", 0) == 0) {  // teach_window.cpp
        std::string rest, reply;
        std::getline(in, rest);
        if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
        teach_command(app, verb, rest, &reply);
        return reply;
    }
    if (std::string reply; lesson_command(app, verb, in, &reply)) return reply;  // lesson_chapters.cpp
    if (std::string reply; editor_command(app, verb, in, &reply)) return reply;  // model_edit.cpp
    std::string reply;
    if (training_command(app, verb, in, &reply)) return reply;  // train_*, draw_digit, frame_stats
    if (verb.rfind("conv_", 0) == 0) {  // the convolution view (conv_view_text.cpp)
        std::string rest;
        std::getline(in, rest);
        return conv_view_command(app, verb, rest);
    }
    return "error: unknown command '" + verb + "'";
}
