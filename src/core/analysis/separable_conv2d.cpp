// analysis/separable_conv2d.cpp: SeparableConv2D is a depthwise convolution
// (Kh×Kw per input channel, depth_multiplier dm of them, no bias) followed by a
// 1×1 pointwise convolution to Cout channels with bias:
//   params = Kh·Kw·Cin·dm + Cin·dm·Cout + Cout.
// Reference: keras.io/api/layers/convolution_layers/separable_convolution2d.
// Not the forward pass.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_separable_conv2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                              LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.size_in_range(spec.filters, 1, Field::Filters)) return false;
    if (!c.size_in_range(spec.depth_multiplier, 1, Field::DepthMultiplier)) return false;
    int64_t h = 0, w = 0;
    if (!c.window_output(input, true, MsgCode::ProblemKernel, Role::KernelH, Role::KernelW, out, &h, &w)) return false;
    const int64_t kh = spec.kernel.h, kw = spec.kernel.w, cin = input.c(), dm = spec.depth_multiplier;
    const int64_t cout = spec.filters;
    if (!c.set_output(Shape::image(h, w, cout), out)) return false;

    int64_t mid = checked_mul(cin, dm);  // channels between the two steps
    int64_t depthwise = checked_mul(checked_mul(kh, kw), mid);
    int64_t pointwise = checked_mul(mid, cout);
    int64_t bias = spec.use_bias ? cout : 0;
    out->params = checked_add(checked_add(depthwise, pointwise), bias);
    if (!c.count(mid, MsgCode::ProblemIntermediateChannelCount, with_thousands(cin) + " × " + with_thousands(dm)) ||
        !c.count(out->params, MsgCode::ProblemParameterCount,
                 std::to_string(kh) + " × " + std::to_string(kw) + " × " + with_thousands(mid) + " + " +
                     with_thousands(mid) + " × " + with_thousands(cout) + " + " + with_thousands(bias)))
        return false;
    out->trainable = out->params;

    // Kh × Kw × Cin (× dm) + (Cin (× dm) + 1) × Cout
    Formula& f = out->param_formula;
    f.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×").num(cin, Role::InChannels);
    if (dm != 1) f.op("×").num(dm, Role::DepthMultiplier);
    f.op("+");
    if (spec.use_bias) f.open();
    f.num(cin, Role::InChannels);
    if (dm != 1) f.op("×").num(dm, Role::DepthMultiplier);
    if (spec.use_bias) f.op("+").num(1, Role::Bias).close();
    f.op("×").num(cout, Role::OutChannels).equals(out->params);

    // MACs = Hout·Wout·(Kh·Kw·Cin·dm + Cin·dm·Cout): the depthwise step, then the pointwise one.
    out->macs = checked_mul(checked_mul(h, w), checked_add(depthwise, pointwise));
    if (!c.count(out->macs, MsgCode::ProblemMultiplyAddCount,
                 with_thousands(h) + " × " + with_thousands(w) + " × (" + with_thousands(depthwise) + " + " +
                     with_thousands(pointwise) + ")"))
        return false;

    if (spec.use_bias) {
        Formula no_bias;
        no_bias.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×").num(cin, Role::InChannels);
        if (dm != 1) no_bias.op("×").num(dm, Role::DepthMultiplier);
        no_bias.op("+").num(cin, Role::InChannels);
        if (dm != 1) no_bias.op("×").num(dm, Role::DepthMultiplier);
        no_bias.op("×").num(cout, Role::OutChannels).equals(depthwise + pointwise);
        add_mistake(out, out->params, MistakeKind::ForgotBias, no_bias);
    }
    add_window_mistakes(spec, input, true, Role::KernelH, out);
    return true;
}

}  // namespace convlab
