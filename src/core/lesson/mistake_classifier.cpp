// lesson/mistake_classifier.cpp: every misconception written as the layer's
// formula with one step wrong, using the core's own arithmetic (conv_out_size,
// checked_mul) on the wrong inputs, so a wrong size is worked exactly the way
// the right one is. The right answers and their working are the layer
// analysis's; the parameter misconceptions the analysis already lists are taken
// from it as they are.
#include "core/lesson/mistake_classifier.h"

#include <algorithm>

#include "core/analysis/layer_kind.h"
#include "core/analysis/shape_math.h"

namespace convlab {
namespace {

bool is_shape_kind(MistakeKind k) {
    return k == MistakeKind::PaddingOffByOne || k == MistakeKind::StrideIgnored ||
           k == MistakeKind::DilationIgnored || k == MistakeKind::OutputChannelsWrong ||
           k == MistakeKind::SameRoundedDown || k == MistakeKind::AddAsConcatenate;
}

bool is_pooling(LayerKind k) { return k == LayerKind::MaxPooling2D || k == LayerKind::AveragePooling2D; }

bool is_windowed(LayerKind k) {
    return is_pooling(k) || k == LayerKind::Conv2D || k == LayerKind::DepthwiseConv2D ||
           k == LayerKind::SeparableConv2D;
}

// Where the output's last axis comes from: Cout, Cin·dm, the units, or the input's C.
Formula channels_working(const Exercise& e) {
    const LayerSpec& s = e.spec();
    Formula f;
    switch (e.row.kind) {
        case LayerKind::Conv2D:
        case LayerKind::SeparableConv2D: f.num(s.filters, Role::OutChannels); break;
        case LayerKind::DepthwiseConv2D:
            f.num(e.row.input.c(), Role::InChannels);
            if (s.depth_multiplier != 1) f.op("×").num(s.depth_multiplier, Role::DepthMultiplier);
            break;
        case LayerKind::Dense: f.num(s.units, Role::Units); break;
        default: f.num(e.right_shape().c(), Role::Channels); break;
    }
    return f.equals(e.right_shape().c());
}

Working right_shape_working(const Exercise& e) {
    Working w;
    w.height = e.row.analysis.height.formula;
    w.width = e.row.analysis.width.formula;
    w.channels = channels_working(e);
    return w;
}

bool same_answer(const WrongAnswer& a, const WrongAnswer& b) { return a.params == b.params && a.shape == b.shape; }

// Sorted by MistakeKind (stable, so a kind keeps its own order), without answers
// past kMaxCount (checked_mul's −1), equal to the right one, or already given.
std::vector<WrongAnswer> in_priority_order(std::vector<WrongAnswer> all, const WrongAnswer& right) {
    std::stable_sort(all.begin(), all.end(),
                     [](const WrongAnswer& a, const WrongAnswer& b) { return a.kind < b.kind; });
    std::vector<WrongAnswer> out;
    for (const WrongAnswer& w : all) {
        if (w.params < 0 || same_answer(w, right)) continue;
        bool given = std::any_of(out.begin(), out.end(), [&](const WrongAnswer& o) { return same_answer(o, w); });
        if (!given) out.push_back(w);
    }
    return out;
}

void add_params(std::vector<WrongAnswer>* all, MistakeKind kind, const Formula& working) {
    WrongAnswer w;
    w.kind = kind;
    w.params = working.result;
    w.working.params = working;
    all->push_back(w);
}

// (Kh·Kw + b) or Kh·Kw, the start of several working lines below.
Formula& window_plus_bias(Formula& f, int64_t kh, int64_t kw, Role role, bool bias) {
    if (bias) f.open();
    f.num(kh, role).op("×").num(kw, role == Role::KernelH ? Role::KernelW : role);
    if (bias) f.op("+").num(1, Role::Bias).close();
    return f;
}

void add_depthwise_params(const Exercise& e, std::vector<WrongAnswer>* all) {
    const LayerSpec& s = e.spec();
    const int64_t kh = s.kernel.h, kw = s.kernel.w, cin = e.row.input.c(), dm = s.depth_multiplier;
    const int64_t b = s.use_bias ? 1 : 0;
    const int64_t window = checked_mul(kh, kw);
    // Channels forgotten: depth_multiplier read as the number of filters.
    Formula no_cin;
    window_plus_bias(no_cin, kh, kw, Role::KernelH, s.use_bias).op("×").num(dm, Role::DepthMultiplier)
        .equals(checked_mul(checked_add(window, b), dm));
    add_params(all, MistakeKind::ForgotInChannels, no_cin);
    if (s.use_bias) {
        Formula neither;
        window_plus_bias(neither, kh, kw, Role::KernelH, false).op("×").num(dm, Role::DepthMultiplier)
            .equals(checked_mul(window, dm));
        add_params(all, MistakeKind::ForgotBoth, neither);
    }
    // Counted as a Conv2D with Cin·dm filters, each as deep as the input.
    Formula full;
    if (s.use_bias) full.open();
    full.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×").num(cin, Role::InChannels);
    if (s.use_bias) full.op("+").num(1, Role::Bias).close();
    full.op("×").num(cin, Role::InChannels);
    if (dm != 1) full.op("×").num(dm, Role::DepthMultiplier);
    full.equals(checked_mul(checked_add(checked_mul(window, cin), b), checked_mul(cin, dm)));
    add_params(all, MistakeKind::DepthwiseAsFull, full);
}

void add_conv2d_params(const Exercise& e, std::vector<WrongAnswer>* all) {
    const LayerSpec& s = e.spec();
    const int64_t cin = e.row.input.c(), b = s.use_bias ? 1 : 0;
    // Counted as depthwise: one Kh×Kw kernel (and bias) per input channel.
    Formula per_channel;
    window_plus_bias(per_channel, s.kernel.h, s.kernel.w, Role::KernelH, s.use_bias).op("×")
        .num(cin, Role::InChannels).equals(checked_mul(checked_add(checked_mul(s.kernel.h, s.kernel.w), b), cin));
    add_params(all, MistakeKind::FullAsDepthwise, per_channel);
}

// Besides the analysis's Kh·Kw·C: one window, one window with a bias, one window
// and a bias per channel.
void add_pooling_params(const Exercise& e, std::vector<WrongAnswer>* all) {
    const int64_t kh = e.spec().kernel.h, kw = e.spec().kernel.w, c = e.row.input.c();
    const int64_t window = checked_mul(kh, kw);
    Formula one;
    window_plus_bias(one, kh, kw, Role::PoolSize, false).equals(window);
    add_params(all, MistakeKind::CountedPoolingParams, one);
    Formula one_with_bias;
    window_plus_bias(one_with_bias, kh, kw, Role::PoolSize, false).op("×").num(c, Role::Channels)
        .op("+").num(1, Role::Bias).equals(checked_add(checked_mul(window, c), 1));
    add_params(all, MistakeKind::CountedPoolingParams, one_with_bias);
    Formula per_channel;
    window_plus_bias(per_channel, kh, kw, Role::PoolSize, true).op("×").num(c, Role::Channels)
        .equals(checked_mul(checked_add(window, 1), c));
    add_params(all, MistakeKind::CountedPoolingParams, per_channel);
}

// A Dense after Flatten((H, W, C)) whose input is taken as C features.
void add_flattened_dense_params(const Exercise& e, std::vector<WrongAnswer>* all) {
    const LayerSpec& s = e.spec();
    const int64_t c = e.flattened_from.c();
    Formula last_axis;
    if (s.use_bias) last_axis.open().num(c, Role::Channels).op("+").num(1, Role::Bias).close();
    else last_axis.num(c, Role::Channels);
    last_axis.op("×").num(s.units, Role::Units).equals(checked_mul(checked_add(c, s.use_bias ? 1 : 0), s.units));
    add_params(all, MistakeKind::FlattenAsLastAxis, last_axis);
}

// One spatial axis as a misconception computes it; false when it has no answer.
struct Axis {
    int64_t in, k, stride, dilation;
    Padding padding;
    Role kernel_role;
};
using AxisMistake = bool (*)(const Axis& a, Formula* working, int64_t* size);

bool size_as(const Axis& a, int64_t stride, int64_t dilation, Padding padding, Formula* working, int64_t* size) {
    SizeWorking w;
    if (!conv_out_size(a.in, a.k, stride, dilation, padding, &w, size, a.kernel_role)) return false;
    *working = w.formula;
    return true;
}

// 'valid' without the + 1: ⌊(in − reach) / S⌋.
bool without_plus_one(const Axis& a, Formula* working, int64_t* size) {
    if (a.padding != Padding::Valid) return false;
    int64_t reach = kernel_reach(a.k, a.dilation);
    if (reach < 1 || reach > a.in) return false;
    *size = (a.in - reach) / a.stride;
    Formula f;
    f.open("⌊").open().num(a.in, Role::InputSize).op("−").num(reach, a.dilation > 1 ? Role::KernelReach : a.kernel_role)
        .close().op("/").num(a.stride, Role::Stride).close("⌋").equals(*size);
    *working = f;
    return true;
}
bool valid_as_same(const Axis& a, Formula* working, int64_t* size) {
    return a.padding == Padding::Valid && size_as(a, a.stride, a.dilation, Padding::Same, working, size);
}
bool same_as_valid(const Axis& a, Formula* working, int64_t* size) {
    return a.padding == Padding::Same && size_as(a, a.stride, a.dilation, Padding::Valid, working, size);
}
bool stride_one(const Axis& a, Formula* working, int64_t* size) {
    return size_as(a, 1, a.dilation, a.padding, working, size);
}
bool undilated(const Axis& a, Formula* working, int64_t* size) {
    return size_as(a, a.stride, 1, a.padding, working, size);
}
// 'same' rounded down: ⌊in / S⌋ where Keras takes ⌈in / S⌉.
bool same_rounded_down(const Axis& a, Formula* working, int64_t* size) {
    if (a.padding != Padding::Same || a.stride < 1) return false;
    *size = a.in / a.stride;
    if (*size < 1) return false;
    Formula f;
    f.open("⌊").num(a.in, Role::InputSize).op("/").num(a.stride, Role::Stride).close("⌋").equals(*size);
    *working = f;
    return true;
}

// The misconception on both axes, with the right channels.
void add_spatial(const Exercise& e, const Axis& h, const Axis& w, MistakeKind kind, AxisMistake mistake,
                 std::vector<WrongAnswer>* all) {
    WrongAnswer answer;
    answer.kind = kind;
    int64_t out_h = 0, out_w = 0;
    if (!mistake(h, &answer.working.height, &out_h) || !mistake(w, &answer.working.width, &out_w)) return;
    answer.working.channels = channels_working(e);
    answer.shape = Shape::image(out_h, out_w, e.right_shape().c());
    all->push_back(answer);
}

void add_spatial_shapes(const Exercise& e, std::vector<WrongAnswer>* all) {
    const LayerSpec& s = e.spec();
    const bool pooling = is_pooling(e.row.kind);
    const Pair dilation = pooling ? Pair{1, 1} : s.dilation;
    const Axis h{e.row.input.h(), s.kernel.h, s.strides.h, dilation.h, s.padding,
                 pooling ? Role::PoolSize : Role::KernelH};
    const Axis w{e.row.input.w(), s.kernel.w, s.strides.w, dilation.w, s.padding,
                 pooling ? Role::PoolSize : Role::KernelW};
    add_spatial(e, h, w, MistakeKind::PaddingOffByOne, without_plus_one, all);
    add_spatial(e, h, w, MistakeKind::PaddingOffByOne, valid_as_same, all);
    add_spatial(e, h, w, MistakeKind::PaddingOffByOne, same_as_valid, all);
    if (s.strides.h > 1 || s.strides.w > 1) add_spatial(e, h, w, MistakeKind::StrideIgnored, stride_one, all);
    if (dilation.h > 1 || dilation.w > 1) add_spatial(e, h, w, MistakeKind::DilationIgnored, undilated, all);
    if (s.padding == Padding::Same && (s.strides.h > 1 || s.strides.w > 1))
        add_spatial(e, h, w, MistakeKind::SameRoundedDown, same_rounded_down, all);
}

// Output channels (or units) taken from the input.
// An elementwise merge taken for a Concatenate: the inputs' channels added up.
void add_merge_shapes(const Exercise& e, std::vector<WrongAnswer>* all) {
    const Shape& right = e.right_shape();
    const size_t inputs = e.row.inbound.empty() ? 0 : e.row.inbound[0].size();
    if (!is_merge(e.row.kind) || e.row.kind == LayerKind::Concatenate || inputs < 2 || right.rank == 0) return;
    WrongAnswer answer;
    answer.kind = MistakeKind::AddAsConcatenate;
    int64_t sum = 0;
    for (size_t i = 0; i < inputs; ++i) {
        if (i) answer.working.channels.op("+");
        answer.working.channels.num(right.c(), Role::Channels);
        sum = checked_add(sum, right.c());
    }
    answer.working.channels.equals(sum);
    answer.shape = right;
    answer.shape.dim[right.rank - 1] = sum;
    all->push_back(answer);
}

void add_channel_shapes(const Exercise& e, std::vector<WrongAnswer>* all) {
    const Shape& right = e.right_shape();
    const int64_t in = e.row.input.c();
    WrongAnswer answer;
    answer.kind = MistakeKind::OutputChannelsWrong;
    switch (e.row.kind) {
        case LayerKind::Conv2D:
        case LayerKind::SeparableConv2D:
        case LayerKind::DepthwiseConv2D: answer.working.channels.num(in, Role::InChannels).equals(in); break;
        case LayerKind::Dense: answer.working.channels.num(in, Role::InFeatures).equals(in); break;
        default: return;
    }
    answer.working.height = e.row.analysis.height.formula;
    answer.working.width = e.row.analysis.width.formula;
    answer.shape = right;
    answer.shape.dim[right.rank - 1] = in;
    all->push_back(answer);
}

// What both classifiers do with the learner's answer once it is known to be
// right or not: a wrong one is named by the first misconception, in priority
// order, that gives it (wrong_answers is asked only then).
Verdict verdict_on(const Exercise& e, const WrongAnswer& given, bool right, const Working& right_working,
                   std::vector<WrongAnswer> (*wrong_answers)(const Exercise&)) {
    Verdict v;
    v.right_working = right_working;
    v.right = right;
    if (v.right) return v;
    for (const WrongAnswer& w : wrong_answers(e)) {
        if (!same_answer(w, given)) continue;
        v.mistake = w.kind;
        v.wrong_working = w.working;
        break;
    }
    return v;
}

}  // namespace

std::vector<WrongAnswer> wrong_param_answers(const Exercise& e) {
    std::vector<WrongAnswer> all;
    for (const Mistake& m : e.row.analysis.mistakes)
        if (!is_shape_kind(m.kind)) add_params(&all, m.kind, m.working);
    if (e.row.kind == LayerKind::DepthwiseConv2D) add_depthwise_params(e, &all);
    if (e.row.kind == LayerKind::Conv2D) add_conv2d_params(e, &all);
    if (is_pooling(e.row.kind)) add_pooling_params(e, &all);
    if (e.row.kind == LayerKind::Dense && e.flattened_from.rank == 3) add_flattened_dense_params(e, &all);
    WrongAnswer right;
    right.params = e.right_params();
    return in_priority_order(all, right);
}

std::vector<WrongAnswer> wrong_shape_answers(const Exercise& e) {
    std::vector<WrongAnswer> all;
    if (is_windowed(e.row.kind) && e.right_shape().rank == 3) add_spatial_shapes(e, &all);
    if (e.right_shape().rank > 0) add_channel_shapes(e, &all);
    add_merge_shapes(e, &all);
    WrongAnswer right;
    right.shape = e.right_shape();
    return in_priority_order(all, right);
}

Verdict classify_params(const Exercise& e, int64_t answer) {
    WrongAnswer given;
    given.params = answer;
    Working right_working;
    right_working.params = e.row.analysis.param_formula;
    return verdict_on(e, given, answer == e.right_params(), right_working, wrong_param_answers);
}

Verdict classify_shape(const Exercise& e, const Shape& answer) {
    WrongAnswer given;
    given.shape = answer;
    return verdict_on(e, given, answer == e.right_shape(), right_shape_working(e), wrong_shape_answers);
}

}  // namespace convlab
