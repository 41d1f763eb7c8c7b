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

// Keras 2.2 numbers every auto-named layer from 1 (conv2d_1, conv2d_2); Keras 3
// starts without a suffix (conv2d, conv2d_1). An explicit name= is kept and does
// not advance the counter.
enum class NamingStyle : uint8_t { Keras2, Keras3 };

struct LayerSummary {
    int index = 0;             // in ModelSpec::layers
    std::string name;
    LayerKind kind = LayerKind::Dense;
    Shape input;
    LayerAnalysis analysis;
};

struct ModelSummary {
    Shape input;
    std::vector<LayerSummary> layers;  // InputLayer is not listed, as in Keras
    int64_t total_params = 0, trainable_params = 0, non_trainable_params = 0;
    int64_t total_macs = 0;
};

// The names Keras would give, one per ModelSpec layer (InputLayer included).
std::vector<std::string> layer_names(const ModelSpec& model, NamingStyle style);

// Analyses every layer; on failure *problem says which layer and field and why.
bool summarize(const ModelSpec& model, NamingStyle style, ModelSummary* out, Problem* problem);

}  // namespace convlab
