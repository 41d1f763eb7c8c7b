// analysis/nested_model.cpp: a whole model used as a layer, as transfer
// learning uses a keras.applications base (Sequential([base, Flatten(), Dense(10)]))
// and as a Functional graph calls a Sequential block. Keras counts it as one
// row: its output shape, and every parameter inside it,
//   params = the nested model's total = its trainable + its non-trainable,
// all moving to non-trainable when the nested model is frozen (base.trainable
// = False, transfer learning's first step). Its own rows are what
// summary(expand_nested=True) prints under it.
// Reference: keras.io/guides/transfer_learning; Keras 3
// src/utils/summary_utils.py (print_layer, expand_nested).
#include "core/analysis/checks.h"
#include "core/analysis/model_summary.h"

namespace convlab {

bool analyze_nested_model(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                          Problem* problem) {
    Check c{spec, where, problem};
    if (!spec.nested) return c.fail(MsgCode::ProblemNestedEmpty, Field::Count, {});
    const ModelSpec& inner = *spec.nested;
    const size_t inputs = inner.functional ? inner.inputs.size() : 1, outputs = inner.functional ? inner.outputs.size() : 1;
    if (inputs != 1 || outputs != 1)
        return c.fail(MsgCode::ProblemNestedEnds, Field::Count, {as_is(int64_t(inputs)), as_is(int64_t(outputs))});
    auto summary = std::make_shared<ModelSummary>();
    Problem inside;
    // A Sequential made without an input shape is built by its first call,
    // for the shape it is called on, as Keras builds it.
    ModelSpec built;
    const ModelSpec* model = &inner;
    if (!inner.functional && declared_input_shape(inner).rank == 0 && !inner.layers.empty()) {
        built = inner;
        built.layers[0].input_shape = input;
        model = &built;
    }
    if (!summarize(*model, where.style, summary.get(), &inside))
        return c.fail(MsgCode::ProblemInNested, Field::Count, {problem_message(inside)});
    // Keras checks the tensor a model is called on against its Input's shape.
    if (input != summary->input)
        return c.fail(MsgCode::ProblemNestedInputShape, Field::Count,
                      {as_is(summary->input.to_string()), as_is(input.to_string())});
    if (!c.set_output(summary->output, out)) return false;
    out->params = summary->total_params;
    out->trainable = summary->trainable_params;
    out->non_trainable = summary->non_trainable_params;
    out->macs = summary->total_macs;
    if (out->params > 0) {
        out->param_formula.num(out->trainable, Role::None);
        if (out->non_trainable > 0) out->param_formula.op("+").num(out->non_trainable, Role::None);
        out->param_formula.equals(out->params);
    }
    out->nested = std::move(summary);
    return true;
}

}  // namespace convlab
