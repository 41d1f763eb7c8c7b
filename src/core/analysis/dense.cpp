// analysis/dense.cpp: Dense connects every input feature to every unit, plus one
// bias per unit: params = (F + 1)·units (F·units without bias). On an (H, W, C)
// input Keras applies it to the last axis at every position: out (H, W, units),
// params (C + 1)·units. Reference: keras.io/api/layers/core_layers/dense.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_dense(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                   Problem* problem) {
    Check c{spec, where, problem};
    if (!c.size_in_range(spec.units, 1, Field::Units)) return false;
    const int64_t in = input.c(), units = spec.units;
    Shape shape = input;  // any rank: the last axis becomes units
    shape.dim[input.rank - 1] = units;
    if (!c.set_output(shape, out)) return false;

    int64_t weights = checked_mul(in, units);
    int64_t bias = spec.use_bias ? units : 0;
    out->params = checked_add(weights, bias);
    if (!c.count(out->params, MsgCode::ProblemParameterCount,
                 "(" + with_thousands(in) + " + " + (spec.use_bias ? "1" : "0") + ") × " + with_thousands(units)))
        return false;
    out->trainable = out->params;

    Formula& f = out->param_formula;
    if (spec.use_bias) f.open().num(in, Role::InFeatures).op("+").num(1, Role::Bias).close();
    else f.num(in, Role::InFeatures);
    f.op("×").num(units, Role::Units).equals(out->params);

    // MACs = F·units at each position (H·W for an image, steps for a sequence, else one).
    const int64_t positions = input.elements() / in;
    out->macs = checked_mul(positions, weights);
    if (!c.count(out->macs, MsgCode::ProblemMultiplyAddCount,
                 with_thousands(positions) + " × " + with_thousands(weights)))
        return false;

    if (spec.use_bias) {
        Formula no_bias;
        no_bias.num(in, Role::InFeatures).op("×").num(units, Role::Units).equals(weights);
        add_mistake(out, out->params, MistakeKind::ForgotBias, no_bias);
    }
    if (in != units) {
        Formula swapped;
        if (spec.use_bias) swapped.open().num(units, Role::Units).op("+").num(1, Role::Bias).close();
        else swapped.num(units, Role::Units);
        swapped.op("×").num(in, Role::InFeatures).equals(checked_mul(units + (spec.use_bias ? 1 : 0), in));
        add_mistake(out, out->params, MistakeKind::SwappedInOut, swapped);
    }
    return true;
}

}  // namespace convlab
