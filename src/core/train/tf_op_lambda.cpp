// train/tf_op_lambda.cpp: a TFOpLambda row's passes (analysis/tf_op_lambda.h):
// a number the code wrote, added, subtracted, multiplied or divided into each
// value. Nothing is learned, so the backward pass only carries dy back through
// the derivative of that one operation. Reference: tf.math.add / subtract /
// multiply / truediv with one operand a Python number.
#include "core/train/layer_passes.h"

namespace convlab {

// x, y are (count) floats.
void tf_op_lambda_forward(const LayerSpec& s, const float* x, float* y, int64_t count) {
    const float c = float(s.scalar);
    switch (s.scalar_op) {
        case ScalarOp::Add:  // y = x + c
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] + c;
            break;
        case ScalarOp::Subtract:  // y = x − c, or c − x (+ and · commute)
            if (s.scalar_first) for (int64_t i = 0; i < count; ++i) y[i] = c - x[i];
            else for (int64_t i = 0; i < count; ++i) y[i] = x[i] - c;
            break;
        case ScalarOp::Multiply:  // y = x · c
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] * c;
            break;
        case ScalarOp::Divide:  // y = x / c (importers refuse c / x and x / 0)
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] / c;
            break;
        case ScalarOp::Count: break;
    }
}

// dy, dx are (count) floats.
void tf_op_lambda_backward(const LayerSpec& s, const float* dy, float* dx, int64_t count) {
    const float c = float(s.scalar);
    switch (s.scalar_op) {
        case ScalarOp::Add:  // dy/dx = 1
            for (int64_t i = 0; i < count; ++i) dx[i] = dy[i];
            break;
        case ScalarOp::Subtract:  // ±1
            if (s.scalar_first) for (int64_t i = 0; i < count; ++i) dx[i] = -dy[i];
            else for (int64_t i = 0; i < count; ++i) dx[i] = dy[i];
            break;
        case ScalarOp::Multiply:  // c
            for (int64_t i = 0; i < count; ++i) dx[i] = dy[i] * c;
            break;
        case ScalarOp::Divide:  // 1 / c
            for (int64_t i = 0; i < count; ++i) dx[i] = dy[i] / c;
            break;
        case ScalarOp::Count: break;
    }
}

}  // namespace convlab
