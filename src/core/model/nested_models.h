// nested_models.h: a model whose layers include whole models (LayerKind::Model),
// rewritten as one Functional graph of plain layers, as the nested model's
// layers really run: each inner layer is called once per call of the model
// that holds it (so a nested model called twice shares its weights, as in
// Keras), the nested model's InputLayer becomes the tensor it was called on,
// and a frozen nested model freezes every layer inside it. Training runs this
// form; the summary keeps the nesting (analysis/nested_model.cpp).
#pragma once
#include "core/model/layer_spec.h"

namespace convlab {

bool has_nested_models(const ModelSpec& model);

// The same model as a Functional graph: an InputLayer first (the one it has, or
// one made from the first layer's input_shape), every layer called on the one before.
ModelSpec sequential_as_graph(const ModelSpec& model);

// The graph with every nested model's layers in its place, named
// "outer/inner" so names stay unique. A model without nested models is returned unchanged.
ModelSpec inline_nested_models(const ModelSpec& model);

}  // namespace convlab
