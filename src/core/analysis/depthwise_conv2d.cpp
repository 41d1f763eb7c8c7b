// analysis/depthwise_conv2d.cpp: DepthwiseConv2D filters every input channel on
// its own with depth_multiplier (dm) kernels of Kh×Kw, so it never mixes
// channels: output channels = Cin·dm, params = Kh·Kw·Cin·dm + Cin·dm bias.
// Reference: keras.io/api/layers/convolution_layers/depthwise_convolution2d
// (MobileNet uses it with use_bias=False). Not the forward pass.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_depthwise_conv2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                              LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.size_in_range(spec.depth_multiplier, 1, Field::DepthMultiplier)) return false;
    int64_t h = 0, w = 0;
    if (!c.window_output(input, true, MsgCode::ProblemKernel, Role::KernelH, Role::KernelW, out, &h, &w)) return false;
    const int64_t kh = spec.kernel.h, kw = spec.kernel.w, cin = input.c(), dm = spec.depth_multiplier;
    int64_t cout = checked_mul(cin, dm);
    if (!c.count(cout, MsgCode::ProblemOutputChannelCount, with_thousands(cin) + " × " + with_thousands(dm)))
        return false;
    if (!c.set_output(Shape::image(h, w, cout), out)) return false;

    int64_t weights = checked_mul(checked_mul(kh, kw), cout);
    if (!c.weights_and_bias(weights, std::to_string(kh) + " × " + std::to_string(kw) + " × " + with_thousands(cout),
                            cout, out))
        return false;

    // (Kh·Kw + 1)·Cin·dm: one Kh×Kw kernel and one bias per output channel.
    Formula& f = out->param_formula;
    if (spec.use_bias) f.open();
    f.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW);
    if (spec.use_bias) f.op("+").num(1, Role::Bias).close();
    f.op("×").num(cin, Role::InChannels);
    if (dm != 1) f.op("×").num(dm, Role::DepthMultiplier);
    f.equals(out->params);

    // MACs = Hout·Wout·(Cin·dm)·Kh·Kw: each output channel sees one input channel.
    if (!c.window_macs(h, w, weights, out)) return false;

    if (spec.use_bias) {
        Formula no_bias;
        no_bias.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×").num(cin, Role::InChannels);
        if (dm != 1) no_bias.op("×").num(dm, Role::DepthMultiplier);
        no_bias.equals(weights);
        add_mistake(out, out->params, MistakeKind::ForgotBias, no_bias);
    }
    add_window_mistakes(spec, input, true, Role::KernelH, out);
    return true;
}

}  // namespace convlab
