// model_summary.h: the whole model, analysed layer by layer, as Keras's
// model.summary() would report it: names (Keras 2 or Keras 3 numbering), output
// shapes, Param #, totals. The first Problem stops the analysis: layers after an
// invalid one have no meaningful input shape.
#pragma once
#include <string>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/model/layer_spec.h"
#include "core/analysis/problem.h"

namespace convlab {


// A tensor a Functional layer receives, as Keras's summary names it: the
// producing layer's name, its call (node index) and output (tensor index):
// "conv2d_1[0][0]".
struct InboundRef {
    std::string name;
    int call = 0;
    int tensor = 0;
};

struct LayerSummary {
    int index = 0;             // in ModelSpec::layers
    std::string name;
    LayerKind kind = LayerKind::Dense;
    Shape input;               // a merge's first input
    LayerAnalysis analysis;    // a layer called more than once: its first call
    // Functional models only: per call of the layer that is part of the model,
    // the tensors it receives in order (empty for an InputLayer).
    std::vector<std::vector<InboundRef>> inbound;
    // Functional: a layer whose calls give different output shapes. Keras 2
    // prints "multiple"; Keras 3 prints the last call's shape.
    bool multiple_shapes = false;
    Shape last_call_output;
};

// One call of a layer in a Functional model, as training runs it.
struct GraphNode {
    int layer = 0;             // index in ModelSpec::layers
    int call = 0;              // which call of it (Keras's node index)
    std::vector<int> inputs;   // the calls it reads: indices in ModelSummary::nodes
};

struct ModelSummary {
    Shape input;                       // the (first) input's shape
    std::vector<LayerSummary> layers;  // a Sequential model's InputLayer is not listed, as in Keras
    int64_t total_params = 0, trainable_params = 0, non_trainable_params = 0;
    int64_t total_macs = 0;
    // Functional models: listed with their InputLayers; `sequential_like` is
    // Keras's test for printing the table without "Connected to" (one node at
    // every depth, no layer called twice).
    bool functional = false;
    bool sequential_like = true;
    std::string model_name;            // 'Model: "..."' in Keras 3's table
    // Layers left out of a Functional model (not on a path from the inputs to
    // the outputs), each with the warning that names it.
    std::vector<Problem> warnings;
    // Functional: every call the outputs need, each after the calls it reads;
    // the last one gives the (first) output.
    std::vector<GraphNode> nodes;
    Shape output;                      // the (first) output's shape
};

// The model's (first) input shape as declared: its first InputLayer's, or a
// Sequential's first layer's input_shape (a nested model's, when that layer is one).
Shape declared_input_shape(const ModelSpec& model);

// The names Keras would give, one per ModelSpec layer (InputLayer included).
std::vector<std::string> layer_names(const ModelSpec& model, NamingStyle style);

// Analyses every layer; on failure *problem says which layer and field and why.
// A Functional model goes through summarize_graph (model_graph.h).
bool summarize(const ModelSpec& model, NamingStyle style, ModelSummary* out, Problem* problem);

// Adds one analysed layer's counts to the model's totals, moving its trainable
// parameters to non-trainable when the layer is frozen (trainable=False). False,
// with *problem filled, when a total would pass kMaxCount.
bool add_layer_totals(const LayerSpec& spec, LayerSummary* row, ModelSummary* out, Problem* problem);

}  // namespace convlab
