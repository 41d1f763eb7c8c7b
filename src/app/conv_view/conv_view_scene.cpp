// conv_view_scene.cpp: what the convolution view animates and with which
// numbers. It picks the layer (the model's, the seed answer's toy, the
// playground, or the mistake's DepthwiseConv2D), asks summarize() for its
// shapes and Param #, takes the input (a real MNIST test digit, or the real
// activations of the layer before) and the weights (the model's network, built
// with a fixed seed), and hands them to the core's trace. Nothing here
// computes a shape, a count or a convolution.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/app.h"
#include "app/conv_view/conv_view.h"
#include "app/conv_view/conv_view_text.h"
#include "core/train/layer_passes.h"
#include "core/train/mnist.h"
#include "core/train/rng.h"
#include "platform/platform.h"

namespace {

using convlab::LayerKind;
using convlab::LayerSpec;

constexpr int kDigits = 8;  // the first test digits: enough for a few input channels

bool same_layer(const LayerSpec& a, const LayerSpec& b) {
    return a.kind == b.kind && a.filters == b.filters && a.units == b.units && a.depth_multiplier == b.depth_multiplier &&
           a.kernel == b.kernel && a.strides == b.strides && a.dilation == b.dilation && a.padding == b.padding &&
           a.pad_top == b.pad_top && a.pad_bottom == b.pad_bottom && a.pad_left == b.pad_left &&
           a.pad_right == b.pad_right && a.use_bias == b.use_bias && a.activation == b.activation &&
           a.input_shape == b.input_shape && a.center == b.center && a.scale == b.scale;
}

bool same_model(const convlab::ModelSpec& a, const convlab::ModelSpec& b) {
    if (a.layers.size() != b.layers.size() || a.compile.loss != b.compile.loss) return false;
    for (size_t i = 0; i < a.layers.size(); ++i)
        if (!same_layer(a.layers[i], b.layers[i])) return false;
    return true;
}

bool is_conv(LayerKind k) {
    return k == LayerKind::Conv2D || k == LayerKind::DepthwiseConv2D || k == LayerKind::SeparableConv2D ||
           k == LayerKind::Conv2DTranspose || k == LayerKind::Conv1D;
}
bool is_pool(LayerKind k) { return k == LayerKind::MaxPooling2D || k == LayerKind::AveragePooling2D; }

// Channel c of an (h, w, channels) input is test digit c (mod kDigits, or the
// digits loaded), centred: cropped or padded with zeros when h, w are not 28.
void fill_from_digits(const Digits& digits, int64_t h, int64_t w, int64_t channels, float* out) {
    std::fill(out, out + h * w * channels, 0.0f);
    if (digits.state != DigitsState::Ready) return;
    const int64_t n = std::min<int64_t>(kDigits, digits.split.test.count);
    const int64_t top = (28 - h) / 2, left = (28 - w) / 2;
    float d[convlab::kMnistPixels];
    for (int64_t c = 0; c < channels; ++c) {
        convlab::mnist_to_float(digits.split.test, c % n, 1, d);
        for (int64_t i = 0; i < h; ++i)
            for (int64_t j = 0; j < w; ++j) {
                const int64_t r = i + top, s = j + left;
                if (r >= 0 && r < 28 && s >= 0 && s < 28) out[(i * w + j) * channels + c] = d[r * 28 + s];
            }
    }
}

// Keras's initial weights for a layer the network does not hold: glorot_uniform
// kernel (fans of the kernel shape (Kh, Kw, A, B)), zero bias.
void seeded_weights(const LayerSpec& spec, const convlab::Conv2DGeometry& g, std::vector<float>* w,
                    std::vector<float>* b) {
    convlab::Rng rng = convlab::rng_seeded(kConvViewSeed);
    const bool depthwise = spec.kind == LayerKind::DepthwiseConv2D;
    const int64_t a = g.cin, bdim = depthwise ? g.cout / std::max<int64_t>(1, g.cin) : g.cout;
    w->assign(size_t(g.kh * g.kw * a * bdim), 0.0f);
    convlab::glorot_uniform_fill(&rng, g.kh * g.kw * a, g.kh * g.kw * bdim, w->data(), int64_t(w->size()));
    b->assign(spec.use_bias ? size_t(g.cout) : 0, 0.0f);
}

// The same for SeparableConv2D's two kernels: Keras draws each from
// glorot_uniform with the fans of its own shape, (Kh, Kw, Cin, dm) and
// (1, 1, Cin·dm, Cout); the bias starts at zero.
void seeded_separable_weights(const LayerSpec& spec, const convlab::SeparableGeometry& g, ConvView* v) {
    convlab::Rng rng = convlab::rng_seeded(kConvViewSeed);
    const int64_t taps = g.depthwise.kh * g.depthwise.kw, dm = spec.depth_multiplier;
    v->sep_wd.assign(size_t(taps * g.depthwise.cin * dm), 0.0f);
    convlab::glorot_uniform_fill(&rng, taps * g.depthwise.cin, taps * dm, v->sep_wd.data(), int64_t(v->sep_wd.size()));
    v->sep_wp.assign(size_t(g.pointwise.cin * g.pointwise.cout), 0.0f);
    convlab::glorot_uniform_fill(&rng, g.pointwise.cin, g.pointwise.cout, v->sep_wp.data(), int64_t(v->sep_wp.size()));
    v->b.assign(spec.use_bias ? size_t(g.pointwise.cout) : 0, 0.0f);
}

// The digits are asked for once, when the view is first shown; when they
// arrive (app/digits.h) the network runs again, now on the digit.
void follow_digits(App& app, ConvView& v) {
    if (app.digits.state == DigitsState::NotAsked) digits_request(app.digits);
    const bool ready = app.digits.state == DigitsState::Ready;
    if (v.ran_on_digits == ready) return;
    v.ran_on_digits = ready;
    v.model_generation = -1;
}

// Runs the view's network on the first digit, so every layer's input is a real activation.
void run_network(const App& app, ConvView& v) {
    std::vector<float> input(size_t(v.net.input_size), 0.0f);
    const convlab::Shape& s = v.net.summary.input;
    if (s.rank == 3) fill_from_digits(app.digits, s.h(), s.w(), s.c(), input.data());
    convlab::network_forward(&v.net, input.data(), 1, false);
}

// The model's network with the view's seed, run on the first digit.
void ensure_network(const App& app, ConvView& v) {
    if (v.model_generation >= 0 && same_model(v.net_model, app.model)) return;
    v.camera_framed = v.camera_framed && v.model_generation < 0;  // a new model: frame it again
    v.net_model = app.model;
    v.model_generation = 1;
    v.trained = false;
    v.weights_version = -1;  // and see whether the training session has learned weights for it
    v.net = convlab::Network{};
    convlab::NetworkOptions options;
    options.batch_size = 1;
    options.seed = kConvViewSeed;
    options.memory_budget_bytes = kConvViewNetworkBudget;
    v.net_ok = app.model_ok && convlab::network_build(app.model, options, &v.net).ok();
    if (v.net_ok) run_network(app, v);
    v.dirty = true;
}

// The input of summary row `row`: the digit for the first layer, else the real
// output of the row before (after its activation).
// The network's call for a summary row (in a graph the rows list the
// InputLayers and the calls do not, so the two are not counted alike).
int net_call_of_row(const App& app, const ConvView& v, int row) {
    if (!v.net_ok || row < 0 || row >= int(app.summary.layers.size())) return -1;
    return convlab::network_call_of_layer(v.net, app.summary.layers[size_t(row)].index);
}

// The row's input: what the call it reads computed for the first digit, or
// the digit itself when it reads the model's input.
void model_input(const App& app, ConvView& v, int row) {
    const convlab::Shape& in = app.summary.layers[size_t(row)].input;
    v.x.assign(size_t(in.elements()), 0.0f);
    v.input_name.clear();
    const int call = net_call_of_row(app, v, row);
    const int from = call >= 0 && !v.net.layers[size_t(call)].inputs.empty() ? v.net.layers[size_t(call)].inputs[0] : -1;
    if (from >= 0) {
        const convlab::Tensor& prev = v.net.layers[size_t(from)].out;
        std::copy(prev.data.data(), prev.data.data() + std::min(v.x.size(), prev.data.size()), v.x.begin());
        v.input_name = v.net.layers[size_t(from)].summary.name;
    } else if (in.rank == 3) {
        fill_from_digits(app.digits, in.h(), in.w(), in.c(), v.x.data());
    }
}

// summarize() on Input(shape) + spec.
bool summarize_alone(const convlab::Shape& input, const LayerSpec& spec, convlab::ModelSpec* m,
                     convlab::ModelSummary* s, convlab::Problem* p) {
    LayerSpec in = convlab::make_layer(LayerKind::InputLayer);
    in.input_shape = input;
    m->layers = {in, spec};
    return convlab::summarize(*m, convlab::NamingStyle::Keras2, s, p);
}

// The same, made the scene's layer; false (with v.problem) when it cannot be built.
bool analyse_alone(ConvView& v, const convlab::Shape& input, const LayerSpec& spec) {
    convlab::ModelSpec m;
    convlab::ModelSummary s;
    convlab::Problem p;
    if (!summarize_alone(input, spec, &m, &s, &p)) {
        v.problem = p;
        return false;
    }
    v.scene_model = m;
    v.scene_summary = s;
    v.layer = s.layers.back();
    v.spec = spec;
    return true;
}

// SeparableConv2D: the trace of both stages (it computes sep_mid), then the
// chosen stage's numbers in x, w, y, which the picture and the panel read.
void set_separable_source(ConvView& v) {
    const convlab::SeparableGeometry g = convlab::separable_conv2d_geometry(v.spec, v.layer, 1);
    v.sep_g = g;
    v.sep_mid.assign(size_t(g.pointwise.h * g.pointwise.w * g.pointwise.cin), 0.0f);
    const float* bias = v.spec.use_bias ? v.b.data() : nullptr;
    const convlab::SeparableTrace t =
        convlab::separable_trace(g, v.sep_x.data(), v.sep_wd.data(), v.sep_wp.data(), bias, v.sep_mid.data());
    convlab::ConvTraceStep last;  // each stage's counter where its AllFilters mode ends
    convlab::conv_trace_step(t.depthwise, convlab::TraceMode::AllFilters, {}, g.depthwise.cout - 1, &last);
    v.stage_weights[0] = last.weights_total;
    convlab::conv_trace_step(t.pointwise, convlab::TraceMode::AllFilters, {}, g.pointwise.cout - 1, &last);
    v.stage_weights[1] = last.weights_total - t.pointwise.weights_before;
    const bool first = v.stage == 0;
    v.src = first ? t.depthwise : t.pointwise;
    v.x = first ? v.sep_x : v.sep_mid;
    v.w = first ? v.sep_wd : v.sep_wp;
    v.src.x = v.x.data();
    v.src.w = v.w.data();
    v.src.b = first ? nullptr : bias;
    v.stage_in = first ? v.layer.input : convlab::Shape::image(g.pointwise.h, g.pointwise.w, g.pointwise.cin);
    v.stage_out = first ? convlab::Shape::image(g.depthwise.ho, g.depthwise.wo, g.depthwise.cout) : v.layer.analysis.output;
    v.pad_bottom = first ? v.layer.analysis.height.pad_after : 0;
    v.pad_right = first ? v.layer.analysis.width.pad_after : 0;
    if (first) v.y = v.sep_mid;
    else {
        v.y.assign(size_t(g.pointwise.ho * g.pointwise.wo * g.pointwise.cout), 0.0f);
        convlab::conv_trace_output_all(v.src, v.y.data());
    }
}

// Conv2DTranspose: the core spreads the layer's input (zeros between its
// values, a border of zeros) and flips its kernel; the convolution of the two,
// stride 1, is the layer's output, so the ordinary trace animates it.
void set_transpose_source(ConvView& v) {
    v.spread = convlab::conv2d_transpose_as_conv(v.spec, v.layer, v.transpose_in.data(), v.transpose_kernel.data());
    v.x.swap(v.spread.x);
    v.w.swap(v.spread.w);
    v.spread.x.clear();
    v.spread.w.clear();
    v.src.kind = LayerKind::Conv2D;
    v.src.g = v.spread.g;
    v.src.x = v.x.data();
    v.src.w = v.w.data();
    v.src.b = v.spec.use_bias ? v.b.data() : nullptr;
    v.stage_in = convlab::Shape::image(v.spread.g.h, v.spread.g.w, v.spread.g.cin);
    v.stage_out = v.layer.analysis.output;
    v.pad_bottom = v.spread.pad_bottom;
    v.pad_right = v.spread.pad_right;
    v.y.assign(size_t(v.src.g.ho * v.src.g.wo * v.src.g.cout), 0.0f);
    convlab::conv_trace_output_all(v.src, v.y.data());
}

void set_conv_source(ConvView& v) {
    v.spread = convlab::TransposeAsConv{};
    if (v.spec.kind == LayerKind::SeparableConv2D) {
        set_separable_source(v);
        return;
    }
    if (v.spec.kind == LayerKind::Conv2DTranspose) {
        set_transpose_source(v);
        return;
    }
    if (v.spec.kind == LayerKind::Conv1D) {
        // The 2D case with height 1: the same floats read as one row (core/trace/conv_trace.h).
        v.src.kind = LayerKind::Conv2D;
        v.src.g = convlab::conv1d_row_geometry(v.spec, v.layer);
        v.src.x = v.x.data();
        v.src.w = v.w.data();
        v.src.b = v.spec.use_bias ? v.b.data() : nullptr;
        v.stage_in = v.layer.input;
        v.stage_out = v.layer.analysis.output;
        v.pad_bottom = 0;
        v.pad_right = v.layer.analysis.height.pad_after;  // the steps axis's
        v.y.assign(size_t(v.src.g.ho * v.src.g.wo * v.src.g.cout), 0.0f);
        convlab::conv_trace_output_all(v.src, v.y.data());
        return;
    }
    v.stage_in = v.layer.input;
    v.stage_out = v.layer.analysis.output;
    v.pad_bottom = v.layer.analysis.height.pad_after;
    v.pad_right = v.layer.analysis.width.pad_after;
    const bool depthwise = v.spec.kind == LayerKind::DepthwiseConv2D;
    v.src.kind = v.spec.kind;
    v.src.g = depthwise ? convlab::depthwise_conv2d_geometry(v.spec, v.layer, 1)
                        : convlab::conv2d_geometry(v.spec, v.layer, 1);
    v.src.x = v.x.data();
    v.src.w = v.w.data();
    v.src.b = v.spec.use_bias ? v.b.data() : nullptr;
    v.y.assign(size_t(v.src.g.ho * v.src.g.wo * v.src.g.cout), 0.0f);
    convlab::conv_trace_output_all(v.src, v.y.data());
}

// A merge of the model's graph (summary row `row`): its inputs and its output
// as the network computed them for the digit, handed to the core's merge
// trace. False when the view cannot draw it (no network, one input or more
// than kMergeDrawn, not (H, W, C) tensors, a Concatenate along another axis):
// the layer is then described in words only.
bool set_merge_source(const App& app, ConvView& v, int row) {
    const convlab::LayerSummary& l = app.summary.layers[size_t(row)];
    const int call = net_call_of_row(app, v, row);
    if (call < 0 || l.analysis.output.rank != 3) return false;
    const convlab::NetLayer& nl = v.net.layers[size_t(call)];
    const size_t m = nl.inputs.size();
    if (m < 2 || m > size_t(kMergeDrawn) || nl.input_shapes.size() != m) return false;
    const int64_t axis = app.model.layers[size_t(l.index)].axis;
    if (l.kind == LayerKind::Concatenate && axis != -1 && axis != 3) return false;
    const convlab::Shape& out = l.analysis.output;
    v.merge = convlab::MergeTraceSource{};
    v.merge.kind = l.kind;
    v.merge.h = out.h();
    v.merge.w = out.w();
    v.merge_x.resize(m);
    v.merge_names.assign(m, std::string());
    for (size_t k = 0; k < m; ++k) {
        const convlab::Shape& in = nl.input_shapes[k];
        if (in.rank != 3 || in.h() != out.h() || in.w() != out.w()) return false;
        if (l.kind != LayerKind::Concatenate && in.c() != out.c()) return false;
        v.merge.channels.push_back(in.c());
        std::vector<float>& x = v.merge_x[k];
        x.assign(size_t(in.elements()), 0.0f);
        const int from = nl.inputs[k];
        if (from >= 0) {
            const convlab::Tensor& t = v.net.layers[size_t(from)].out;
            std::copy(t.data.data(), t.data.data() + std::min(x.size(), t.data.size()), x.begin());
            v.merge_names[k] = v.net.layers[size_t(from)].summary.name;
        } else {
            fill_from_digits(app.digits, in.h(), in.w(), in.c(), x.data());
            for (const convlab::LayerSummary& r : app.summary.layers)
                if (r.kind == LayerKind::InputLayer) { v.merge_names[k] = r.name; break; }
        }
    }
    v.y.assign(size_t(out.elements()), 0.0f);
    std::copy(nl.out.data.data(), nl.out.data.data() + std::min(v.y.size(), nl.out.data.size()), v.y.begin());
    for (const std::vector<float>& x : v.merge_x) v.merge.xs.push_back(x.data());
    v.merge.y = v.y.data();
    v.merge_sum = l.kind == LayerKind::Concatenate ? convlab::to_text(l.analysis.size_formula) : std::string();
    v.input_name.clear();
    return true;
}

ConvFields fields_of(const LayerSpec& spec, const convlab::LayerSummary& layer) {
    ConvFields f;
    f.cin = layer.input.c();
    f.kh = spec.kernel.h;
    f.kw = spec.kernel.w;
    f.cout = spec.kind == LayerKind::DepthwiseConv2D ? layer.analysis.output.c() : spec.filters;
    f.stride = spec.strides.h;
    f.dilation = spec.dilation.h;
    f.padding = spec.padding;
    return f;
}

// A layer of another kind over the same window as `from` (kernel, strides,
// dilation, padding, bias): what the comparisons beside a layer are built from.
LayerSpec same_window(LayerKind kind, const LayerSpec& from) {
    LayerSpec s = convlab::make_layer(kind);
    s.kernel = from.kernel;
    s.strides = from.strides;
    s.dilation = from.dilation;
    s.padding = from.padding;
    s.use_bias = from.use_bias;
    return s;
}

// The toy layer (the seed answer's own example): a (28, 28, 3) input and four (5, 5, 3) kernels.
LayerSpec toy_layer() {
    LayerSpec s = convlab::make_layer(LayerKind::Conv2D);
    s.filters = 4;
    s.kernel = {5, 5};
    return s;
}

}  // namespace

