// screen_reader.cpp: the texts of the summary and training-status mirrors.
// The status changes on a change of state and once an epoch (its test
// accuracy), so a polite live region is not flooded while training runs.
#include "app/screen_reader.h"

#include <cstdio>

#include "app/app.h"
#include "core/analysis/formula.h"
#include "core/message/message.h"
#include "core/analysis/layer_kind.h"
#include "platform/platform.h"

namespace {

// Keras's model.summary() as lines: "name (Class) — output shape — Param #",
// then the three totals; without the counts while the lesson waits for the
// learner's guess.
std::string summary_text(const App& app) {
    const Lang lang = app.language.shown;
    std::string s;
    if (!app.model_ok) s += std::string(tr(lang, Str::ModelInvalid)) + " " + problem_text(lang, app.problem, app.model) + "\n";
    if (!app.model_ok && !app.editor.has_last_valid) return s;
    // A worksheet's question waits for its answer: the page shows no summary, nor does this.
    if (worksheet_waits(app)) return tr(lang, Str::SheetWaits);
    const bool counts_hidden = lesson_hides_working(app);
    const convlab::ModelSummary& shown = shown_summary(app);
    s += std::string(tr(lang, Str::ColLayer)) + " — " + tr(lang, Str::ColOutputShape);
    if (!counts_hidden) s += std::string(" — ") + tr(lang, Str::ColParams);
    s += "\n";
    for (const convlab::LayerSummary& row : shown.layers) {
        s += row.name + " (" + convlab::layer_kind_info(row.kind).class_name + ") — " + row.analysis.output.to_string();
        if (!counts_hidden) s += " — " + convlab::with_thousands(row.analysis.params);
        s += "\n";
    }
    if (counts_hidden) return s + tr(lang, Str::SrCountsHidden);
    s += std::string(tr(lang, Str::TotalParams)) + ": " + convlab::with_thousands(shown.total_params) + "\n";
    s += std::string(tr(lang, Str::TrainableParams)) + ": " + convlab::with_thousands(shown.trainable_params) + "\n";
    s += std::string(tr(lang, Str::NonTrainableParams)) + ": " + convlab::with_thousands(shown.non_trainable_params);
    return s;
}

std::string status_text(Lang lang, const TrainingSession& t) {
    std::string s;
    switch (t.phase) {
        case TrainPhase::Unavailable: s = std::string(tr(lang, Str::TrainUnavailableTitle)) + ": " + t.reason; break;
        case TrainPhase::Ready: s = tr(lang, Str::TrainStatusReady); break;
        case TrainPhase::LoadingData: s = tr(lang, Str::SrTrainLoading); break;
        case TrainPhase::Running: s = tr(lang, t.schedule.evaluation_due ? Str::TrainStatusEvaluating : Str::TrainStatusRunning); break;
        case TrainPhase::Paused: s = tr(lang, Str::TrainStatusPaused); break;
        case TrainPhase::Finished: s = tr(lang, Str::TrainStatusFinished); break;
        case TrainPhase::Stopped: s = t.reason; break;
    }
    if (t.test_accuracy.empty() || t.phase == TrainPhase::Unavailable) return s;
    char accuracy[16];
    std::snprintf(accuracy, sizeof accuracy, "%.1f%%", double(t.test_accuracy.back()));
    return s + " " + convlab::fill_slots(tr(lang, Str::SrTrainEpochDone),
                                         {std::to_string(t.test_accuracy.size()), std::to_string(t.settings.epochs), accuracy});
}

void mirror(const char* html_id, std::string text, std::string* last) {
    if (text == *last) return;
    *last = std::move(text);
    platform_announce(html_id, *last);
}

}  // namespace

void screen_reader_frame(App& app) {
    const Lang lang = app.language.shown;
    ScreenReaderMirror& m = app.screen_reader;
    mirror("sr-summary-title", tr(lang, Str::SrSummaryTitle), &m.title);
    // The summary's text follows the model, the language and what the lesson
    // hides: built again only when one of them changed, not every frame.
    const std::string key = app.model_code + "|" + language_code(app.language.shown) + (lesson_hides_working(app) ? "|hidden" : "|shown") +
                            (worksheet_waits(app) ? "|waits" : "");
    if (key != m.summary_key) {
        m.summary_key = key;
        mirror("sr-summary", summary_text(app), &m.summary);
    }
    mirror("sr-status", status_text(lang, app.training), &m.status);
}
