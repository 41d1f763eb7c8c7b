// problem.h: why a model cannot be built, as data. A Problem names the layer
// (index and name), the field and the broken constraint with its numbers, so the
// UI can mark the field red and say the sentence in the learner's language, and
// the CLI can print the English sentence. Not an exception: it is returned.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/layer_spec.h"

namespace convlab {

// One code per constraint. The English template for each is in problem.cpp;
// the UI's string table has one per language with the same {0}, {1}, ... slots.
enum class ProblemCode : uint8_t {
    None,
    NoLayers,               // the model has no layers
    NoInputShape,           // first layer has no input shape
    NotPositive,            // {0}=field value must be >= 1 (or >= 0 for padding)
    KernelLargerThanInput,  // {0}x{1} kernel reaches {2}x{3} > {4}x{5} padded input
    StridesWithDilation,    // strides {0} together with dilation {1}
    NeedsImageInput,        // {0}: this layer needs (H, W, C) input, got {1}
    NeedsVectorInput,       // reserved for layers that take only (F)
    RateOutOfRange,         // dropout rate {0} not in [0, 1)
    TooLarge,               // {0} count {1} exceeds the limit {2}
    InputLayerNotFirst,     // InputLayer only as the first layer
    BadInputShape,          // input shape {0} is not (H, W, C) or (F)
    Count
};

struct Problem {
    ProblemCode code = ProblemCode::None;
    int layer = -1;                  // index in ModelSpec::layers, -1 if not one layer
    std::string layer_name;          // as shown in the summary ("conv2d_2")
    Field field = Field::Count;      // Field::Count if not one field
    std::vector<std::string> args;   // the numbers and names the sentence needs
    std::string message;             // the whole sentence in English, with location
};

// The English sentence for a code with its args, without the location prefix.
std::string problem_sentence_en(ProblemCode code, const std::vector<std::string>& args);

// Builds a Problem with its English message: "layer 2 'conv2d_2' (Conv2D), kernel_size: ...".
Problem make_problem(ProblemCode code, int layer, const std::string& layer_name,
                     LayerKind kind, Field field, std::vector<std::string> args);

}  // namespace convlab
