// analysis/conv2d.cpp: Conv2D's output shape, parameters and cost. Each of the
// Cout filters is a Kh×Kw×Cin block of weights plus one bias, so
//   params = (Kh·Kw·Cin + 1)·Cout        (Kh·Kw·Cin·Cout without bias).
// PyTorch's groups=G (spec.groups) gives each filter only its group's Cin / G
// channels: (Kh·Kw·Cin/G + 1)·Cout, G dividing both Cin and Cout.
// Reference: keras.io/api/layers/convolution_layers/convolution2d. Not the
// forward pass: training computes that.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_conv2d(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                    Problem* problem) {
    Check c{spec, where, problem};
    if (!c.size_in_range(spec.filters, 1, Field::Filters)) return false;
    int64_t h = 0, w = 0;
    if (!c.window_output(input, true, MsgCode::ProblemKernel, Role::KernelH, Role::KernelW, out, &h, &w)) return false;
    const int64_t kh = spec.kernel.h, kw = spec.kernel.w, cin = input.c(), cout = spec.filters, groups = spec.groups;
    if (groups < 1 || cin % groups != 0 || cout % groups != 0)
        return c.fail(MsgCode::ProblemGroups, Field::Groups, {as_is(groups), as_is(cin), as_is(cout)});
    if (!c.set_output(Shape::image(h, w, cout), out)) return false;

    int64_t window = checked_mul(checked_mul(kh, kw), cin / groups);  // weights of one filter
    int64_t weights = checked_mul(window, cout);
    const std::string seen = groups == 1 ? with_thousands(cin) : with_thousands(cin) + "/" + std::to_string(groups);
    if (!c.weights_and_bias(weights,
                            std::to_string(kh) + " × " + std::to_string(kw) + " × " + seen + " × " + with_thousands(cout),
                            cout, out))
        return false;

    Formula& f = out->param_formula;
    if (spec.use_bias) f.open();
    f.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×");
    if (groups == 1) f.num(cin, Role::InChannels);
    else f.open().num(cin, Role::InChannels).op("/").num(groups, Role::None).close();
    if (spec.use_bias) f.op("+").num(1, Role::Bias).close();
    f.op("×").num(cout, Role::OutChannels).equals(out->params);

    // MACs = Hout·Wout·Cout·Kh·Kw·Cin/G: one multiply-add per weight per output position.
    if (!c.window_macs(h, w, weights, out)) return false;
    // The likely mistakes below are the ungrouped convolution's.
    if (groups != 1) return true;

    // The seed question's 630: each filter drawn as Kh×Kw, not Kh×Kw×Cin.
    Formula no_cin;
    if (spec.use_bias) no_cin.open();
    no_cin.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW);
    if (spec.use_bias) no_cin.op("+").num(1, Role::Bias).close();
    no_cin.op("×").num(cout, Role::OutChannels).equals(checked_mul(checked_mul(kh, kw) + (spec.use_bias ? 1 : 0), cout));
    add_mistake(out, out->params, MistakeKind::ForgotInChannels, no_cin);
    if (spec.use_bias) {
        Formula no_bias;
        no_bias.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×").num(cin, Role::InChannels)
            .op("×").num(cout, Role::OutChannels).equals(weights);
        add_mistake(out, out->params, MistakeKind::ForgotBias, no_bias);
        if (cin != 1) {
            Formula neither;
            neither.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×").num(cout, Role::OutChannels)
                .equals(checked_mul(checked_mul(kh, kw), cout));
            add_mistake(out, out->params, MistakeKind::ForgotBoth, neither);
        }
    }
    if (cin != cout) {
        // Cout where Cin belongs: the learner reads the kernel as Kh×Kw×Cout.
        Formula swapped;
        if (spec.use_bias) swapped.open();
        swapped.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×").num(cout, Role::OutChannels);
        if (spec.use_bias) swapped.op("+").num(1, Role::Bias).close();
        swapped.op("×").num(cin, Role::InChannels)
            .equals(checked_mul(checked_mul(checked_mul(kh, kw), cout) + (spec.use_bias ? 1 : 0), cin));
        add_mistake(out, out->params, MistakeKind::SwappedInOut, swapped);
    }
    add_window_mistakes(spec, input, true, Role::KernelH, out);
    return true;
}

}  // namespace convlab
