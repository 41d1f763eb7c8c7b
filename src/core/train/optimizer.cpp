// train/optimizer.cpp: the update rules, each as the paper's equations with
// Keras's choices (where ε sits, the learning-rate multiplier). Reference:
// keras-team/keras keras/optimizers.py (2.3; tf.keras's optimizer_v2 and TF's
// training_ops apply the same equations for SGD, Adam and Adadelta, but not for
// RMSprop, see there), and the papers cited above each rule.
#include "core/train/optimizer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "core/kernels/elementwise.h"
#include "core/parallel/thread_pool.h"

namespace convlab {
namespace {

std::string normalized(const std::string& s) {
    std::string out;
    for (char ch : s)
        if (ch != '_' && ch != '-' && ch != '.' && ch != ' ')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

}  // namespace

Result<OptimizerConfig> optimizer_from_name(const std::string& name) {
    const std::string n = normalized(name);
    OptimizerConfig c;
    if (n == "sgd") {
        c.kind = OptimizerKind::SGD; c.name = "SGD"; c.learning_rate = 0.01;
    } else if (n == "adam") {
        c.kind = OptimizerKind::Adam; c.name = "Adam"; c.learning_rate = 0.001;
    } else if (n == "rmsprop") {
        c.kind = OptimizerKind::RMSprop; c.name = "RMSprop"; c.learning_rate = 0.001; c.rho = 0.9;
    } else if (n == "adadelta" || n == "adadeltakeras23" || n == "adadeltakeras2") {
        c.kind = OptimizerKind::Adadelta; c.name = "Adadelta (keras2.3)"; c.learning_rate = 1.0; c.rho = 0.95;
    } else if (n == "adadeltatf" || n == "adadeltatfkeras") {
        c.kind = OptimizerKind::Adadelta; c.name = "Adadelta (tf.keras)"; c.learning_rate = 0.001; c.rho = 0.95;
    } else {
        return Result<OptimizerConfig>::fail("unknown optimizer '" + name +
                                             "': choose sgd, adam, rmsprop, adadelta (Keras 2.3, lr 1.0) "
                                             "or adadelta-tf (tf.keras, lr 0.001)");
    }
    return Result<OptimizerConfig>::success(c);
}

Result<OptimizerConfig> optimizer_from_compile(const CompileSpec& compile) {
    Result<OptimizerConfig> r = optimizer_from_name(compile.optimizer.empty() ? "adadelta" : compile.optimizer);
    if (!r.ok()) return r;
    for (const auto& arg : compile.optimizer_args) {
        const std::string& k = arg.first;
        const double v = arg.second;
        if (k == "learning_rate") r.value.learning_rate = v;
        else if (k == "rho") r.value.rho = v;
        else if (k == "momentum") r.value.momentum = v;
        else if (k == "epsilon") r.value.epsilon = v;
        else if (k == "beta_1") r.value.beta_1 = v;
        else if (k == "beta_2") r.value.beta_2 = v;
        else if (k == "nesterov") r.value.nesterov = v != 0.0;
    }
    return r;
}

std::string optimizer_description(const OptimizerConfig& c) {
    char buf[192];
    switch (c.kind) {
        case OptimizerKind::SGD:
            std::snprintf(buf, sizeof buf, "%s lr=%g momentum=%g%s", c.name.c_str(), c.learning_rate, c.momentum,
                          c.nesterov ? " nesterov" : "");
            break;
        case OptimizerKind::Adam:
            std::snprintf(buf, sizeof buf, "%s lr=%g beta_1=%g beta_2=%g epsilon=%g", c.name.c_str(),
                          c.learning_rate, c.beta_1, c.beta_2, c.epsilon);
            break;
        case OptimizerKind::RMSprop:
        case OptimizerKind::Adadelta:
            std::snprintf(buf, sizeof buf, "%s lr=%g rho=%g epsilon=%g", c.name.c_str(), c.learning_rate, c.rho,
                          c.epsilon);
            break;
    }
    return buf;
}

// SGD with momentum μ (Polyak 1964; Nesterov as Sutskever et al. 2013 rewrite it):
//   v ← μ·v − lr·g
//   w ← w + v                    (momentum)
//   w ← w + μ·v − lr·g           (nesterov, with the new v)
//   w ← w − lr·g                 (μ = 0)
// The loops themselves are kernels/elementwise.cpp's, four weights at a time.
void sgd_update(const OptimizerConfig& c, float* w, const float* g, float* v, int64_t count) {
    const float lr = static_cast<float>(c.learning_rate), mu = static_cast<float>(c.momentum);
    if (mu <= 0.0f) sgd_step(lr, w, g, count);
    else sgd_momentum_step(lr, mu, c.nesterov, w, g, v, count);
}

// Adam (Kingma & Ba 2015, Algorithm 1 with the bias corrections folded into the step):
//   m ← β1·m + (1 − β1)·g
//   v ← β2·v + (1 − β2)·g²
//   lr_t = lr · √(1 − β2^t) / (1 − β1^t)
//   w ← w − lr_t · m / (√v + ε)
// so ε is the paper's ε̂ (section 2); PyTorch adds its ε to √v̂ = √v / √(1 − β2^t)
// instead, which is this rule with ε̂ = ε·√(1 − β2^t), a different value each step.
void adam_update(const OptimizerConfig& c, int64_t t, float* w, const float* g, float* m, float* v, int64_t count) {
    const double td = static_cast<double>(t);
    const float lr_t = static_cast<float>(c.learning_rate * std::sqrt(1.0 - std::pow(c.beta_2, td)) /
                                          (1.0 - std::pow(c.beta_1, td)));
    adam_step(lr_t, static_cast<float>(c.beta_1), static_cast<float>(c.beta_2), static_cast<float>(c.epsilon), w, g, m,
              v, count);
}

// RMSprop (Tieleman & Hinton 2012, lecture 6e), without momentum:
//   a ← ρ·a + (1 − ρ)·g²
//   w ← w − lr · g / (√a + ε)
// ε outside the root as Keras 2.3 and PyTorch have it; tf.keras 2 (TF's
// ApplyRMSProp) and Keras 3 divide by √(a + ε), which differs once √a nears ε.
void rmsprop_update(const OptimizerConfig& c, float* w, const float* g, float* a, int64_t count) {
    rmsprop_step(static_cast<float>(c.learning_rate), static_cast<float>(c.rho), static_cast<float>(c.epsilon), w, g, a,
                 count);
}

// Adadelta (Zeiler 2012, Algorithm 1), with Keras's learning-rate multiplier:
//   E[g²] ← ρ·E[g²] + (1 − ρ)·g²
//   Δx = − √(E[Δx²] + ε) / √(E[g²] + ε) · g      (the old E[Δx²], the new E[g²])
//   w ← w + lr·Δx                                 (Zeiler: lr = 1)
//   E[Δx²] ← ρ·E[Δx²] + (1 − ρ)·Δx²               (Δx before the lr multiplier)
void adadelta_update(const OptimizerConfig& c, float* w, const float* g, float* a, float* d, int64_t count) {
    adadelta_step(static_cast<float>(c.learning_rate), static_cast<float>(c.rho), static_cast<float>(c.epsilon), w, g, a,
                  d, count);
}

int optimizer_slot_count(OptimizerKind kind) {
    switch (kind) {
        case OptimizerKind::SGD: return 1;
        case OptimizerKind::Adam: return 2;
        case OptimizerKind::RMSprop: return 1;
        case OptimizerKind::Adadelta: return 2;
    }
    return 0;
}

Optimizer optimizer_create(const OptimizerConfig& config, int64_t count) {
    Optimizer o;
    o.config = config;
    const int slots = optimizer_slot_count(config.kind);
    const bool sgd_without_momentum = config.kind == OptimizerKind::SGD && config.momentum <= 0.0;
    if (slots >= 1 && !sgd_without_momentum) o.slot1.assign(static_cast<size_t>(count), 0.0f);
    if (slots >= 2) o.slot2.assign(static_cast<size_t>(count), 0.0f);
    return o;
}

void optimizer_begin_step(Optimizer* o) { ++o->step; }

// Every weight's update reads only its own gradient and slots, so threads take
// runs of weights and the result does not depend on how many there are.
void optimizer_update(Optimizer* o, float* w, const float* g, int64_t offset, int64_t count) {
    constexpr int64_t run = 16384;  // weights per task: a few µs of work each, well above a task's cost
    parallel_for((count + run - 1) / run, 8.0 * double(count), [&](int64_t t) {
        const int64_t at = offset + t * run, n = std::min(run, count - t * run);
        float* s1 = o->slot1.empty() ? nullptr : o->slot1.data() + at;
        float* s2 = o->slot2.empty() ? nullptr : o->slot2.data() + at;
        switch (o->config.kind) {
            case OptimizerKind::SGD: sgd_update(o->config, w + at, g + at, s1, n); break;
            case OptimizerKind::Adam: adam_update(o->config, o->step, w + at, g + at, s1, s2, n); break;
            case OptimizerKind::RMSprop: rmsprop_update(o->config, w + at, g + at, s1, n); break;
            case OptimizerKind::Adadelta: adadelta_update(o->config, w + at, g + at, s1, s2, n); break;
        }
    });
}

}  // namespace convlab
