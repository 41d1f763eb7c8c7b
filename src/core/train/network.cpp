// train/network.cpp: building, running and updating a model, call by call with
// the passes in layer_passes.h: a Sequential model's layers as a chain, a
// Functional model's calls in the order summarize() found. Shapes and 'same'
// padding come from summarize(), never recomputed here. One input, one output.
// Reference: Keras's Model.fit (one train_on_batch per step).
#include "core/train/network.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/analysis/layer_analysers.h"
#include "core/analysis/layer_kind.h"
#include "core/train/layer_passes.h"
#include "core/model/nested_models.h"
#include "core/train/loss.h"

namespace convlab {
namespace {

bool has_activation_field(LayerKind k) {
    return k == LayerKind::Conv2D || k == LayerKind::DepthwiseConv2D || k == LayerKind::SeparableConv2D ||
           k == LayerKind::Dense || k == LayerKind::Activation || k == LayerKind::Conv1D ||
           k == LayerKind::Conv2DTranspose;
}

int64_t elements(const Shape& s) { return s.elements(); }

// The depthwise output of a SeparableConv2D, per example: Ho·Wo·Cin·dm.
int64_t separable_mid_size(const LayerSummary& l, const LayerSpec& spec) {
    return l.analysis.output.h() * l.analysis.output.w() * l.input.c() * spec.depth_multiplier;
}

// Floats per example that backward keeps besides the output (saved, saved2, pre).
int64_t saved_floats_per_example(const LayerSummary& l, const LayerSpec& spec) {
    if (has_activation_field(spec.kind) && activation_needs_input(spec.activation)) return elements(l.analysis.output);
    switch (spec.kind) {
        case LayerKind::Dropout:
        case LayerKind::SpatialDropout2D:
        case LayerKind::BatchNormalization: return elements(l.analysis.output);
        case LayerKind::LayerNormalization: return elements(l.analysis.output) + elements(l.analysis.output) / l.input.c();
        case LayerKind::SeparableConv2D: return 2 * separable_mid_size(l, spec);
        default: return 0;
    }
}

// A 1D layer runs as its 2D twin over (steps, 1, C): the same floats in the
// same order, so the 2D passes serve it unchanged. Other layers stay as they are.
void as_twin_2d(LayerSpec* spec, LayerSummary* l) {
    if (twin_2d_kind(spec->kind) == LayerKind::Count) return;
    *spec = twin_2d_spec(*spec);
    l->input = twin_2d_shape(l->input);
    l->analysis.output = twin_2d_shape(l->analysis.output);
}

// The largest workspace any convolution of the model needs at batch n.
int64_t conv_scratch_floats(const ModelSpec& model, const ModelSummary& summary, int64_t n) {
    int64_t most = 0;
    for (const LayerSummary& row : summary.layers) {
        LayerSpec spec = model.layers[size_t(row.index)];
        LayerSummary l = row;
        as_twin_2d(&spec, &l);
        if (spec.kind == LayerKind::Conv2D)
            most = std::max(most, conv2d_scratch_floats(conv2d_geometry(spec, l, n)));
        if (spec.kind == LayerKind::SeparableConv2D)
            most = std::max(most, conv2d_scratch_floats(separable_conv2d_geometry(spec, l, n).pointwise));
        if (spec.kind == LayerKind::Conv2DTranspose)
            most = std::max(most, conv2d_scratch_floats(conv2d_transpose_geometry(spec, l, n)));
    }
    return most;
}

std::string megabytes(int64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

// Keras's weights of one layer, in Keras's order, as ParamBlocks (offsets unset).
std::vector<ParamBlock> layer_blocks(const LayerSpec& spec, const LayerSummary& l, int layer) {
    std::vector<ParamBlock> out;
    auto add = [&](WeightSlot slot, std::initializer_list<int64_t> dims, bool trainable) {
        ParamBlock b;
        b.layer = layer;
        b.slot = slot;
        b.rank = static_cast<int>(dims.size());
        b.count = 1;
        int i = 0;
        for (int64_t d : dims) {
            b.dims[i++] = d;
            b.count *= d;
        }
        b.trainable = trainable;
        out.push_back(b);
    };
    const int64_t kh = spec.kernel.h, kw = spec.kernel.w, cin = l.input.c(), cout = l.analysis.output.c();
    switch (spec.kind) {
        case LayerKind::Conv2D:
            add(WeightSlot::Kernel, {kh, kw, cin, cout}, true);
            if (spec.use_bias) add(WeightSlot::Bias, {cout}, true);
            break;
        case LayerKind::Conv2DTranspose:  // Keras's (Kh, Kw, Cout, Cin): the mirror Conv2D's layout
            add(WeightSlot::Kernel, {kh, kw, cout, cin}, true);
            if (spec.use_bias) add(WeightSlot::Bias, {cout}, true);
            break;
        case LayerKind::Normalization: {  // adapt()'s statistics: never trained
            const int64_t per = spec.axis == 0 ? 1 : cin;
            add(WeightSlot::Mean, {per}, false);
            add(WeightSlot::Variance, {per}, false);
            ParamBlock count;  // a scalar: rank 0, one value
            count.layer = layer;
            count.slot = WeightSlot::SampleCount;
            count.rank = 0;
            count.count = 1;
            count.trainable = false;
            out.push_back(count);
            break;
        }
        case LayerKind::DepthwiseConv2D:
            add(WeightSlot::DepthwiseKernel, {kh, kw, cin, spec.depth_multiplier}, true);
            if (spec.use_bias) add(WeightSlot::Bias, {cout}, true);
            break;
        case LayerKind::SeparableConv2D:
            add(WeightSlot::DepthwiseKernel, {kh, kw, cin, spec.depth_multiplier}, true);
            add(WeightSlot::PointwiseKernel, {1, 1, cin * spec.depth_multiplier, cout}, true);
            if (spec.use_bias) add(WeightSlot::Bias, {cout}, true);
            break;
        case LayerKind::Dense:
            add(WeightSlot::Kernel, {cin, cout}, true);
            if (spec.use_bias) add(WeightSlot::Bias, {cout}, true);
            break;
        case LayerKind::BatchNormalization:
            if (spec.scale) add(WeightSlot::Gamma, {cin}, true);
            if (spec.center) add(WeightSlot::Beta, {cin}, true);
            add(WeightSlot::MovingMean, {cin}, false);
            add(WeightSlot::MovingVariance, {cin}, false);
            break;
        case LayerKind::LayerNormalization:
            if (spec.scale) add(WeightSlot::Gamma, {cin}, true);
            if (spec.center) add(WeightSlot::Beta, {cin}, true);
            break;
        case LayerKind::PReLU: {  // the input's shape, 1 along each shared axis (Keras's alpha shape)
            ParamBlock b;
            b.layer = layer;
            b.slot = WeightSlot::Alpha;
            b.rank = l.input.rank;
            b.count = 1;
            for (int i = 0; i < l.input.rank; ++i) {
                b.dims[i] = ((spec.shared_axes >> (i + 1)) & 1u) ? 1 : l.input.dim[i];
                b.count *= b.dims[i];
            }
            out.push_back(b);
            break;
        }
        default: break;
    }
    return out;
}

// Keras's initialisers: glorot_uniform kernels (fans from _compute_fans of the
// kernel's shape), zero biases and beta, gamma 1, moving mean 0, moving variance 1;
// Normalization's mean 0, variance 1 and count 0, its values before adapt().
void initialize_block(const ParamBlock& b, Rng* rng, float* w) {
    if (b.slot == WeightSlot::Kernel || b.slot == WeightSlot::DepthwiseKernel || b.slot == WeightSlot::PointwiseKernel) {
        int64_t fan_in = b.dims[0], fan_out = b.dims[1];  // Dense (F, units)
        if (b.rank == 4) {
            const int64_t receptive = b.dims[0] * b.dims[1];
            fan_in = receptive * b.dims[2];
            fan_out = receptive * b.dims[3];
        }
        glorot_uniform_fill(rng, fan_in, fan_out, w, b.count);
    } else {
        const float v =
            (b.slot == WeightSlot::Gamma || b.slot == WeightSlot::MovingVariance || b.slot == WeightSlot::Variance) ? 1.0f
                                                                                                                    : 0.0f;
        std::fill(w, w + b.count, v);
    }
}

bool all_finite(const float* v, int64_t count) {
    for (int64_t i = 0; i < count; ++i)
        if (!std::isfinite(v[i])) return false;
    return true;
}

bool supported_loss(const std::string& loss) {
    std::string n;
    for (char c : loss)
        if (c != '_') n += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return n.empty() || n == "categoricalcrossentropy" || n == "sparsecategoricalcrossentropy";
}

// One call the network runs: its shapes, where its inputs come from, and
// whose weights it uses.
struct CallPlan {
    LayerSummary summary;          // index: the layer in ModelSpec::layers; input: the first input's shape
    std::vector<int> inputs;       // plan indices, -1 for the network's input
    std::vector<Shape> input_shapes;
    int owner = -1;                // a shared layer's later call: the plan index of its first call
    bool shared = false;
};

// The output gradients of a Functional model's backward pass, planned like
// registers: call i's gradient is written from the backward step of the last
// call that reads it (the largest reader index) until step i itself, so two
// calls whose spans do not overlap can share one buffer. A residual network
// needs two or three buffers this way instead of one per call.
struct GradientPlan {
    std::vector<int> buffer;                // per call: its buffer
    std::vector<int64_t> buffer_floats;     // per buffer: floats per example
    std::vector<std::vector<int>> zero_at;  // per call: the calls whose span starts at its step
};

GradientPlan plan_gradient_buffers(const std::vector<CallPlan>& plan) {
    const int n = int(plan.size());
    GradientPlan g;
    g.buffer.assign(size_t(n), -1);
    g.zero_at.assign(size_t(n), {});
    std::vector<int> last_reader(size_t(n), -1);
    for (int j = 0; j < n; ++j)
        for (int from : plan[size_t(j)].inputs)
            if (from >= 0) last_reader[size_t(from)] = std::max(last_reader[size_t(from)], j);
    // Backward runs from call n − 1 down to 0: a span [last_reader, i] opens
    // at last_reader (the loss opens the output's, at n − 1) and closes after i.
    // A call nothing reads (only the output, in a plan) opens at its own step.
    std::vector<std::vector<int>> opens_at(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) opens_at[size_t(last_reader[size_t(i)] < 0 ? i : last_reader[size_t(i)])].push_back(i);
    // Per buffer: the index of the call that last released it (free for spans
    // that open at a smaller step), or -1 while held.
    std::vector<int> free_after;
    for (int step = n - 1; step >= 0; --step) {
        for (int i : opens_at[size_t(step)]) {
            const int64_t floats = plan[size_t(i)].summary.analysis.output.elements();
            int best = -1;
            for (size_t b = 0; b < g.buffer_floats.size(); ++b) {
                if (free_after[b] <= step) continue;  // its holder's own step has not run yet
                // Prefer the smallest free buffer that fits, else the largest free one.
                const bool fits = g.buffer_floats[b] >= floats;
                if (best < 0) { best = int(b); continue; }
                const bool best_fits = g.buffer_floats[size_t(best)] >= floats;
                if ((fits && (!best_fits || g.buffer_floats[b] < g.buffer_floats[size_t(best)])) ||
                    (!fits && !best_fits && g.buffer_floats[b] > g.buffer_floats[size_t(best)]))
                    best = int(b);
            }
            if (best < 0) {
                best = int(g.buffer_floats.size());
                g.buffer_floats.push_back(0);
                free_after.push_back(0);
            }
            g.buffer_floats[size_t(best)] = std::max(g.buffer_floats[size_t(best)], floats);
            free_after[size_t(best)] = -1;  // held until call i's step has run
            g.buffer[size_t(i)] = best;
            if (i != n - 1) g.zero_at[size_t(step)].push_back(i);  // the loss writes the output's whole
        }
        // The call at this step is done with its own gradient after this step.
        if (g.buffer[size_t(step)] >= 0) free_after[size_t(g.buffer[size_t(step)])] = step;
    }
    return g;
}

// A Sequential model: the summary's rows as a chain.
std::vector<CallPlan> plan_chain(const ModelSummary& summary) {
    std::vector<CallPlan> plan;
    for (const LayerSummary& l : summary.layers) {
        CallPlan c;
        c.summary = l;
        c.inputs = {int(plan.size()) - 1};
        c.input_shapes = {l.input};
        plan.push_back(std::move(c));
    }
    return plan;
}

// A Functional model: its calls in the order summarize() found, each analysed
// for the shapes that call sees (a shared layer may see different ones).
Status plan_graph(const ModelSpec& model, const ModelSummary& summary, std::vector<CallPlan>* plan) {
    if (model.inputs.size() != 1 || model.outputs.size() != 1)
        return Status::fail(Message(MsgCode::TrainGraphEnds, {as_is(int64_t(model.inputs.size())), as_is(int64_t(model.outputs.size()))}));
    std::vector<int> plan_of(summary.nodes.size(), -1);
    std::vector<Shape> node_out(summary.nodes.size());
    std::vector<int> first_call(model.layers.size(), -1);
    std::vector<std::string> names(model.layers.size());
    for (const LayerSummary& row : summary.layers) names[size_t(row.index)] = row.name;
    for (size_t n = 0; n < summary.nodes.size(); ++n) {
        const GraphNode& node = summary.nodes[n];
        const LayerSpec& spec = model.layers[size_t(node.layer)];
        if (spec.kind == LayerKind::InputLayer) {
            node_out[n] = spec.input_shape;
            continue;
        }
        CallPlan c;
        std::vector<MergeInput> inputs;
        for (int i : node.inputs) {
            c.inputs.push_back(plan_of[size_t(i)]);
            c.input_shapes.push_back(node_out[size_t(i)]);
            inputs.push_back({names[size_t(summary.nodes[size_t(i)].layer)], node_out[size_t(i)]});
        }
        c.summary.index = node.layer;
        c.summary.name = names[size_t(node.layer)];
        c.summary.kind = spec.kind;
        c.summary.input = c.input_shapes[0];
        const LayerKindInfo& info = layer_kind_info(spec.kind);
        Problem problem;
        const LayerContext where{node.layer, c.summary.name};
        const bool ok = info.analyze_merge ? info.analyze_merge(spec, inputs, where, &c.summary.analysis, &problem)
                                           : info.analyze(spec, c.input_shapes[0], where, &c.summary.analysis, &problem);
        if (!ok) return Status::fail(problem_message(problem));  // summarize() accepted it: cannot happen
        if (is_merge(spec.kind) && spec.kind != LayerKind::Concatenate)
            for (const Shape& s : c.input_shapes)
                if (s != c.input_shapes[0])
                    return Status::fail(Message(MsgCode::TrainMergeBroadcast, {as_is(c.summary.name)}));
        if (first_call[size_t(node.layer)] >= 0) {
            c.owner = first_call[size_t(node.layer)];
            c.shared = true;
            (*plan)[size_t(c.owner)].shared = true;
        } else {
            first_call[size_t(node.layer)] = int(plan->size());
        }
        node_out[n] = c.summary.analysis.output;
        plan_of[n] = int(plan->size());
        plan->push_back(std::move(c));
    }
    if (plan->empty()) return Status::fail(Message(MsgCode::TrainNoLayers));
    return Status::success();
}

// A layer that joins its inputs: (outer, size along the axis, inner) of each.
void concat_layout(const NetLayer& l, int64_t n, int64_t* outer, int64_t* inner, std::vector<int64_t>* sizes) {
    const Shape& s = l.input_shapes[0];
    const int axis = int(l.spec.axis < 0 ? l.spec.axis + s.rank + 1 : l.spec.axis);  // 1 ... rank
    *outer = n;
    *inner = 1;
    for (int d = 0; d < axis - 1; ++d) *outer *= s.dim[d];
    for (int d = axis; d < s.rank; ++d) *inner *= s.dim[d];
    sizes->clear();
    for (const Shape& in : l.input_shapes) sizes->push_back(in.dim[axis - 1]);
}

}  // namespace

const char* weight_slot_keras_name(WeightSlot slot) {
    switch (slot) {
        case WeightSlot::Kernel: return "kernel";
        case WeightSlot::DepthwiseKernel: return "depthwise_kernel";
        case WeightSlot::PointwiseKernel: return "pointwise_kernel";
        case WeightSlot::Bias: return "bias";
        case WeightSlot::Gamma: return "gamma";
        case WeightSlot::Beta: return "beta";
        case WeightSlot::MovingMean: return "moving_mean";
        case WeightSlot::MovingVariance: return "moving_variance";
        case WeightSlot::Alpha: return "alpha";
        case WeightSlot::Mean: return "mean";
        case WeightSlot::Variance: return "variance";
        case WeightSlot::SampleCount: return "count";
        case WeightSlot::Count: break;
    }
    return "";
}

TrainingMemory training_memory(const ModelSpec& model, const ModelSummary& summary, int64_t batch,
                               OptimizerKind optimizer) {
    TrainingMemory m;
    const int64_t params = summary.total_params;
    m.weights = 4 * 2 * params;  // the weights and the copy from before the last update
    m.gradients = 4 * params;
    m.optimizer_slots = 4 * optimizer_slot_count(optimizer) * params;
    // Per example: the input, every layer's output and what its backward keeps,
    // the logits, and two gradient buffers as large as the largest of them.
    int64_t per_example = elements(summary.input), largest = elements(summary.input);
    for (const LayerSummary& l : summary.layers) {
        per_example += elements(l.analysis.output) + saved_floats_per_example(l, model.layers[size_t(l.index)]);
        largest = std::max(largest, elements(l.analysis.output));
    }
    if (!summary.layers.empty()) per_example += elements(summary.layers.back().analysis.output);
    m.activations = 4 * (batch * (per_example + 2 * largest) + conv_scratch_floats(model, summary, batch));
    return m;
}

int network_call_of_layer(const Network& net, int model_layer) {
    for (size_t k = 0; k < net.layers.size(); ++k)
        if (net.layers[k].summary.index == model_layer) return int(k);
    return -1;
}

Status network_build(const ModelSpec& model, const NetworkOptions& options, Network* out) {
    // A nested model trains as the layers it holds (model/nested_models.h); the
    // summary refuses first what it would refuse, with the nesting in its message.
    if (has_nested_models(model)) {
        ModelSummary nested_summary;
        Problem nested_problem;
        if (!summarize(model, NamingStyle::Keras2, &nested_summary, &nested_problem))
            return Status::fail(problem_message(nested_problem));
        return network_build(inline_nested_models(model), options, out);
    }
    Network net;
    Problem problem;
    if (!summarize(model, NamingStyle::Keras2, &net.summary, &problem)) return Status::fail(problem_message(problem));
    std::vector<CallPlan> plan;
    if (model.functional) {
        Status s = plan_graph(model, net.summary, &plan);
        if (!s.ok()) return s;
    } else {
        plan = plan_chain(net.summary);
    }
    if (plan.empty()) return Status::fail(Message(MsgCode::TrainNoLayers));
    // A grouped convolution read from PyTorch (groups between 1 and depthwise)
    // is counted exactly, but the kernels below would compute it as an
    // ungrouped one: refused rather than trained wrong.
    for (const CallPlan& c : plan) {
        const LayerSpec& spec = model.layers[size_t(c.summary.index)];
        if ((spec.kind == LayerKind::Conv2D || spec.kind == LayerKind::Conv2DTranspose) && spec.groups > 1)
            return Status::fail(Message(MsgCode::TrainGroups, {as_is(c.summary.name), as_is(spec.groups)}));
    }
    if (options.batch_size < 1) return Status::fail(Message(MsgCode::TrainBatchSize));
    if (!supported_loss(model.compile.loss))
        return Status::fail(Message(MsgCode::TrainLoss, {as_is(model.compile.loss)}));

    const LayerSummary& last = plan.back().summary;
    const LayerSpec& last_spec = model.layers[size_t(last.index)];
    if (last.analysis.output.rank != 1 || !has_activation_field(last_spec.kind) ||
        last_spec.activation != Activation::Softmax)
        return Status::fail(Message(MsgCode::TrainLastLayer, {as_is(last.name)}));

    // Memory first, before anything is allocated.
    const int64_t batch = options.batch_size;
    ModelSummary calls = net.summary;  // the summary with one row per call, for the memory count
    calls.layers.clear();
    for (const CallPlan& c : plan) calls.layers.push_back(c.summary);
    TrainingMemory mem = training_memory(model, calls, batch, options.optimizer.kind);
    GradientPlan gradients;
    if (model.functional) {  // the planned output-gradient buffers, and a shared layer's gradient scratch
        gradients = plan_gradient_buffers(plan);
        for (int64_t floats : gradients.buffer_floats) mem.activations += 4 * batch * floats;
        mem.gradients += 4 * net.summary.total_params;
    }
    if (mem.total() > options.memory_budget_bytes)
        return Status::fail(Message(MsgCode::TrainMemory,
                                    {as_is(batch), as_is(megabytes(mem.total())), as_is(megabytes(mem.weights)),
                                     as_is(megabytes(mem.gradients)), as_is(megabytes(mem.optimizer_slots)),
                                     as_is(megabytes(mem.activations)), as_is(megabytes(options.memory_budget_bytes))}));
    net.memory = mem;
    net.batch = batch;
    net.graph = model.functional;
    net.classes = last.analysis.output.c();
    net.input_size = elements(net.summary.input);
    net.input = tensor_for_batch(batch, net.summary.input);
    net.logits = tensor_zeros(batch, 1, 1, net.classes);

    int64_t largest = net.input_size, offset = 0;
    for (const CallPlan& c : plan) {
        const LayerSummary& l = c.summary;
        NetLayer layer;
        layer.spec = model.layers[size_t(l.index)];
        layer.summary = l;
        as_twin_2d(&layer.spec, &layer.summary);
        layer.inputs = c.inputs;
        layer.input_shapes = c.input_shapes;
        layer.shared = c.shared;
        layer.activation = has_activation_field(layer.spec.kind) ? layer.spec.activation : Activation::Linear;
        layer.in_size = elements(l.input);
        layer.out_size = elements(l.analysis.output);
        layer.out = tensor_for_batch(batch, l.analysis.output);
        if (net.graph) {
            layer.dout_buffer = gradients.buffer[net.layers.size()];
            layer.zero_douts = gradients.zero_at[net.layers.size()];
        }
        if (activation_needs_input(layer.activation)) layer.pre = tensor_for_batch(batch, l.analysis.output);
        if (layer.spec.kind == LayerKind::Dropout || layer.spec.kind == LayerKind::SpatialDropout2D ||
            layer.spec.kind == LayerKind::BatchNormalization)
            layer.saved = tensor_for_batch(batch, l.analysis.output);
        if (layer.spec.kind == LayerKind::BatchNormalization) layer.saved2 = tensor_zeros(1, 1, 1, l.input.c());
        if (layer.spec.kind == LayerKind::LayerNormalization) {  // x̂ per value, 1/√(var + ε) per row
            layer.saved = tensor_for_batch(batch, l.analysis.output);
            layer.saved2 = tensor_zeros(batch, 1, 1, elements(l.input) / l.input.c());
        }
        if (layer.spec.kind == LayerKind::SeparableConv2D) {
            const int64_t mid = separable_mid_size(l, layer.spec);
            layer.saved = tensor_zeros(batch, 1, 1, mid);
            layer.saved2 = tensor_zeros(batch, 1, 1, mid);
        }
        for (const Shape& in : c.input_shapes) largest = std::max(largest, elements(in));
        largest = std::max(largest, layer.out_size);

        if (c.owner >= 0) {  // a shared layer's later call: the first call's weights
            const NetLayer& owner = net.layers[size_t(c.owner)];
            layer.owns_blocks = false;
            layer.first_block = owner.first_block;
            layer.block_count = owner.block_count;
            std::copy(std::begin(owner.block_of), std::end(owner.block_of), std::begin(layer.block_of));
            net.layers.push_back(std::move(layer));
            continue;
        }
        const int index = static_cast<int>(net.layers.size());
        std::vector<ParamBlock> blocks = layer_blocks(layer.spec, l, index);
        layer.first_block = static_cast<int>(net.blocks.size());
        layer.block_count = static_cast<int>(blocks.size());
        std::fill(std::begin(layer.block_of), std::end(layer.block_of), kNoBlock);
        for (ParamBlock& b : blocks) {
            b.offset = offset;
            offset += b.count;
            b.trainable = b.trainable && layer.spec.trainable;  // trainable=False freezes every weight
            layer.block_of[size_t(b.slot)] = static_cast<int>(net.blocks.size());
            net.blocks.push_back(b);
        }
        net.layers.push_back(std::move(layer));
    }
    if (offset != net.summary.total_params)
        return Status::fail("internal: the weights laid out (" + std::to_string(offset) +
                            ") differ from the summary's parameter count (" +
                            std::to_string(net.summary.total_params) + ")");
    net.grad_a = tensor_zeros(batch, 1, 1, largest);
    net.grad_b = tensor_zeros(batch, 1, 1, largest);
    net.conv_scratch.assign(size_t(conv_scratch_floats(model, calls, batch)), 0.0f);
    net.params.assign(size_t(offset), 0.0f);
    net.grads.assign(size_t(offset), 0.0f);
    if (net.graph) net.grads_scratch.assign(size_t(offset), 0.0f);
    for (int64_t floats : gradients.buffer_floats) net.dout_pool.push_back(tensor_zeros(batch, 1, 1, floats));
    Rng init = rng_seeded(options.seed, 1);
    for (const ParamBlock& b : net.blocks) initialize_block(b, &init, net.params.data() + b.offset);
    net.params_before_step = net.params;
    net.optimizer = optimizer_create(options.optimizer, offset);
    net.dropout_rng = rng_seeded(options.seed, 2);
    *out = std::move(net);
    return Status::success();
}

namespace {

// The layer's weights in `slot`, in `buffer` (the weights or their gradients):
// a slot its kind always has (layer_blocks gives every layer of that kind one).
float* weights(const Network& net, const NetLayer& l, WeightSlot slot, std::vector<float>* buffer) {
    return buffer->data() + net.blocks[size_t(l.block_of[size_t(slot)])].offset;
}

// The optional slots, null when the layer's own flag leaves them out, which
// is what the kernels take as "no bias" (no γ, no β).
float* bias(const Network& net, const NetLayer& l, std::vector<float>* buffer) {
    return l.spec.use_bias ? weights(net, l, WeightSlot::Bias, buffer) : nullptr;
}
float* gamma(const Network& net, const NetLayer& l, std::vector<float>* buffer) {
    return l.spec.scale ? weights(net, l, WeightSlot::Gamma, buffer) : nullptr;
}
float* beta(const Network& net, const NetLayer& l, std::vector<float>* buffer) {
    return l.spec.center ? weights(net, l, WeightSlot::Beta, buffer) : nullptr;
}

// One layer's forward pass, before its activation: x -> l.out.
void layer_forward(Network* net, NetLayer& l, const float* x, int64_t n, bool training) {
    std::vector<float>* P = &net->params;
    float* y = l.out.ptr();
    const LayerSummary& s = l.summary;
    switch (l.spec.kind) {
        case LayerKind::Conv2D:
            conv2d_forward_layer(conv2d_geometry(l.spec, s, n), x, weights(*net, l, WeightSlot::Kernel, P),
                                 bias(*net, l, P), y, net->conv_scratch.data());
            break;
        case LayerKind::DepthwiseConv2D:
            depthwise_conv2d_forward(depthwise_conv2d_geometry(l.spec, s, n), x,
                                     weights(*net, l, WeightSlot::DepthwiseKernel, P), bias(*net, l, P), y);
            break;
        case LayerKind::SeparableConv2D:
            separable_conv2d_forward(separable_conv2d_geometry(l.spec, s, n), x,
                                     weights(*net, l, WeightSlot::DepthwiseKernel, P), weights(*net, l, WeightSlot::PointwiseKernel, P),
                                     bias(*net, l, P), l.saved.ptr(), y, net->conv_scratch.data());
            break;
        case LayerKind::MaxPooling2D: max_pooling2d_forward(pool2d_geometry(l.spec, s, n), x, y); break;
        case LayerKind::AveragePooling2D: average_pooling2d_forward(pool2d_geometry(l.spec, s, n), x, y); break;
        case LayerKind::GlobalAveragePooling2D:
            global_average_pooling2d_forward(n, s.input.h(), s.input.w(), s.input.c(), x, y);
            break;
        case LayerKind::GlobalMaxPooling2D:
            global_max_pooling2d_forward(n, s.input.h(), s.input.w(), s.input.c(), x, y);
            break;
        case LayerKind::ZeroPadding2D: zero_padding2d_forward(zero_padding2d_geometry(l.spec, s, n), x, y); break;
        case LayerKind::Flatten: flatten_forward(n * l.in_size, x, y); break;
        case LayerKind::Dense:
            dense_forward(n * l.in_size / s.input.c(), s.input.c(), l.summary.analysis.output.c(), x,
                          weights(*net, l, WeightSlot::Kernel, P), bias(*net, l, P), y);
            break;
        case LayerKind::Dropout:
            dropout_forward(l.spec.rate, training, &net->dropout_rng, x, l.saved.ptr(), y, n * l.in_size);
            break;
        case LayerKind::BatchNormalization: {
            const BatchNormGeometry g = batch_normalization_geometry(l.spec, s, n);
            if (training)
                batch_normalization_forward_train(g, x, gamma(*net, l, P), beta(*net, l, P),
                                                  weights(*net, l, WeightSlot::MovingMean, P),
                                                  weights(*net, l, WeightSlot::MovingVariance, P), y, l.saved.ptr(),
                                                  l.saved2.ptr());
            else
                batch_normalization_forward_infer(g, x, gamma(*net, l, P), beta(*net, l, P),
                                                  weights(*net, l, WeightSlot::MovingMean, P),
                                                  weights(*net, l, WeightSlot::MovingVariance, P), y);
            break;
        }
        case LayerKind::Activation: std::copy(x, x + n * l.in_size, y); break;
        case LayerKind::ReLU: case LayerKind::LeakyReLU: case LayerKind::ELU: case LayerKind::Softmax:
        case LayerKind::Rescaling:
            activation_layer_forward(l.spec, x, y, n * l.in_size / s.input.c(), s.input.c());
            break;
        case LayerKind::Reshape: std::copy(x, x + n * l.in_size, y); break;  // the same values, in order
        case LayerKind::UpSampling2D:
            if (l.spec.bilinear) upsampling2d_bilinear_forward(n, s.input.h(), s.input.w(), s.input.c(), l.spec.size, x, y);
            else upsampling2d_forward(n, s.input.h(), s.input.w(), s.input.c(), l.spec.size, x, y);
            break;
        case LayerKind::Conv2DTranspose:
            conv2d_transpose_forward(conv2d_transpose_geometry(l.spec, s, n), x, weights(*net, l, WeightSlot::Kernel, P),
                                     bias(*net, l, P), y, net->conv_scratch.data());
            break;
        case LayerKind::Permute: permute_forward(s.input, l.spec.dims, n, x, y); break;
        case LayerKind::Normalization:
            normalization_forward(n * l.in_size, l.spec.axis == 0 ? 1 : s.input.c(), weights(*net, l, WeightSlot::Mean, P),
                                  weights(*net, l, WeightSlot::Variance, P), x, y);
            break;
        case LayerKind::Cropping2D: cropping2d_forward(n, s.input.h(), s.input.w(), s.input.c(), l.spec, x, y); break;
        case LayerKind::PReLU:
            prelu_forward(s.input, l.spec.shared_axes, n, x, weights(*net, l, WeightSlot::Alpha, P), y);
            break;
        case LayerKind::LayerNormalization:
            layer_normalization_forward(n * l.in_size / s.input.c(), s.input.c(), l.spec.epsilon, x, gamma(*net, l, P),
                                        beta(*net, l, P), y, l.saved.ptr(), l.saved2.ptr());
            break;
        case LayerKind::SpatialDropout2D:
            spatial_dropout2d_forward(l.spec.rate, training, &net->dropout_rng, n, s.input.h() * s.input.w(), s.input.c(),
                                      x, l.saved.ptr(), y);
            break;
        case LayerKind::TFOpLambda: tf_op_lambda_forward(l.spec, x, y, n * l.in_size); break;
        case LayerKind::InputLayer:
        // Merges run in merge_forward / graph_backward; the 1D layers as their 2D twins, a
        // nested model as its own layers (network_build).
        case LayerKind::Model:
        case LayerKind::Add: case LayerKind::Subtract: case LayerKind::Multiply: case LayerKind::Average:
        case LayerKind::Maximum: case LayerKind::Minimum: case LayerKind::Concatenate:
        case LayerKind::Conv1D: case LayerKind::MaxPooling1D: case LayerKind::AveragePooling1D:
        case LayerKind::GlobalAveragePooling1D: case LayerKind::GlobalMaxPooling1D:
        case LayerKind::Count: break;
    }
}

// One layer's backward pass, after its activation's: dy (of the pre-activation)
// -> dx and the layer's weight gradients. dx is null for the first layer, whose
// input needs no gradient; a layer without weights then has nothing to do.
void layer_backward(Network* net, NetLayer& l, const float* x, const float* dy, float* dx, int64_t n) {
    if (!dx && l.block_count == 0) return;
    std::vector<float>* P = &net->params;
    std::vector<float>* G = &net->grads;
    const LayerSummary& s = l.summary;
    switch (l.spec.kind) {
        case LayerKind::Conv2D:
            conv2d_backward_layer(conv2d_geometry(l.spec, s, n), x, weights(*net, l, WeightSlot::Kernel, P), dy, dx,
                                  weights(*net, l, WeightSlot::Kernel, G), bias(*net, l, G), net->conv_scratch.data());
            break;
        case LayerKind::DepthwiseConv2D:
            depthwise_conv2d_backward(depthwise_conv2d_geometry(l.spec, s, n), x,
                                      weights(*net, l, WeightSlot::DepthwiseKernel, P), dy, dx,
                                      weights(*net, l, WeightSlot::DepthwiseKernel, G), bias(*net, l, G));
            break;
        case LayerKind::SeparableConv2D:
            separable_conv2d_backward(separable_conv2d_geometry(l.spec, s, n), x,
                                      weights(*net, l, WeightSlot::DepthwiseKernel, P), weights(*net, l, WeightSlot::PointwiseKernel, P),
                                      l.saved.ptr(), dy, l.saved2.ptr(), dx, weights(*net, l, WeightSlot::DepthwiseKernel, G),
                                      weights(*net, l, WeightSlot::PointwiseKernel, G), bias(*net, l, G),
                                      net->conv_scratch.data());
            break;
        case LayerKind::Dense:
            dense_backward(n * l.in_size / s.input.c(), s.input.c(), s.analysis.output.c(), x,
                           weights(*net, l, WeightSlot::Kernel, P), dy, dx, weights(*net, l, WeightSlot::Kernel, G),
                           bias(*net, l, G));
            break;
        case LayerKind::BatchNormalization:
            batch_normalization_backward(batch_normalization_geometry(l.spec, s, n), l.saved.ptr(), l.saved2.ptr(),
                                         gamma(*net, l, P), dy, dx, gamma(*net, l, G), beta(*net, l, G));
            break;
        case LayerKind::MaxPooling2D:
            max_pooling2d_backward(pool2d_geometry(l.spec, s, n), x, l.out.ptr(), dy, dx);
            break;
        case LayerKind::AveragePooling2D: average_pooling2d_backward(pool2d_geometry(l.spec, s, n), dy, dx); break;
        case LayerKind::GlobalAveragePooling2D:
            global_average_pooling2d_backward(n, s.input.h(), s.input.w(), s.input.c(), dy, dx);
            break;
        case LayerKind::GlobalMaxPooling2D:
            global_max_pooling2d_backward(n, s.input.h(), s.input.w(), s.input.c(), x, l.out.ptr(), dy, dx);
            break;
        case LayerKind::ZeroPadding2D: zero_padding2d_backward(zero_padding2d_geometry(l.spec, s, n), dy, dx); break;
        case LayerKind::Flatten: flatten_backward(n * l.in_size, dy, dx); break;
        case LayerKind::Dropout: dropout_backward(l.saved.ptr(), dy, dx, n * l.in_size); break;
        case LayerKind::Activation: std::copy(dy, dy + n * l.in_size, dx); break;
        case LayerKind::ReLU: case LayerKind::LeakyReLU: case LayerKind::ELU: case LayerKind::Softmax:
        case LayerKind::Rescaling:
            activation_layer_backward(l.spec, x, l.out.ptr(), dy, dx, n * l.in_size / s.input.c(), s.input.c());
            break;
        case LayerKind::Reshape: std::copy(dy, dy + n * l.in_size, dx); break;
        case LayerKind::UpSampling2D:
            if (l.spec.bilinear) upsampling2d_bilinear_backward(n, s.input.h(), s.input.w(), s.input.c(), l.spec.size, dy, dx);
            else upsampling2d_backward(n, s.input.h(), s.input.w(), s.input.c(), l.spec.size, dy, dx);
            break;
        case LayerKind::Conv2DTranspose:
            conv2d_transpose_backward(conv2d_transpose_geometry(l.spec, s, n), x, weights(*net, l, WeightSlot::Kernel, P),
                                      dy, dx, weights(*net, l, WeightSlot::Kernel, G), bias(*net, l, G),
                                      net->conv_scratch.data());
            break;
        case LayerKind::Permute: permute_backward(s.input, l.spec.dims, n, dy, dx); break;
        case LayerKind::Normalization:
            normalization_backward(n * l.in_size, l.spec.axis == 0 ? 1 : s.input.c(), x, weights(*net, l, WeightSlot::Mean, P),
                                   weights(*net, l, WeightSlot::Variance, P), dy, dx, weights(*net, l, WeightSlot::Mean, G),
                                   weights(*net, l, WeightSlot::Variance, G));
            break;
        case LayerKind::Cropping2D: cropping2d_backward(n, s.input.h(), s.input.w(), s.input.c(), l.spec, dy, dx); break;
        case LayerKind::SpatialDropout2D: dropout_backward(l.saved.ptr(), dy, dx, n * l.in_size); break;
        case LayerKind::PReLU: {
            const ParamBlock& alpha = net->blocks[size_t(l.block_of[size_t(WeightSlot::Alpha)])];
            prelu_backward(s.input, l.spec.shared_axes, n, x, weights(*net, l, WeightSlot::Alpha, P), dy, dx,
                           weights(*net, l, WeightSlot::Alpha, G), alpha.count);
            break;
        }
        case LayerKind::LayerNormalization:
            layer_normalization_backward(n * l.in_size / s.input.c(), s.input.c(), l.saved.ptr(), l.saved2.ptr(),
                                         gamma(*net, l, P), dy, dx, gamma(*net, l, G), beta(*net, l, G));
            break;
        case LayerKind::TFOpLambda: tf_op_lambda_backward(l.spec, dy, dx, n * l.in_size); break;
        case LayerKind::InputLayer:
        // Merges run in merge_forward / graph_backward; the 1D layers as their 2D twins, a
        // nested model as its own layers (network_build).
        case LayerKind::Model:
        case LayerKind::Add: case LayerKind::Subtract: case LayerKind::Multiply: case LayerKind::Average:
        case LayerKind::Maximum: case LayerKind::Minimum: case LayerKind::Concatenate:
        case LayerKind::Conv1D: case LayerKind::MaxPooling1D: case LayerKind::AveragePooling1D:
        case LayerKind::GlobalAveragePooling1D: case LayerKind::GlobalMaxPooling1D:
        case LayerKind::Count: break;
    }
}

}  // namespace

namespace {

// What a call reads: the network's input or an earlier call's output.
const float* call_input(const Network& net, int from) {
    return from < 0 ? net.input.ptr() : net.layers[size_t(from)].out.ptr();
}

void merge_forward(Network* net, NetLayer& l, int64_t n) {
    std::vector<const float*> xs;
    for (int from : l.inputs) xs.push_back(call_input(*net, from));
    if (l.spec.kind == LayerKind::Concatenate) {
        int64_t outer = 0, inner = 0;
        std::vector<int64_t> sizes;
        concat_layout(l, n, &outer, &inner, &sizes);
        concatenate_forward(outer, inner, sizes.data(), int(xs.size()), xs.data(), l.out.ptr());
    } else {
        elementwise_merge_forward(l.spec.kind, xs.data(), int(xs.size()), n * l.out_size, l.out.ptr());
    }
}

}  // namespace

void network_forward(Network* net, const float* x, int64_t n, bool training) {
    std::copy(x, x + n * net->input_size, net->input.ptr());
    for (size_t i = 0; i < net->layers.size(); ++i) {
        NetLayer& l = net->layers[i];
        if (is_merge(l.spec.kind)) merge_forward(net, l, n);
        else layer_forward(net, l, call_input(*net, l.inputs[0]), n, training);
        const int64_t channels = l.summary.analysis.output.c();
        const int64_t rows = n * l.out_size / channels;
        if (i + 1 == net->layers.size()) std::copy(l.out.ptr(), l.out.ptr() + n * l.out_size, net->logits.ptr());
        if (l.pre.ptr()) std::copy(l.out.ptr(), l.out.ptr() + n * l.out_size, l.pre.ptr());
        activation_forward(l.activation, l.out.ptr(), l.out.ptr(), rows, channels);
    }
}

const float* network_probabilities(const Network& net) { return net.layers.back().out.ptr(); }

double network_loss(Network* net, const int32_t* labels, int64_t n) {
    return softmax_cross_entropy_forward(net->logits.ptr(), labels, n, net->classes, net->layers.back().out.ptr());
}

namespace {

// A Functional model's backward pass: calls in reverse order, each reading the
// gradient of its output summed over every call that read it (dout), and
// adding its inputs' gradients into theirs. A shared layer's weight gradients
// are computed aside and added, since its calls share one set of weights.
void graph_backward(Network* net, const int32_t* labels, int64_t n) {
    auto dout = [net](int call) { return net->dout_pool[size_t(net->layers[size_t(call)].dout_buffer)].ptr(); };
    std::fill(net->grads.begin(), net->grads.end(), 0.0f);
    softmax_cross_entropy_backward(network_probabilities(*net), labels, n, net->classes, dout(int(net->layers.size()) - 1));
    float* dx = net->grad_a.ptr();
    for (size_t i = net->layers.size(); i-- > 0;) {
        NetLayer& l = net->layers[i];
        // The gradients this call is the last reader of start here, at zero.
        for (int call : l.zero_douts) std::fill(dout(call), dout(call) + n * net->layers[size_t(call)].out_size, 0.0f);
        float* dy = dout(int(i));
        if (i + 1 < net->layers.size()) {
            const int64_t channels = l.summary.analysis.output.c();
            activation_backward(l.activation, l.pre.ptr(), l.out.ptr(), dy, dy, n * l.out_size / channels, channels);
        }
        if (is_merge(l.spec.kind)) {
            std::vector<float*> dxs;
            for (int from : l.inputs) dxs.push_back(from < 0 ? nullptr : dout(from));
            if (l.spec.kind == LayerKind::Concatenate) {
                int64_t outer = 0, inner = 0;
                std::vector<int64_t> sizes;
                concat_layout(l, n, &outer, &inner, &sizes);
                concatenate_backward(outer, inner, sizes.data(), int(dxs.size()), dy, dxs.data());
            } else {
                std::vector<const float*> xs;
                for (int from : l.inputs) xs.push_back(call_input(*net, from));
                elementwise_merge_backward(l.spec.kind, xs.data(), l.out.ptr(), int(xs.size()), n * l.out_size, dy, dxs.data());
            }
            continue;
        }
        const int from = l.inputs[0];
        if (l.shared) net->grads.swap(net->grads_scratch);  // this call's weight gradients aside
        layer_backward(net, l, call_input(*net, from), dy, from < 0 ? nullptr : dx, n);
        if (l.shared) {
            net->grads.swap(net->grads_scratch);
            for (int b = l.first_block; b < l.first_block + l.block_count; ++b) {
                const ParamBlock& block = net->blocks[size_t(b)];
                for (int64_t k = block.offset; k < block.offset + block.count; ++k) net->grads[size_t(k)] += net->grads_scratch[size_t(k)];
            }
        }
        if (from >= 0) {
            float* into = dout(from);
            for (int64_t k = 0, count = n * l.in_size; k < count; ++k) into[k] += dx[k];
        }
    }
}

}  // namespace

void network_backward(Network* net, const int32_t* labels, int64_t n) {
    if (net->graph) {
        graph_backward(net, labels, n);
        return;
    }
    float* dy = net->grad_a.ptr();
    float* dx = net->grad_b.ptr();
    // The last layer's softmax and the cross-entropy together: dz = (p − y) / N.
    softmax_cross_entropy_backward(network_probabilities(*net), labels, n, net->classes, dy);
    for (size_t i = net->layers.size(); i-- > 0;) {
        NetLayer& l = net->layers[i];
        if (i + 1 < net->layers.size()) {
            const int64_t channels = l.summary.analysis.output.c();
            activation_backward(l.activation, l.pre.ptr(), l.out.ptr(), dy, dy, n * l.out_size / channels, channels);
        }
        const float* x = i == 0 ? net->input.ptr() : net->layers[i - 1].out.ptr();
        layer_backward(net, l, x, dy, i == 0 ? nullptr : dx, n);
        std::swap(dy, dx);
    }
}

Status network_update(Network* net) {
    net->params_before_step = net->params;
    optimizer_begin_step(&net->optimizer);
    for (const ParamBlock& b : net->blocks)
        if (b.trainable) optimizer_update(&net->optimizer, net->params.data(), net->grads.data(), b.offset, b.count);
    if (!all_finite(net->params.data(), static_cast<int64_t>(net->params.size()))) {
        net->params = net->params_before_step;
        char lr[32];
        std::snprintf(lr, sizeof lr, "%g", net->optimizer.config.learning_rate);
        return Status::fail("update " + std::to_string(net->steps + 1) +
                            " made some weights infinite or NaN: training has diverged. The weights are kept as "
                            "they were before that update; try a lower learning rate (it is " + lr + ")");
    }
    ++net->steps;
    return Status::success();
}

namespace {

// The numerical guard: a NaN or infinite loss stops training with a message
// and restores the weights from before the update that caused it.
Status check_loss(Network* net, double loss) {
    if (std::isfinite(loss)) return Status::success();
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", net->optimizer.config.learning_rate);
    if (net->steps == 0)
        return Status::fail(std::string("the loss is ") + (std::isnan(loss) ? "NaN" : "infinite") +
                            " on the first batch, before any update: check the input data");
    net->params = net->params_before_step;
    return Status::fail(std::string("the loss became ") + (std::isnan(loss) ? "NaN" : "infinite") +
                        " after update " + std::to_string(net->steps) +
                        ": training has diverged. The weights are restored to those before that update; "
                        "try a lower learning rate (it is " + lr + ")");
}

}  // namespace

Status network_train_batch(Network* net, const float* x, const int32_t* labels, int64_t n, StepStats* stats) {
    network_forward(net, x, n, true);
    const double loss = network_loss(net, labels, n);
    Status guard = check_loss(net, loss);
    if (!guard.ok()) return guard;
    stats->loss = loss;
    stats->correct = count_correct(network_probabilities(*net), labels, n, net->classes);
    network_backward(net, labels, n);
    return network_update(net);
}

Status network_train_piece(Network* net, const float* x, const int32_t* labels, int64_t n, int64_t total,
                           StepStats* stats) {
    if (n < 1 || n > net->batch || n > total) return Status::fail("internal: a piece of a batch must hold 1 to batch examples");
    if (net->grad_sum.size() != net->params.size()) net->grad_sum.assign(net->params.size(), 0.0f);
    network_forward(net, x, n, true);
    const double loss = network_loss(net, labels, n);
    Status guard = check_loss(net, loss);
    if (!guard.ok()) {
        std::fill(net->grad_sum.begin(), net->grad_sum.end(), 0.0f);
        return guard;
    }
    stats->loss = loss;
    stats->correct = count_correct(network_probabilities(*net), labels, n, net->classes);
    network_backward(net, labels, n);
    const float share = static_cast<float>(n) / static_cast<float>(total);
    float* sum = net->grad_sum.data();
    const float* g = net->grads.data();
    for (size_t i = 0, count = net->grad_sum.size(); i < count; ++i) sum[i] += share * g[i];
    return Status::success();
}

Status network_finish_batch(Network* net) {
    net->grads.swap(net->grad_sum);
    Status s = network_update(net);
    std::fill(net->grad_sum.begin(), net->grad_sum.end(), 0.0f);
    return s;
}

}  // namespace convlab
