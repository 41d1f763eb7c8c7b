// model_graph.cpp: summarize_graph (see model_graph.h). A node is one call of a
// layer (an InputLayer has one node, called by nobody). The walk goes back
// from the outputs with an explicit stack, so a graph thousands of layers deep
// cannot exhaust the C++ stack, and it visits every node once, so a fan-out
// that would be exponential as paths stays linear as nodes.
#include "core/analysis/model_graph.h"

#include <unordered_map>

#include <algorithm>

#include "core/analysis/layer_analysers.h"
#include "core/analysis/layer_kind.h"
#include "core/model/checked_int.h"

namespace convlab {

namespace {

int node_count(const LayerSpec& layer) {
    return layer.kind == LayerKind::InputLayer ? 1 : int(layer.calls.size());
}

struct Graph {
    const ModelSpec& model;
    const std::vector<std::string>& names;
    std::vector<int> first_node;  // per layer: the index of its call 0
    std::vector<int> layer_of;    // per node: its layer
    std::vector<bool> is_input;   // per layer: one of model.inputs

    Graph(const ModelSpec& m, const std::vector<std::string>& n) : model(m), names(n) {
        for (size_t l = 0; l < m.layers.size(); ++l) {
            first_node.push_back(int(layer_of.size()));
            for (int c = 0; c < node_count(m.layers[l]); ++c) layer_of.push_back(int(l));
        }
        is_input.assign(m.layers.size(), false);
    }
    int node(const TensorRef& r) const { return first_node[size_t(r.layer)] + r.call; }
    const std::vector<TensorRef>& inbound(int node) const {
        static const std::vector<TensorRef> none;
        const LayerSpec& layer = model.layers[size_t(layer_of[size_t(node)])];
        return layer.kind == LayerKind::InputLayer ? none : layer.calls[size_t(node - first_node[size_t(layer_of[size_t(node)])])];
    }

    // A problem at layer `l` (or at the model when l < 0).
    Problem at(int l, Field field, Message m) const {
        if (l < 0) return make_problem(-1, "", LayerKind::Count, field, std::move(m));
        return make_problem(l, names[size_t(l)], model.layers[size_t(l)].kind, field, std::move(m));
    }

    // Whether `r` names a tensor that exists; if not, why, said at layer `user`.
    bool valid(const TensorRef& r, int user, Problem* problem) const {
        if (r.layer < 0 || size_t(r.layer) >= model.layers.size()) {
            *problem = at(user, Field::Count, Message(MsgCode::KjUnknownLayerRef, {as_is("#" + std::to_string(r.layer))}));
            return false;
        }
        const std::string& name = names[size_t(r.layer)];
        const int calls = node_count(model.layers[size_t(r.layer)]);
        if (calls == 0) {
            *problem = at(r.layer, Field::Count, Message(MsgCode::ProblemGraphNotCalled));
            return false;
        }
        if (r.call < 0 || r.call >= calls) {
            *problem = at(user, Field::Count, Message(MsgCode::KjNoSuchCall, {as_is(name), as_is(calls), as_is(r.call)}));
            return false;
        }
        if (r.tensor != 0) {
            *problem = at(user, Field::Count, Message(MsgCode::KjTensorIndex, {as_is(name), as_is(r.tensor)}));
            return false;
        }
        return true;
    }

