// kernels/elementwise.cpp: the loops of elementwise.h, four lanes at a time,
// and their reference twins. Every vector loop ends with its twin for the
// last n mod 4 elements, and computes each lane with the twin's operations in
// the twin's order (a·b·c as (a·b)·c, no fused multiply-add), so the two agree
// bit for bit.
#include "core/kernels/elementwise.h"

#include <atomic>
#include <cmath>

#include "core/kernels/simd.h"

namespace convlab {
namespace {
std::atomic<bool> g_reference{false};
}

void set_elementwise_reference(bool reference) { g_reference.store(reference, std::memory_order_relaxed); }
bool elementwise_reference() { return g_reference.load(std::memory_order_relaxed); }

void relu_forward_ref(const float* x, float* y, int64_t n) {
    for (int64_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

// A comparison gives all bits set where x > 0: and-ing keeps x there and
// leaves +0 elsewhere (NaN > 0 is false, as in the twin).
void relu_forward(const float* x, float* y, int64_t n) {
    if (elementwise_reference()) return relu_forward_ref(x, y, n);
    const f32x4 zero = f32x4_zero();
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const f32x4 v = f32x4_load(x + i);
        f32x4_store(y + i, f32x4_and(f32x4_gt(v, zero), v));
    }
    relu_forward_ref(x + i, y + i, n - i);
}

void relu_backward_ref(const float* y, const float* dy, float* dz, int64_t n) {
    for (int64_t i = 0; i < n; ++i) dz[i] = y[i] > 0.0f ? dy[i] : 0.0f;
}

void relu_backward(const float* y, const float* dy, float* dz, int64_t n) {
    if (elementwise_reference()) return relu_backward_ref(y, dy, dz, n);
    const f32x4 zero = f32x4_zero();
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) f32x4_store(dz + i, f32x4_and(f32x4_gt(f32x4_load(y + i), zero), f32x4_load(dy + i)));
    relu_backward_ref(y + i, dy + i, dz + i, n - i);
}

void multiply_ref(const float* a, const float* b, float* out, int64_t n) {
    for (int64_t i = 0; i < n; ++i) out[i] = a[i] * b[i];
}

void multiply(const float* a, const float* b, float* out, int64_t n) {
    if (elementwise_reference()) return multiply_ref(a, b, out, n);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) f32x4_store(out + i, f32x4_mul(f32x4_load(a + i), f32x4_load(b + i)));
    multiply_ref(a + i, b + i, out + i, n - i);
}

void max_into_ref(float* y, const float* x, int64_t n) {
    for (int64_t i = 0; i < n; ++i) y[i] = y[i] < x[i] ? x[i] : y[i];
}

// pmax is std::max's rule (y < x ? x : y), not IEEE maxNum: a NaN already in
// y stays, a NaN arriving in x does not replace y, as in the twin.
void max_into(float* y, const float* x, int64_t n) {
    if (elementwise_reference()) return max_into_ref(y, x, n);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) f32x4_store(y + i, f32x4_pmax(f32x4_load(y + i), f32x4_load(x + i)));
    max_into_ref(y + i, x + i, n - i);
}

void max_route_ref(const float* x, const float* y, const float* dy, float* dx, float* routed, int64_t n) {
    for (int64_t c = 0; c < n; ++c)
        if (routed[c] == 0.0f && x[c] == y[c]) {
            dx[c] += dy[c];
            routed[c] = 1.0f;
        }
}

// The four channels' "first cell holding the max" at once: a lane takes the
// gradient where this cell equals the max and no earlier cell did.
void max_route(const float* x, const float* y, const float* dy, float* dx, float* routed, int64_t n) {
    if (elementwise_reference()) return max_route_ref(x, y, dy, dx, routed, n);
    const f32x4 zero = f32x4_zero(), one = f32x4_splat(1.0f);
    int64_t c = 0;
    for (; c + 4 <= n; c += 4) {
        const f32x4 done = f32x4_load(routed + c);
        const f32x4 take = f32x4_andnot(f32x4_gt(done, zero), f32x4_eq(f32x4_load(x + c), f32x4_load(y + c)));
        const f32x4 d = f32x4_load(dx + c);
        f32x4_store(dx + c, f32x4_select(take, f32x4_add(d, f32x4_load(dy + c)), d));
        f32x4_store(routed + c, f32x4_select(take, one, done));
    }
    max_route_ref(x + c, y + c, dy + c, dx + c, routed + c, n - c);
}

// ---- Optimizers

void sgd_step_ref(float lr, float* w, const float* g, int64_t n) {
    for (int64_t i = 0; i < n; ++i) w[i] -= lr * g[i];
}

void sgd_step(float lr, float* w, const float* g, int64_t n) {
    if (elementwise_reference()) return sgd_step_ref(lr, w, g, n);
    const f32x4 l = f32x4_splat(lr);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) f32x4_store(w + i, f32x4_sub(f32x4_load(w + i), f32x4_mul(l, f32x4_load(g + i))));
    sgd_step_ref(lr, w + i, g + i, n - i);
}

void sgd_momentum_step_ref(float lr, float mu, bool nesterov, float* w, const float* g, float* v, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
        v[i] = mu * v[i] - lr * g[i];
        w[i] += nesterov ? mu * v[i] - lr * g[i] : v[i];
    }
}

