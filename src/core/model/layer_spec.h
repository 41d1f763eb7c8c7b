// layer_spec.h: what the learner (or an importer) says a layer is, in Keras's
// own terms: Conv2D(filters, kernel_size, strides, padding, ...). A LayerSpec is
// plain data: it knows no shapes and no weights. analysis.h says what it means.
// Reference: keras.io/api/layers (Keras 2 / Keras 3 agree on every field here).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/model/shape.h"

namespace convlab {

// Every kind of layer ConvLab knows. Each has one file in src/core/analysis/.
enum class LayerKind : uint8_t {
    InputLayer, Conv2D, DepthwiseConv2D, SeparableConv2D, MaxPooling2D,
    AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, ZeroPadding2D,
    Flatten, Dense, Dropout, BatchNormalization, Activation,
    // Merges: several inputs of one shape (Concatenate: equal but for its axis)
    // become one. Functional models only; appended so older links keep their codes.
    Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate,
    // Layers real CNNs use beside the seed's: activation layers with their own
    // arguments, preprocessing and reshaping, upsampling. Not in v1 links.
    ReLU, LeakyReLU, ELU, Softmax, Rescaling, Reshape, UpSampling2D, Cropping2D, SpatialDropout2D,
    PReLU, LayerNormalization,
    // Over (steps, C) sequences; each runs as its 2D twin (analysis/sequence_layers.cpp).
    Conv1D, MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D,
    // A U-Net's learned upsampling, an axis reorder, and the preprocessing
    // layer whose statistics come from adapt().
    Conv2DTranspose, Permute, Normalization,
    // A whole model used as a layer (transfer learning's base, a Sequential
    // block called in a Functional graph): LayerSpec::nested holds it.
    Model,
    // tf.keras 2.4+'s row for a Python operator between a tensor and a number
    // (x + 3.0, x * (1.0 / 6.0)): LayerSpec::scalar_op, scalar, scalar_first.
    TFOpLambda,
    Count
};

enum class Padding : uint8_t { Valid, Same };
// The operator of a TFOpLambda row, named as tf.keras names the layer:
// tf.__operators__.add, tf.math.subtract, tf.math.multiply, tf.math.truediv.
enum class ScalarOp : uint8_t { Add, Subtract, Multiply, Divide, Count };
// Appended ones keep older links' codes. Swish is Keras 3's silu; HardSwish is
// Keras 3's hard_silu. HardSigmoid is Keras 3's relu6(x + 3) / 6 (Keras 2 and
// TF.js used 0.2·x + 0.5; the shapes and counts are the same, training follows Keras 3).
enum class Activation : uint8_t { Linear, Relu, Sigmoid, Tanh, Softmax, Elu, Swish, Gelu, HardSigmoid, HardSwish, Count };

// The fields a layer can have. A kind lists the ones it reads (layer_kind.h), so
// importers, exporters and the editor treat every kind alike.
enum class Field : uint8_t {
    Filters, Units, DepthMultiplier, KernelSize, PoolSize, Strides, Padding,
    DilationRate, ZeroPadding, UseBias, Activation, Rate, Center, Scale,
    Momentum, Epsilon, InputShape, Name,
    // Keras arguments ConvLab accepts only at the value it supports, so a
    // positional argument list still lines up: data_format='channels_last',
    // groups=1, axis=-1 (or 3), noise_shape=None.
    DataFormat, Groups, Axis, NoiseShape,
    // ReLU(max_value, negative_slope, threshold), LeakyReLU(negative_slope;
    // Keras 2's alpha), ELU(alpha), Rescaling(scale, offset), Reshape(target_shape),
    // the global poolings' keepdims, UpSampling2D(size, interpolation), Cropping2D(cropping).
    MaxValue, NegativeSlope, Threshold, Alpha, RescaleScale, Offset, TargetShape, Keepdims, Size, Interpolation,
    Cropping, SharedAxes,
    // Conv2DTranspose(output_padding), Permute(dims).
    OutputPadding, Dims,
    Count
};

struct Pair {
    int64_t h = 1, w = 1;
    bool operator==(const Pair& o) const { return h == o.h && w == o.w; }
};

// One tensor of a Functional model: the output `tensor` of call `call` of the
// layer at index `layer` in ModelSpec::layers. Keras writes the same triple as
// [name, node_index, tensor_index]; every layer ConvLab knows has one output,
// so tensor is 0 (kept so a summary can print Keras's "name[0][0]").
struct TensorRef {
    int layer = -1;
    int call = 0;
    int tensor = 0;
    bool operator==(const TensorRef& o) const { return layer == o.layer && call == o.call && tensor == o.tensor; }
};

struct ModelSpec;

// Whose code a model came from, and so whose rules count it.
enum class Dialect : uint8_t { Keras, PyTorch };

// One row of torchinfo's table: a module call in forward order, containers
// included. layer: the ModelSpec layer a leaf module is (-1 for a container);
// output: the shape as PyTorch prints it, batch first ((N, C, H, W)), empty
// when the module is never called.
struct TorchRow {
    std::string name;        // attribute path: "layer2.0.conv1"
    std::string class_name;  // PyTorch's: "Conv2d", or the script's class
    int depth = 0;           // 0: the model itself
    int depth_index = 0;     // torchinfo's idx: counted per depth across the model, from 1
    int layer = -1;
    bool recursive = false;  // a module called again (its weights counted once)
    std::vector<int64_t> input, output;  // the first tensor in and the tensor out, batch first
    std::vector<int> leaves;  // a container: every row under it, leaves and containers (indices into torch_rows)
    // torchinfo's Kernel Shape: the module's kernel_size as PyTorch stores it,
    // "[5, 5]" for a convolution (always a tuple), "2" for MaxPool2d(2) (kept as
    // written); empty for a module without one.
    std::string kernel_size;
    // The module's own nn.Parameter attributes (a class token, a learned
    // scale), not its children's: torchinfo counts them on this row.
    int64_t own_params = 0, own_trainable = 0;
};

// A module assigned on the model that forward() never called in eval mode
// (Inception's auxiliary heads, used only `if self.training`). PyTorch's
// parameters() still holds its weights, so the totals count them; torchinfo
// 1.8 gives it no row of its own: its parameters are the "leftover" of the
// nearest module that has a row (`row`, an index into torch_rows).
struct TorchUncalled {
    std::string name;        // attribute path: "aux1"
    std::string class_name;  // "InceptionAux", "Sequential"
    int64_t params = 0, trainable = 0;
    int row = 0;
};

struct LayerSpec {
    LayerKind kind = LayerKind::Dense;
    std::string name;               // as written (name=...); empty: numbered like Keras
    int64_t filters = 0;            // Conv2D, SeparableConv2D: Cout
    int64_t units = 0;              // Dense
    int64_t depth_multiplier = 1;   // DepthwiseConv2D, SeparableConv2D
    Pair kernel{3, 3};              // kernel_size; for poolings this holds pool_size
    Pair strides{1, 1};             // poolings: Keras's strides=None means pool_size,
                                    // importers and make_layer write that out explicitly
    Pair dilation{1, 1};            // dilation_rate
    Padding padding = Padding::Valid;
    int64_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;  // ZeroPadding2D adds these, Cropping2D removes them
    bool use_bias = true;
    Activation activation = Activation::Linear;
    double rate = 0.0;              // Dropout
    bool center = true, scale = true;            // BatchNormalization
    double momentum = 0.99, epsilon = 1e-3;      // BatchNormalization (Keras defaults)
    Shape input_shape;              // InputLayer's shape, or input_shape= on a first layer
    int64_t axis = -1;              // Concatenate: the axis joined, counting the batch axis as 0 (Keras's);
                                    // Normalization: -1 (per channel), or 0 for Keras's axis=None (one mean)
    bool has_max_value = false;     // ReLU: max_value=None unless set
    double max_value = 0.0;
    double negative_slope = 0.0;    // ReLU (default 0), LeakyReLU (default 0.3)
    double threshold = 0.0;         // ReLU
    double alpha = 1.0;             // ELU
    double rescale = 1.0, offset = 0.0;  // Rescaling: y = x · scale + offset
    Shape target_shape;             // Reshape, without the batch axis; a size of -1 is inferred
    bool keepdims = false;          // GlobalAveragePooling2D / GlobalMaxPooling2D: (1, 1, C) instead of (C)
    Pair size{2, 2};                // UpSampling2D
    bool bilinear = false;          // UpSampling2D interpolation: "nearest" (false) or "bilinear"
    Pair resize{0, 0};              // UpSampling2D as PyTorch's Upsample(size=...) or a fractional
                                    // scale_factor (floor(in·scale)): the output's H and W; 0: in·size
    uint8_t shared_axes = 0;        // PReLU: bit i set when axis i (the batch is 0) shares one slope
    bool has_output_padding = false;  // Conv2DTranspose: output_padding=None unless set, which
    Pair output_padding{0, 0};        // changes the size rule (analysis/conv2d_transpose.cpp)
    Shape dims;                     // Permute: the input axis (1-based, the batch is 0) each output axis takes
    ScalarOp scalar_op = ScalarOp::Add;  // TFOpLambda: y = x op scalar, or scalar op x when scalar_first
    double scalar = 0.0;                 // (3.0 - x); a number written in the code, not a weight
    bool scalar_first = false;
    bool trainable = true;          // false: its weights count as non-trainable and are not updated
    // A PyTorch module or functional op (import_torch_python.h): BatchNorm's
    // running statistics are buffers, not parameters; Conv2d and the poolings
    // pad by pad_top..pad_right as written (padding='same' aside), with ceil_mode.
    bool pytorch = false;
    bool ceil_mode = false;
    // Conv2d, Conv1d and ConvTranspose2d(groups=G): the channels split into G
    // groups, each output channel seeing only its group's Cin / G inputs, so the
    // weights shrink G-fold. 1 everywhere else (Keras's Conv2D reads only 1).
    int64_t groups = 1;
    // LayerNormalization as PyTorch's LayerNorm: how many trailing dims of
    // (C, H, W) its normalized_shape covers, with a weight and bias for each
    // value there; 0: per channel (Keras's axis=-1, and PyTorch's GroupNorm).
    int normalized_dims = 0;
    // LayerKind::Model: the model this layer is (Sequential or Functional), shared
    // and immutable, so copying a LayerSpec never copies a network.
    std::shared_ptr<const ModelSpec> nested;
    // Functional models only: one entry per call of the layer (Keras's
    // inbound_nodes), each the tensors that call receives, in order. A layer
    // called twice shares its weights. Empty in a Sequential model, and for an
    // InputLayer, which is called by nobody.
    std::vector<std::vector<TensorRef>> calls;
};

// model.compile(loss=..., optimizer=...), kept for training.
struct CompileSpec {
    std::string loss;                                    // e.g. "categorical_crossentropy"
    std::string optimizer;                               // e.g. "Adadelta", "adam"
    std::vector<std::pair<std::string, double>> optimizer_args;  // e.g. {"learning_rate", 1.0}
};

// A model. Sequential (functional == false): the layers are a chain in order,
// and the input shape is the InputLayer's or the first layer's input_shape.
// Functional (keras.Model(inputs, outputs)): a directed acyclic graph whose
// edges are the layers' calls; inputs are InputLayers, outputs any tensors.
struct ModelSpec {
    std::vector<LayerSpec> layers;
    CompileSpec compile;
    bool functional = false;
    std::string name;                 // config.name ("model", "functional_1"); may be empty
    std::vector<TensorRef> inputs;    // Functional: config.input_layers, in order
    std::vector<TensorRef> outputs;   // Functional: config.output_layers, in order
    // Functional code: the layers (indices into `layers`) in the order the code
    // made them, the order Keras numbers unnamed ones in (conv2d, conv2d_1);
    // empty: the order of `layers`.
    std::vector<int> creation_order;
    // PyTorch code (import_torch_python.h): the layers above are its leaf
    // modules and the tensor ops of forward(), a Functional graph in NHWC;
    // these rows are the module tree torchinfo prints, the input size as given.
    Dialect dialect = Dialect::Keras;
    std::vector<TorchRow> torch_rows;
    std::vector<TorchUncalled> torch_uncalled;  // outermost uncalled modules only, in named_modules() order
    std::vector<int64_t> torch_input_size;
};

// A layer of `kind` with Keras's defaults where Keras has them (pool_size 2x2,
// strides = pool_size, use_bias, momentum 0.99, epsilon 1e-3) and the editor's
// starting values where Keras requires an argument (32 filters, 3x3 kernel,
// 128 units, rate 0.25, input 28x28x1).
LayerSpec make_layer(LayerKind kind);

const char* padding_name(Padding p);        // "valid" / "same"
const char* activation_name(Activation a);  // "relu", ... , "linear"
bool parse_padding(const std::string& s, Padding* out);
bool parse_activation(const std::string& s, Activation* out);  // accepts Keras names
// Whose derivative needs the input x, not only the output y (training keeps x for them).
bool activation_needs_input(Activation a);

}  // namespace convlab
