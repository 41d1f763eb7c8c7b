// test_history.cpp: undo and redo return the model and the layer that was
// selected in it, and rapid edits of one field coalesce into one step.
#include <doctest.h>

#include "app/editor/history.h"
#include "core/model/presets.h"

TEST_CASE("history: undo brings back the model and its selected layer; redo the edit and its own") {
    History h;
    convlab::ModelSpec model = convlab::preset_model(convlab::Preset::TinyNet);
    const convlab::ModelSpec before = model;
    history_record(h, model, 3, "", 0.0);  // layer 3 was selected when the edit was made
    model.layers.pop_back();
    int selected = 1;                      // the edit selected layer 1
    REQUIRE(history_undo(h, &model, &selected));
    CHECK(model.layers.size() == before.layers.size());
    CHECK(selected == 3);
    selected = 2;                          // the learner looks elsewhere, then redoes
    REQUIRE(history_redo(h, &model, &selected));
    CHECK(model.layers.size() == before.layers.size() - 1);
    CHECK(selected == 1);                  // where the edit left the selection
    REQUIRE(history_undo(h, &model, &selected));
    CHECK(selected == 2);                  // where the learner was before the redo
    CHECK_FALSE(history_undo(h, &model, &selected));
}

TEST_CASE("history: edits of one field within a second are one step") {
    History h;
    convlab::ModelSpec model = convlab::preset_model(convlab::Preset::TinyNet);
    history_record(h, model, 0, "1:filters", 0.0);
    history_record(h, model, 0, "1:filters", 500.0);
    history_record(h, model, 0, "1:filters", 900.0);
    CHECK(h.past.size() == 1);
    history_record(h, model, 0, "1:filters", 5000.0);
    CHECK(h.past.size() == 2);
}
