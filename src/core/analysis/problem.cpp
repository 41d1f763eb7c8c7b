// problem.cpp: the English sentence for every ProblemCode, and the location
// prefix "layer 2 'conv2d_2' (Conv2D), kernel_size: ". Layers are counted from 1
// in the sentence, as a learner counts the lines of model.add(...); Problem::layer
// keeps the 0-based index. Not translated here: the UI has one table per language.
#include "core/analysis/problem.h"

#include "core/model/layer_kind.h"
#include "core/message/message.h"

namespace convlab {

namespace {


std::string arg(const std::vector<std::string>& args, size_t i) { return i < args.size() ? args[i] : ""; }

}  // namespace

std::string problem_sentence_en(ProblemCode code, const std::vector<std::string>& args) {
    switch (code) {
        case ProblemCode::None: return "no problem";
        case ProblemCode::NoLayers: return "the model has no layers";
        case ProblemCode::NoInputShape:
            return "the first layer has no input shape: give it input_shape=(H, W, C) or start with an InputLayer";
        case ProblemCode::NotPositive:
            // {0} value, {1} smallest allowed value
            return fill_slots("must be at least {1}, but is {0}", args);
        case ProblemCode::KernelLargerThanInput:
            // {0}x{1} kernel, {2}x{3} its reach with dilation, {4}x{5} input, {6} "kernel" or "pooling window"
            if (arg(args, 0) == arg(args, 2) && arg(args, 1) == arg(args, 3))
                return fill_slots("the {0}×{1} {6} is larger than its {4}×{5} input (padding='valid')", args);
            return fill_slots("the {0}×{1} {6} reaches {2}×{3} with its dilation, larger than its {4}×{5} input "
                        "(padding='valid')", args);
        case ProblemCode::StridesWithDilation:
            return fill_slots("strides {0} cannot be combined with dilation_rate {1}: Keras supports strides > 1 "
                        "only when dilation_rate is 1", args);
        case ProblemCode::NeedsImageInput:
            return fill_slots("{0} needs an image input (None, H, W, C), but its input is {1}", args);
        case ProblemCode::NeedsVectorInput:
            return fill_slots("{0} needs a vector input (None, F), but its input is {1}", args);
        case ProblemCode::RateOutOfRange:
            return fill_slots("the dropout rate must be at least 0 and below 1, but is {0}", args);
        case ProblemCode::TooLarge:
            return fill_slots("the {0} {1} is larger than ConvLab's limit of {2}", args);
        case ProblemCode::InputLayerNotFirst:
            return "an InputLayer can only be the first layer";
        case ProblemCode::BadInputShape:
            return fill_slots("the input shape {0} is not (H, W, C) or (F) with every size at least 1", args);
        case ProblemCode::Count: break;
    }
    return "unknown problem";
}

Problem make_problem(ProblemCode code, int layer, const std::string& layer_name, LayerKind kind, Field field,
                     std::vector<std::string> args) {
    Problem p;
    p.code = code;
    p.layer = layer;
    p.layer_name = layer_name;
    p.field = field;
    p.args = std::move(args);
    std::string where;
    if (layer >= 0) {
        where = "layer " + std::to_string(layer + 1) + " '" + layer_name + "' (" +
                layer_kind_info(kind).class_name + ")";
        if (field != Field::Count) {
            // Poolings keep pool_size in LayerSpec::kernel; name the field the way Keras does.
            bool pooling = kind == LayerKind::MaxPooling2D || kind == LayerKind::AveragePooling2D;
            Field shown = (pooling && field == Field::KernelSize) ? Field::PoolSize : field;
            where += std::string(", ") + field_keyword(shown);
        }
        where += ": ";
    }
    p.message = where + problem_sentence_en(code, p.args);
    return p;
}

}  // namespace convlab
