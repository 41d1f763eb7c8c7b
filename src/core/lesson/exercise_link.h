// lesson/exercise_link.h: exercises a teacher writes into a link. A worksheet
// is one to kMaxWorksheetExercises questions, each about one layer of a model:
// its output shape, its Param #, or both, with an optional hint. The page's
// "Share as exercise" writes one; opening the link starts the lesson on it.
// Not the grading (mistake_classifier.h) and not the questions' answers: those
// come from exercise_from_model (exercise.h), that is from summarize().
//
// The text, as it sits after "#ex=" in a link:
//   "x1." check "." item ("~" item)...
//   check = exercise_link_check of the items' text, 8 lowercase hex digits: a
//           link cut short or changed by a character is refused as damaged
//           instead of opening a different question
//   item  = ask layer "." model "." hint
//   ask   = "s" (output shape) | "p" (Param #) | "b" (both)
//   layer = the asked layer's index in the model's layers, in decimal
//   model = a model link (model_url.h: "v1.…" or "v2.…"), or the decimal number
//           of an earlier item whose model this one shares
//   hint  = the hint's UTF-8 with every byte outside A-Z a-z 0-9 - _ written
//           as %XX; empty when there is none
// Everything in it is URL-safe, so a link needs no further escaping, and a
// worksheet of ten questions on one model carries that model once. The hint
// is in the link for anyone to read: it is help, not a secret.
// Decoding treats the text as hostile: counts, lengths, indices, the UTF-8 of
// hints and every model are checked, and an error names the exercise and what
// is wrong with it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/layer_spec.h"

namespace convlab {

constexpr int kMaxWorksheetExercises = 10;
// The check written before the items (FNV-1a, 32 bits, of their text).
std::string exercise_link_check(std::string_view items);
constexpr size_t kMaxHintBytes = 300;            // about two sentences, in either language
constexpr size_t kMaxExerciseLinkChars = 60000;  // inside the page's 64 KB fragment

enum class ExerciseAsk : uint8_t { OutputShape, Params, Both };

struct LinkedExercise {
    ModelSpec model;
    int layer = 0;  // index into model.layers: a layer with a summary row
    ExerciseAsk ask = ExerciseAsk::Both;
    std::string hint;  // UTF-8, may be empty
};

// Whether a hint can go into a link: at most kMaxHintBytes of well-formed
// UTF-8 without control characters (a line break included: a hint is one
// paragraph). *why, when given, says what is wrong, in English.
bool hint_is_valid(std::string_view hint, std::string* why = nullptr);

// The link text for a worksheet, or "" with *error saying why: no exercises or
// more than kMaxWorksheetExercises, a layer without a summary row, a hint that
// hint_is_valid refuses, or a text longer than kMaxExerciseLinkChars.
std::string encode_exercise_link(const std::vector<LinkedExercise>& sheet, std::string* error);

// The worksheet in a link text, or false with *error naming the exercise (1-based)
// and what is wrong: "exercise 2: layer 9 is not one of its model's 4 layers".
bool decode_exercise_link(std::string_view text, std::vector<LinkedExercise>* out, std::string* error);

}  // namespace convlab
