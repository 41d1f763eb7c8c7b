// analysis/zero_padding2d.cpp: ZeroPadding2D adds rows and columns of zeros:
// (H, W, C) -> (H + top + bottom, W + left + right, C), no parameters.
// Reference: keras.io/api/layers/reshaping_layers/zero_padding2d (MobileNet's
// conv_pad layers use ((0, 1), (0, 1))). Not 'same' padding: that is the conv's own.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_zero_padding2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                            LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    for (int64_t pad : {spec.pad_top, spec.pad_bottom, spec.pad_left, spec.pad_right})
        if (!c.size_in_range(pad, 0, Field::ZeroPadding)) return false;
    if (!c.image_input(input)) return false;
    int64_t h = checked_add(checked_add(input.h(), spec.pad_top), spec.pad_bottom);
    int64_t w = checked_add(checked_add(input.w(), spec.pad_left), spec.pad_right);
    if (!c.count(h, MsgCode::ProblemPaddedHeight,
                 with_thousands(input.h()) + " + " + with_thousands(spec.pad_top) + " + " +
                     with_thousands(spec.pad_bottom)) ||
        !c.count(w, MsgCode::ProblemPaddedWidth,
                 with_thousands(input.w()) + " + " + with_thousands(spec.pad_left) + " + " +
                     with_thousands(spec.pad_right)))
        return false;
    if (!c.set_output(Shape::image(h, w, input.c()), out)) return false;
    out->height.formula.num(input.h(), Role::InputSize).op("+").num(spec.pad_top, Role::Padding).op("+")
        .num(spec.pad_bottom, Role::Padding).equals(h);
    out->height.pad_before = spec.pad_top;
    out->height.pad_after = spec.pad_bottom;
    out->width.formula.num(input.w(), Role::InputSize).op("+").num(spec.pad_left, Role::Padding).op("+")
        .num(spec.pad_right, Role::Padding).equals(w);
    out->width.pad_before = spec.pad_left;
    out->width.pad_after = spec.pad_right;
    return true;
}

}  // namespace convlab
