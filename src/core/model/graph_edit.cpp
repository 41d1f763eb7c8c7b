// graph_edit.cpp: see graph_edit.h. Layers are kept in a topological order in
// ModelSpec::layers (a new layer goes right after the one it reads), so the
// order Keras would number unnamed layers in follows the graph, as it does in
// code that builds the model top to bottom.
#include "core/model/graph_edit.h"

#include <algorithm>

#include "core/analysis/model_summary.h"
#include "core/model/checked_int.h"

namespace convlab {

namespace {

// Every reference to a layer index, so an insertion or removal can renumber them.
template <typename F>
void for_each_ref(ModelSpec* m, F f) {
    for (LayerSpec& l : m->layers)
        for (std::vector<TensorRef>& call : l.calls)
            for (TensorRef& r : call) f(r);
    for (TensorRef& r : m->inputs) f(r);
    for (TensorRef& r : m->outputs) f(r);
}

// Makes room at `at`: every index ≥ at moves up by one.
void insert_layer_at(ModelSpec* m, int at, LayerSpec layer) {
    for_each_ref(m, [&](TensorRef& r) {
        if (r.layer >= at) ++r.layer;
    });
    for (int& i : m->creation_order)
        if (i >= at) ++i;
    // A layer the learner adds is the last one made, as it would be in code.
    if (!m->creation_order.empty()) m->creation_order.push_back(at);
    m->layers.insert(m->layers.begin() + at, std::move(layer));
}

// Drops the layer at `at` once nothing refers to it.
void erase_layer_at(ModelSpec* m, int at) {
    m->layers.erase(m->layers.begin() + at);
    for_each_ref(m, [&](TensorRef& r) {
        if (r.layer > at) --r.layer;
    });
    std::vector<int> order;
    for (int i : m->creation_order)
        if (i != at) order.push_back(i > at ? i - 1 : i);
    m->creation_order = order;
}

// Every read of `from` (any consumer, and the outputs) becomes a read of `to`,
// except in layer `skip` (the new layer that reads `from` itself).
void redirect(ModelSpec* m, const TensorRef& from, const TensorRef& to, int skip) {
    for (size_t i = 0; i < m->layers.size(); ++i) {
        if (int(i) == skip) continue;
        for (std::vector<TensorRef>& call : m->layers[i].calls)
            for (TensorRef& r : call)
                if (r == from) r = to;
    }
    for (TensorRef& r : m->outputs)
        if (r == from) r = to;
}

bool valid_layer(const ModelSpec& m, int i) { return i >= 0 && i < int(m.layers.size()); }

// The order the layers were made in, written out (identity when the model
// never said), so a layer added now is numbered after every one already there.
ModelSpec with_creation_order(ModelSpec m) {
    if (m.creation_order.size() != m.layers.size()) {
        m.creation_order.clear();
        for (size_t i = 0; i < m.layers.size(); ++i) m.creation_order.push_back(int(i));
    }
    return m;
}

bool refuse(Message* why, Message m) {
    if (why) *why = std::move(m);
    return false;
}

}  // namespace

ModelSpec to_functional(const ModelSpec& model) {
    if (model.functional) return with_creation_order(model);
    ModelSpec m = model;
    m.functional = true;
    m.creation_order.clear();
    if (m.layers.empty() || m.layers[0].kind != LayerKind::InputLayer) {
        LayerSpec input = make_layer(LayerKind::InputLayer);
        // The first layer's input_shape= becomes the InputLayer's shape, as
        // keras.Input(shape=...) would say it.
        if (!m.layers.empty() && m.layers[0].input_shape.rank > 0) input.input_shape = m.layers[0].input_shape;
        if (!m.layers.empty()) m.layers[0].input_shape = Shape{};
        m.layers.insert(m.layers.begin(), input);
    }
    for (size_t i = 1; i < m.layers.size(); ++i) m.layers[i].calls = {{TensorRef{int(i) - 1, 0, 0}}};
    m.layers[0].calls.clear();
    m.inputs = {TensorRef{0, 0, 0}};
    m.outputs = {TensorRef{int(m.layers.size()) - 1, 0, 0}};
    return with_creation_order(m);
}

int to_functional_shift(const ModelSpec& model) {
    return !model.functional && (model.layers.empty() || model.layers[0].kind != LayerKind::InputLayer) ? 1 : 0;
}

bool graph_layer_output(const ModelSpec& model, int layer, Shape* out) {
    *out = Shape{};
    if (!valid_layer(model, layer)) return false;
    const LayerSpec& l = model.layers[size_t(layer)];
    if (l.kind == LayerKind::InputLayer) {
        *out = l.input_shape;
        return l.input_shape.rank > 0;
    }
    ModelSpec m = model;
    if (!m.functional) {
        layer += to_functional_shift(model);
        m = to_functional(model);
    }
    m.outputs.push_back(TensorRef{layer, 0, 0});
    ModelSummary s;
    Problem p;
    if (!summarize(m, NamingStyle::Keras2, &s, &p)) return false;
    for (const LayerSummary& row : s.layers)
        if (row.index == layer) *out = row.analysis.output;
    return out->rank > 0;
}

ModelSpec with_written_names(const ModelSpec& model) {
    ModelSpec m = model;
    const std::vector<std::string> names = layer_names(model, NamingStyle::Keras2);
    for (size_t i = 0; i < m.layers.size(); ++i)
        if (m.layers[i].name.empty()) m.layers[i].name = names[i];
    m.creation_order.clear();
    return m;
}

std::vector<int> layer_consumers(const ModelSpec& model, int layer) {
    std::vector<int> out;
    for (size_t i = 0; i < model.layers.size(); ++i) {
        bool reads = false;
        for (const std::vector<TensorRef>& call : model.layers[i].calls)
            for (const TensorRef& r : call) reads = reads || r.layer == layer;
        if (reads) out.push_back(int(i));
    }
    return out;
}

bool layer_depends_on(const ModelSpec& model, int later, int earlier) {
    if (!valid_layer(model, later) || !valid_layer(model, earlier)) return false;
    // A walk back from `later` over the calls; `seen` bounds it on any graph, cycles included.
    std::vector<char> seen(model.layers.size(), 0);
    std::vector<int> stack = {later};
    while (!stack.empty()) {
        const int at = stack.back();
        stack.pop_back();
        for (const std::vector<TensorRef>& call : model.layers[size_t(at)].calls)
            for (const TensorRef& r : call) {
                if (!valid_layer(model, r.layer) || seen[size_t(r.layer)]) continue;
                if (r.layer == earlier) return true;
                seen[size_t(r.layer)] = 1;
                stack.push_back(r.layer);
            }
    }
    return false;
}

ModelSpec model_up_to(const ModelSpec& model, int layer, int* index) {
    *index = layer;
    if (!valid_layer(model, layer)) return model;
    ModelSpec named = with_written_names(model);
    if (!model.functional) {
        named.layers.resize(size_t(layer) + 1);
        return named;
    }
    std::vector<int> to(model.layers.size(), -1);  // old index -> new, -1 when left out
    ModelSpec cut = named;
    cut.layers.clear();
    cut.inputs.clear();
    for (int i = 0; i < int(model.layers.size()); ++i)
        if (i == layer || layer_depends_on(model, layer, i)) {
            to[size_t(i)] = int(cut.layers.size());
            cut.layers.push_back(named.layers[size_t(i)]);
        }
    for (LayerSpec& l : cut.layers)
        for (std::vector<TensorRef>& call : l.calls)
            for (TensorRef& r : call) r.layer = valid_layer(model, r.layer) ? to[size_t(r.layer)] : -1;
    for (const TensorRef& r : named.inputs)
        if (valid_layer(model, r.layer) && to[size_t(r.layer)] >= 0) cut.inputs.push_back({to[size_t(r.layer)], r.call, r.tensor});
    *index = to[size_t(layer)];
    cut.outputs = {TensorRef{*index, 0, 0}};
    return cut;
}

namespace {

// Who reads a new layer put right after `from`, instead of `from`: every
// reader of it (insert after), one reader (insert on an edge), or nobody yet
// (a branch).
enum class NewReaders : uint8_t { All, One, None };

// The three edits that add a layer reading `from` (and, for One, read by
// `to`); both are indices into the model as given.
bool put_after(ModelSpec* model, int from, int to, NewReaders readers, const LayerSpec& layer, int* selected,
               Message* why) {
    ModelSpec m = to_functional(*model);
    const int shift = to_functional_shift(*model);  // the InputLayer to_functional put in front
    from += shift;
    to += shift;
    if (!valid_layer(m, from)) return refuse(why, Message(MsgCode::GraphEditNoLayer, {as_is(int64_t(from + 1))}));
    if (readers == NewReaders::One) {
        if (!valid_layer(m, to)) return refuse(why, Message(MsgCode::GraphEditNoLayer, {as_is(int64_t(to + 1))}));
        const std::vector<int> now = layer_consumers(m, from);
        if (std::find(now.begin(), now.end(), to) == now.end())
            return refuse(why, Message(MsgCode::GraphEditNoEdge, {as_is(int64_t(from + 1)), as_is(int64_t(to + 1))}));
    }
    if (layer.kind == LayerKind::InputLayer) return refuse(why, Message(MsgCode::GraphEditInputOnlyFirst));
    const int at = from + 1;
    LayerSpec l = layer;
    l.input_shape = Shape{};
    l.calls = {{TensorRef{from, 0, 0}}};
    insert_layer_at(&m, at, std::move(l));
    if (readers == NewReaders::All) redirect(&m, TensorRef{from, 0, 0}, TensorRef{at, 0, 0}, at);
    if (readers == NewReaders::One) {
        const int reader = to >= at ? to + 1 : to;  // insert_layer_at moved it up by one
        for (std::vector<TensorRef>& call : m.layers[size_t(reader)].calls)
            for (TensorRef& r : call)
                if (r.layer == from) r = TensorRef{at, 0, 0};
    }
    *model = std::move(m);
    if (selected) *selected = at;
    return true;
}

}  // namespace

bool graph_insert_after(ModelSpec* model, int after, const LayerSpec& layer, int* selected, Message* why) {
    return put_after(model, after, -1, NewReaders::All, layer, selected, why);
}

bool graph_insert_on_edge(ModelSpec* model, int from, int to, const LayerSpec& layer, int* selected, Message* why) {
    return put_after(model, from, to, NewReaders::One, layer, selected, why);
}

bool graph_branch(ModelSpec* model, int from, const LayerSpec& layer, int* selected, Message* why) {
    return put_after(model, from, -1, NewReaders::None, layer, selected, why);
}

bool graph_remove_layer(ModelSpec* model, int layer, int* selected, Message* why) {
    ModelSpec m = to_functional(*model);
    layer += to_functional_shift(*model);
    if (!valid_layer(m, layer)) return refuse(why, Message(MsgCode::GraphEditNoLayer, {as_is(int64_t(layer + 1))}));
    const LayerSpec& gone = m.layers[size_t(layer)];
    if (gone.kind == LayerKind::InputLayer || gone.calls.empty() || gone.calls[0].empty())
        return refuse(why, Message(MsgCode::GraphEditRemoveInput));
    // Each call's output is replaced by what that call received first: a
    // chain closes over the gap, a merge hands on its main path.
    for (size_t c = 0; c < gone.calls.size(); ++c) {
        if (gone.calls[c].empty()) continue;
        redirect(&m, TensorRef{layer, int(c), 0}, gone.calls[c][0], layer);
    }
    erase_layer_at(&m, layer);
    // An output that was an InputLayer's tensor is no model: keep the graph as
    // the learner had it and say so.
    for (const TensorRef& r : m.outputs)
        if (valid_layer(m, r.layer) && m.layers[size_t(r.layer)].kind == LayerKind::InputLayer)
            return refuse(why, Message(MsgCode::GraphEditRemoveLast));
    *model = std::move(m);
    if (selected) *selected = std::max(0, std::min(layer - 1, int(model->layers.size()) - 1));
    return true;
}

bool plan_skip(SkipMerge merge, const Shape& main_shape, const Shape& shortcut_shape, SkipPlan* plan, Message* why) {
    *plan = SkipPlan{};
    if (merge == SkipMerge::Add && main_shape == shortcut_shape) return true;
    if (merge == SkipMerge::Concatenate && main_shape.rank == shortcut_shape.rank &&
        (main_shape.rank != 3 || (main_shape.h() == shortcut_shape.h() && main_shape.w() == shortcut_shape.w())))
        return true;
    // A 1×1 convolution changes the channels; its stride shrinks H and W by a
    // whole factor. Anything else cannot be matched by it.
    if (main_shape.rank != 3 || shortcut_shape.rank != 3)
        return refuse(why, Message(MsgCode::GraphEditProjectionNotImage,
                                   {as_is(shortcut_shape.to_string()), as_is(main_shape.to_string())}));
    const int64_t hi = shortcut_shape.h(), wi = shortcut_shape.w(), ho = main_shape.h(), wo = main_shape.w();
    // Conv2D with kernel 1, padding 'valid': out = (in − 1) / s + 1, so s must give exactly `out`.
    const auto stride_for = [](int64_t in, int64_t out) -> int64_t {
        if (out <= 0 || in < out || in % out != 0) return 0;
        const int64_t s = in / out;
        return (in - 1) / s + 1 == out ? s : 0;
    };
    const int64_t sh = stride_for(hi, ho), sw = stride_for(wi, wo);
    if (sh == 0 || sw == 0)
        return refuse(why, Message(MsgCode::GraphEditProjectionStride,
                                   {as_is(std::to_string(hi) + "×" + std::to_string(wi)),
                                    as_is(std::to_string(ho) + "×" + std::to_string(wo))}));
    plan->needs_projection = true;
    plan->strides = Pair{sh, sw};
    plan->filters = merge == SkipMerge::Add ? main_shape.c() : shortcut_shape.c();
    plan->params = checked_mul(checked_add(shortcut_shape.c(), 1), plan->filters);
    return true;
}

bool graph_add_skip(ModelSpec* model, int main, int shortcut, SkipMerge merge, const SkipPlan& plan, int* selected,
                    Message* why) {
    ModelSpec m = to_functional(*model);
    main += to_functional_shift(*model);
    shortcut += to_functional_shift(*model);
    if (!valid_layer(m, main)) return refuse(why, Message(MsgCode::GraphEditNoLayer, {as_is(int64_t(main + 1))}));
    if (!valid_layer(m, shortcut))
        return refuse(why, Message(MsgCode::GraphEditNoLayer, {as_is(int64_t(shortcut + 1))}));
    if (main == shortcut) return refuse(why, Message(MsgCode::GraphEditSkipSame));
    // The merge reads both and replaces main's output: if the shortcut is
    // computed from main, the merge would need its own output.
    if (layer_depends_on(m, shortcut, main)) {
        return refuse(why, Message(MsgCode::GraphEditSkipCycle, {as_is(int64_t(shortcut + 1)), as_is(int64_t(main + 1))}));
    }
    // Both go after the later of the two, so the layers stay in graph order.
    int at = std::max(main, shortcut) + 1;
    TensorRef short_ref{shortcut, 0, 0};
    if (plan.needs_projection) {
        LayerSpec proj = make_layer(LayerKind::Conv2D);
        proj.filters = plan.filters;
        proj.kernel = Pair{1, 1};
        proj.strides = plan.strides;
        proj.calls = {{short_ref}};
        insert_layer_at(&m, at, std::move(proj));
        if (main >= at) ++main;
        short_ref = TensorRef{at, 0, 0};
        ++at;
    }
    LayerSpec join = make_layer(merge == SkipMerge::Add ? LayerKind::Add : LayerKind::Concatenate);
    join.calls = {{TensorRef{main, 0, 0}, short_ref}};
    insert_layer_at(&m, at, std::move(join));
    redirect(&m, TensorRef{main, 0, 0}, TensorRef{at, 0, 0}, at);
    *model = std::move(m);
    if (selected) *selected = at;
    return true;
}

bool graph_move_in_chain(ModelSpec* model, int layer, bool up, int* selected, Message* why) {
    ModelSpec m = to_functional(*model);
    layer += to_functional_shift(*model);
    if (!valid_layer(m, layer)) return refuse(why, Message(MsgCode::GraphEditNoLayer, {as_is(int64_t(layer + 1))}));
    // The pair (first, second): first's output is read by second only, and second reads only it.
    const auto single_input = [&](int i) {
        const LayerSpec& l = m.layers[size_t(i)];
        return l.calls.size() == 1 && l.calls[0].size() == 1 && l.calls[0][0].call == 0 ? l.calls[0][0].layer : -1;
    };
    int first = -1, second = -1;
    if (up) {
        second = layer;
        first = single_input(layer);
    } else {
        first = layer;
        const std::vector<int> next = layer_consumers(m, layer);
        if (next.size() == 1) second = next[0];
    }
    const bool chain = valid_layer(m, first) && valid_layer(m, second) && single_input(second) == first &&
                       single_input(first) >= 0 && layer_consumers(m, first).size() == 1 &&
                       std::none_of(m.outputs.begin(), m.outputs.end(), [&](const TensorRef& r) { return r.layer == first; }) &&
                       m.layers[size_t(first)].calls.size() == 1 && m.layers[size_t(second)].calls.size() == 1;
    if (!chain) return refuse(why, Message(up ? MsgCode::GraphEditMoveUp : MsgCode::GraphEditMoveDown));
    // before → first → second → after becomes before → second → first → after.
    const TensorRef before = m.layers[size_t(first)].calls[0][0];
    redirect(&m, TensorRef{second, 0, 0}, TensorRef{first, 0, 0}, second);
    m.layers[size_t(second)].calls[0][0] = before;
    m.layers[size_t(first)].calls[0][0] = TensorRef{second, 0, 0};
    // Keep the graph order in the list: swap the two entries and their references.
    std::swap(m.layers[size_t(first)], m.layers[size_t(second)]);
    for_each_ref(&m, [&](TensorRef& r) {
        if (r.layer == first) r.layer = second;
        else if (r.layer == second) r.layer = first;
    });
    for (int& i : m.creation_order) {
        if (i == first) i = second;
        else if (i == second) i = first;
    }
    *model = std::move(m);
    if (selected) *selected = up ? first : second;  // where the moved layer now sits
    return true;
}

}  // namespace convlab
