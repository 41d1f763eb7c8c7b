// shape_math.cpp: one spatial axis of a convolution or a
// pooling, with its arithmetic kept as a Formula. Follows Keras's
// conv_utils.conv_output_length and TensorFlow's 'same' padding (see shape_math.h).
// Not aware of layers: the callers say which role the kernel number plays.
#include "core/analysis/shape_math.h"

namespace convlab {

int64_t kernel_reach(int64_t k, int64_t dilation) {
    if (k < 1 || dilation < 1) return -1;
    int64_t spread = checked_mul(k - 1, dilation);
    return spread < 0 ? -1 : checked_add(spread, 1);
}

bool conv_out_size(int64_t in, int64_t k, int64_t stride, int64_t dilation, Padding padding,
                   SizeWorking* out, int64_t* size, Role kernel_role) {
    int64_t reach = kernel_reach(k, dilation);
    if (in < 1 || stride < 1 || reach < 1 || in > kMaxCount || stride > kMaxCount) return false;
    // A dilated kernel shows its reach, not its size: that is the number the subtraction uses.
    Role reach_role = dilation > 1 ? Role::KernelReach : kernel_role;
    SizeWorking w;
    int64_t result = 0;
    if (padding == Padding::Valid) {
        if (reach > in) return false;
        // out = ⌊(in − reach) / S⌋ + 1
        result = (in - reach) / stride + 1;
        w.formula.open("⌊").open().num(in, Role::InputSize).op("−").num(reach, reach_role).close()
            .op("/").num(stride, Role::Stride).close("⌋").op("+").num(1, Role::None).equals(result);
    } else {
        // out = ⌈in / S⌉; the padding makes the last window fit, the odd cell goes after.
        result = (in + stride - 1) / stride;
        int64_t needed = (result - 1) * stride + reach - in;  // (out − 1)·S < in, so no overflow
        int64_t total = needed > 0 ? needed : 0;
        w.pad_before = total / 2;
        w.pad_after = total - w.pad_before;
        w.formula.open("⌈").num(in, Role::InputSize).op("/").num(stride, Role::Stride).close("⌉").equals(result);
    }
    *out = w;
    *size = result;
    return true;
}

bool conv_out_size_torch(int64_t in, int64_t k, int64_t stride, int64_t dilation, int64_t pad_before,
                         int64_t pad_after, bool ceil_mode, SizeWorking* out, int64_t* size, Role kernel_role) {
    const int64_t reach = kernel_reach(k, dilation);
    if (in < 1 || stride < 1 || reach < 1 || pad_before < 0 || pad_after < 0 || in > kMaxCount || stride > kMaxCount ||
        pad_before > kMaxCount || pad_after > kMaxCount)
        return false;
    const int64_t padded = in + pad_before + pad_after;
    if (reach > padded) return false;
    const Role reach_role = dilation > 1 ? Role::KernelReach : kernel_role;
    int64_t result = ((padded - reach) + (ceil_mode ? stride - 1 : 0)) / stride + 1;
    if (ceil_mode && (result - 1) * stride >= in + pad_before) --result;
    SizeWorking w;
    w.pad_before = pad_before, w.pad_after = pad_after;
    w.formula.open(ceil_mode ? "⌈" : "⌊").open().num(in, Role::InputSize);
    if (pad_before > 0 || pad_after > 0) w.formula.op("+").num(pad_before, Role::None).op("+").num(pad_after, Role::None);
    w.formula.op("−").num(reach, reach_role).close().op("/").num(stride, Role::Stride).close(ceil_mode ? "⌉" : "⌋")
        .op("+").num(1, Role::None).equals(result);
    *out = w;
    *size = result;
    return true;
}

}  // namespace convlab
