// train_test_helpers.h: what the training tests share: one layer analysed by
// summarize() (so tests use the same shapes and padding as training), seeded
// random buffers, and the central finite-difference gradient check.
#pragma once
#include <doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/analysis/model_summary.h"
#include "core/train/rng.h"

namespace convlab {
namespace test {

// The summary of `spec` applied to an input of `input` shape.
inline LayerSummary summarize_one(const LayerSpec& spec, const Shape& input) {
    ModelSpec m;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = input;
    m.layers.push_back(in);
    m.layers.push_back(spec);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(m, NamingStyle::Keras2, &s, &p), p.message);
    return s.layers.back();
}

inline std::vector<float> random_buffer(Rng* rng, int64_t count, float lo = -1.0f, float hi = 1.0f) {
    std::vector<float> v(static_cast<size_t>(count));
    for (float& x : v) x = rng_uniform_range(rng, lo, hi);
    return v;
}

// Σ y·r, the scalar whose gradient with respect to y is r.
inline double weighted_sum(const std::vector<float>& y, const std::vector<float>& r) {
    double s = 0.0;
    for (size_t i = 0; i < y.size(); ++i) s += double(y[i]) * r[i];
    return s;
}

// Checks analytic[i] against (L(v + h) − L(v − h)) / 2h for every i, where
// loss() recomputes L from the current contents of *v.
template <class Loss>
void check_gradient(const char* what, std::vector<float>* v, const std::vector<float>& analytic, Loss loss,
                    float h = 1e-2f, double tolerance = 2e-3) {
    REQUIRE(v->size() == analytic.size());
    for (size_t i = 0; i < v->size(); ++i) {
        const float saved = (*v)[i];
        (*v)[i] = saved + h;
        const double plus = loss();
        (*v)[i] = saved - h;
        const double minus = loss();
        (*v)[i] = saved;
        const double numeric = (plus - minus) / (2.0 * h);
        INFO(std::string(what) << "[" << i << "]: analytic " << analytic[i] << ", numeric " << numeric);
        CHECK(std::fabs(numeric - analytic[i]) <= tolerance * (1.0 + std::fabs(numeric)));
    }
}

}  // namespace test
}  // namespace convlab
