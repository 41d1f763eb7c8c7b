// nested_models.cpp: see nested_models.h. Tensor references are remapped in
// two passes: first every layer (inner ones in their nested model's place)
// gets its new index, then every call's inputs are rewritten, since a call may
// read a nested model's output, which is an inner layer's.
#include "core/model/nested_models.h"

#include <utility>
#include <vector>

namespace convlab {
namespace {

Shape first_input_shape(const ModelSpec& m) {
    if (m.functional)
        return !m.inputs.empty() && m.inputs[0].layer >= 0 && size_t(m.inputs[0].layer) < m.layers.size()
                   ? m.layers[size_t(m.inputs[0].layer)].input_shape
                   : Shape{};
    if (m.layers.empty()) return Shape{};
    const LayerSpec& first = m.layers[0];
    if (first.input_shape.rank == 0 && first.kind == LayerKind::Model && first.nested)
        return first_input_shape(*first.nested);
    return first.input_shape;
}

}  // namespace

bool has_nested_models(const ModelSpec& model) {
    for (const LayerSpec& l : model.layers)
        if (l.kind == LayerKind::Model) return true;
    return false;
}

ModelSpec sequential_as_graph(const ModelSpec& model) {
    if (model.functional) return model;
    ModelSpec g;
    g.functional = true;
    g.name = model.name;
    g.compile = model.compile;
    size_t start = 0;
    if (!model.layers.empty() && model.layers[0].kind == LayerKind::InputLayer) {
        g.layers.push_back(model.layers[0]);
        start = 1;
    } else {
        LayerSpec input = make_layer(LayerKind::InputLayer);
        input.input_shape = first_input_shape(model);
        g.layers.push_back(input);
    }
    g.inputs.push_back(TensorRef{0, 0, 0});
    TensorRef previous{0, 0, 0};
    for (size_t i = start; i < model.layers.size(); ++i) {
        LayerSpec l = model.layers[i];
        l.input_shape = Shape{};
        l.calls = {{previous}};
        previous = TensorRef{int(g.layers.size()), 0, 0};
        g.layers.push_back(std::move(l));
    }
    g.outputs.push_back(previous);
    return g;
}

ModelSpec inline_nested_models(const ModelSpec& model) {
    if (!has_nested_models(model)) return model;
    const ModelSpec g = sequential_as_graph(model);
    struct Nested {
        ModelSpec inner;            // itself already without nested models
        int first = 0;              // where its layers start in the result
        std::vector<int> index;     // inner layer -> result layer, -1 for its InputLayer
    };
    std::vector<int> index(g.layers.size(), -1);   // outer plain layer -> result layer
    std::vector<Nested> nested(g.layers.size());
    ModelSpec out;
    out.functional = true;
    out.name = g.name;
    out.compile = g.compile;
    for (size_t l = 0; l < g.layers.size(); ++l) {
        const LayerSpec& spec = g.layers[l];
        if (spec.kind != LayerKind::Model) {
            index[l] = int(out.layers.size());
            out.layers.push_back(spec);
            out.layers.back().calls.clear();
            continue;
        }
        Nested& n = nested[l];
        n.inner = spec.nested ? sequential_as_graph(inline_nested_models(*spec.nested)) : ModelSpec{};
        n.index.assign(n.inner.layers.size(), -1);
        for (size_t k = 0; k < n.inner.layers.size(); ++k) {
            if (n.inner.layers[k].kind == LayerKind::InputLayer) continue;
            n.index[k] = int(out.layers.size());
            LayerSpec inner = n.inner.layers[k];
            if (!inner.name.empty()) inner.name = spec.name + "/" + inner.name;
            inner.trainable = inner.trainable && spec.trainable;
            inner.calls.clear();
            out.layers.push_back(std::move(inner));
        }
    }
    // An outer tensor in the result: a nested model's output is its inner
    // output layer's, in the matching call.
    auto resolve = [&](const TensorRef& r) -> TensorRef {
        if (r.layer < 0 || size_t(r.layer) >= g.layers.size()) return r;
        if (g.layers[size_t(r.layer)].kind != LayerKind::Model) return TensorRef{index[size_t(r.layer)], r.call, r.tensor};
        const Nested& n = nested[size_t(r.layer)];
        if (n.inner.outputs.empty()) return TensorRef{};
        const TensorRef o = n.inner.outputs[0];
        const int inner_calls = int(n.inner.layers[size_t(o.layer)].calls.size());
        return TensorRef{n.index[size_t(o.layer)], r.call * inner_calls + o.call, o.tensor};
    };
    for (size_t l = 0; l < g.layers.size(); ++l) {
        const LayerSpec& spec = g.layers[l];
        if (spec.kind != LayerKind::Model) {
            for (const std::vector<TensorRef>& call : spec.calls) {
                std::vector<TensorRef> refs;
                for (const TensorRef& r : call) refs.push_back(resolve(r));
                out.layers[size_t(index[l])].calls.push_back(std::move(refs));
            }
            continue;
        }
        // Every outer call runs every inner call once more, its InputLayer
        // reading what the outer call was given.
        const Nested& n = nested[l];
        for (size_t c = 0; c < spec.calls.size(); ++c) {
            const TensorRef given = spec.calls[c].empty() ? TensorRef{} : resolve(spec.calls[c][0]);
            for (size_t k = 0; k < n.inner.layers.size(); ++k) {
                if (n.index[k] < 0) continue;
                for (const std::vector<TensorRef>& call : n.inner.layers[k].calls) {
                    std::vector<TensorRef> refs;
                    for (const TensorRef& r : call) {
                        const LayerSpec& from = n.inner.layers[size_t(r.layer)];
                        if (from.kind == LayerKind::InputLayer) {
                            refs.push_back(given);
                        } else {
                            const int calls = int(from.calls.size());
                            refs.push_back(TensorRef{n.index[size_t(r.layer)], int(c) * calls + r.call, r.tensor});
                        }
                    }
                    out.layers[size_t(n.index[k])].calls.push_back(std::move(refs));
                }
            }
        }
    }
    for (const TensorRef& r : g.inputs) out.inputs.push_back(resolve(r));
    for (const TensorRef& r : g.outputs) out.outputs.push_back(resolve(r));
    return out;
}

}  // namespace convlab
