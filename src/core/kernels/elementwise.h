// kernels/elementwise.h: the training step's work outside the convolution and
// dense products, written with f32x4 (simd.h): ReLU and its backward, a
// product of two arrays (dropout), the running max of max pooling and its
// backward's routing, and the four optimizers' updates. Each has its reference
// twin (*_ref), the plain loop it replaces; both apply the same IEEE operations
// in the same order to each element, so their results are the same bits on
// every target (tests/core/kernels/test_elementwise.cpp). Before these, that
// part of the step ran as scalar loops: 5% of an epoch was the Adadelta update
// alone, 3% max-pool backward, 3% activation backward (the training issue's profile).
#pragma once
#include <cstdint>

namespace convlab {

// Makes every function below run its reference twin instead (false: the
// vector loops, the default). For `convlab bench`, which measures the
// training step both ways in one run; set it only while nothing trains.
void set_elementwise_reference(bool reference);
bool elementwise_reference();

// y = x > 0 ? x : 0   (NaN and −0 give +0)
void relu_forward(const float* x, float* y, int64_t n);
void relu_forward_ref(const float* x, float* y, int64_t n);
// dz = y > 0 ? dy : 0
void relu_backward(const float* y, const float* dy, float* dz, int64_t n);
void relu_backward_ref(const float* y, const float* dy, float* dz, int64_t n);
// out = a · b (dropout's mask, forward and backward)
void multiply(const float* a, const float* b, float* out, int64_t n);
void multiply_ref(const float* a, const float* b, float* out, int64_t n);
// y = std::max(y, x) = (y < x ? x : y), element by element (a pooling window's running max)
void max_into(float* y, const float* x, int64_t n);
void max_into_ref(float* y, const float* x, int64_t n);
// Max pooling's backward for one cell of a window, over n channels: where
// x == y and the channel is not routed yet, dx += dy and the channel is
// routed (routed: one flag per channel, 0 or 1). Called for the window's
// cells in row-major order, it sends each gradient to the first cell holding
// the max, as max_pooling2d.cpp's comment says.
void max_route(const float* x, const float* y, const float* dy, float* dx, float* routed, int64_t n);
void max_route_ref(const float* x, const float* y, const float* dy, float* dx, float* routed, int64_t n);

// The optimizers' updates over n weights (optimizer.cpp has the equations and
// their sources): lr, the rates and ε as float, already in the step's terms.
void sgd_step(float lr, float* w, const float* g, int64_t n);
void sgd_step_ref(float lr, float* w, const float* g, int64_t n);
void sgd_momentum_step(float lr, float mu, bool nesterov, float* w, const float* g, float* v, int64_t n);
void sgd_momentum_step_ref(float lr, float mu, bool nesterov, float* w, const float* g, float* v, int64_t n);
void adam_step(float lr_t, float b1, float b2, float eps, float* w, const float* g, float* m, float* v, int64_t n);
void adam_step_ref(float lr_t, float b1, float b2, float eps, float* w, const float* g, float* m, float* v, int64_t n);
void rmsprop_step(float lr, float rho, float eps, float* w, const float* g, float* a, int64_t n);
void rmsprop_step_ref(float lr, float rho, float eps, float* w, const float* g, float* a, int64_t n);
void adadelta_step(float lr, float rho, float eps, float* w, const float* g, float* a, float* d, int64_t n);
void adadelta_step_ref(float lr, float rho, float eps, float* w, const float* g, float* a, float* d, int64_t n);

}  // namespace convlab
