// train/network.h: a trainable model built from a ModelSpec. Shapes come from
// summarize(); every buffer (weights, gradients, optimizer slots, activations)
// is allocated once for the batch size; weights sit in one flat array in
// Keras's order (per layer: kernel HWIO, then bias; BatchNormalization gamma,
// beta, moving_mean, moving_variance), ready for export. A Sequential model's
// layers run as a chain; a Functional model's calls run in the order
// summarize() found (each after the calls it reads), and its backward pass
// sums the gradients of a tensor read more than once. Loss: softmax +
// categorical cross-entropy (loss.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/model_summary.h"
#include "core/model/status.h"
#include "core/train/optimizer.h"
#include "core/train/rng.h"
#include "core/train/tensor.h"

namespace convlab {

// What a browser tab can afford for training: weights, gradients, optimizer
// slots and the batch's activations together.
constexpr int64_t kTrainingMemoryBudgetBytes = int64_t(1024) << 20;  // 1 GiB

struct NetworkOptions {
    int64_t batch_size = 32;
    uint64_t seed = 1;  // weights (glorot_uniform) and dropout masks
    OptimizerConfig optimizer;
    int64_t memory_budget_bytes = kTrainingMemoryBudgetBytes;
};

// The weight arrays a layer can have. Kernels are always there for the
// kinds that have them; Bias only with use_bias, Gamma only with scale, Beta
// only with center (BatchNormalization), so "no bias" is the layer's flag,
// never a lookup that came back empty.
enum class WeightSlot : uint8_t {
    Kernel, DepthwiseKernel, PointwiseKernel, Bias, Gamma, Beta, MovingMean, MovingVariance, Alpha,
    Mean, Variance, SampleCount,  // Normalization's adapt() statistics
    Count
};
// Keras's name of the slot's weights: "kernel", "depthwise_kernel",
// "pointwise_kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance", "alpha",
// "mean", "variance", "count"
// (the TF.js export's weight names, "<layer>/<name>").
const char* weight_slot_keras_name(WeightSlot slot);
constexpr int kNoBlock = -1;

// One weight array of one layer, as Keras names and shapes it.
struct ParamBlock {
    int layer = 0;            // index in Network::layers
    WeightSlot slot = WeightSlot::Kernel;
    int rank = 1;
    int64_t dims[4] = {0, 0, 0, 0};  // Keras's shape: (Kh,Kw,Cin,Cout), (F,units), (C)
    int64_t offset = 0, count = 0;   // where it sits in Network::params
    bool trainable = true;           // false: BatchNormalization's moving statistics
};

// The training memory of a model at a batch size, in bytes, by kind.
struct TrainingMemory {
    int64_t weights = 0, gradients = 0, optimizer_slots = 0, activations = 0;
    int64_t total() const { return weights + gradients + optimizer_slots + activations; }
};

// One call of a layer (a Sequential model: one layer).
struct NetLayer {
    LayerSpec spec;
    LayerSummary summary;     // this call's input and output shapes
    Activation activation = Activation::Linear;  // activation= (or the Activation layer's)
    int64_t in_size = 0, out_size = 0;           // floats per example
    Tensor out;      // (batch, output shape): the layer's output after its activation
    Tensor saved;    // what backward needs: dropout mask, BN x̂, separable's depthwise output
    Tensor saved2;   // BN 1/√(var+ε) per channel; separable's gradient scratch
    Tensor pre;      // the output before its activation, for swish and gelu (activation_needs_input)
    int first_block = 0, block_count = 0;        // in Network::blocks
    int block_of[size_t(WeightSlot::Count)];     // each slot's index in Network::blocks, or kNoBlock
    // Where the inputs come from: indices in Network::layers, -1 for the
    // network's input. A Sequential model's layer i reads layer i − 1.
    std::vector<int> inputs;
    std::vector<Shape> input_shapes;  // per input (a merge has several)
    bool shared = false;   // the layer is called more than once: its weight gradients add up
    bool owns_blocks = true;  // false for a shared layer's later calls, which use the first call's blocks
    // Functional models: the gradient of `out`, summed over the calls that read
    // it, lives in Network::dout_pool[dout_buffer] from the backward step of its
    // last reader until its own step; buffers are shared between calls whose
    // spans do not overlap (plan_gradient_buffers in network.cpp).
    int dout_buffer = -1;
    std::vector<int> zero_douts;  // the calls whose gradient span starts at this call's backward step
};

struct Network {
    ModelSummary summary;
    std::vector<NetLayer> layers;
    int64_t batch = 0;      // the batch size buffers were allocated for
    int64_t classes = 0;    // K, the last layer's units
    int64_t input_size = 0; // floats per example
    Tensor input;           // (batch, input shape)
    Tensor logits;          // (batch, K): the last layer before its softmax
    Tensor grad_a, grad_b;  // gradient ping-pong, (batch, largest layer); a graph's dx scratch is grad_a
    bool graph = false;     // a Functional model: backward through NetLayer::dout
    std::vector<float> grads_scratch;  // a shared layer's weight gradients, before they are added
    std::vector<Tensor> dout_pool;     // Functional: the output-gradient buffers the calls share
    std::vector<float> conv_scratch;  // the convolution kernels' workspace, shared by every layer
    std::vector<float> params, grads, params_before_step;
    std::vector<float> grad_sum;      // network_train_piece's running sum over a batch's pieces
    std::vector<ParamBlock> blocks;
    Optimizer optimizer;
    Rng dropout_rng;
    int64_t steps = 0;      // successful updates
    TrainingMemory memory;
};

// Summarises, checks the loss (softmax + categorical cross-entropy), the
// memory budget and allocates. Fails with a message naming the constraint.
Status network_build(const ModelSpec& model, const NetworkOptions& options, Network* out);

// The first call of ModelSpec layer `model_layer` in Network::layers, or -1
// (an InputLayer, or a layer the model leaves out). In a Sequential model
// without an InputLayer it is the layer's own index; in a graph it is not.
int network_call_of_layer(const Network& net, int model_layer);

// The memory network_build allocates for `summary` at `batch` with `optimizer`.
TrainingMemory training_memory(const ModelSpec& model, const ModelSummary& summary, int64_t batch,
                               OptimizerKind optimizer);

// x is (n, input shape), n ≤ batch. training: dropout masks drawn, BN uses the
// batch statistics and updates its moving averages. Afterwards
// network_probabilities() holds (n, K).
void network_forward(Network* net, const float* x, int64_t n, bool training);
const float* network_probabilities(const Network& net);  // the last layer's output

// Mean softmax cross-entropy of the last forward against labels (n), computed
// from the logits. Also rewrites the probabilities from the logits.
double network_loss(Network* net, const int32_t* labels, int64_t n);
// Gradients of the mean loss for every trainable weight (into Network::grads).
void network_backward(Network* net, const int32_t* labels, int64_t n);
// One optimizer update of every trainable block; keeps a copy of the weights
// from before it. Fails (and restores that copy) if a weight became NaN or Inf.
Status network_update(Network* net);

struct StepStats {
    double loss = 0.0;
    int64_t correct = 0;  // training-mode predictions equal to the label
};
// forward (training) + loss + backward + update, with the numerical guard: a
// NaN or infinite loss stops training with a message and restores the weights
// from before the step that caused it.
Status network_train_batch(Network* net, const float* x, const int32_t* labels, int64_t n, StepStats* stats);

// One batch in pieces, for a caller that cannot wait for a whole batch (the
// page trains in slices of a frame). network_train_piece runs forward, the
// loss guard and backward on n of the batch's `total` examples and adds n/total
// of their gradients to Network::grad_sum; network_finish_batch then applies
// one update with that sum, the gradient of the mean loss over the whole batch:
//   g = Σ_pieces (n_p / total) · ∇ mean_p(loss)
// The same update as network_train_batch up to rounding, except for
// BatchNormalization, whose batch statistics come from each piece (give such
// models the whole batch as one piece). n ≤ Network::batch.
Status network_train_piece(Network* net, const float* x, const int32_t* labels, int64_t n, int64_t total,
                           StepStats* stats);
Status network_finish_batch(Network* net);

}  // namespace convlab