// Rebuilds the scene when something it depends on changed; cheap otherwise.
void conv_view_update(App& app, ConvView& v) {
    follow_digits(app, v);
    ensure_network(app, v);
    if (app.training.phase != TrainPhase::Running) conv_view_follow_training(app, v);
    if (!v.dirty) return;
    v.dirty = false;
    // New weights for the same layer: the learner stays on the step (and the
    // output value) being explained.
    const bool keep_step = v.weights_only;
    v.weights_only = false;
    const Timeline kept_timeline = v.timeline;
    const convlab::TraceFocus kept_focus = v.focus;
    const int64_t kept_count = v.step_count;
    v.uploaded = false;
    v.described_step = -1;
    v.problem = convlab::Problem{};
    const convlab::ModelSummary& summary = app.summary;
    const int rows = app.model_ok ? int(summary.layers.size()) : 0;
    int row = v.layer_row >= 0 ? v.layer_row : app.selected_layer;
    row = std::clamp(row, 0, std::max(0, rows - 1));
    v.shown_row = row;
    v.subject = ConvSubject::None;
    v.concat = ConcatSplit{};
    if (v.source == ConvSource::Model && rows == 0) return;

    // 1. The base layer: the model's row, the toy, or the playground.
    LayerSpec base_spec;
    convlab::LayerSummary base_layer;
    if (v.source == ConvSource::Toy || (v.source == ConvSource::Playground && v.playground_from_toy)) {
        if (!analyse_alone(v, convlab::Shape::image(28, 28, 3), toy_layer())) return;
        v.x.assign(size_t(28 * 28 * 3), 0.0f);
        fill_from_digits(app.digits, 28, 28, 3, v.x.data());
        v.input_name.clear();
        base_spec = v.spec;
        base_layer = v.layer;
    } else {
        const convlab::LayerSummary& l = summary.layers[size_t(row)];
        base_spec = app.model.layers[size_t(l.index)];
        base_layer = l;
        if (l.kind == LayerKind::UpSampling2D && !base_spec.bilinear && l.input.rank == 3) {
            // Nearest upsampling drawn as pooling's picture: each output cell's
            // "window" is the one input cell it copies (core/trace/pool_trace.h).
            v.subject = ConvSubject::Pool;
            v.spec = base_spec;
            v.layer = l;
            model_input(app, v, row);
            v.pool.kind = l.kind;
            v.pool.g = convlab::Pool2DGeometry{};
            v.pool.g.h = l.input.h(), v.pool.g.w = l.input.w(), v.pool.g.c = l.input.c();
            v.pool.g.ho = l.analysis.output.h(), v.pool.g.wo = l.analysis.output.w();
            v.pool.x = v.x.data();
            v.upsample = convlab::UpsampleTraceSource{l.input.h(), l.input.w(), l.input.c(), base_spec.size, v.x.data()};
            v.y.assign(size_t(l.analysis.output.elements()), 0.0f);
            convlab::upsampling2d_forward(1, l.input.h(), l.input.w(), l.input.c(), base_spec.size, v.x.data(), v.y.data());
            v.mode = convlab::TraceMode::Slide;
            v.step_count = convlab::upsample_trace_step_count(v.upsample);
            v.focus.filter = std::min<int64_t>(v.focus.filter, l.input.c() - 1);
            timeline_reset(&v.timeline, v.step_count, v.reduced_motion ? 1.0f : 12.0f);
            if (v.focus_pref_i >= 0)
                timeline_set(&v.timeline, std::min(v.focus_pref_i, v.pool.g.ho - 1) * v.pool.g.wo +
                                              std::min(std::max<int64_t>(0, v.focus_pref_j), v.pool.g.wo - 1));
            return;
        }
        if (is_pool(l.kind)) {
            v.subject = ConvSubject::Pool;
            v.spec = base_spec;
            v.layer = l;
            model_input(app, v, row);
            v.pool.kind = l.kind;
            v.pool.g = convlab::pool2d_geometry(v.spec, v.layer, 1);
            v.pool.x = v.x.data();
            v.y.assign(size_t(v.pool.g.ho * v.pool.g.wo * v.pool.g.c), 0.0f);
            if (l.kind == LayerKind::MaxPooling2D) convlab::max_pooling2d_forward(v.pool.g, v.x.data(), v.y.data());
            else convlab::average_pooling2d_forward(v.pool.g, v.x.data(), v.y.data());
            v.mode = convlab::TraceMode::Slide;
            v.step_count = convlab::pool_trace_step_count(v.pool);
            v.focus.filter = std::min<int64_t>(v.focus.filter, v.pool.g.c - 1);
            timeline_reset(&v.timeline, v.step_count, v.reduced_motion ? 1.0f : 4.0f);
            return;
        }
        if (l.kind == LayerKind::Dense || l.kind == LayerKind::Flatten) {
            v.subject = ConvSubject::Dense;
            v.spec = base_spec;
            v.layer = l;
            return;
        }
        if (convlab::merge_trace_kind(l.kind) && set_merge_source(app, v, row)) {
            v.subject = ConvSubject::Merge;
            v.spec = base_spec;
            v.layer = l;
            v.step_count = convlab::merge_trace_step_count(v.merge);
            const bool concat = l.kind == LayerKind::Concatenate;
            if (!concat) v.focus.filter = std::clamp<int64_t>(v.focus.filter, 0, v.merge.channels[0] - 1);
            // A Concatenate has a few channels to stack, an Add H·W cells to walk.
            timeline_reset(&v.timeline, v.step_count, v.reduced_motion ? 1.0f : concat ? 3.0f : 12.0f);
            if (!concat && v.focus_pref_i >= 0)
                timeline_set(&v.timeline, std::min(v.focus_pref_i, v.merge.h - 1) * v.merge.w +
                                              std::min(std::max<int64_t>(0, v.focus_pref_j), v.merge.w - 1));
            return;
        }
        // Conv2DTranspose and Conv1D need the network's kernel (seeded weights of their shapes are not drawn here).
        if (!is_conv(l.kind) ||
            ((l.kind == LayerKind::Conv2DTranspose || l.kind == LayerKind::Conv1D) && net_call_of_row(app, v, row) < 0)) {
            v.subject = ConvSubject::Other;
            v.spec = base_spec;
            v.layer = l;
            return;
        }
        v.spec = base_spec;
        v.layer = l;
        model_input(app, v, row);
        const int call = net_call_of_row(app, v, row);
        if (call >= 0) {
            // Keras's weight order: kernel (or depthwise_kernel, pointwise_kernel), then bias.
            const convlab::NetLayer& nl = v.net.layers[size_t(call)];
            const auto block = [&](int i, std::vector<float>* out) {
                const convlab::ParamBlock& pb = v.net.blocks[size_t(nl.first_block + i)];
                const float* p = v.net.params.data() + pb.offset;
                out->assign(p, p + pb.count);
            };
            const int kernels = l.kind == LayerKind::SeparableConv2D ? 2 : 1;
            block(0, kernels == 2 ? &v.sep_wd : &v.w);
            if (kernels == 2) block(1, &v.sep_wp);
            v.b.clear();
            if (base_spec.use_bias && nl.block_count > kernels) block(kernels, &v.b);
        }
        if (l.kind == LayerKind::SeparableConv2D) v.sep_x = v.x;
        if (l.kind == LayerKind::Conv2DTranspose) {
            v.transpose_in = v.x;
            v.transpose_kernel = v.w;
        }
    }
    if (v.source == ConvSource::Playground) {
        // The learner's fields on the base layer's input size; summarize() decides.
        LayerSpec s = convlab::make_layer(LayerKind::Conv2D);
        s.filters = v.fields.cout;
        s.kernel = {v.fields.kh, v.fields.kw};
        s.strides = {v.fields.stride, v.fields.stride};
        s.dilation = {v.fields.dilation, v.fields.dilation};
        s.padding = v.fields.padding;
        s.activation = base_spec.activation;
        const convlab::Shape in = convlab::Shape::image(base_layer.input.h(), base_layer.input.w(), v.fields.cin);
        const std::vector<float> base_x = v.x;
        const convlab::ModelSpec base_model = v.scene_model;
        const convlab::ModelSummary base_summary = v.scene_summary;
        if (analyse_alone(v, in, s)) {
            if (v.fields.cin != base_layer.input.c() || base_x.size() != size_t(in.elements())) {
                v.x.assign(size_t(in.elements()), 0.0f);
                fill_from_digits(app.digits, in.h(), in.w(), in.c(), v.x.data());
                v.input_name.clear();
            }
            base_spec = v.spec;
            base_layer = v.layer;
            seeded_weights(v.spec, convlab::conv2d_geometry(v.spec, v.layer, 1), &v.w, &v.b);
        } else {
            // Refused (v.problem says why): keep animating the last layer that builds.
            v.spec = base_spec;
            v.layer = base_layer;
            v.scene_model = base_model;
            v.scene_summary = base_summary;
            if (v.playground_from_toy) seeded_weights(v.spec, convlab::conv2d_geometry(v.spec, v.layer, 1), &v.w, &v.b);
        }
    } else if (v.spec.kind == LayerKind::SeparableConv2D) {
        if (!v.net_ok) seeded_separable_weights(v.spec, convlab::separable_conv2d_geometry(v.spec, v.layer, 1), &v);
    } else if (v.source == ConvSource::Toy || !v.net_ok) {  // no network holds these weights
        seeded_weights(v.spec, v.spec.kind == LayerKind::DepthwiseConv2D
                                   ? convlab::depthwise_conv2d_geometry(v.spec, v.layer, 1)
                                   : convlab::conv2d_geometry(v.spec, v.layer, 1),
                       &v.w, &v.b);
    }
    v.base_layer = base_layer;
    v.base_spec = base_spec;
    if (base_spec.kind == LayerKind::SeparableConv2D) {
        // What a Conv2D with the same kernel, filters and input would cost: the
        // saving is why the layer exists (summarize() counts it, as for any layer).
        LayerSpec full = same_window(LayerKind::Conv2D, base_spec);
        full.filters = base_spec.filters;
        convlab::ModelSpec m;
        convlab::ModelSummary s;
        convlab::Problem p;
        if (summarize_alone(base_layer.input, full, &m, &s, &p)) {
            v.base_spec = full;
            v.base_layer = s.layers.back();
        }
    }
    if (v.source != ConvSource::Playground) v.fields = fields_of(base_spec, base_layer);
    set_conv_source(v);
    v.base_per_filter = convlab::conv_trace_weights_per_filter(v.src);

    // 2. The mistake, in two parts, numbers from summarize():
    //    part 1, the learner's count: the same Conv2D reading one input slice
    //    (a layer on that slice alone has exactly (Kh·Kw + 1)·Cout parameters),
    //    the other Cin − 1 slices drawn as ignored;
    //    part 2, DepthwiseConv2D on the same input (one Kh×Kw slice per input
    //    channel, depth_multiplier 2): the layer that really works that way.
    v.ignored_slices = 0;
    if (v.mistake && base_spec.kind == LayerKind::Conv2D && v.mistake_part == 1 && base_layer.input.c() > 1) {
        const std::vector<float> all_slices = v.x;
        const int64_t cin = base_layer.input.c();
        const convlab::Shape slice = convlab::Shape::image(base_layer.input.h(), base_layer.input.w(), 1);
        if (analyse_alone(v, slice, base_spec)) {
            v.x.assign(size_t(slice.elements()), 0.0f);
            for (size_t i = 0; i < v.x.size() && i * size_t(cin) < all_slices.size(); ++i) v.x[i] = all_slices[i * size_t(cin)];
            seeded_weights(v.spec, convlab::conv2d_geometry(v.spec, v.layer, 1), &v.w, &v.b);
            set_conv_source(v);
            v.ignored_slices = cin - 1;
        }
    } else if (v.mistake && base_spec.kind == LayerKind::Conv2D) {
        LayerSpec d = same_window(LayerKind::DepthwiseConv2D, base_spec);
        d.depth_multiplier = 2;
        if (analyse_alone(v, base_layer.input, d)) {
            seeded_weights(v.spec, convlab::depthwise_conv2d_geometry(v.spec, v.layer, 1), &v.w, &v.b);
            set_conv_source(v);
        }
    }
    v.subject = ConvSubject::Conv;
    v.concat = concat_split(app, v);
    float most = 0.0f;
    for (float x : v.w) most = std::max(most, std::fabs(x));
    for (float x : v.b) most = std::max(most, std::fabs(x));
    v.w_scale = most > 0.0f ? 1.0f / most : 1.0f;
    const convlab::Conv2DGeometry& g = v.src.g;
    v.focus.out_i = std::min(v.focus_pref_i >= 0 ? v.focus_pref_i : g.ho / 2, g.ho - 1);
    v.focus.out_j = std::min(v.focus_pref_j >= 0 ? v.focus_pref_j : g.wo / 2, g.wo - 1);
    if (v.focus_pref_i < 0) {
        // Unless asked otherwise, explain a value whose window sees ink: the
        // window (from the trace's taps) with the most input on the first slice.
        convlab::ConvTraceStep probe;
        const int64_t c = convlab::conv_trace_input_channel(v.src, v.focus.filter, 0);
        float best = -1.0f;
        for (int64_t k = 0; k < g.ho * g.wo; k += 1 + (g.ho * g.wo) / 400) {
            convlab::conv_trace_step(v.src, convlab::TraceMode::Slide, v.focus, k, &probe);
            float ink = 0.0f;
            for (const convlab::TraceTap& t : probe.taps)
                if (!t.padding) ink += std::fabs(v.x[size_t((t.row * g.w + t.col) * g.cin + c)]);
            if (ink > best + 1e-6f) {
                best = ink;
                v.focus.out_i = probe.out_i;
                v.focus.out_j = probe.out_j;
            }
        }
    }
    v.focus.filter = std::min<int64_t>(v.focus.filter, g.cout - 1);
    v.step_count = convlab::conv_trace_step_count(v.src, v.mode);
    static const float kSpeeds[] = {1.0f, 12.0f, 4.0f};
    timeline_reset(&v.timeline, v.step_count, kSpeeds[size_t(v.mode)]);
    if (keep_step && v.step_count == kept_count) {
        v.timeline = kept_timeline;
        v.focus = kept_focus;
    }
}

