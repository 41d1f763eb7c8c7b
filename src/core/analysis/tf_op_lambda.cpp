// analysis/tf_op_lambda.cpp: a TFOpLambda row (tf_op_lambda.h). Its number is
// part of the code, not a learned weight, so it counts 0 parameters; the
// operation works value by value, so the output keeps the input's shape.
#include "core/analysis/tf_op_lambda.h"

#include <cmath>

#include "core/analysis/checks.h"
#include "core/analysis/layer_analysers.h"
#include "core/io/json.h"

namespace convlab {

const char* tf_op_lambda_function(ScalarOp op) {
    switch (op) {
        case ScalarOp::Add: return "__operators__.add";  // Python's + goes through tf.__operators__.add
        case ScalarOp::Subtract: return "math.subtract";
        case ScalarOp::Multiply: return "math.multiply";
        case ScalarOp::Divide: return "math.truediv";
        case ScalarOp::Count: break;
    }
    return "";
}

bool parse_tf_op_lambda_function(const std::string& function, ScalarOp* out) {
    for (int k = 0; k < int(ScalarOp::Count); ++k)
        if (function == tf_op_lambda_function(ScalarOp(k))) {
            *out = ScalarOp(k);
            return true;
        }
    return false;
}

std::string tf_op_lambda_prefix(ScalarOp op) { return std::string("tf.") + tf_op_lambda_function(op); }

std::string tf_op_lambda_expression(const LayerSpec& spec, const std::string& x) {
    static const char* const kSymbols[] = {" + ", " - ", " * ", " / "};
    const char* symbol = spec.scalar_op < ScalarOp::Count ? kSymbols[size_t(spec.scalar_op)] : " ? ";
    std::string number = shortest_decimal(spec.scalar);
    if (number.find_first_of(".eEn") == std::string::npos) number += ".0";  // a Python float, as written
    return spec.scalar_first ? number + symbol + x : x + symbol + number;
}

bool tf_op_lambda_affine(const LayerSpec& spec, double* scale, double* offset) {
    const double c = spec.scalar;
    *scale = 1.0, *offset = 0.0;
    switch (spec.scalar_op) {
        case ScalarOp::Add: *offset = c; return true;
        case ScalarOp::Subtract:
            if (spec.scalar_first) *scale = -1.0, *offset = c;  // c - x
            else *offset = -c;
            return true;
        case ScalarOp::Multiply: *scale = c; return true;
        case ScalarOp::Divide:
            if (spec.scalar_first || c == 0.0) return false;  // c / x is not affine; x / 0 is no number
            *scale = 1.0 / c;
            return true;
        case ScalarOp::Count: break;
    }
    return false;
}

bool analyze_tf_op_lambda(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                          Problem* problem) {
    Check c{spec, where, problem};
    return c.set_output(input, out);
}

}  // namespace convlab
