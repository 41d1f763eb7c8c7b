// analysis/sequence_layers.cpp: Conv1D, MaxPooling1D, AveragePooling1D and the
// global 1D poolings over a (steps, C) sequence. Each is its 2D twin over the
// sequence stood up as a (steps, 1, C) image with a (K, 1) window, so the
// arithmetic is written once: Conv1D's params = (K·Cin + 1)·Cout, the steps
// follow the same 'valid' / 'same' rule as a height. The 1 of the twin's window
// width is left out of every formula. Reference: keras.io/api/layers
// (convolution_layers/convolution1d, pooling_layers/max_pooling1d, ...).
#include "core/analysis/checks.h"
#include "core/analysis/layer_analysers.h"

namespace convlab {

namespace {

// "3 × 1 × 32": the twin's window width of 1 is not the learner's arithmetic.
void drop_unit_width(Formula* f) {
    std::vector<Token> kept;
    for (const Token& t : f->tokens) {
        if (t.kind == TokenKind::Number && t.role == Role::KernelW && t.value == 1) {
            if (!kept.empty() && kept.back().kind == TokenKind::Op) kept.pop_back();
            continue;
        }
        kept.push_back(t);
    }
    f->tokens = std::move(kept);
}

}  // namespace

LayerKind twin_2d_kind(LayerKind kind) {
    switch (kind) {
        case LayerKind::Conv1D: return LayerKind::Conv2D;
        case LayerKind::MaxPooling1D: return LayerKind::MaxPooling2D;
        case LayerKind::AveragePooling1D: return LayerKind::AveragePooling2D;
        case LayerKind::GlobalAveragePooling1D: return LayerKind::GlobalAveragePooling2D;
        case LayerKind::GlobalMaxPooling1D: return LayerKind::GlobalMaxPooling2D;
        default: return LayerKind::Count;
    }
}

LayerSpec twin_2d_spec(const LayerSpec& spec) {
    LayerSpec s = spec;
    s.kind = twin_2d_kind(spec.kind);
    s.kernel.w = s.strides.w = s.dilation.w = 1;
    return s;
}

Shape twin_2d_shape(const Shape& sequence) {
    return sequence.rank == 2 ? Shape::image(sequence.dim[0], 1, sequence.dim[1]) : sequence;
}

bool analyze_sequence_layer(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                            Problem* problem) {
    Check c{spec, where, problem};
    if (input.rank != 2)
        return c.fail(MsgCode::ProblemNeedsSequenceInput, Field::Count,
                      {as_is(layer_kind_info(spec.kind).class_name), as_is(input.to_string())});
    const LayerSpec twin = twin_2d_spec(spec);
    if (!layer_kind_info(twin.kind).analyze(twin, twin_2d_shape(input), where, out, problem)) {
        // Said of the layer the learner wrote, not of its twin.
        *problem = make_problem(problem->layer, problem->layer_name, spec.kind, problem->field, problem->constraint);
        return false;
    }
    const Shape& o = out->output;
    if (o.rank == 3) out->output = Shape::sequence(o.h(), o.c());  // (steps, 1, C) back to (steps, C)
    out->width = SizeWorking{};
    drop_unit_width(&out->param_formula);
    for (Mistake& m : out->mistakes) drop_unit_width(&m.working);
    return true;
}

}  // namespace convlab