// Picks summary row `row` of the model (or -1 to follow the summary's selection).
void conv_view_pick_layer(App& app, ConvView& v, int row) {
    v.layer_row = row;
    v.stage = 0;
    v.source = ConvSource::Model;
    v.playground_from_toy = false;
    v.dirty = true;
    v.camera_framed = false;
    const int r = row >= 0 ? row : app.selected_layer;
    if (app.model_ok && r >= 0 && r < int(app.summary.layers.size())) {
        const convlab::LayerSummary& l = app.summary.layers[size_t(r)];
        v.fields = fields_of(app.model.layers[size_t(l.index)], l);
    }
}

void conv_view_pick_toy(ConvView& v) {
    v.source = ConvSource::Toy;
    v.playground_from_toy = true;
    v.fields = ConvFields{3, 5, 5, 4, 1, 1, convlab::Padding::Valid};  // the fields of toy_layer()
    v.dirty = true;
    v.camera_framed = false;
}

bool conv_view_follow_training(App& app, ConvView& v) {
    const TrainingSession& t = app.training;
    if (v.weights_version == t.weights_version) return false;
    v.weights_version = t.weights_version;
    const bool learned = t.built && (t.batches_done > 0 || t.restored);
    if (learned && v.net_ok && t.net.params.size() == v.net.params.size()) {
        v.net.params = t.net.params;
        run_network(app, v);
        v.trained = true;
        v.weights_only = true;
        v.dirty = true;
        return true;
    }
    if (!v.trained) return false;
    v.model_generation = -1;  // the session starts again (a new architecture, or reset): the initial weights
    ensure_network(app, v);
    return true;
}

