// layer_kind.cpp: the registry of layer kinds. Positional orders follow the
// Keras signatures, e.g. Conv2D(filters, kernel_size, strides, padding,
// data_format, dilation_rate, groups, activation, use_bias, ...).
#include "core/analysis/layer_kind.h"

#include "core/analysis/layer_analysers.h"

namespace convlab {
namespace {

using F = Field;

const LayerKindInfo kKinds[] = {
    {LayerKind::InputLayer, "InputLayer", "input", {},
     {F::InputShape}, {F::InputShape}, analyze_input_layer},
    {LayerKind::Conv2D, "Conv2D", "conv2d", {"Convolution2D", "Conv2d"},
     {F::Filters, F::KernelSize, F::Strides, F::Padding, F::DataFormat, F::DilationRate, F::Groups,
      F::Activation, F::UseBias},
     {F::Filters, F::KernelSize, F::Strides, F::Padding, F::DilationRate, F::UseBias, F::Activation},
     analyze_conv2d},
    {LayerKind::DepthwiseConv2D, "DepthwiseConv2D", "depthwise_conv2d", {},
     {F::KernelSize, F::Strides, F::Padding, F::DepthMultiplier, F::DataFormat, F::DilationRate,
      F::Activation, F::UseBias},
     {F::KernelSize, F::DepthMultiplier, F::Strides, F::Padding, F::DilationRate, F::UseBias, F::Activation},
     analyze_depthwise_conv2d},
    {LayerKind::SeparableConv2D, "SeparableConv2D", "separable_conv2d", {"SeparableConvolution2D"},
     {F::Filters, F::KernelSize, F::Strides, F::Padding, F::DataFormat, F::DilationRate,
      F::DepthMultiplier, F::Activation, F::UseBias},
     {F::Filters, F::KernelSize, F::DepthMultiplier, F::Strides, F::Padding, F::DilationRate, F::UseBias,
      F::Activation},
     analyze_separable_conv2d},
    {LayerKind::MaxPooling2D, "MaxPooling2D", "max_pooling2d", {"MaxPool2D"},
     {F::PoolSize, F::Strides, F::Padding, F::DataFormat},
     {F::PoolSize, F::Strides, F::Padding}, analyze_max_pooling2d},
    {LayerKind::AveragePooling2D, "AveragePooling2D", "average_pooling2d", {"AvgPool2D"},
     {F::PoolSize, F::Strides, F::Padding, F::DataFormat},
     {F::PoolSize, F::Strides, F::Padding}, analyze_average_pooling2d},
    {LayerKind::GlobalAveragePooling2D, "GlobalAveragePooling2D", "global_average_pooling2d",
     {"GlobalAvgPool2D"}, {F::DataFormat, F::Keepdims}, {}, analyze_global_average_pooling2d},
    {LayerKind::GlobalMaxPooling2D, "GlobalMaxPooling2D", "global_max_pooling2d", {"GlobalMaxPool2D"},
     {F::DataFormat, F::Keepdims}, {}, analyze_global_max_pooling2d},
    {LayerKind::ZeroPadding2D, "ZeroPadding2D", "zero_padding2d", {},
     {F::ZeroPadding, F::DataFormat}, {F::ZeroPadding}, analyze_zero_padding2d},
    {LayerKind::Flatten, "Flatten", "flatten", {}, {F::DataFormat}, {}, analyze_flatten},
    {LayerKind::Dense, "Dense", "dense", {}, {F::Units, F::Activation, F::UseBias},
     {F::Units, F::UseBias, F::Activation}, analyze_dense},
    {LayerKind::Dropout, "Dropout", "dropout", {}, {F::Rate, F::NoiseShape}, {F::Rate}, analyze_dropout},
    {LayerKind::BatchNormalization, "BatchNormalization", "batch_normalization", {},
     {F::Axis, F::Momentum, F::Epsilon, F::Center, F::Scale},
     {F::Center, F::Scale, F::Momentum, F::Epsilon}, analyze_batch_normalization},
    {LayerKind::Activation, "Activation", "activation", {}, {F::Activation}, {F::Activation},
     analyze_activation},
    {LayerKind::Add, "Add", "add", {}, {}, {}, nullptr, analyze_elementwise_merge},
    {LayerKind::Subtract, "Subtract", "subtract", {}, {}, {}, nullptr, analyze_elementwise_merge},
    {LayerKind::Multiply, "Multiply", "multiply", {}, {}, {}, nullptr, analyze_elementwise_merge},
    {LayerKind::Average, "Average", "average", {}, {}, {}, nullptr, analyze_elementwise_merge},
    {LayerKind::Maximum, "Maximum", "maximum", {}, {}, {}, nullptr, analyze_elementwise_merge},
    {LayerKind::Minimum, "Minimum", "minimum", {}, {}, {}, nullptr, analyze_elementwise_merge},
    {LayerKind::Concatenate, "Concatenate", "concatenate", {}, {F::Axis}, {F::Axis}, nullptr, analyze_concatenate},
    {LayerKind::ReLU, "ReLU", "re_lu", {}, {F::MaxValue, F::NegativeSlope, F::Threshold},
     {F::MaxValue, F::NegativeSlope, F::Threshold}, analyze_relu},
    // Keras 3 says negative_slope; Keras 2 and TF.js say alpha (importers read both).
    {LayerKind::LeakyReLU, "LeakyReLU", "leaky_re_lu", {}, {F::NegativeSlope}, {F::NegativeSlope, F::Alpha},
     analyze_leaky_relu},
    {LayerKind::ELU, "ELU", "elu", {}, {F::Alpha}, {F::Alpha}, analyze_activation},
    {LayerKind::Softmax, "Softmax", "softmax", {}, {F::Axis}, {F::Axis}, analyze_activation},
    {LayerKind::Rescaling, "Rescaling", "rescaling", {}, {F::RescaleScale, F::Offset}, {F::RescaleScale, F::Offset},
     analyze_activation},
    {LayerKind::Reshape, "Reshape", "reshape", {}, {F::TargetShape}, {F::TargetShape}, analyze_reshape},
    {LayerKind::UpSampling2D, "UpSampling2D", "up_sampling2d", {}, {F::Size, F::DataFormat, F::Interpolation},
     {F::Size, F::Interpolation}, analyze_upsampling2d},
    {LayerKind::Cropping2D, "Cropping2D", "cropping2d", {}, {F::Cropping, F::DataFormat}, {F::Cropping},
     analyze_cropping2d},
    {LayerKind::SpatialDropout2D, "SpatialDropout2D", "spatial_dropout2d", {}, {F::Rate, F::DataFormat}, {F::Rate},
     analyze_spatial_dropout2d},
    {LayerKind::PReLU, "PReLU", "p_re_lu", {}, {F::SharedAxes}, {F::SharedAxes}, analyze_prelu},
    // Keras's signature starts with axis, which ConvLab takes at -1 only (the channels).
    {LayerKind::LayerNormalization, "LayerNormalization", "layer_normalization", {},
     {F::Axis, F::Epsilon, F::Center, F::Scale}, {F::Center, F::Scale, F::Epsilon}, analyze_layer_normalization},
    {LayerKind::Conv1D, "Conv1D", "conv1d", {"Convolution1D"},
     {F::Filters, F::KernelSize, F::Strides, F::Padding, F::DataFormat, F::DilationRate, F::Groups, F::Activation,
      F::UseBias},
     {F::Filters, F::KernelSize, F::Strides, F::Padding, F::DilationRate, F::UseBias, F::Activation},
     analyze_sequence_layer},
    {LayerKind::MaxPooling1D, "MaxPooling1D", "max_pooling1d", {"MaxPool1D"},
     {F::PoolSize, F::Strides, F::Padding, F::DataFormat}, {F::PoolSize, F::Strides, F::Padding}, analyze_sequence_layer},
    {LayerKind::AveragePooling1D, "AveragePooling1D", "average_pooling1d", {"AvgPool1D"},
     {F::PoolSize, F::Strides, F::Padding, F::DataFormat}, {F::PoolSize, F::Strides, F::Padding}, analyze_sequence_layer},
    {LayerKind::GlobalAveragePooling1D, "GlobalAveragePooling1D", "global_average_pooling1d", {"GlobalAvgPool1D"},
     {F::DataFormat, F::Keepdims}, {}, analyze_sequence_layer},
    {LayerKind::GlobalMaxPooling1D, "GlobalMaxPooling1D", "global_max_pooling1d", {"GlobalMaxPool1D"},
     {F::DataFormat, F::Keepdims}, {}, analyze_sequence_layer},
    {LayerKind::Conv2DTranspose, "Conv2DTranspose", "conv2d_transpose", {"Convolution2DTranspose", "Deconvolution2D"},
     {F::Filters, F::KernelSize, F::Strides, F::Padding, F::OutputPadding, F::DataFormat, F::DilationRate,
      F::Activation, F::UseBias},
     {F::Filters, F::KernelSize, F::Strides, F::Padding, F::OutputPadding, F::DilationRate, F::UseBias, F::Activation},
     analyze_conv2d_transpose},
    {LayerKind::Permute, "Permute", "permute", {}, {F::Dims}, {F::Dims}, analyze_permute},
    // Keras's mean= and variance= (statistics given instead of adapted) are not read.
    {LayerKind::Normalization, "Normalization", "normalization", {}, {F::Axis}, {F::Axis}, analyze_normalization},
    // Printed as "Sequential" or "Functional" by what the nested model is
    // (summary_format.cpp); "Model" is TF.js's and Keras 2.3's Functional.
    {LayerKind::Model, "Functional", "model", {"Sequential", "Model"}, {}, {}, analyze_nested_model},
    // Made by `x + 3.0` in Python code or read from a saved tf.keras config,
    // never by a call: no fields. Its name's prefix is its operator's
    // (tf_op_lambda_prefix); the one here is the first operator's.
    {LayerKind::TFOpLambda, "TFOpLambda", "tf.__operators__.add", {}, {}, {}, analyze_tf_op_lambda},
};
static_assert(sizeof(kKinds) / sizeof(kKinds[0]) == size_t(LayerKind::Count), "one entry per LayerKind");

}  // namespace

const LayerKindInfo& layer_kind_info(LayerKind kind) { return kKinds[size_t(kind)]; }

bool is_merge(LayerKind kind) { return layer_kind_info(kind).analyze_merge != nullptr; }

const LayerKindInfo* find_layer_kind(const std::string& class_name) {
    for (const LayerKindInfo& info : kKinds) {
        if (class_name == info.class_name) return &info;
        for (const char* alias : info.aliases)
            if (class_name == alias) return &info;
    }
    return nullptr;
}

Field field_shown_as(LayerKind kind, Field field) {
    const bool pooling = kind == LayerKind::MaxPooling2D || kind == LayerKind::AveragePooling2D ||
                         kind == LayerKind::MaxPooling1D || kind == LayerKind::AveragePooling1D;
    return pooling && field == F::KernelSize ? F::PoolSize : field;
}

std::string layer_class_names() {
    std::string list;
    for (const LayerKindInfo& info : kKinds) {
        if (!list.empty()) list += ", ";
        list += info.class_name;
    }
    return list;
}

const char* field_keyword(Field f) {
    switch (f) {
        case F::Filters: return "filters";
        case F::Units: return "units";
        case F::DepthMultiplier: return "depth_multiplier";
        case F::KernelSize: return "kernel_size";
        case F::PoolSize: return "pool_size";
        case F::Strides: return "strides";
        case F::Padding: return "padding";
        case F::DilationRate: return "dilation_rate";
        case F::ZeroPadding: return "padding";
        case F::UseBias: return "use_bias";
        case F::Activation: return "activation";
        case F::Rate: return "rate";
        case F::Center: return "center";
        case F::Scale: return "scale";
        case F::Momentum: return "momentum";
        case F::Epsilon: return "epsilon";
        case F::InputShape: return "input_shape";
        case F::Name: return "name";
        case F::DataFormat: return "data_format";
        case F::Groups: return "groups";
        case F::Axis: return "axis";
        case F::NoiseShape: return "noise_shape";
        case F::MaxValue: return "max_value";
        case F::NegativeSlope: return "negative_slope";
        case F::Threshold: return "threshold";
        case F::Alpha: return "alpha";
        case F::RescaleScale: return "scale";
        case F::Offset: return "offset";
        case F::TargetShape: return "target_shape";
        case F::Keepdims: return "keepdims";
        case F::Size: return "size";
        case F::Interpolation: return "interpolation";
        case F::Cropping: return "cropping";
        case F::SharedAxes: return "shared_axes";
        case F::OutputPadding: return "output_padding";
        case F::Dims: return "dims";
        case F::Count: break;
    }
    return "?";
}

}  // namespace convlab
