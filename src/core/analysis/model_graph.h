// model_graph.h: a Functional model analysed as the graph it is. Which layer
// calls the outputs need (walking back from them, as Keras's Functional does),
// in an order where every call comes after the calls it reads; the shape of
// every call's output; each layer's parameters counted once however often it
// is called; and the graph's faults as Problems: a cycle, an input the model
// was not given ("Graph disconnected"), a merge of shapes that do not fit.
// Not a printer (summary_format.h) and not training.
// Reference: Keras 2 engine/network.py (_map_graph_network, nodes_by_depth);
// Keras 3 src/models/functional.py.
#pragma once
#include "core/analysis/model_summary.h"

namespace convlab {

// The most layers a graph may have, and the most calls of one layer: far above
// the largest keras.applications network (EfficientNetB7, about 813 layers),
// low enough that a hostile file cannot make the analysis slow.
constexpr int kMaxGraphLayers = 4096;
constexpr int kMaxLayerCalls = 64;

// One row per layer of config.layers that is part of the model (InputLayers
// included, as Keras 2 and 3 list them for a Functional model); layers on no
// path from the inputs to the outputs are left out with a warning.
bool summarize_graph(const ModelSpec& model, NamingStyle style, ModelSummary* out, Problem* problem);

}  // namespace convlab