bool conv_view_set_field(App& app, ConvView& v, const std::string& field, const std::string& value,
                         std::string* error) {
    (void)app;
    ConvFields f = v.fields;
    if (field == "padding") {
        if (!convlab::parse_padding(value, &f.padding)) {
            *error = "padding is 'valid' or 'same'";
            return false;
        }
    } else {
        // Sizes the picture can hold; whether the layer can be built is the core's call.
        struct Limit { const char* name; int64_t* slot; int64_t most; };
        const Limit limits[] = {{"cin", &f.cin, 256}, {"kh", &f.kh, 15}, {"kw", &f.kw, 15}, {"cout", &f.cout, 256},
                                {"stride", &f.stride, 8}, {"dilation", &f.dilation, 8}};
        const Limit* hit = nullptr;
        for (const Limit& l : limits)
            if (field == l.name) hit = &l;
        if (!hit) {
            *error = "fields are cin, kh, kw, cout, stride, dilation, padding";
            return false;
        }
        char* end = nullptr;
        const long long n = std::strtoll(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || n > hit->most || n < -1000) {
            *error = std::string(hit->name) + " must be a whole number up to " + std::to_string(hit->most);
            return false;
        }
        *hit->slot = n;
    }
    if (v.source == ConvSource::Toy) v.playground_from_toy = true;
    v.fields = f;
    v.source = ConvSource::Playground;
    v.dirty = true;
    v.camera_framed = false;
    return true;
}
