// train/optimizer.h: SGD (with momentum and Nesterov), Adam, RMSprop and
// Adadelta, each written in optimizer.cpp as the update equations Keras applies
// per parameter. Adadelta comes in two named variants because Keras changed its
// default learning rate: "keras2.3" (multi-backend Keras ≤ 2.3, the seed's era,
// lr = 1.0) and "tf.keras" (lr = 0.001). Not learning-rate schedules, decay,
// clipping, AMSGrad or centered RMSprop. Reference: keras/optimizers.py (Keras 2.3).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/layer_spec.h"
#include "core/model/status.h"

namespace convlab {

enum class OptimizerKind : uint8_t { SGD, Adam, RMSprop, Adadelta };

struct OptimizerConfig {
    OptimizerKind kind = OptimizerKind::Adadelta;
    std::string name;              // as the CLI shows it: "Adadelta (keras2.3)"
    double learning_rate = 1.0;
    double momentum = 0.0;         // SGD
    bool nesterov = false;         // SGD
    double beta_1 = 0.9, beta_2 = 0.999;  // Adam
    double rho = 0.95;             // RMSprop 0.9, Adadelta 0.95
    double epsilon = 1e-7;         // Keras's K.epsilon()
};

// Keras's defaults for a name: "sgd", "adam", "rmsprop", "adadelta" (= the
// keras2.3 variant), "adadelta-keras2.3", "adadelta-tf" (tf.keras). Case and
// '_' / '-' are ignored, so Keras class names ("Adadelta", "RMSprop") work.
Result<OptimizerConfig> optimizer_from_name(const std::string& name);
// model.compile's optimizer and its arguments (learning_rate, rho, momentum,
// epsilon, beta_1, beta_2); an empty name gives the keras2.3 Adadelta.
Result<OptimizerConfig> optimizer_from_compile(const CompileSpec& compile);
// "Adadelta (keras2.3) lr=1 rho=0.95 epsilon=1e-07"
std::string optimizer_description(const OptimizerConfig& c);

// The per-parameter update rules. w, g and the slots are (count).
// SGD: slot v (velocity, unused without momentum).
void sgd_update(const OptimizerConfig& c, float* w, const float* g, float* v, int64_t count);
// Adam: slots m, v; t is the step number, starting at 1.
void adam_update(const OptimizerConfig& c, int64_t t, float* w, const float* g, float* m, float* v, int64_t count);
// RMSprop: slot a (the running mean of g²).
void rmsprop_update(const OptimizerConfig& c, float* w, const float* g, float* a, int64_t count);
// Adadelta: slots a (E[g²]) and d (E[Δx²]).
void adadelta_update(const OptimizerConfig& c, float* w, const float* g, float* a, float* d, int64_t count);

// An optimizer with its slots for `count` parameters.
struct Optimizer {
    OptimizerConfig config;
    int64_t step = 0;                  // updates applied so far (Keras's iterations)
    std::vector<float> slot1, slot2;   // zeros at the start, as in Keras
};
Optimizer optimizer_create(const OptimizerConfig& config, int64_t count);
int optimizer_slot_count(OptimizerKind kind);  // 0, 1 or 2 buffers the size of the parameters
// Starts a step: advances Optimizer::step (Adam's t).
void optimizer_begin_step(Optimizer* o);
// Updates parameters [offset, offset + count) of w with their gradients g.
void optimizer_update(Optimizer* o, float* w, const float* g, int64_t offset, int64_t count);

}  // namespace convlab
