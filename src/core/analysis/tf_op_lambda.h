// tf_op_lambda.h: the TFOpLambda row tf.keras 2.4 to 2.15 prints for a Python
// operator between a tensor and a number: `x + 3.0` is a layer named
// tf.__operators__.add, `x * (1.0 / 6.0)` one named tf.math.multiply. No
// weights; the output has the input's shape. Reference: keras/layers/core/
// tf_op_layers.py (TFOpLambda, the name "tf." + the TF API symbol) and
// keras/engine/base_layer_utils's unique_object_name(zero_based=True).
// Not the passes: train/tf_op_lambda.cpp. Not tensor-with-tensor arithmetic,
// which ConvLab reads as Add, Subtract and Multiply layers.
#pragma once
#include <string>

#include "core/model/layer_spec.h"

namespace convlab {

// The TF API symbol after "tf.", as the saved config's "function" holds it:
// "__operators__.add", "math.subtract", "math.multiply", "math.truediv".
const char* tf_op_lambda_function(ScalarOp op);
// The reverse; false for any other symbol.
bool parse_tf_op_lambda_function(const std::string& function, ScalarOp* out);
// The prefix tf.keras numbers: "tf.math.multiply", then "tf.math.multiply_1".
std::string tf_op_lambda_prefix(ScalarOp op);
// The Python expression it stands for, on the tensor named `x`: "x * 0.5", "3.0 - x".
std::string tf_op_lambda_expression(const LayerSpec& spec, const std::string& x);
// y = x op scalar (or scalar op x) as y = x · scale + offset, which each one
// ConvLab reads is; false for c / x and x / 0, which importers refuse.
bool tf_op_lambda_affine(const LayerSpec& spec, double* scale, double* offset);

}  // namespace convlab
