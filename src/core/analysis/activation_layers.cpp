// analysis/activation_layers.cpp: the activation layers that take arguments:
// ReLU(max_value, negative_slope, threshold) (MobileNet's ReLU(6.0)),
// LeakyReLU(negative_slope), ELU(alpha), Softmax(axis=-1). Each works value by
// value: the shape is unchanged and nothing is learned. Keras refuses a
// negative max_value, negative_slope or threshold on ReLU, and a negative
// slope on LeakyReLU; ELU and Softmax have nothing to check, so the table
// analyses them as it does Activation (activation.cpp).
// Reference: keras.io/api/layers/activation_layers.
#include <cstdio>

#include "core/analysis/checks.h"

namespace convlab {

namespace {

bool at_least_zero(const Check& c, double v, Field field) {
    if (v >= 0.0) return true;  // written so that NaN fails too
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return c.fail(MsgCode::ProblemNotPositive, field, {as_is(text), as_is(int64_t(0))});
}

}  // namespace

bool analyze_relu(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                  Problem* problem) {
    Check c{spec, where, problem};
    if (spec.has_max_value && !at_least_zero(c, spec.max_value, Field::MaxValue)) return false;
    if (!at_least_zero(c, spec.negative_slope, Field::NegativeSlope)) return false;
    if (!at_least_zero(c, spec.threshold, Field::Threshold)) return false;
    return c.set_output(input, out);
}

bool analyze_leaky_relu(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                        Problem* problem) {
    Check c{spec, where, problem};
    if (!at_least_zero(c, spec.negative_slope, Field::NegativeSlope)) return false;
    return c.set_output(input, out);
}

}  // namespace convlab
