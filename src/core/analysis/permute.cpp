// analysis/permute.cpp: Permute reorders the axes of each example, dims
// saying which input axis each output axis takes (counting from 1; the batch,
// axis 0, stays first): Permute((2, 1, 3)) turns (H, W, C) into (W, H, C). The
// values are the same, only their order changes, so no parameters.
// Reference: keras.io/api/layers/reshaping_layers/permute.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_permute(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                     Problem* problem) {
    Check c{spec, where, problem};
    const Shape& d = spec.dims;
    std::string text = "(";
    for (int i = 0; i < d.rank; ++i) text += (i ? ", " : "") + std::to_string(d.dim[i]);
    text += d.rank == 1 ? ",)" : ")";
    bool seen[4] = {false, false, false, false};
    bool ok = d.rank == input.rank && d.rank >= 1;
    for (int i = 0; ok && i < d.rank; ++i) {
        ok = d.dim[i] >= 1 && d.dim[i] <= d.rank && !seen[d.dim[i]];
        if (ok) seen[d.dim[i]] = true;
    }
    if (!ok)
        return c.fail(MsgCode::ProblemPermuteDims, Field::Dims,
                      {as_is(text), as_is(int64_t(input.rank)), as_is(input.to_string())});
    Shape shape = input;
    for (int i = 0; i < d.rank; ++i) shape.dim[i] = input.dim[d.dim[i] - 1];
    return c.set_output(shape, out);
}

}  // namespace convlab
