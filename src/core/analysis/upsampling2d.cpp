// analysis/upsampling2d.cpp: UpSampling2D repeats every row size.h times and
// every column size.w times ("nearest"; "bilinear" blends neighbours instead,
// with the same shape): (H, W, C) -> (H·sh, W·sw, C), no parameters. The
// decoder half of a U-Net grows its maps back this way. PyTorch's Upsample can
// also name the output's size, or a fractional scale_factor that the importer
// turns into one (floor(in·scale)): spec.resize, (H, W, C) -> (rh, rw, C).
// Reference: keras.io/api/layers/reshaping_layers/up_sampling2d.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_upsampling2d(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                          Problem* problem) {
    Check c{spec, where, problem};
    if (spec.resize.h != 0 || spec.resize.w != 0) {
        if (!c.pair_in_range(spec.resize, 1, Field::Size) || !c.image_input(input)) return false;
        if (!c.set_output(Shape::image(spec.resize.h, spec.resize.w, input.c()), out)) return false;
        return true;  // sizes as written: no arithmetic to show
    }
    if (!c.pair_in_range(spec.size, 1, Field::Size)) return false;
    if (!c.image_input(input)) return false;
    const int64_t h = checked_mul(input.h(), spec.size.h), w = checked_mul(input.w(), spec.size.w);
    if (!c.count(h, MsgCode::ProblemOutputSize, with_thousands(input.h()) + " × " + with_thousands(spec.size.h)) ||
        !c.count(w, MsgCode::ProblemOutputSize, with_thousands(input.w()) + " × " + with_thousands(spec.size.w)))
        return false;
    if (!c.set_output(Shape::image(h, w, input.c()), out)) return false;
    out->height.formula.num(input.h(), Role::InputSize).op("×").num(spec.size.h, Role::Stride).equals(h);
    out->width.formula.num(input.w(), Role::InputSize).op("×").num(spec.size.w, Role::Stride).equals(w);
    return true;
}

}  // namespace convlab