void sgd_momentum_step(float lr, float mu, bool nesterov, float* w, const float* g, float* v, int64_t n) {
    if (elementwise_reference()) return sgd_momentum_step_ref(lr, mu, nesterov, w, g, v, n);
    const f32x4 l = f32x4_splat(lr), m = f32x4_splat(mu);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const f32x4 gi = f32x4_load(g + i);
        const f32x4 vi = f32x4_sub(f32x4_mul(m, f32x4_load(v + i)), f32x4_mul(l, gi));
        f32x4_store(v + i, vi);
        const f32x4 step = nesterov ? f32x4_sub(f32x4_mul(m, vi), f32x4_mul(l, gi)) : vi;
        f32x4_store(w + i, f32x4_add(f32x4_load(w + i), step));
    }
    sgd_momentum_step_ref(lr, mu, nesterov, w + i, g + i, v + i, n - i);
}

void adam_step_ref(float lr_t, float b1, float b2, float eps, float* w, const float* g, float* m, float* v, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
        m[i] = b1 * m[i] + (1.0f - b1) * g[i];
        v[i] = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
        w[i] -= lr_t * m[i] / (std::sqrt(v[i]) + eps);
    }
}

void adam_step(float lr_t, float b1, float b2, float eps, float* w, const float* g, float* m, float* v, int64_t n) {
    if (elementwise_reference()) return adam_step_ref(lr_t, b1, b2, eps, w, g, m, v, n);
    const f32x4 vb1 = f32x4_splat(b1), vb2 = f32x4_splat(b2), c1 = f32x4_splat(1.0f - b1), c2 = f32x4_splat(1.0f - b2);
    const f32x4 l = f32x4_splat(lr_t), e = f32x4_splat(eps);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const f32x4 gi = f32x4_load(g + i);
        const f32x4 mi = f32x4_add(f32x4_mul(vb1, f32x4_load(m + i)), f32x4_mul(c1, gi));
        const f32x4 vi = f32x4_add(f32x4_mul(vb2, f32x4_load(v + i)), f32x4_mul(f32x4_mul(c2, gi), gi));
        f32x4_store(m + i, mi);
        f32x4_store(v + i, vi);
        const f32x4 step = f32x4_div(f32x4_mul(l, mi), f32x4_add(f32x4_sqrt(vi), e));
        f32x4_store(w + i, f32x4_sub(f32x4_load(w + i), step));
    }
    adam_step_ref(lr_t, b1, b2, eps, w + i, g + i, m + i, v + i, n - i);
}

void rmsprop_step_ref(float lr, float rho, float eps, float* w, const float* g, float* a, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
        a[i] = rho * a[i] + (1.0f - rho) * g[i] * g[i];
        w[i] -= lr * g[i] / (std::sqrt(a[i]) + eps);
    }
}

void rmsprop_step(float lr, float rho, float eps, float* w, const float* g, float* a, int64_t n) {
    if (elementwise_reference()) return rmsprop_step_ref(lr, rho, eps, w, g, a, n);
    const f32x4 r = f32x4_splat(rho), c = f32x4_splat(1.0f - rho), l = f32x4_splat(lr), e = f32x4_splat(eps);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const f32x4 gi = f32x4_load(g + i);
        const f32x4 ai = f32x4_add(f32x4_mul(r, f32x4_load(a + i)), f32x4_mul(f32x4_mul(c, gi), gi));
        f32x4_store(a + i, ai);
        const f32x4 step = f32x4_div(f32x4_mul(l, gi), f32x4_add(f32x4_sqrt(ai), e));
        f32x4_store(w + i, f32x4_sub(f32x4_load(w + i), step));
    }
    rmsprop_step_ref(lr, rho, eps, w + i, g + i, a + i, n - i);
}

void adadelta_step_ref(float lr, float rho, float eps, float* w, const float* g, float* a, float* d, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
        a[i] = rho * a[i] + (1.0f - rho) * g[i] * g[i];
        const float update = g[i] * std::sqrt(d[i] + eps) / std::sqrt(a[i] + eps);
        w[i] -= lr * update;
        d[i] = rho * d[i] + (1.0f - rho) * update * update;
    }
}

void adadelta_step(float lr, float rho, float eps, float* w, const float* g, float* a, float* d, int64_t n) {
    if (elementwise_reference()) return adadelta_step_ref(lr, rho, eps, w, g, a, d, n);
    const f32x4 r = f32x4_splat(rho), c = f32x4_splat(1.0f - rho), l = f32x4_splat(lr), e = f32x4_splat(eps);
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const f32x4 gi = f32x4_load(g + i);
        const f32x4 ai = f32x4_add(f32x4_mul(r, f32x4_load(a + i)), f32x4_mul(f32x4_mul(c, gi), gi));
        f32x4_store(a + i, ai);
        const f32x4 di = f32x4_load(d + i);
        const f32x4 update =
            f32x4_div(f32x4_mul(gi, f32x4_sqrt(f32x4_add(di, e))), f32x4_sqrt(f32x4_add(ai, e)));
        f32x4_store(w + i, f32x4_sub(f32x4_load(w + i), f32x4_mul(l, update)));
        f32x4_store(d + i, f32x4_add(f32x4_mul(r, di), f32x4_mul(f32x4_mul(c, update), update)));
    }
    adadelta_step_ref(lr, rho, eps, w + i, g + i, a + i, d + i, n - i);
}

}  // namespace convlab
