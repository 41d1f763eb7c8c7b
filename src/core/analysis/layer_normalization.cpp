// analysis/layer_normalization.cpp: LayerNormalization normalises each
// example's values over the last axis (C), then scales by gamma and shifts by
// beta, one of each per channel, both learned. Unlike BatchNormalization it
// keeps no moving statistics, so
//   params = 2·C, all trainable (center=False drops beta, scale=False gamma).
// PyTorch's LayerNorm(normalized_shape) holds them for every value of the
// trailing dims it normalizes over (PyTorch's order, (C, H, W)):
//   params = 2·prod(normalized_shape)           (elementwise_affine=False: 0)
// Reference: keras.io/api/layers/normalization_layers/layer_normalization (axis=-1);
// torch.nn.LayerNorm (1.13).
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_layer_normalization(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                                 LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.set_output(input, out)) return false;
    const int64_t learned_per_channel = (spec.center ? 1 : 0) + (spec.scale ? 1 : 0);
    if (spec.normalized_dims > 0) {
        // PyTorch's order of an (H, W, C) shape is (C, H, W), of a (steps, C) one (C, L); normalized_shape is its last dims.
        const std::vector<int64_t> torch_order = input.rank == 3   ? std::vector<int64_t>{input.c(), input.h(), input.w()}
                                                 : input.rank == 2 ? std::vector<int64_t>{input.dim[1], input.dim[0]}
                                                                   : std::vector<int64_t>{input.dim[0]};
        if (size_t(spec.normalized_dims) > torch_order.size())
            return c.fail(MsgCode::ProblemNormalizedDims, Field::Axis,
                          {as_is(int64_t(spec.normalized_dims)), as_is(input.to_string()), as_is(int64_t(input.rank))});
        int64_t values = 1;
        Formula& f = out->param_formula;
        f.num(learned_per_channel, Role::None);
        for (size_t k = torch_order.size() - size_t(spec.normalized_dims); k < torch_order.size(); ++k) {
            values = checked_mul(values, torch_order[k]);
            f.op("×").num(torch_order[k], k == 0 && input.rank > 1 ? Role::Channels : Role::InputSize);
        }
        const int64_t params = checked_mul(values, learned_per_channel);
        if (!c.count(params, MsgCode::ProblemParameterCount, input.to_string())) return false;
        out->params = out->trainable = params;
        if (params > 0) f.equals(params);
        else f = Formula{};
        return true;
    }
    const int64_t ch = input.c();
    out->params = out->trainable = learned_per_channel * ch;  // ch ≤ kMaxCount: no overflow
    if (out->params > 0) out->param_formula.num(learned_per_channel, Role::None).op("×").num(ch, Role::Channels).equals(out->params);
    return true;
}

}  // namespace convlab
