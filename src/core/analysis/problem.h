// problem.h: why a model cannot be built, as data. A Problem names the layer
// (index and name), the field and the broken constraint as a Message (a code
// from message_codes.h and its pieces), so the UI can mark the field red and say
// the sentence in the learner's language, and the CLI can print it in English or
// Chinese. Not an exception: it is returned. Not the sentences: message_codes.h.
#pragma once
#include <string>
#include <vector>

#include "core/message/message.h"
#include "core/model/layer_spec.h"

namespace convlab {

struct Problem {
    int layer = -1;                    // index in ModelSpec::layers, -1 if not one layer
    std::string layer_name;            // as shown in the summary ("conv2d_2")
    LayerKind kind = LayerKind::Count; // the layer's kind, for its class name
    Field field = Field::Count;        // Field::Count if not one field
    Message constraint;                // the broken constraint; empty when there is no problem
    std::string message;               // the whole sentence in English, with location
};

// The whole sentence as data, location first: "layer 2 'conv2d_2' (Conv2D), kernel_size: ...".
// Layers are counted from 1, as a learner counts the lines of model.add(...).
Message problem_message(const Problem& problem);

// Builds a Problem and its English message.
Problem make_problem(int layer, const std::string& layer_name, LayerKind kind, Field field, Message constraint);

}  // namespace convlab
