// analysis/conv2d_transpose.cpp: Conv2DTranspose, the decoder's learned
// upsampling (U-Nets, autoencoders, GANs). It runs a Conv2D backwards: each
// input pixel stamps its Cin values, times a Kh×Kw×Cout block of weights, onto
// the output, one stride apart, and the overlapping stamps add up. So the
// weights are the same count as a Conv2D from Cout channels to Cin:
//   params = Kh·Kw·Cout·Cin + Cout        (Keras's kernel is (Kh, Kw, Cout, Cin))
// (PyTorch's groups=G: each input channel stamps only its group's Cout / G
// channels, Kh·Kw·(Cout/G)·Cin + Cout, G dividing both Cin and Cout.)
// Each output size follows Keras's deconv_output_length, with R the kernel's
// reach (K − 1)·D + 1:
//   output_padding=None:  'valid'  in·S + max(R − S, 0)
//                         'same'   in·S
//   output_padding=P:     'valid'  (in − 1)·S + R + P
//                         'same'   (in − 1)·S + R − 2·⌊R/2⌋ + P
// PyTorch's ConvTranspose2d (spec.pytorch) crops its padding from both sides:
//                                  (in − 1)·S − 2·pad + R + output_padding
// Reference: keras.io/api/layers/convolution_layers/convolution2d_transpose;
// keras/src/utils/conv_utils.py (deconv_output_length).
#include "core/analysis/checks.h"