    std::string input_names() const {
        std::string s;
        for (const TensorRef& r : model.inputs) s += (s.empty() ? "" : ", ") + names[size_t(r.layer)];
        return s;
    }
};

// The model's own inputs and outputs, and the limits, before any walking.
bool check_ends(Graph& g, Problem* problem) {
    const ModelSpec& m = g.model;
    if (m.layers.empty()) { *problem = g.at(-1, Field::Count, Message(MsgCode::ProblemNoLayers)); return false; }
    if (m.layers.size() > size_t(kMaxGraphLayers)) {
        *problem = g.at(-1, Field::Count, Message(MsgCode::KjTooManyLayers, {as_is(int64_t(m.layers.size())), as_is(kMaxGraphLayers)}));
        return false;
    }
    for (size_t l = 0; l < m.layers.size(); ++l) {
        const LayerSpec& layer = m.layers[l];
        if (layer.kind == LayerKind::InputLayer && !layer.calls.empty()) {
            *problem = g.at(int(l), Field::Count, Message(MsgCode::ProblemGraphInputCalled, {as_is(g.names[l])}));
            return false;
        }
        if (layer.calls.size() > size_t(kMaxLayerCalls)) {
            *problem = g.at(int(l), Field::Count, Message(MsgCode::KjTooManyCalls, {as_is(int64_t(layer.calls.size())), as_is(kMaxLayerCalls)}));
            return false;
        }
    }
    if (m.inputs.empty()) { *problem = g.at(-1, Field::Count, Message(MsgCode::ProblemGraphNoInputs)); return false; }
    if (m.outputs.empty()) { *problem = g.at(-1, Field::Count, Message(MsgCode::ProblemGraphNoOutputs)); return false; }
    for (const TensorRef& r : m.inputs) {
        if (!g.valid(r, -1, problem)) return false;
        const LayerSpec& layer = m.layers[size_t(r.layer)];
        if (layer.kind != LayerKind::InputLayer) {
            *problem = g.at(r.layer, Field::Count, Message(MsgCode::ProblemGraphInputNotInputLayer,
                                                           {as_is(g.names[size_t(r.layer)]), as_is(layer_kind_info(layer.kind).class_name)}));
            return false;
        }
        g.is_input[size_t(r.layer)] = true;
    }
    for (const TensorRef& r : m.outputs) {
        if (!g.valid(r, -1, problem)) return false;
        if (m.layers[size_t(r.layer)].kind == LayerKind::InputLayer) {
            const std::string& name = g.names[size_t(r.layer)];
            *problem = g.is_input[size_t(r.layer)]
                           ? g.at(r.layer, Field::Count, Message(MsgCode::ProblemGraphOutputIsInput, {as_is(name)}))
                           : g.at(-1, Field::Count, Message(MsgCode::ProblemGraphDisconnected, {as_is(name), as_is(g.input_names())}));
            return false;
        }
    }
    return true;
}

// Every node the outputs need, each after the nodes it reads (a post-order of
// the walk back from the outputs); a node met again while still on the walk's
// stack closes a cycle.
bool order_nodes(const Graph& g, std::vector<int>* order, Problem* problem) {
    enum : uint8_t { Unseen, OnStack, Done };
    std::vector<uint8_t> state(g.layer_of.size(), Unseen);
    struct Frame { int node; size_t next; };
    std::vector<Frame> stack;
    for (const TensorRef& out : g.model.outputs) {
        const int start = g.node(out);
        if (state[size_t(start)] != Unseen) continue;
        state[size_t(start)] = OnStack;
        stack.push_back({start, 0});
        while (!stack.empty()) {
            Frame& top = stack.back();
            const std::vector<TensorRef>& in = g.inbound(top.node);
            if (top.next == in.size()) {
                state[size_t(top.node)] = Done;
                order->push_back(top.node);
                stack.pop_back();
                continue;
            }
            const TensorRef& r = in[top.next++];
            const int user = g.layer_of[size_t(top.node)];
            if (!g.valid(r, user, problem)) return false;
            const int next = g.node(r);
            if (state[size_t(next)] == OnStack) {
                std::string cycle;
                bool in_cycle = false;
                for (const Frame& f : stack) {
                    in_cycle = in_cycle || f.node == next;
                    if (in_cycle) cycle += g.names[size_t(g.layer_of[size_t(f.node)])] + " → ";
                }
                *problem = g.at(user, Field::Count, Message(MsgCode::ProblemGraphCycle,
                                                            {as_is(cycle + g.names[size_t(g.layer_of[size_t(next)])])}));
                return false;
            }
            if (state[size_t(next)] == Unseen) {
                state[size_t(next)] = OnStack;
                stack.push_back({next, 0});
            }
        }
    }
    return true;
}

// Keras's test for printing a Functional model without "Connected to": at
// every depth (distance to the outputs) exactly one node, no node with more
// than one input, no layer called twice.
bool sequential_like(const Graph& g, const std::vector<int>& order, const std::vector<int>& calls_used) {
    for (int used : calls_used)
        if (used > 1) return false;
    std::vector<int> depth(g.layer_of.size(), 0);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const std::vector<TensorRef>& in = g.inbound(*it);
        if (in.size() > 1) return false;
        for (const TensorRef& r : in) depth[size_t(g.node(r))] = std::max(depth[size_t(g.node(r))], depth[size_t(*it)] + 1);
    }
    std::vector<int> per_depth(order.size() + 1, 0);
    for (int n : order)
        if (++per_depth[size_t(depth[size_t(n)])] > 1) return false;
    return true;
}

// The wrong answers only a graph has, each the right working with one step
// wrong, beside the layer's own (analysis.mistakes):
//   a Concatenate's channel sum given as its Param # (it has no weights);
//   the Conv2D after a Concatenate counted with one branch's channels as Cin;
//   a layer called more than once counted once per call.
// The rows as a graph: for each row, the rows its calls read and the rows that read it.
struct RowGraph {
    std::vector<std::vector<int>> reads, readers;
    explicit RowGraph(const ModelSummary& s) : reads(s.layers.size()), readers(s.layers.size()) {
        std::unordered_map<std::string, int> row_of;
        for (size_t i = 0; i < s.layers.size(); ++i) row_of.emplace(s.layers[i].name, int(i));
        for (size_t i = 0; i < s.layers.size(); ++i)
            for (const std::vector<InboundRef>& call : s.layers[i].inbound)
                for (const InboundRef& r : call) {
                    const auto it = row_of.find(r.name);
                    if (it == row_of.end()) continue;
                    reads[i].push_back(it->second);
                    readers[size_t(it->second)].push_back(int(i));
                }
    }
    // True when row `later` is computed from row `earlier`.
    bool depends_on(int later, int earlier) const {
        std::vector<int> todo{later};
        std::vector<bool> seen(reads.size(), false);
        while (!todo.empty()) {
            const int r = todo.back();
            todo.pop_back();
            if (r == earlier) return true;
            if (seen[size_t(r)]) continue;
            seen[size_t(r)] = true;
            for (int from : reads[size_t(r)]) todo.push_back(from);
        }
        return false;
    }
};

// Whether the 1×1 Conv2D at row `conv` feeds an Add (directly, or through
// layers that keep the shape value by value, as ResNet's BatchNormalization)
// whose other input comes from the conv's own input: the conv is on the
// shortcut, reshaping it for the sum.
bool projects_shortcut(const ModelSummary& s, const RowGraph& g, int conv) {
    if (g.reads[size_t(conv)].size() != 1) return false;
    const int source = g.reads[size_t(conv)][0];
    int at = conv;
    for (int hop = 0; hop < 8; ++hop) {
        const std::vector<int>& next = g.readers[size_t(at)];
        if (next.size() != 1) return false;
        const int r = next[0];
        const LayerSummary& row = s.layers[size_t(r)];
        if (row.kind == LayerKind::Add) {
            const std::vector<int>& in = g.reads[size_t(r)];
            if (row.inbound.size() != 1 || in.size() != 2) return false;
            const int other = in[0] == at ? in[1] : in[0];
            return other != at && g.depends_on(other, source);
        }
        const bool passes = row.kind == LayerKind::BatchNormalization || row.kind == LayerKind::Activation ||
                            row.kind == LayerKind::ReLU || row.kind == LayerKind::Dropout;
        if (!passes) return false;
        at = r;
    }
    return false;
}

void add_graph_mistakes(const ModelSpec& model, ModelSummary* out) {
    const auto row_named = [&](const std::string& name) -> const LayerSummary* {
        for (const LayerSummary& r : out->layers)
            if (r.name == name) return &r;
        return nullptr;
    };
    const RowGraph rows(*out);
    for (LayerSummary& row : out->layers) {
        const LayerSpec& spec = model.layers[size_t(row.index)];
        LayerAnalysis& a = row.analysis;
        const bool channels_joined = spec.kind == LayerKind::Concatenate && a.output.rank == 3 &&
                                     (spec.axis == -1 || spec.axis == 3) && !a.size_formula.empty();
        if (channels_joined) a.mistakes.push_back(Mistake{MistakeKind::ConcatChannelsAsParams, a.output.c(), a.size_formula});
        // A Conv2D reading one tensor that a Concatenate of channels made.
        if (spec.kind == LayerKind::Conv2D && row.inbound.size() == 1 && row.inbound[0].size() == 1 && row.input.rank == 3) {
            const LayerSummary* cat = row_named(row.inbound[0][0].name);
            const bool after_concat = cat && cat->kind == LayerKind::Concatenate && !cat->inbound.empty() &&
                                      cat->inbound[0].size() >= 2 && cat->analysis.output.rank == 3 &&
                                      (model.layers[size_t(cat->index)].axis == -1 || model.layers[size_t(cat->index)].axis == 3);
            const LayerSummary* first = after_concat ? row_named(cat->inbound[0][0].name) : nullptr;
            if (first && first->analysis.output.rank == 3) {
                const int64_t c1 = first->analysis.output.c(), b = spec.use_bias ? 1 : 0;
                Formula f;
                if (b) f.open();
                f.num(spec.kernel.h, Role::KernelH).op("×").num(spec.kernel.w, Role::KernelW).op("×").num(c1, Role::InChannels);
                if (b) f.op("+").num(1, Role::Bias).close();
                f.op("×").num(spec.filters, Role::OutChannels);
                const int64_t wrong = checked_mul(checked_add(checked_mul(checked_mul(spec.kernel.h, spec.kernel.w), c1), b), spec.filters);
                f.equals(wrong);
                if (wrong >= 0 && wrong != a.params) a.mistakes.push_back(Mistake{MistakeKind::ConcatOneBranch, wrong, f});
            }
        }
        // A shortcut's projection: a 1×1 Conv2D whose output an Add sums with a
        // path computed from the conv's own input. Seen as a wire, it is counted as 0.
        if (spec.kind == LayerKind::Conv2D && spec.kernel == Pair{1, 1} && a.params > 0 && row.inbound.size() == 1 &&
            row.inbound[0].size() == 1 && projects_shortcut(*out, rows, int(&row - out->layers.data())))
            a.mistakes.push_back(Mistake{MistakeKind::ShortcutProjectionForgotten, 0, Formula().num(0, Role::None)});
        // Shared weights: the row's Param # once, not once per call.
        const int64_t calls = int64_t(row.inbound.size());
        if (calls >= 2 && a.params > 0) {
            Formula f;
            f.num(a.params, Role::None).op("×").num(calls, Role::None);
            const int64_t wrong = checked_mul(a.params, calls);
            f.equals(wrong);
            if (wrong >= 0) a.mistakes.push_back(Mistake{MistakeKind::SharedCountedTwice, wrong, f});
        }
    }
}

}  // namespace

