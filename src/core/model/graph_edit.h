// graph_edit.h: the edits a learner makes to a Functional model's graph, as
// operations on a ModelSpec: insert a layer after another (its consumers now
// read the new one), remove a layer (its consumers read its first input),
// branch (a second path from a layer), join two layers with Add or
// Concatenate (a skip connection, with a 1×1 Conv2D projection when the
// shapes differ), and move a layer inside a chain. Every edit keeps the
// references (calls, inputs, outputs, creation order) pointing at the layers
// they pointed at; whether the result builds is summarize()'s to say, so an
// edit that breaks a shape is made and the page shows why, as for a chain.
// A layer an edit adds is made last, as code that adds it later would make
// it: the layers already there keep their names (conv2d_3 stays conv2d_3) and
// the new one takes the next number.
// An edit that cannot be made at all (a cycle, removing the input) is refused
// with a Message. A Sequential model is first made Functional (to_functional):
// the same layers, an InputLayer in front, each reading the one before.
#pragma once
#include "core/message/message.h"
#include "core/model/layer_spec.h"

namespace convlab {

// The same model as a Functional graph: a chain of calls from an InputLayer
// (the model's own, or a new one from the first layer's input_shape) to the
// last layer. A Functional model is returned as it is.
ModelSpec to_functional(const ModelSpec& model);
// How far to_functional moves a layer's index: 1 when it puts an InputLayer in
// front, else 0. The edits below take indices into the model as given.
int to_functional_shift(const ModelSpec& model);

// The same model with every unnamed layer named as Keras 2 numbers it (in the
// order the code made them, creation_order) and that order dropped: what a
// link keeps (a link holds no creation order) and what edits renumber nothing in.
ModelSpec with_written_names(const ModelSpec& model);

// The output shape of `layer`'s first call, also for a layer the model leaves
// out (a branch nothing reads yet): the model is summarized with that layer as
// one more output. False when it cannot be built that far.
bool graph_layer_output(const ModelSpec& model, int layer, Shape* out);

// The layers that read the output of `layer` (any call), in index order.
std::vector<int> layer_consumers(const ModelSpec& model, int layer);
// True when `later` is computed from `earlier`'s output (a path of calls).
bool layer_depends_on(const ModelSpec& model, int later, int earlier);

// The model as far as `layer`: that layer and every layer it is computed
// from, in their order, with `layer` the only output (a Sequential model: its
// first layer+1 layers). Unnamed layers are named first, so each keeps the name
// it has in the whole model. What an exercise about `layer` shows of a large
// network: nothing after the layer changes its shape or its Param #.
// *index gets `layer`'s index in the result; an invalid `layer` returns the model as it is.
ModelSpec model_up_to(const ModelSpec& model, int layer, int* index);

// Each returns false with *why set when the edit cannot be made; on success
// *model is the edited graph and *selected the layer to show selected.

// `layer` (a new one of `kind`, numbered by Keras) reads `after`'s output, and
// whatever read that output now reads the new layer's.
bool graph_insert_after(ModelSpec* model, int after, const LayerSpec& layer, int* selected, Message* why);
// The same on one edge: `layer` reads `from`'s output and only `to` (which
// must read it) reads the new layer; `from`'s other readers still read `from`.
bool graph_insert_on_edge(ModelSpec* model, int from, int to, const LayerSpec& layer, int* selected, Message* why);
// A second path: the new layer reads `from`, and nothing reads it yet (the
// summary leaves it out with a warning until a merge joins it in).
bool graph_branch(ModelSpec* model, int from, const LayerSpec& layer, int* selected, Message* why);
// Removes `layer`; each tensor it made is replaced, wherever it was read, by
// the first tensor its call received. An InputLayer is refused.
bool graph_remove_layer(ModelSpec* model, int layer, int* selected, Message* why);

// Joining `main` (the path that goes on) with `shortcut` by a merge layer:
// the merge reads [main, shortcut], and what read `main` now reads the merge.
enum class SkipMerge : uint8_t { Add, Concatenate };
// The shapes of the two tensors decide whether a projection is needed
// (Add: shapes differ; Concatenate: heights or widths differ). When one is,
// *projection_strides gets the stride the 1×1 Conv2D takes (Hin/Hout, Win/Wout)
// and *projection_filters its filters (main's channels for Add, the
// shortcut's for Concatenate); false with *why when it cannot be a whole number.
struct SkipPlan {
    bool needs_projection = false;
    Pair strides{1, 1};
    int64_t filters = 0;
    int64_t params = 0;  // the projection's weights: (1·1·Cin + 1)·filters, Cin the shortcut's channels
};
bool plan_skip(SkipMerge merge, const Shape& main_shape, const Shape& shortcut_shape, SkipPlan* plan, Message* why);
// Makes the join. With `plan.needs_projection`, a Conv2D(filters, 1, strides)
// reads the shortcut first ("forgetting the shortcut's projection" is the
// mistake this saves). Refused when `shortcut` is computed from `main` (the
// merge would feed itself) or they are the same layer.
bool graph_add_skip(ModelSpec* model, int main, int shortcut, SkipMerge merge, const SkipPlan& plan, int* selected,
                    Message* why);

// Swaps `layer` with the one before it (up) or after it (down) when both sit
// in one chain: each has one call of one input, and the first is read only by
// the second. Refused otherwise, saying so.
bool graph_move_in_chain(ModelSpec* model, int layer, bool up, int* selected, Message* why);

}  // namespace convlab
