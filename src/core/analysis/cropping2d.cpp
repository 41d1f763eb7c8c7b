// analysis/cropping2d.cpp: Cropping2D removes rows and columns at the edges,
// ZeroPadding2D's opposite: (H, W, C) -> (H − top − bottom, W − left − right, C),
// no parameters. A U-Net crops its skip connection to the size it joins.
// Reference: keras.io/api/layers/reshaping_layers/cropping2d.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_cropping2d(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                        Problem* problem) {
    Check c{spec, where, problem};
    for (int64_t crop : {spec.pad_top, spec.pad_bottom, spec.pad_left, spec.pad_right})
        if (!c.size_in_range(crop, 0, Field::Cropping)) return false;
    if (!c.image_input(input)) return false;
    const int64_t h = input.h() - spec.pad_top - spec.pad_bottom;  // each term ≤ kMaxCount: no overflow
    const int64_t w = input.w() - spec.pad_left - spec.pad_right;
    if (h < 1 || w < 1)
        return c.fail(MsgCode::ProblemCroppedAway, Field::Cropping,
                      {as_is(spec.pad_top + spec.pad_bottom), as_is(spec.pad_left + spec.pad_right),
                       as_is(input.h()), as_is(input.w())});
    if (!c.set_output(Shape::image(h, w, input.c()), out)) return false;
    out->height.formula.num(input.h(), Role::InputSize).op("−").num(spec.pad_top, Role::Padding).op("−")
        .num(spec.pad_bottom, Role::Padding).equals(h);
    out->width.formula.num(input.w(), Role::InputSize).op("−").num(spec.pad_left, Role::Padding).op("−")
        .num(spec.pad_right, Role::Padding).equals(w);
    return true;
}

}  // namespace convlab