namespace convlab {
namespace {

// One spatial size and its working. crop is where the output starts inside the
// "full" result (in − 1)·S + R: TensorFlow runs conv2d_transpose as the
// gradient of a Conv2D from the output back to the input, so under 'same' it
// is that Conv2D's top padding, ⌊max((in − 1)·S + R − out, 0) / 2⌋, and under
// 'valid' 0. Training reads it from pad_before.
bool transpose_size(const Check& c, int64_t in, int64_t k, int64_t s, int64_t d, Padding padding, bool has_op,
                    int64_t op, const int64_t* torch_pad, Role kernel_role, SizeWorking* working, int64_t* size) {
    const int64_t reach = kernel_reach(k, d);
    if (!c.count(reach, MsgCode::ProblemKernelReach,
                 "(" + std::to_string(k) + " − 1) × " + std::to_string(d) + " + 1"))
        return false;
    const Role reach_role = d > 1 ? Role::KernelReach : kernel_role;
    const std::string factors = with_thousands(in) + " × " + with_thousands(s);
    const int64_t scaled = checked_mul(in, s), stepped = checked_mul(in - 1, s);
    if (!c.count(scaled, MsgCode::ProblemOutputSize, factors)) return false;
    Formula& f = working->formula;
    int64_t out = 0;
    if (torch_pad) {
        f.open().num(in, Role::InputSize).op("−").num(1, Role::None).close().op("×").num(s, Role::Stride)
            .op("−").num(torch_pad[0], Role::Padding).op("−").num(torch_pad[1], Role::Padding)
            .op("+").num(reach, reach_role).op("+").num(op, Role::Padding);
        out = checked_add(stepped, reach + op) - torch_pad[0] - torch_pad[1];
        f.equals(out);
        working->pad_before = torch_pad[0];
        working->pad_after = torch_pad[1];
    } else if (!has_op) {
        if (padding == Padding::Same) {
            out = scaled;
            f.num(in, Role::InputSize).op("×").num(s, Role::Stride).equals(out);
        } else {
            out = checked_add(scaled, std::max<int64_t>(reach - s, 0));
            f.num(in, Role::InputSize).op("×").num(s, Role::Stride).op("+").open("max(").num(reach, reach_role)
                .op("−").num(s, Role::Stride).op(",").num(0, Role::None).close().equals(out);
        }
    } else {
        f.open().num(in, Role::InputSize).op("−").num(1, Role::None).close().op("×").num(s, Role::Stride)
            .op("+").num(reach, reach_role);
        const int64_t trimmed = padding == Padding::Same ? 2 * (reach / 2) : 0;
        if (padding == Padding::Same) f.op("−").num(2, Role::None).op("×").num(reach / 2, Role::Padding);
        f.op("+").num(op, Role::Padding);
        out = checked_add(checked_add(stepped, reach - trimmed), op);  // trimmed ≤ R: no negative term
        f.equals(out);
    }
    if (!c.count(out, MsgCode::ProblemOutputSize, factors)) return false;
    if (padding == Padding::Same && !torch_pad) {
        const int64_t total = std::max<int64_t>(stepped + reach - out, 0);
        working->pad_before = total / 2;
        working->pad_after = total - working->pad_before;
    }
    *size = out;
    return true;
}

}  // namespace

bool analyze_conv2d_transpose(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                              LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.size_in_range(spec.filters, 1, Field::Filters)) return false;
    if (!c.pair_in_range(spec.kernel, 1, Field::KernelSize)) return false;
    if (!c.pair_in_range(spec.strides, 1, Field::Strides)) return false;
    if (!c.pair_in_range(spec.dilation, 1, Field::DilationRate)) return false;
    const bool strided = spec.strides.h > 1 || spec.strides.w > 1;
    if (strided && (spec.dilation.h > 1 || spec.dilation.w > 1) && !spec.pytorch)
        return c.fail(MsgCode::ProblemStridesWithDilation, Field::DilationRate,
                      {as_is(pair_text(spec.strides)), as_is(pair_text(spec.dilation))});
    if (spec.has_output_padding) {
        // Keras: "Strides must be greater than output padding": a larger one would
        // add a row that no input pixel reaches.
        // PyTorch: "output padding must be smaller than either stride or dilation".
        const Pair& op = spec.output_padding;
        const Pair limit = spec.pytorch ? Pair{std::max(spec.strides.h, spec.dilation.h), std::max(spec.strides.w, spec.dilation.w)}
                                        : spec.strides;
        if ((op.h < 0 || op.w < 0 || op.h >= limit.h || op.w >= limit.w) && spec.pytorch)
            return c.fail(MsgCode::ProblemOutputPaddingTorch, Field::OutputPadding,
                          {as_is(pair_text(op)), as_is(pair_text(spec.strides)), as_is(pair_text(spec.dilation))});
        if (op.h < 0 || op.w < 0 || op.h >= limit.h || op.w >= limit.w)
            return c.fail(MsgCode::ProblemOutputPaddingBelowStrides, Field::OutputPadding,
                          {as_is(pair_text(op)), as_is(pair_text(spec.strides))});
    }
    if (!c.image_input(input)) return false;
    int64_t h = 0, w = 0;
    const int64_t torch_pad_h[2] = {spec.pad_top, spec.pad_bottom}, torch_pad_w[2] = {spec.pad_left, spec.pad_right};
    if (!transpose_size(c, input.h(), spec.kernel.h, spec.strides.h, spec.dilation.h, spec.padding,
                        spec.has_output_padding, spec.output_padding.h, spec.pytorch ? torch_pad_h : nullptr,
                        Role::KernelH, &out->height, &h) ||
        !transpose_size(c, input.w(), spec.kernel.w, spec.strides.w, spec.dilation.w, spec.padding,
                        spec.has_output_padding, spec.output_padding.w, spec.pytorch ? torch_pad_w : nullptr,
                        Role::KernelW, &out->width, &w))
        return false;
    // 'same' with output_padding trims 2·⌊R/2⌋: an even kernel over a
    // one-pixel input can leave nothing, which Keras would not build either.
    if (h < 1 || w < 1) return c.fail(MsgCode::ProblemTransposeNoOutput, Field::OutputPadding, {as_is(h), as_is(w)});
    const int64_t kh = spec.kernel.h, kw = spec.kernel.w, cin = input.c(), cout = spec.filters, groups = spec.groups;
    if (groups < 1 || cin % groups != 0 || cout % groups != 0)
        return c.fail(MsgCode::ProblemGroups, Field::Groups, {as_is(groups), as_is(cin), as_is(cout)});
    if (!c.set_output(Shape::image(h, w, cout), out)) return false;

    const int64_t weights = checked_mul(checked_mul(checked_mul(kh, kw), cout / groups), cin);
    const std::string stamped = groups == 1 ? with_thousands(cout) : with_thousands(cout) + "/" + std::to_string(groups);
    if (!c.weights_and_bias(weights,
                            std::to_string(kh) + " × " + std::to_string(kw) + " × " + stamped + " × " + with_thousands(cin),
                            cout, out))
        return false;
    // Written as Keras stores the kernel, (Kh, Kw, Cout, Cin): every one of the
    // Cin input channels has its own Kh×Kw×Cout stamp, plus one bias per output channel.
    Formula& f = out->param_formula;
    f.num(kh, Role::KernelH).op("×").num(kw, Role::KernelW).op("×");
    if (groups == 1) f.num(cout, Role::OutChannels);
    else f.open().num(cout, Role::OutChannels).op("/").num(groups, Role::None).close();
    f.op("×").num(cin, Role::InChannels);
    if (spec.use_bias) f.op("+").num(cout, Role::Bias);
    f.equals(out->params);
    // One multiply-add per weight per input pixel: every input pixel stamps the whole kernel.
    return c.window_macs(input.h(), input.w(), weights, out);
}

}  // namespace convlab
