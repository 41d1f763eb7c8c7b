// analysis/merge.cpp: the merge layers of a Functional model. Add, Subtract,
// Multiply, Average, Maximum and Minimum combine their inputs value by value:
// the shapes (without the batch axis) must be equal, or broadcast as Keras
// allows (aligned at the last axis, a size of 1 stretches to the other size).
// Concatenate stacks its inputs along one axis: every other size must be equal,
// and the joined axis's size is the sum. None has parameters.
// Reference: Keras 2 keras/layers/merge.py (_Merge._compute_elemwise_op_output_shape,
// Concatenate.build); TF.js tfjs-layers src/layers/merge.ts agrees.
#include "core/analysis/checks.h"

namespace convlab {

namespace {

// "conv2d_3 gives (None, 14, 14, 64)" pieces for the messages: name, shape.
std::vector<Message> both(const MergeInput& a, const MergeInput& b) {
    return {as_is(a.name), as_is(a.shape.to_string()), as_is(b.name), as_is(b.shape.to_string())};
}

bool enough_inputs(const Check& c, const std::vector<MergeInput>& inputs) {
    const bool exactly_two = c.spec.kind == LayerKind::Subtract;  // Keras: "exactly 2 inputs"
    if (inputs.size() >= 2 && (!exactly_two || inputs.size() == 2)) return true;
    return c.fail(exactly_two ? MsgCode::ProblemMergeNeedsExactlyTwo : MsgCode::ProblemMergeNeedsTwo, Field::Count,
                  {as_is(layer_kind_info(c.spec.kind).class_name), as_is(int64_t(inputs.size()))});
}

// Keras's elementwise rule for two shapes without the batch axis: align them at
// the last axis; where one size is 1 the other wins, else they must be equal.
bool broadcast(const Shape& a, const Shape& b, Shape* out) {
    const Shape& longer = a.rank >= b.rank ? a : b;
    const Shape& shorter = a.rank >= b.rank ? b : a;
    *out = longer;
    const int skip = longer.rank - shorter.rank;
    for (int i = 0; i < shorter.rank; ++i) {
        const int64_t x = longer.dim[skip + i], y = shorter.dim[i];
        if (x == y || y == 1) continue;
        if (x != 1) return false;
        out->dim[skip + i] = y;
    }
    return true;
}

}  // namespace

bool analyze_elementwise_merge(const LayerSpec& spec, const std::vector<MergeInput>& inputs,
                               const LayerContext& where, LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!enough_inputs(c, inputs)) return false;
    Shape shape = inputs[0].shape;
    for (size_t i = 1; i < inputs.size(); ++i) {
        Shape next;
        if (!broadcast(shape, inputs[i].shape, &next))
            return c.fail(MsgCode::ProblemMergeShapes, Field::Count,
                          [&] {
                              std::vector<Message> p{as_is(layer_kind_info(spec.kind).class_name)};
                              for (Message& m : both(inputs[0], inputs[i])) p.push_back(std::move(m));
                              return p;
                          }());
        shape = next;
    }
    return c.set_output(shape, out);
}

bool analyze_concatenate(const LayerSpec& spec, const std::vector<MergeInput>& inputs, const LayerContext& where,
                         LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!enough_inputs(c, inputs)) return false;
    // Keras counts the batch axis as axis 0, so (None, H, W, C) has axes 0..3
    // and -1 is C. Joining along the batch axis is not a layer's job.
    const int rank = inputs[0].shape.rank;
    const int64_t axis = spec.axis < 0 ? spec.axis + rank + 1 : spec.axis;
    if (axis < 1 || axis > rank)
        return c.fail(MsgCode::ProblemConcatAxis, Field::Axis,
                      {as_is(spec.axis), as_is(inputs[0].shape.to_string()), as_is(int64_t(rank))});
    Shape shape = inputs[0].shape;
    Formula& f = out->size_formula;
    f.num(shape.dim[axis - 1], Role::Channels);
    for (size_t i = 1; i < inputs.size(); ++i) {
        const Shape& s = inputs[i].shape;
        bool same_elsewhere = s.rank == rank;
        for (int d = 0; same_elsewhere && d < rank; ++d) same_elsewhere = d == axis - 1 || s.dim[d] == shape.dim[d];
        if (!same_elsewhere) {
            std::vector<Message> p{as_is(axis)};
            for (Message& m : both(inputs[0], inputs[i])) p.push_back(std::move(m));
            return c.fail(MsgCode::ProblemConcatShapes, Field::Count, std::move(p));
        }
        shape.dim[axis - 1] = checked_add(shape.dim[axis - 1], s.dim[axis - 1]);
        f.op("+").num(s.dim[axis - 1], Role::Channels);
    }
    f.equals(shape.dim[axis - 1]);
    return c.set_output(shape, out);
}

}  // namespace convlab