bool summarize_graph(const ModelSpec& model, NamingStyle style, ModelSummary* out, Problem* problem) {
    *out = ModelSummary{};
    out->functional = true;
    out->model_name = model.name;
    const std::vector<std::string> names = layer_names(model, style);
    Graph g(model, names);
    if (!check_ends(g, problem)) return false;
    std::vector<int> order;
    if (!order_nodes(g, &order, problem)) return false;

    // Each needed call analysed in order, every one kept: a layer's row reads
    // its calls in Keras's order (node 0 first), not in the order of the walk.
    std::vector<LayerAnalysis> node_analysis(g.layer_of.size());
    std::vector<std::vector<InboundRef>> node_inbound(g.layer_of.size());
    std::vector<Shape> node_input(g.layer_of.size());
    std::vector<bool> needed(g.layer_of.size(), false);
    for (int n : order) {
        const int l = g.layer_of[size_t(n)];
        const LayerSpec& spec = model.layers[size_t(l)];
        const LayerKindInfo& info = layer_kind_info(spec.kind);
        const LayerContext where{l, names[size_t(l)], style};
        LayerAnalysis& a = node_analysis[size_t(n)];
        needed[size_t(n)] = true;
        if (spec.kind == LayerKind::InputLayer) {
            if (!analyze_input_layer(spec, Shape{}, where, &a, problem)) return false;
            continue;
        }
        std::vector<MergeInput> inputs;
        for (const TensorRef& r : g.inbound(n)) {
            const std::string& from = names[size_t(r.layer)];
            if (model.layers[size_t(r.layer)].kind == LayerKind::InputLayer && !g.is_input[size_t(r.layer)]) {
                *problem = g.at(l, Field::Count, Message(MsgCode::ProblemGraphDisconnected, {as_is(from), as_is(g.input_names())}));
                return false;
            }
            inputs.push_back({from, node_analysis[size_t(g.node(r))].output});
            node_inbound[size_t(n)].push_back({from, r.call, r.tensor});
        }
        node_input[size_t(n)] = inputs.empty() ? Shape{} : inputs[0].shape;
        if (info.analyze_merge) {
            if (!info.analyze_merge(spec, inputs, where, &a, problem)) return false;
        } else if (inputs.size() != 1) {
            *problem = g.at(l, Field::Count, Message(MsgCode::ProblemGraphOneInput,
                                                     {as_is(info.class_name), as_is(n - g.first_node[size_t(l)] + 1),
                                                      as_is(int64_t(inputs.size()))}));
            return false;
        } else if (!info.analyze(spec, inputs[0].shape, where, &a, problem)) {
            return false;
        }
    }

    // A row per layer from its needed calls: the first one's analysis, every
    // one's inbound tensors, and whether their shapes agree.
    std::vector<LayerSummary> rows(model.layers.size());
    std::vector<int> calls_used(model.layers.size(), 0);
    for (size_t l = 0; l < model.layers.size(); ++l) {
        LayerSummary& row = rows[l];
        for (int c = 0; c < node_count(model.layers[l]); ++c) {
            const size_t n = size_t(g.first_node[l] + c);
            if (!needed[n]) continue;
            const LayerAnalysis& a = node_analysis[n];
            if (calls_used[l]++ == 0) {
                row.analysis = a;
                row.input = node_input[n];
            } else if (a.params != row.analysis.params) {  // shared weights: every call needs the same
                *problem = g.at(int(l), Field::Count, Message(MsgCode::ProblemGraphSharedWeights,
                                                               {as_is(with_thousands(row.analysis.params)), as_is(c + 1),
                                                                as_is(with_thousands(a.params))}));
                return false;
            } else {
                row.multiple_shapes = row.multiple_shapes || a.output != row.analysis.output;
            }
            if (model.layers[l].kind != LayerKind::InputLayer) row.inbound.push_back(node_inbound[n]);
            row.last_call_output = a.output;
        }
    }

    // Rows in config order; what the outputs do not need is left out, and said.
    for (size_t l = 0; l < model.layers.size(); ++l) {
        const LayerSpec& spec = model.layers[l];
        if (calls_used[l] == 0 && !g.is_input[l]) {
            out->warnings.push_back(g.at(int(l), Field::Count, Message(MsgCode::WarnLayerUnused, {as_is(names[l])})));
            continue;
        }
        LayerSummary& row = rows[l];
        row.index = int(l);
        row.name = names[l];
        row.kind = spec.kind;
        if (calls_used[l] == 0) {  // an input no output needs: Keras still lists it
            if (!analyze_input_layer(spec, Shape{}, LayerContext{int(l), names[l]}, &row.analysis, problem)) return false;
            row.last_call_output = row.analysis.output;
        }
        if (spec.kind == LayerKind::InputLayer) row.input = row.analysis.output;
        if (!add_layer_totals(spec, &row, out, problem)) return false;
        if (int(l) == model.inputs[0].layer) out->input = row.analysis.output;
        out->layers.push_back(std::move(row));
    }
    add_graph_mistakes(model, out);
    out->sequential_like = sequential_like(g, order, calls_used);
    out->output = node_analysis[size_t(g.node(model.outputs[0]))].output;
    std::vector<int> position(g.layer_of.size(), -1);
    for (size_t i = 0; i < order.size(); ++i) {
        const int n = order[i];
        position[size_t(n)] = int(i);
        GraphNode node{g.layer_of[size_t(n)], n - g.first_node[size_t(g.layer_of[size_t(n)])], {}};
        for (const TensorRef& r : g.inbound(n)) node.inputs.push_back(position[size_t(g.node(r))]);
        out->nodes.push_back(std::move(node));
    }
    return true;
}

}  // namespace convlab
