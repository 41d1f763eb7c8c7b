// explanation_en.cpp: format_explanation_en, each layer said in plain English:
// the output shape and the arithmetic behind it, what the parameters are, and
// every common wrong answer beside the right one, with the reason it is wrong.
// The seed question's answer, generalised: "Not (3 × 3 + 1) × 63 = 630: each of
// the 63 filters spans all 32 input channels." Not translated: the UI's lesson
// text is per language; this is what the CLI prints.
#include "core/analysis/formula.h"
#include "core/analysis/layer_kind.h"
#include "core/io/summary_format.h"

namespace convlab {

namespace {

// Numbers as the formulas write them: separators from 10,000 on.
std::string n(int64_t v) { return v >= 10000 ? with_thousands(v) : std::to_string(v); }

// "1 input channel", "32 input channels".
std::string count_of(int64_t v, const char* noun) { return n(v) + " " + noun + (v == 1 ? "" : "s"); }

bool is_same_padding(const Formula& f) { return !f.tokens.empty() && std::string(f.tokens[0].op) == "⌈"; }

// The first number in f playing `role`, or 0.
int64_t role_value(const Formula& f, Role role) {
    for (const Token& t : f.tokens)
        if (t.kind == TokenKind::Number && t.role == role) return t.value;
    return 0;
}

bool has_role(const Formula& f, Role role) {
    for (const Token& t : f.tokens)
        if (t.kind == TokenKind::Number && t.role == role) return true;
    return false;
}

bool is_windowed(LayerKind k) {
    return k == LayerKind::Conv2D || k == LayerKind::DepthwiseConv2D || k == LayerKind::SeparableConv2D ||
           k == LayerKind::MaxPooling2D || k == LayerKind::AveragePooling2D;
}


// The padding rule is said once, on the height line; the width line only gives
// its own padding numbers.
std::string axis_line(const char* axis, const SizeWorking& s, LayerKind kind, bool say_rule) {
    std::string line = std::string("  ") + axis + ": " + to_text(s.formula);
    std::string zeros = n(s.pad_before) + " zero" + (s.pad_before == 1 ? "" : "s") + " before, " + n(s.pad_after) +
                        " after";
    if (kind == LayerKind::ZeroPadding2D) line += " (" + zeros + ")";
    else if (is_same_padding(s.formula) && say_rule)
        line += " (padding='same': " + zeros + ", so every stride position has a full window)";
    else if (is_same_padding(s.formula)) line += " (" + zeros + ")";
    else if (say_rule && is_windowed(kind)) line += " (padding='valid': the window stays inside the input)";
    return line + ".\n";
}

std::string channels_line(const LayerSummary& row) {
    const LayerAnalysis& a = row.analysis;
    int64_t c = a.output.c();
    switch (row.kind) {
        case LayerKind::Conv2D:
        case LayerKind::SeparableConv2D: return "  Channels: " + n(c) + ", one per filter.\n";
        case LayerKind::DepthwiseConv2D:
            return "  Channels: " + n(c) + ", each of the " + n(row.input.c()) +
                   " input channels filtered on its own (times the depth multiplier).\n";
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D:
        case LayerKind::ZeroPadding2D: return "  Channels: " + n(c) + ", unchanged: each channel is handled separately.\n";
        default: return "";
    }
}

std::string params_sentence(const LayerSummary& row) {
    const LayerAnalysis& a = row.analysis;
    const Formula& f = a.param_formula;
    bool bias = has_role(f, Role::Bias);
    int64_t kh = role_value(f, Role::KernelH), kw = role_value(f, Role::KernelW);
    int64_t cin = row.input.c(), cout = a.output.c();
    switch (row.kind) {
        case LayerKind::Conv2D:
            return "Each of the " + n(cout) + " filters is a " + n(kh) + " × " + n(kw) + " × " + n(cin) +
                   " block of weights" + (bias ? " plus one bias." : " (no bias).");
        case LayerKind::DepthwiseConv2D:
            return "Each of the " + n(cout) + " output channels has its own " + n(kh) + " × " + n(kw) +
                   " kernel over a single input channel" + (bias ? ", plus one bias." : " (no bias).");
        case LayerKind::SeparableConv2D:
            return "First a " + n(kh) + " × " + n(kw) + " kernel for each input channel (no bias), then a 1 × 1 "
                   "convolution mixing those channels into " + n(cout) + (bias ? ", with one bias each." : " (no bias).");
        case LayerKind::Dense: {
            std::string s = "Each of the " + n(cout) + " units has one weight per input feature (" + n(cin) + ")" +
                            (bias ? " plus one bias." : " (no bias).");
            if (row.input.rank == 3)
                s += " On an image, Dense works on the last axis: the same weights are used at each of the " +
                     n(row.input.h()) + " × " + n(row.input.w()) + " positions.";
            return s;
        }
        case LayerKind::BatchNormalization:
            return "Per channel, gamma and beta are learned (" + n(a.trainable) + " trainable) and the moving mean "
                   "and variance are averaged, not trained (" + n(a.non_trainable) + " non-trainable).";
        case LayerKind::LayerNormalization:
            return "Per channel, gamma and beta are learned; each example is normalised over its own channels, so "
                   "there are no moving statistics.";
        case LayerKind::Conv2DTranspose:
            return "Each of the " + n(cin) + " input channels stamps its own " + n(kh) + " × " + n(kw) + " × " + n(cout) +
                   " block of weights onto the output, one stride apart" + (bias ? ", plus one bias per output channel." : " (no bias).");
        case LayerKind::Normalization:
            return "The mean and variance " + std::string(a.params == 2 * cin + 1 ? "of each channel" : "of all values") +
                   ", and the count of examples adapt() saw, are measured before training, not trained (" +
                   n(a.non_trainable) + " non-trainable).";
        case LayerKind::PReLU:
            return "One learned slope for the negative side per value of the input, except along shared_axes, "
                   "where one slope is shared.";
        default: break;
    }
    return "";
}

const char* no_params_reason(LayerKind kind) {
    switch (kind) {
        case LayerKind::MaxPooling2D: return "it keeps the largest value of each window";
        case LayerKind::AveragePooling2D: return "it keeps the mean of each window";
        case LayerKind::GlobalAveragePooling2D: return "it averages each channel's whole map";
        case LayerKind::GlobalMaxPooling2D: return "it keeps each channel's largest value";
        case LayerKind::ZeroPadding2D: return "it only adds zeros";
        case LayerKind::Flatten: return "it only lays the values out in one line";
        case LayerKind::Dropout: return "it only zeroes random inputs while training";
        case LayerKind::Activation: return "it applies a fixed function to each value";
        case LayerKind::InputLayer: return "it only declares the shape of one example";
        case LayerKind::Add: return "it only adds its inputs value by value";
        case LayerKind::Subtract: return "it only subtracts its second input from its first, value by value";
        case LayerKind::Multiply: return "it only multiplies its inputs value by value";
        case LayerKind::Average: return "it only averages its inputs value by value";
        case LayerKind::Maximum: return "it only keeps the largest of its inputs, value by value";
        case LayerKind::Minimum: return "it only keeps the smallest of its inputs, value by value";
        case LayerKind::Concatenate: return "it only lays its inputs side by side";
        case LayerKind::Permute: return "it only reorders the axes";
        case LayerKind::ReLU:
        case LayerKind::LeakyReLU:
        case LayerKind::ELU:
        case LayerKind::Softmax: return "its function and its arguments are fixed, not learned";
        case LayerKind::Rescaling: return "its scale and offset are fixed arguments, not learned weights";
        case LayerKind::Reshape: return "it only lays the same values out in another shape";
        case LayerKind::UpSampling2D: return "it only repeats (or blends) the values it has";
        case LayerKind::Cropping2D: return "it only cuts rows and columns off the edges";
        case LayerKind::SpatialDropout2D: return "it only zeroes random channels while training";
        case LayerKind::TFOpLambda: return "its number is written in the code, not learned";
        default: return "it learns nothing";
    }
}

std::string mistake_reason(const LayerSummary& row, const Mistake& m) {
    int64_t cin = row.input.c(), cout = row.analysis.output.c();
    bool dense = row.kind == LayerKind::Dense;
    switch (m.kind) {
        case MistakeKind::ForgotInChannels:
            return "each of the " + n(cout) + " filters spans all " + count_of(cin, "input channel");
        case MistakeKind::ForgotBias:
            if (dense) return "each of the " + n(cout) + " units also has one bias";
            if (row.kind == LayerKind::Conv2D) return "each of the " + n(cout) + " filters also has one bias";
            return "each of the " + n(cout) + " output channels also has one bias";
        case MistakeKind::ForgotBoth:
            return "each filter spans all " + count_of(cin, "input channel") + " and also has one bias";
        case MistakeKind::SwappedInOut:
            return dense ? "each of the " + n(cout) + " units has one weight per input feature (" + n(cin) + ")"
                         : "each filter is as deep as the input (" + count_of(cin, "channel") +
                               "), and there is one filter per output channel (" + n(cout) + ")";
        case MistakeKind::CountedPoolingParams: return "a pooling window has no weights; it learns nothing";
        case MistakeKind::PaddingOffByOne:
            return is_same_padding(row.analysis.height.formula)
                       ? "that is 'valid'; padding='same' adds zeros so that ⌈in / S⌉ windows fit"
                       : "the first window position counts too, hence the + 1";
        case MistakeKind::StrideIgnored: return "that is the height with stride 1; the window moves by the stride";
        case MistakeKind::FlattenAsLastAxis:
            return "Flatten keeps every value, height × width × channels, not only the channels";
        case MistakeKind::CountedMovingStats:
            return "the moving mean and variance are not trained, so only " + n(row.analysis.trainable) +
                   " are trainable";
        case MistakeKind::DilationIgnored:
            return "a dilated kernel reaches (K − 1) × D + 1 cells, not K";
        case MistakeKind::DepthwiseAsFull:
            return "each depthwise kernel sees one input channel, not all " + count_of(cin, "channel");
        case MistakeKind::FullAsDepthwise:
            return "each of the " + n(cout) + " filters spans all " + count_of(cin, "input channel");
        case MistakeKind::OutputChannelsWrong:
            return dense ? "there is one output per unit (" + n(cout) + ")"
                         : "the output has one channel per filter (" + n(cout) + "), not per input channel";
        case MistakeKind::SameRoundedDown:
            return "'same' rounds up: ⌈in / stride⌉, so a last, partial window still gives an output";
        case MistakeKind::ConcatChannelsAsParams:
            return "Concatenate puts channels side by side; the sum is its output's size, and it has no weights";
        case MistakeKind::ConcatOneBranch:
            return "after a Concatenate each filter spans every joined channel, so Cin is the sum of the branches'";
        case MistakeKind::SharedCountedTwice:
            return "a layer called twice uses the same weights both times, so Keras counts them once";
        case MistakeKind::AddAsConcatenate:
            return "Add sums value by value and keeps its inputs' shape; adding the channels is Concatenate's";
        case MistakeKind::ShortcutProjectionForgotten:
            return "this 1×1 Conv2D projects the shortcut to the main path's shape so Add can sum them; its " +
                   n(row.analysis.params) + " weights count like any convolution's";
        case MistakeKind::Count: break;
    }
    return "";
}

// What a layer reads: its input's shape, or for a merge the layers it joins.
std::string takes(const LayerSummary& row) {
    if (!is_merge(row.kind) || row.inbound.empty()) return row.input.to_string();
    std::string from;
    const std::vector<InboundRef>& call = row.inbound[0];
    for (size_t i = 0; i < call.size(); ++i)
        from += (i == 0 ? "" : i + 1 == call.size() ? " and " : ", ") + call[i].name;
    return from;
}

std::string explain_layer(const LayerSummary& row) {
    const LayerAnalysis& a = row.analysis;
    std::string out = row.name + " (" + layer_kind_info(row.kind).class_name + ") takes " + takes(row) +
                      " and gives " + a.output.to_string() + ".\n";
    if (row.kind == LayerKind::Concatenate) {
        out += "  Joined axis: " + to_text(a.size_formula) + ", the inputs' sizes added; every other size is theirs.\n";
    } else if (is_merge(row.kind)) {
        out += "  Same shape as its inputs (a size of 1 stretches to the other's).\n";
    } else if (row.kind == LayerKind::InputLayer) {
        out += "  The shape the model is given.\n";
    } else if (!a.height.formula.empty()) {
        out += axis_line("Height", a.height, row.kind, true);
        out += axis_line("Width", a.width, row.kind, false);
        out += channels_line(row);
    } else if (!a.size_formula.empty()) {
        const char* why = row.kind == LayerKind::Flatten ? "every value in one line" : "one value per channel";
        out += "  Size: " + to_text(a.size_formula) + ", " + why + ".\n";
    } else if (row.kind == LayerKind::Dense) {
        out += "  Last axis: " + n(a.output.c()) + ", one value per unit.\n";
    } else {
        out += "  Same shape as its input.\n";
    }
    if (a.param_formula.empty()) {
        out += std::string("  Parameters: 0: ") + no_params_reason(row.kind) + ".\n";
    } else {
        out += "  Parameters: " + to_text(a.param_formula) + ". " + params_sentence(row) + "\n";
    }
    for (const Mistake& m : a.mistakes) {
        bool size = m.kind == MistakeKind::PaddingOffByOne || m.kind == MistakeKind::StrideIgnored ||
                    m.kind == MistakeKind::SameRoundedDown;
        bool trainable = m.kind == MistakeKind::CountedMovingStats;
        // A wrong answer that is one number (Flatten's 63, a projection's 0) is that number, not "63 = 63".
        const std::string wrong = m.working.tokens.size() > 1 ? to_text(m.working) : n(m.wrong_value);
        out += "  Not " + wrong + (size ? " for the height" : trainable ? " trainable" : "") + ": " +
               mistake_reason(row, m) + ".\n";
    }
    if (a.macs > 0)
        out += "  Multiply-adds per example: " + n(a.macs) + " (bias adds and activations not counted).\n";
    return out;
}

}  // namespace

std::string format_explanation_en(const ModelSummary& summary, int layer) {
    std::string out;
    for (const LayerSummary& row : summary.layers) {
        if (layer >= 0 && row.index != layer) continue;
        if (!out.empty()) out += "\n";
        out += explain_layer(row);
    }
    if (layer < 0)
        out += "\nTotal: " + n(summary.total_params) + " parameters, " + n(summary.trainable_params) +
               " trainable and " + n(summary.non_trainable_params) + " non-trainable.\n";
    return out;
}

}  // namespace convlab
