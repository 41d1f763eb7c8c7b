// layer_kind.h: the table that makes layers data. For each LayerKind: its Keras
// class name and aliases, its fields in Keras's positional order, and the
// function that analyses it. Adding a kind means one file in analysis/ plus a line
// in layer_kind.cpp. Not the forward/backward passes: those are in training.
#pragma once
#include <string>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/model/layer_spec.h"
#include "core/analysis/problem.h"

namespace convlab {

// Where a layer sits, so its analysis can name itself in a Problem.
struct LayerContext {
    int index = 0;
    std::string name;
    NamingStyle style = NamingStyle::Keras2;  // a nested model names its own unnamed layers this way
};

using AnalyzeFn = bool (*)(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                           LayerAnalysis* out, Problem* problem);

// One input of a merge, named so a message can say which input gives which
// shape: "conv2d_3 gives (None, 14, 14, 64)".
struct MergeInput {
    std::string name;
    Shape shape;
};
using AnalyzeMergeFn = bool (*)(const LayerSpec& spec, const std::vector<MergeInput>& inputs,
                                const LayerContext& where, LayerAnalysis* out, Problem* problem);

struct LayerKindInfo {
    LayerKind kind;
    const char* class_name;               // "Conv2D": what Keras prints in the summary
    const char* auto_name;                // "conv2d": the prefix Keras numbers
    std::vector<const char*> aliases;     // other Keras class names: "Convolution2D", "MaxPool2D"
    std::vector<Field> positional;        // Keras's positional argument order
    std::vector<Field> fields;            // every field it reads, in editor order
    AnalyzeFn analyze;                    // layers of one input; nullptr for merges
    AnalyzeMergeFn analyze_merge = nullptr;  // merges (several inputs); nullptr otherwise
};

// Add, Concatenate, ...: the layers that take several inputs (Functional models only).
bool is_merge(LayerKind kind);

const LayerKindInfo& layer_kind_info(LayerKind kind);
// By Keras class name or alias; nullptr when unknown.
const LayerKindInfo* find_layer_kind(const std::string& class_name);
// Every class name in LayerKind order, "InputLayer, Conv2D, ...": what an
// importer lists when it meets a layer ConvLab does not know.
std::string layer_class_names();
// The Keras keyword for a field ("kernel_size"; "pool_size" for poolings).
const char* field_keyword(Field f);
// The field a learner sees for `field` of a `kind` layer, in the editor and in
// every sentence: poolings keep pool_size in LayerSpec::kernel, so their
// KernelSize is shown as PoolSize; every other field is itself.
Field field_shown_as(LayerKind kind, Field field);

}  // namespace convlab
