// teach_window.h: "Share as exercise", the teacher's side of exercise links.
// The teacher picks a layer of the model in the page, what students predict
// (output shape, Param # or both) and an optional hint; the window writes the
// link (the core's encode_exercise_link) or collects up to ten questions into
// a worksheet. Not the learner's side: lesson_worksheet.cpp.
#pragma once
#include <string>
#include <vector>

#include "core/lesson/exercise_link.h"

struct App;

struct TeachState {
    bool open = false;
    convlab::ExerciseAsk ask = convlab::ExerciseAsk::Both;
    char hint[convlab::kMaxHintBytes + 1] = {};
    std::vector<convlab::LinkedExercise> draft;  // the worksheet being put together
    std::string link;                            // the last link written (copied)
    std::string link_for;                        // what it was written for (question_key): shown only while that holds
    std::string error;                           // why the last one could not be written (the core's English)
    bool full = false;                           // "Add" was pressed on a full worksheet
    bool duplicate = false;                      // "Add" was pressed for a question already in it
    bool restored = false;                       // the draft kept in this browser was read back
};

// The draft worksheet is kept in this browser (localStorage) as its link
// text, so a reload does not lose the questions a teacher collected.
constexpr const char* kTeachDraftKey = "convlab.teach.draft";

void teach_window(App& app);
// The test hook's view of it.
std::string teach_state_json(const TeachState& t);
// Test hook: teach_open, teach_ask <shape|params|both>, teach_hint <text>,
// teach_copy, teach_add, teach_copy_sheet, teach_try. Each does what its button does.
bool teach_command(App& app, const std::string& verb, const std::string& rest, std::string* reply);
