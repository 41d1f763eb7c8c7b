// model_summary.cpp: a Sequential model analysed layer by layer, with the names
// and totals model.summary() prints. Naming follows Keras: Keras 2.2's
// backend.get_uid(prefix) counts from 1 per prefix; Keras 3's naming.uniquify
// gives the first one no suffix. Explicit names never touch either counter.
// Not a printer: summary_format.h turns a ModelSummary into text.
#include "core/analysis/model_summary.h"

#include <map>
#include <set>

#include "core/analysis/layer_kind.h"
#include "core/analysis/layer_analysers.h"
#include "core/analysis/formula.h"
#include "core/analysis/model_graph.h"
#include "core/analysis/shape_math.h"
#include "core/analysis/tf_op_lambda.h"

namespace convlab {

std::vector<std::string> layer_names(const ModelSpec& model, NamingStyle style) {
    std::map<std::string, int64_t> used;  // per prefix: how many auto names it has given
    std::vector<std::string> names(model.layers.size());
    // Keras 2: an auto name never repeats a name written out. A layer the
    // page's editor adds to a model whose names the code gave ("conv2d_3") gets
    // the next free number, where Keras 2 would refuse two layers of one name.
    // Keras 3 does give two layers one name (the seed: "dense" twice), so its
    // numbering is left as Keras 3's.
    std::set<std::string> written;
    if (style == NamingStyle::Keras2)
        for (const LayerSpec& layer : model.layers)
            if (!layer.name.empty()) written.insert(layer.name);
    const bool by_creation = model.creation_order.size() == model.layers.size();
    for (size_t k = 0; k < model.layers.size(); ++k) {
        const size_t i = by_creation ? size_t(model.creation_order[k]) : k;
        if (i >= model.layers.size()) continue;
        const LayerSpec& layer = model.layers[i];
        if (!layer.name.empty()) { names[i] = layer.name; continue; }
        std::string prefix = layer_kind_info(layer.kind).auto_name;
        // keras.Input names its layer "input_1" in Keras 2 and "input_layer" in Keras 3.
        if (style == NamingStyle::Keras3 && layer.kind == LayerKind::InputLayer) prefix = "input_layer";
        // A TFOpLambda is named for its operator, and only tf.keras 2.4+ made
        // one: it counts from zero there (unique_object_name(zero_based=True)).
        const bool tf_op = layer.kind == LayerKind::TFOpLambda;
        if (tf_op) prefix = tf_op_lambda_prefix(layer.scalar_op);
        do {
            const int64_t n = used[prefix]++;
            if (style == NamingStyle::Keras2 && !tf_op) names[i] = prefix + "_" + std::to_string(n + 1);
            else names[i] = n == 0 ? prefix : prefix + "_" + std::to_string(n);
        } while (written.count(names[i]) != 0);
    }
    return names;
}

bool add_layer_totals(const LayerSpec& spec, LayerSummary* row, ModelSummary* out, Problem* problem) {
    LayerAnalysis& a = row->analysis;
    if (!spec.trainable) {  // frozen: Keras moves its weights to non_trainable_weights
        a.non_trainable += a.trainable;
        a.trainable = 0;
    }
    int64_t total = checked_add(out->total_params, a.params);
    int64_t trainable = checked_add(out->trainable_params, a.trainable);
    int64_t non_trainable = checked_add(out->non_trainable_params, a.non_trainable);
    int64_t macs = checked_add(out->total_macs, a.macs);
    if (total < 0 || trainable < 0 || non_trainable < 0 || macs < 0) {
        *problem = make_problem(row->index, row->name, spec.kind, Field::Count,
                                Message(MsgCode::ProblemTooLarge, {Message(MsgCode::ProblemModelTotalCount),
                                                                   Message(MsgCode::ProblemAfterThisLayer),
                                                                   as_is(with_thousands(kMaxCount))}));
        return false;
    }
    out->total_params = total;
    out->trainable_params = trainable;
    out->non_trainable_params = non_trainable;
    out->total_macs = macs;
    return true;
}

Shape declared_input_shape(const ModelSpec& model) {
    if (model.functional) {
        if (model.inputs.empty() || model.inputs[0].layer < 0 || size_t(model.inputs[0].layer) >= model.layers.size())
            return Shape{};
        return model.layers[size_t(model.inputs[0].layer)].input_shape;
    }
    if (model.layers.empty()) return Shape{};
    const LayerSpec& first = model.layers[0];
    if (first.input_shape.rank == 0 && first.kind == LayerKind::Model && first.nested)
        return declared_input_shape(*first.nested);  // Sequential([base_model, ...]): the base's input
    return first.input_shape;
}

// PyTorch: the nn.Parameter attributes of the script's modules, which no
// layer holds, added once per module (a module called again counts nothing),
// and the modules forward() never called, whose weights parameters() still holds.
bool add_torch_own_params(const ModelSpec& model, ModelSummary* out, Problem* problem) {
    struct Extra { const std::string* name; int64_t params, trainable; };
    std::vector<Extra> extras;
    for (const TorchRow& row : model.torch_rows)
        if (!row.recursive && row.own_params != 0) extras.push_back({&row.name, row.own_params, row.own_trainable});
    for (const TorchUncalled& module : model.torch_uncalled) extras.push_back({&module.name, module.params, module.trainable});
    for (const Extra& extra : extras) {
        const int64_t total = checked_add(out->total_params, extra.params);
        const int64_t trainable = checked_add(out->trainable_params, extra.trainable);
        const int64_t non_trainable = checked_add(out->non_trainable_params, extra.params - extra.trainable);
        if (total < 0 || trainable < 0 || non_trainable < 0) {
            *problem = make_problem(-1, *extra.name, LayerKind::Count, Field::Count,
                                    Message(MsgCode::ProblemTooLarge, {Message(MsgCode::ProblemModelTotalCount),
                                                                       Message(MsgCode::ProblemAfterThisLayer),
                                                                       as_is(with_thousands(kMaxCount))}));
            return false;
        }
        out->total_params = total, out->trainable_params = trainable, out->non_trainable_params = non_trainable;
    }
    return true;
}

bool summarize(const ModelSpec& model, NamingStyle style, ModelSummary* out, Problem* problem) {
    if (model.functional)
        return summarize_graph(model, style, out, problem) && add_torch_own_params(model, out, problem);
    *out = ModelSummary{};
    if (model.layers.empty()) {
        *problem = make_problem(-1, "", LayerKind::Count, Field::Count, Message(MsgCode::ProblemNoLayers));
        return false;
    }
    std::vector<std::string> names = layer_names(model, style);

    // The model's input: the InputLayer's shape, or input_shape= on the first layer,
    // validated the same way in both cases.
    LayerSpec first = model.layers[0];
    first.input_shape = declared_input_shape(model);
    if (first.input_shape.rank == 0) {
        *problem = make_problem(0, names[0], first.kind, Field::InputShape, Message(MsgCode::ProblemNoInputShape));
        return false;
    }
    LayerAnalysis declared;
    if (!analyze_input_layer(first, Shape{}, LayerContext{0, names[0], style}, &declared, problem)) return false;
    out->input = declared.output;

    // Layers after the first Problem are not analysed, but *out keeps the ones
    // before it, so the UI can still draw the part of the model that works.
    Shape current = out->input;
    for (size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec& spec = model.layers[i];
        LayerContext where{int(i), names[i], style};
        if (spec.kind == LayerKind::InputLayer) {
            if (i != 0) {
                *problem = make_problem(int(i), names[i], spec.kind, Field::Count,
                                        Message(MsgCode::ProblemInputLayerNotFirst));
                return false;
            }
            continue;  // Keras does not list a Sequential model's InputLayer
        }
        LayerSummary row;
        row.index = int(i);
        row.name = names[i];
        row.kind = spec.kind;
        row.input = current;
        const LayerKindInfo& info = layer_kind_info(spec.kind);
        // A merge in a chain has one input, which its own check refuses by name.
        const bool analysed = info.analyze ? info.analyze(spec, current, where, &row.analysis, problem)
                                           : info.analyze_merge(spec, {MergeInput{"", current}}, where, &row.analysis, problem);
        if (!analysed) return false;
        if (!add_layer_totals(spec, &row, out, problem)) return false;
        current = row.analysis.output;
        out->layers.push_back(std::move(row));
    }
    out->output = current;
    return true;
}

}  // namespace convlab
