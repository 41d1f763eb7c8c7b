// analysis/layer_analysers.h: one analyse function per layer kind, one file each in this
// folder. Each computes the output shape, the parameter count and the arithmetic
// behind them for one example (see analysis.h), or fills *problem and returns false.
#pragma once
#include "core/analysis/layer_kind.h"

namespace convlab {

bool analyze_input_layer(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_conv2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_depthwise_conv2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_separable_conv2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_max_pooling2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_average_pooling2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_global_average_pooling2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_global_max_pooling2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_zero_padding2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_flatten(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_dense(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_dropout(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_batch_normalization(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_activation(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);  // also ELU, Softmax, Rescaling
bool analyze_relu(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_leaky_relu(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_reshape(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_upsampling2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_cropping2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_prelu(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_layer_normalization(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
// sequence_layers.cpp: the 1D layers, analysed as their 2D twins over (steps, 1, C).
bool analyze_sequence_layer(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
LayerKind twin_2d_kind(LayerKind kind);          // Conv1D -> Conv2D, ...; LayerKind::Count for the others
LayerSpec twin_2d_spec(const LayerSpec& spec);   // (K) windows as (K, 1)
Shape twin_2d_shape(const Shape& sequence);      // (steps, C) -> (steps, 1, C); others unchanged
bool analyze_conv2d_transpose(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_permute(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_normalization(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_nested_model(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
bool analyze_spatial_dropout2d(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);
// merge.cpp: Add, Subtract, Multiply, Average, Maximum, Minimum; and Concatenate.
bool analyze_elementwise_merge(const LayerSpec&, const std::vector<MergeInput>&, const LayerContext&,
                               LayerAnalysis*, Problem*);
bool analyze_concatenate(const LayerSpec&, const std::vector<MergeInput>&, const LayerContext&, LayerAnalysis*,
                         Problem*);
// tf_op_lambda.cpp: tf.keras 2's row for a Python operator between a tensor and a number.
bool analyze_tf_op_lambda(const LayerSpec&, const Shape&, const LayerContext&, LayerAnalysis*, Problem*);

}  // namespace convlab
