// analysis/checks.cpp: the shared constraints of checks.h. The order of the
// checks is the order a learner fixes things: the layer's own fields first, then
// whether they fit the input it receives.
#include "core/analysis/checks.h"

#include "core/analysis/formula.h"

namespace convlab {

std::string pair_text(Pair p) { return std::to_string(p.h) + "×" + std::to_string(p.w); }

bool Check::fail(MsgCode code, Field field, std::vector<Message> pieces) const {
    if (problem) *problem = make_problem(where.index, where.name, spec.kind, field, Message(code, std::move(pieces)));
    return false;
}

bool Check::size_in_range(int64_t v, int64_t minimum, Field field) const {
    if (v < minimum) return fail(MsgCode::ProblemNotPositive, field, {as_is(v), as_is(minimum)});
    if (v > kMaxCount)
        return fail(MsgCode::ProblemTooLarge, field,
                    {Message(MsgCode::ProblemFieldValue, {as_is(field_keyword(field_shown_as(spec.kind, field)))}),
                     as_is(with_thousands(v)), as_is(with_thousands(kMaxCount))});
    return true;
}

bool Check::pair_in_range(Pair p, int64_t minimum, Field field) const {
    return size_in_range(p.h, minimum, field) && size_in_range(p.w, minimum, field);
}

bool Check::image_input(const Shape& input) const {
    if (input.rank == 3) return true;
    return fail(MsgCode::ProblemNeedsImageInput, Field::Count,
                {as_is(layer_kind_info(spec.kind).class_name), as_is(input.to_string())});
}

bool Check::count(int64_t value, MsgCode what, const std::string& factors) const {
    if (value >= 0) return true;
    return fail(MsgCode::ProblemTooLarge, Field::Count,
                {Message(what), as_is(factors), as_is(with_thousands(kMaxCount))});
}

bool Check::set_output(const Shape& output, LayerAnalysis* out) const {
    int64_t n = 1;
    std::string factors;
    for (int i = 0; i < output.rank; ++i) {
        n = checked_mul(n, output.dim[i]);
        factors += (i ? " × " : "") + with_thousands(output.dim[i]);
    }
    if (!count(n, MsgCode::ProblemOutputSize, factors)) return false;
    out->output = output;
    out->activation_bytes = n * 4;  // float32; n ≤ 2^40 so this cannot overflow
    return true;
}

namespace {

// The wrong output heights learners give: dropping the "+ 1" of 'valid', treating
// 'same' as 'valid', and ignoring the stride.
void add_size_mistakes(LayerAnalysis* out, int64_t in, int64_t reach, int64_t stride, Padding padding,
                       Role kernel_role) {
    int64_t right = out->output.h();
    if (padding == Padding::Valid) {
        Formula f;
        int64_t wrong = (in - reach) / stride;
        f.open("⌊").open().num(in, Role::InputSize).op("−").num(reach, kernel_role).close()
            .op("/").num(stride, Role::Stride).close("⌋").equals(wrong);
        add_mistake(out, right, MistakeKind::PaddingOffByOne, f);
    } else if (reach <= in) {
        SizeWorking as_valid;
        int64_t wrong = 0;
        if (conv_out_size(in, reach, stride, 1, Padding::Valid, &as_valid, &wrong, kernel_role))
            add_mistake(out, right, MistakeKind::PaddingOffByOne, as_valid.formula);
    }
    if (padding == Padding::Same && stride > 1) {
        // 'same' keeps a partial last window: ⌈in / S⌉, not ⌊in / S⌋.
        Formula f;
        f.open("⌊").num(in, Role::InputSize).op("/").num(stride, Role::Stride).close("⌋").equals(in / stride);
        add_mistake(out, right, MistakeKind::SameRoundedDown, f);
    }
    if (stride > 1) {
        SizeWorking unstrided;
        int64_t wrong = 0;
        if (conv_out_size(in, reach, 1, 1, padding, &unstrided, &wrong, kernel_role))
            add_mistake(out, right, MistakeKind::StrideIgnored, unstrided.formula);
    }
}

}  // namespace

bool Check::window_output(const Shape& input, bool uses_dilation, MsgCode noun, Role kernel_h_role,
                          Role kernel_w_role, LayerAnalysis* out, int64_t* out_h, int64_t* out_w) const {
    if (!pair_in_range(spec.kernel, 1, Field::KernelSize)) return false;
    if (!pair_in_range(spec.strides, 1, Field::Strides)) return false;
    Pair dilation = uses_dilation ? spec.dilation : Pair{1, 1};
    if (uses_dilation) {
        if (!pair_in_range(dilation, 1, Field::DilationRate)) return false;
        bool strided = spec.strides.h > 1 || spec.strides.w > 1;
        bool dilated = dilation.h > 1 || dilation.w > 1;
        if (strided && dilated && !spec.pytorch)  // Keras refuses both; PyTorch allows them
            return fail(MsgCode::ProblemStridesWithDilation, Field::DilationRate,
                        {as_is(pair_text(spec.strides)), as_is(pair_text(dilation))});
    }
    if (!image_input(input)) return false;
    int64_t reach_h = kernel_reach(spec.kernel.h, dilation.h);
    int64_t reach_w = kernel_reach(spec.kernel.w, dilation.w);
    std::string reach_factors = "(" + std::to_string(spec.kernel.h) + " − 1) × " + std::to_string(dilation.h) + " + 1";
    if (!count(reach_h, MsgCode::ProblemKernelReach, reach_factors)) return false;
    reach_factors = "(" + std::to_string(spec.kernel.w) + " − 1) × " + std::to_string(dilation.w) + " + 1";
    if (!count(reach_w, MsgCode::ProblemKernelReach, reach_factors)) return false;
    if (spec.pytorch && spec.padding == Padding::Valid) {
        const int64_t in_h = input.h() + spec.pad_top + spec.pad_bottom, in_w = input.w() + spec.pad_left + spec.pad_right;
        if (reach_h > in_h || reach_w > in_w)
            return fail(MsgCode::ProblemKernelLargerThanInput, Field::KernelSize,
                        {as_is(spec.kernel.h), as_is(spec.kernel.w), as_is(reach_h), as_is(reach_w), as_is(in_h),
                         as_is(in_w), Message(noun)});
        return conv_out_size_torch(input.h(), spec.kernel.h, spec.strides.h, dilation.h, spec.pad_top, spec.pad_bottom,
                                   spec.ceil_mode, &out->height, out_h, kernel_h_role) &&
               conv_out_size_torch(input.w(), spec.kernel.w, spec.strides.w, dilation.w, spec.pad_left, spec.pad_right,
                                   spec.ceil_mode, &out->width, out_w, kernel_w_role);
    }
    if (spec.padding == Padding::Valid && (reach_h > input.h() || reach_w > input.w())) {
        // Without dilation the reach is the kernel itself, and the sentence does not mention it.
        const bool dilated = reach_h != spec.kernel.h || reach_w != spec.kernel.w;
        return fail(dilated ? MsgCode::ProblemKernelReachLargerThanInput : MsgCode::ProblemKernelLargerThanInput,
                    Field::KernelSize,
                    {as_is(spec.kernel.h), as_is(spec.kernel.w), as_is(reach_h), as_is(reach_w), as_is(input.h()),
                     as_is(input.w()), Message(noun)});
    }
    // Every way conv_out_size can refuse was checked above, so both calls succeed.
    return conv_out_size(input.h(), spec.kernel.h, spec.strides.h, dilation.h, spec.padding, &out->height,
                         out_h, kernel_h_role) &&
           conv_out_size(input.w(), spec.kernel.w, spec.strides.w, dilation.w, spec.padding, &out->width,
                         out_w, kernel_w_role);
}

bool Check::weights_and_bias(int64_t weights, const std::string& weight_factors, int64_t out_channels,
                             LayerAnalysis* out) const {
    if (!count(weights, MsgCode::ProblemParameterCount, weight_factors)) return false;
    int64_t bias = spec.use_bias ? out_channels : 0;
    out->params = checked_add(weights, bias);
    if (!count(out->params, MsgCode::ProblemParameterCount, with_thousands(weights) + " + " + with_thousands(bias))) return false;
    out->trainable = out->params;
    return true;
}

bool Check::window_macs(int64_t out_h, int64_t out_w, int64_t weights, LayerAnalysis* out) const {
    out->macs = checked_mul(checked_mul(out_h, out_w), weights);
    return count(out->macs, MsgCode::ProblemMultiplyAddCount,
                 with_thousands(out_h) + " × " + with_thousands(out_w) + " × " + with_thousands(weights));
}

void add_window_mistakes(const LayerSpec& spec, const Shape& input, bool uses_dilation, Role kernel_h_role,
                         LayerAnalysis* out) {
    int64_t reach = kernel_reach(spec.kernel.h, uses_dilation ? spec.dilation.h : 1);
    Role role = uses_dilation && spec.dilation.h > 1 ? Role::KernelReach : kernel_h_role;
    add_size_mistakes(out, input.h(), reach, spec.strides.h, spec.padding, role);
}

void add_mistake(LayerAnalysis* out, int64_t right, MistakeKind kind, const Formula& working) {
    // A wrong answer past kMaxCount (checked_mul's -1) is not one a learner gives.
    if (working.result == right || working.result < 0) return;
    Mistake m;
    m.kind = kind;
    m.wrong_value = working.result;
    m.working = working;
    out->mistakes.push_back(m);
}

}  // namespace convlab
