// analysis/reshape.cpp: Reshape lays the same values out in another shape:
// target_shape (without the batch axis) must hold as many values as the
// input, and one size may be -1, which Keras infers from the others. No
// parameters. MobileNet reshapes its pooled (C) to (1, 1, C); EfficientNet's
// squeeze-and-excite does the same. Reference: keras.io/api/layers/reshaping_layers/reshape.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_reshape(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                     Problem* problem) {
    Check c{spec, where, problem};
    const Shape& t = spec.target_shape;
    std::string text = "(";
    for (int i = 0; i < t.rank; ++i) text += (i ? ", " : "") + std::to_string(t.dim[i]);
    text += t.rank == 1 ? ",)" : ")";
    if (t.rank < 1 || t.rank > 3)
        return c.fail(MsgCode::ProblemReshapeRank, Field::TargetShape, {as_is(text), as_is(int64_t(t.rank))});
    int unknown = -1;
    int64_t known = 1;
    for (int i = 0; i < t.rank; ++i) {
        if (t.dim[i] == -1) {
            if (unknown >= 0) return c.fail(MsgCode::ProblemReshapeTwoUnknown, Field::TargetShape, {as_is(text)});
            unknown = i;
            continue;
        }
        if (!c.size_in_range(t.dim[i], 1, Field::TargetShape)) return false;
        known = checked_mul(known, t.dim[i]);
    }
    const int64_t values = input.elements();
    Shape shape = t;
    if (unknown >= 0 && known > 0 && values % known == 0) shape.dim[unknown] = values / known;
    if (known < 0 || shape.elements() != values || (unknown >= 0 && values % known != 0))
        return c.fail(MsgCode::ProblemReshapeCount, Field::TargetShape,
                      {as_is(text), as_is(input.to_string()), as_is(with_thousands(values))});
    if (!c.set_output(shape, out)) return false;
    out->size_formula.num(values, Role::InputSize).equals(values);
    return true;
}

}  // namespace convlab
