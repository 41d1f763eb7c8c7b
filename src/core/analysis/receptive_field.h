// receptive_field.h: which input pixels can reach one value of a layer's
// output. Each spatial axis of a layer's output is an affine view of the input:
// output position x sees input positions x·jump + start … x·jump + start + size − 1.
// The three numbers are Araujo, Norris and Sim's receptive field size r₀,
// effective stride S₀ (the "jump") and effective padding P₀ (start = −P₀), from
// "Computing Receptive Fields of Convolutional Neural Networks", Distill 2019.
//
// Through a layer with kernel reach K (dilated: (K − 1)·D + 1), stride s and
// padding p before the first row, a field (size r, jump j, start u) becomes
//   r' = r + (K − 1)·j,   j' = j·s,   u' = u − p·j.
// A merge sees the union of its inputs' fields (Araujo et al. keep the largest
// and require the paths to be aligned: same jump and centre; the union equals it
// then, and `aligned` says whether they were). A Dense after Flatten, a global
// pooling, sees the whole input; after upsampling the field is no longer one
// window slid with a fixed jump, so it is not given as one.
#pragma once
#include <cstdint>
#include <vector>

#include "core/analysis/formula.h"
#include "core/analysis/model_summary.h"
#include "core/model/layer_spec.h"

namespace convlab {

enum class FieldKind : uint8_t {
    Local,      // size, jump and start below
    Whole,      // every value sees the whole input (Flatten, Dense, global pooling)
    Irregular,  // not one window at a fixed jump (after UpSampling2D, Conv2DTranspose, Reshape)
    TooLarge,   // a number passed kMaxCount (2^40)
};

struct AxisField {
    int64_t size = 1;   // r₀: input pixels one output value spans on this axis
    int64_t jump = 1;   // S₀: input pixels between neighbouring output values
    int64_t start = 0;  // −P₀: first input position output 0 sees (negative: in the padding)
    // This layer's step, for the arithmetic panel: r + (K − 1) × j and j × s.
    // Empty when the layer leaves the axis as it was.
    Formula size_formula, jump_formula;
};

struct ReceptiveField {
    FieldKind kind = FieldKind::Local;
    int axes = 2;          // 2: an image's rows and columns; 1: a sequence's steps (rows only)
    AxisField rows, cols;
    bool merged = false;   // the union of several inputs' fields
    bool aligned = true;   // merged: every input's field had the same jump and centre
};

// One per row of `summary` (summary.layers), in the same order: the field of the
// row's first call's output, measured on the model's input (a Functional model
// with several inputs: on whichever input reaches the layer). `model` is the
// spec `summary` was made from.
std::vector<ReceptiveField> receptive_fields(const ModelSpec& model, const ModelSummary& summary);

// "5×5", "212": a Local field's size as a short cell (one number when the
// axes agree); the jump and start likewise. Empty for the other kinds, which
// the caller names in its own language.
std::string field_size_text(const ReceptiveField& f);
std::string field_jump_text(const ReceptiveField& f);
std::string field_start_text(const ReceptiveField& f);

// [{"kind":"local","size":[5,5],"jump":[1,1],"start":[0,0],"merged":false,
// "aligned":true}, {"kind":"whole"}, ...]: one per summary row; a sequence's
// arrays have one entry. Kinds: "local", "whole", "irregular", "too_large".
std::string format_receptive_fields_json(const std::vector<ReceptiveField>& fields);

}  // namespace convlab
