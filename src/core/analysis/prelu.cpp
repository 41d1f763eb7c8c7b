// analysis/prelu.cpp: PReLU is LeakyReLU with a learned slope, one per value of
// its input unless shared: alpha has the input's shape with each axis in
// shared_axes set to 1 (axes counted with the batch as 0). So on (H, W, C)
//   params = H·W·C, or C with shared_axes=[1, 2] (one slope per channel),
// all trainable. Reference: keras.io/api/layers/activation_layers/prelu.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_prelu(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                   Problem* problem) {
    Check c{spec, where, problem};
    if (!c.set_output(input, out)) return false;
    Formula& f = out->param_formula;
    int64_t params = 1;
    for (int i = 0; i < input.rank; ++i) {
        const bool shared = (spec.shared_axes >> (i + 1)) & 1u;
        const int64_t size = shared ? 1 : input.dim[i];
        if (i > 0) f.op("×");
        f.num(size, i + 1 == input.rank ? Role::Channels : Role::InputSize);
        params = checked_mul(params, size);
    }
    if (!c.count(params, MsgCode::ProblemParameterCount, input.to_string())) return false;
    f.equals(params);
    out->params = out->trainable = params;
    return true;
}

}  // namespace convlab
