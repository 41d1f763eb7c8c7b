// test_torch_numerics.cpp: the training core against PyTorch, llm.c style.
// tests/data/torch_numerics.json holds small random cases that
// tools/make_torch_numerics.py ran through PyTorch in float64 (layouts turned
// into Keras's NHWC / HWIO there): each layer's output and its input, kernel
// and bias gradients for a random upstream gradient, batch norm's updated
// moving statistics, the cross-entropy's loss and logit gradient, and the
// weights after each of several optimizer steps. Every array must satisfy
//   |a − b| ≤ 1e-5 · (|b| + max|b|)      (a ours in float32, b PyTorch's)
// and a failure names the case, the array and the worst index. Where PyTorch's
// rule is not Keras's (Adam's ε, batch norm's momentum), the script says how
// the settings were translated. The same fixture is read under wasm (NODERAWFS).
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/json.h"
#include "core/train/layer_passes.h"
#include "core/train/loss.h"
#include "core/train/optimizer.h"
#include "train_test_helpers.h"

using namespace convlab;
using namespace convlab::test;

namespace {

const JsonValue& fixture() {
    static const JsonValue root = [] {
        std::ifstream in(std::string(CONVLAB_SOURCE_DIR) + "/tests/data/torch_numerics.json", std::ios::binary);
        REQUIRE(in.good());
        std::stringstream text;
        text << in.rdbuf();
        JsonValue parsed;
        JsonError error;
        REQUIRE_MESSAGE(parse_json(text.str(), &parsed, &error), error.message);
        return parsed;
    }();
    return root;
}

const JsonValue& cases(const char* kind) {
    const JsonValue* list = fixture().find(kind);
    REQUIRE_MESSAGE(list, kind);
    REQUIRE(!list->items.empty());
    return *list;
}

const JsonValue& field(const JsonValue& c, const char* key) {
    const JsonValue* v = c.find(key);
    REQUIRE_MESSAGE(v, key);
    return *v;
}

std::vector<float> floats(const JsonValue& c, const char* key) {
    std::vector<float> out;
    for (const JsonValue& v : field(c, key).items) out.push_back(float(v.number));
    return out;
}

int64_t integer(const JsonValue& c, const char* key) { return field(c, key).integer; }

Pair pair(const JsonValue& c, const char* key) {
    const JsonValue& v = field(c, key);
    return {v.items[0].integer, v.items[1].integer};
}

Padding padding(const JsonValue& c) { return field(c, "padding").string == "same" ? Padding::Same : Padding::Valid; }

// (N, H, W, C) from the case's "input".
struct Input {
    int64_t n, h, w, c;
};
Input input(const JsonValue& c) {
    const JsonValue& v = field(c, "input");
    return {v.items[0].integer, v.items[1].integer, v.items[2].integer, v.items[3].integer};
}

// One layer kind's comparisons: the worst |a − b| / (|b| + max|b|) over every
// value of every array, reported once per kind so a run shows the margin left.
struct Tally {
    explicit Tally(const char* layer_kind) : kind(layer_kind) {}
    const char* kind;
    int cases = 0, arrays = 0;
    double worst = 0.0;
    std::string where;

    void report() const {
        MESSAGE("pytorch numerics: ", std::string(kind), ": ", cases, " cases, ", arrays,
                " arrays, worst |a - b| / (|b| + max|b|) = ", worst, " (", where, "; the bound is 1e-5)");
    }
};

// Checks ours against PyTorch's b for one array, naming the worst value.
void compare(Tally* tally, const std::string& case_name, const char* array, const float* ours, const JsonValue& b) {
    const std::string array_name = array;  // a char* would be shown as its address
    CAPTURE(case_name);
    CAPTURE(array_name);
    REQUIRE(b.type == JsonType::Array);
    double max_b = 0.0;
    for (const JsonValue& v : b.items) max_b = std::max(max_b, std::fabs(v.number));
    size_t worst_index = 0;
    double worst_ratio = -1.0;  // |a − b| / (1e-5 · (|b| + max|b|)): at most 1 to pass
    for (size_t i = 0; i < b.items.size(); ++i) {
        const double want = b.items[i].number, scale = std::fabs(want) + max_b;
        const double error = std::fabs(double(ours[i]) - want);
        // A NaN or an error against an all-zero array can never pass.
        const double ratio = std::isnan(error) ? INFINITY : scale > 0.0 ? error / (1e-5 * scale) : error > 0.0 ? INFINITY : 0.0;
        if (ratio > worst_ratio) worst_ratio = ratio, worst_index = i;
    }
    const double got = double(ours[worst_index]), want = b.items[worst_index].number;
    CAPTURE(worst_index);
    CAPTURE(got);
    CAPTURE(want);
    CAPTURE(max_b);
    CHECK(worst_ratio <= 1.0);
    ++tally->arrays;
    if (worst_ratio * 1e-5 >= tally->worst) {
        tally->worst = worst_ratio * 1e-5;
        tally->where = case_name + ", " + array;
    }
}

void compare(Tally* tally, const JsonValue& c, const char* array, const std::vector<float>& ours) {
    const JsonValue& b = field(c, array);
    INFO(field(c, "name").string << ": " << array);
    REQUIRE(ours.size() == b.items.size());
    compare(tally, field(c, "name").string, array, ours.data(), b);
}

std::vector<float> zeros(int64_t count) { return std::vector<float>(size_t(count), 0.0f); }

}  // namespace

TEST_CASE("pytorch numerics: Conv2D (strides, 'same' split as Keras splits it, dilation) matches F.conv2d, "
          "output and the input, kernel and bias gradients, with the fast kernels and the reference ones") {
    Tally tally{"Conv2D"};
    for (const JsonValue& c : cases("conv2d").items) {
        const Input in = input(c);
        LayerSpec s = make_layer(LayerKind::Conv2D);
        s.filters = integer(c, "filters"), s.kernel = pair(c, "kernel_size"), s.strides = pair(c, "strides");
        s.padding = padding(c), s.dilation = pair(c, "dilation_rate"), s.use_bias = field(c, "use_bias").boolean;
        const Conv2DGeometry g = conv2d_geometry(s, summarize_one(s, Shape::image(in.h, in.w, in.c)), in.n);
        const std::vector<float> x = floats(c, "x"), w = floats(c, "kernel"), b = floats(c, "bias"), dy = floats(c, "dy");
        REQUIRE(int64_t(dy.size()) == g.n * g.ho * g.wo * g.cout);
        std::vector<float> scratch = zeros(conv2d_scratch_floats(g)), y = zeros(int64_t(dy.size()));
        std::vector<float> dx = zeros(int64_t(x.size())), dw = zeros(int64_t(w.size())), db = zeros(g.cout);
        conv2d_forward_layer(g, x.data(), w.data(), s.use_bias ? b.data() : nullptr, y.data(), scratch.data());
        conv2d_backward_layer(g, x.data(), w.data(), dy.data(), dx.data(), dw.data(), s.use_bias ? db.data() : nullptr,
                              scratch.data());
        compare(&tally, c, "y", y);
        compare(&tally, c, "dx", dx);
        compare(&tally, c, "dkernel", dw);
        if (s.use_bias) compare(&tally, c, "dbias", db);
        // The readable reference kernels, which define what the fast ones compute.
        conv2d_forward_ref(g, x.data(), w.data(), s.use_bias ? b.data() : nullptr, y.data());
        conv2d_backward_input_ref(g, dy.data(), w.data(), dx.data());
        conv2d_backward_weights_ref(g, x.data(), dy.data(), dw.data(), db.data());
        compare(&tally, c, "y", y);
        compare(&tally, c, "dx", dx);
        compare(&tally, c, "dkernel", dw);
        if (s.use_bias) compare(&tally, c, "dbias", db);
        ++tally.cases;
    }
    tally.report();
}

TEST_CASE("pytorch numerics: DepthwiseConv2D is F.conv2d with groups = Cin (depth_multiplier filters per group), "
          "SeparableConv2D that and a 1x1 conv") {
    Tally depthwise{"DepthwiseConv2D"};
    for (const JsonValue& c : cases("depthwise_conv2d").items) {
        const Input in = input(c);
        LayerSpec s = make_layer(LayerKind::DepthwiseConv2D);
        s.depth_multiplier = integer(c, "depth_multiplier"), s.kernel = pair(c, "kernel_size");
        s.strides = pair(c, "strides"), s.padding = padding(c), s.dilation = pair(c, "dilation_rate");
        s.use_bias = field(c, "use_bias").boolean;
        const Conv2DGeometry g = depthwise_conv2d_geometry(s, summarize_one(s, Shape::image(in.h, in.w, in.c)), in.n);
        const std::vector<float> x = floats(c, "x"), w = floats(c, "kernel"), b = floats(c, "bias"), dy = floats(c, "dy");
        REQUIRE(int64_t(dy.size()) == g.n * g.ho * g.wo * g.cout);
        std::vector<float> y = zeros(int64_t(dy.size())), dx = zeros(int64_t(x.size())), dw = zeros(int64_t(w.size()));
        std::vector<float> db = zeros(g.cout);
        depthwise_conv2d_forward(g, x.data(), w.data(), s.use_bias ? b.data() : nullptr, y.data());
        depthwise_conv2d_backward(g, x.data(), w.data(), dy.data(), dx.data(), dw.data(),
                                  s.use_bias ? db.data() : nullptr);
        compare(&depthwise, c, "y", y);
        compare(&depthwise, c, "dx", dx);
        compare(&depthwise, c, "dkernel", dw);
        if (s.use_bias) compare(&depthwise, c, "dbias", db);
        ++depthwise.cases;
    }
    depthwise.report();

    Tally separable{"SeparableConv2D"};
    for (const JsonValue& c : cases("separable_conv2d").items) {
        const Input in = input(c);
        LayerSpec s = make_layer(LayerKind::SeparableConv2D);
        s.filters = integer(c, "filters"), s.depth_multiplier = integer(c, "depth_multiplier");
        s.kernel = pair(c, "kernel_size"), s.strides = pair(c, "strides"), s.padding = padding(c);
        const SeparableGeometry g = separable_conv2d_geometry(s, summarize_one(s, Shape::image(in.h, in.w, in.c)), in.n);
        const std::vector<float> x = floats(c, "x"), wd = floats(c, "depthwise_kernel"), wp = floats(c, "pointwise_kernel");
        const std::vector<float> b = floats(c, "bias"), dy = floats(c, "dy");
        const int64_t mid_count = g.depthwise.n * g.depthwise.ho * g.depthwise.wo * g.depthwise.cout;
        REQUIRE(int64_t(dy.size()) == g.pointwise.n * g.pointwise.ho * g.pointwise.wo * g.pointwise.cout);
        std::vector<float> scratch = zeros(conv2d_scratch_floats(g.pointwise)), mid = zeros(mid_count);
        std::vector<float> dmid = zeros(mid_count), y = zeros(int64_t(dy.size())), dx = zeros(int64_t(x.size()));
        std::vector<float> dwd = zeros(int64_t(wd.size())), dwp = zeros(int64_t(wp.size())), db = zeros(int64_t(b.size()));
        separable_conv2d_forward(g, x.data(), wd.data(), wp.data(), b.data(), mid.data(), y.data(), scratch.data());
        separable_conv2d_backward(g, x.data(), wd.data(), wp.data(), mid.data(), dy.data(), dmid.data(), dx.data(),
                                  dwd.data(), dwp.data(), db.data(), scratch.data());
        compare(&separable, c, "y", y);
        compare(&separable, c, "dx", dx);
        compare(&separable, c, "ddepthwise_kernel", dwd);
        compare(&separable, c, "dpointwise_kernel", dwp);
        compare(&separable, c, "dbias", db);
        ++separable.cases;
    }
    separable.report();
}

TEST_CASE("pytorch numerics: Conv2DTranspose is F.conv_transpose2d cropped (or extended) to Keras's size, "
          "with output_padding, a kernel smaller than its stride, and dilation") {
    Tally tally{"Conv2DTranspose"};
    for (const JsonValue& c : cases("conv2d_transpose").items) {
        const Input in = input(c);
        LayerSpec s = make_layer(LayerKind::Conv2DTranspose);
        s.filters = integer(c, "filters"), s.kernel = pair(c, "kernel_size"), s.strides = pair(c, "strides");
        s.padding = padding(c), s.dilation = pair(c, "dilation_rate"), s.use_bias = field(c, "use_bias").boolean;
        if (!field(c, "output_padding").is_null()) s.has_output_padding = true, s.output_padding = pair(c, "output_padding");
        const LayerSummary row = summarize_one(s, Shape::image(in.h, in.w, in.c));
        const Pair out = pair(c, "output");
        CHECK(row.analysis.output == Shape::image(out.h, out.w, s.filters));
        const Conv2DGeometry mirror = conv2d_transpose_geometry(s, row, in.n);
        const std::vector<float> x = floats(c, "x"), w = floats(c, "kernel"), b = floats(c, "bias"), dy = floats(c, "dy");
        REQUIRE(int64_t(dy.size()) == in.n * out.h * out.w * s.filters);
        std::vector<float> scratch = zeros(conv2d_scratch_floats(mirror)), y = zeros(int64_t(dy.size()));
        std::vector<float> dx = zeros(int64_t(x.size())), dw = zeros(int64_t(w.size())), db = zeros(s.filters);
        conv2d_transpose_forward(mirror, x.data(), w.data(), s.use_bias ? b.data() : nullptr, y.data(), scratch.data());
        conv2d_transpose_backward(mirror, x.data(), w.data(), dy.data(), dx.data(), dw.data(),
                                  s.use_bias ? db.data() : nullptr, scratch.data());
        compare(&tally, c, "y", y);
        compare(&tally, c, "dx", dx);
        compare(&tally, c, "dkernel", dw);
        if (s.use_bias) compare(&tally, c, "dbias", db);
        ++tally.cases;
    }
    tally.report();
}

TEST_CASE("pytorch numerics: MaxPooling2D and AveragePooling2D, 'valid' and 'same' (padding never wins the max "
          "and is not averaged), output and input gradient") {
    for (const bool is_max : {true, false}) {
        Tally tally{is_max ? "MaxPooling2D" : "AveragePooling2D"};
        for (const JsonValue& c : cases(is_max ? "max_pooling2d" : "average_pooling2d").items) {
            const Input in = input(c);
            LayerSpec s = make_layer(is_max ? LayerKind::MaxPooling2D : LayerKind::AveragePooling2D);
            s.kernel = pair(c, "pool_size"), s.strides = pair(c, "strides"), s.padding = padding(c);
            const Pool2DGeometry g = pool2d_geometry(s, summarize_one(s, Shape::image(in.h, in.w, in.c)), in.n);
            const std::vector<float> x = floats(c, "x"), dy = floats(c, "dy");
            REQUIRE(int64_t(dy.size()) == g.n * g.ho * g.wo * g.c);
            std::vector<float> y = zeros(int64_t(dy.size())), dx = zeros(int64_t(x.size()));
            if (is_max) {
                max_pooling2d_forward(g, x.data(), y.data());
                max_pooling2d_backward(g, x.data(), y.data(), dy.data(), dx.data());
            } else {
                average_pooling2d_forward(g, x.data(), y.data());
                average_pooling2d_backward(g, dy.data(), dx.data());
            }
            compare(&tally, c, "y", y);
            compare(&tally, c, "dx", dx);
            ++tally.cases;
        }
        tally.report();
    }
}

TEST_CASE("pytorch numerics: BatchNormalization in training (batch statistics, the gradients, the moving averages "
          "with PyTorch's momentum 0.1 as Keras's 0.9) and in inference") {
    Tally train{"BatchNormalization (training)"};
    for (const JsonValue& c : cases("batch_normalization_train").items) {
        const JsonValue& shape = field(c, "input");
        const bool image = shape.items.size() == 4;
        const int64_t n = shape.items[0].integer, channels = shape.items.back().integer;
        LayerSpec s = make_layer(LayerKind::BatchNormalization);
        s.momentum = field(c, "keras_momentum").number, s.epsilon = field(c, "epsilon").number;
        const Shape one = image ? Shape::image(shape.items[1].integer, shape.items[2].integer, channels)
                                : Shape::vector(channels);
        const BatchNormGeometry g = batch_normalization_geometry(s, summarize_one(s, one), n);
        const std::vector<float> x = floats(c, "x"), gamma = floats(c, "gamma"), beta = floats(c, "beta");
        const std::vector<float> dy = floats(c, "dy");
        std::vector<float> moving_mean = floats(c, "moving_mean"), moving_var = floats(c, "moving_variance");
        REQUIRE(int64_t(x.size()) == g.rows * g.channels);
        std::vector<float> y = zeros(int64_t(x.size())), x_hat = zeros(int64_t(x.size())), inv_std = zeros(channels);
        std::vector<float> dx = zeros(int64_t(x.size())), dgamma = zeros(channels), dbeta = zeros(channels);
        batch_normalization_forward_train(g, x.data(), gamma.data(), beta.data(), moving_mean.data(), moving_var.data(),
                                          y.data(), x_hat.data(), inv_std.data());
        batch_normalization_backward(g, x_hat.data(), inv_std.data(), gamma.data(), dy.data(), dx.data(), dgamma.data(),
                                     dbeta.data());
        compare(&train, c, "y", y);
        compare(&train, c, "dx", dx);
        compare(&train, c, "dgamma", dgamma);
        compare(&train, c, "dbeta", dbeta);
        compare(&train, c, "moving_mean_after", moving_mean);
        // PyTorch adds the unbiased batch variance (÷ (m − 1)); the core Keras 2's
        // var·m / (m − 1 − ε): the same within ε/(m − 1 − ε), see the script.
        compare(&train, c, "moving_variance_after", moving_var);
        ++train.cases;
    }
    train.report();

    // Inference normalises with the moving statistics; the core has no backward
    // pass for it (training always runs batch norm in training mode).
    Tally infer{"BatchNormalization (inference)"};
    for (const JsonValue& c : cases("batch_normalization_infer").items) {
        const JsonValue& shape = field(c, "input");
        const int64_t channels = shape.items.back().integer;
        BatchNormGeometry g;
        g.channels = channels;
        g.rows = 1;
        for (size_t i = 0; i + 1 < shape.items.size(); ++i) g.rows *= shape.items[i].integer;
        g.epsilon = field(c, "epsilon").number;
        const std::vector<float> x = floats(c, "x"), gamma = floats(c, "gamma"), beta = floats(c, "beta");
        const std::vector<float> mean = floats(c, "moving_mean"), var = floats(c, "moving_variance");
        std::vector<float> y = zeros(int64_t(x.size()));
        batch_normalization_forward_infer(g, x.data(), gamma.data(), beta.data(), mean.data(), var.data(), y.data());
        compare(&infer, c, "y", y);
        ++infer.cases;
    }
    infer.report();
}

TEST_CASE("pytorch numerics: Dense is F.linear with the kernel transposed, on the last axis") {
    Tally tally{"Dense"};
    for (const JsonValue& c : cases("dense").items) {
        const JsonValue& shape = field(c, "input");
        const int64_t in = shape.items.back().integer, units = integer(c, "units");
        int64_t rows = 1;
        for (size_t i = 0; i + 1 < shape.items.size(); ++i) rows *= shape.items[i].integer;
        const bool use_bias = field(c, "use_bias").boolean;
        const std::vector<float> x = floats(c, "x"), w = floats(c, "kernel"), b = floats(c, "bias"), dy = floats(c, "dy");
        REQUIRE(int64_t(dy.size()) == rows * units);
        std::vector<float> y = zeros(rows * units), dx = zeros(rows * in), dw = zeros(in * units), db = zeros(units);
        dense_forward(rows, in, units, x.data(), w.data(), use_bias ? b.data() : nullptr, y.data());
        dense_backward(rows, in, units, x.data(), w.data(), dy.data(), dx.data(), dw.data(),
                       use_bias ? db.data() : nullptr);
        compare(&tally, c, "y", y);
        compare(&tally, c, "dx", dx);
        compare(&tally, c, "dkernel", dw);
        if (use_bias) compare(&tally, c, "dbias", db);
        ++tally.cases;
    }
    tally.report();
}

TEST_CASE("pytorch numerics: softmax cross-entropy is F.cross_entropy (the mean over the batch), loss and logit "
          "gradient, logits near 90 included") {
    Tally tally{"softmax cross-entropy"};
    for (const JsonValue& c : cases("softmax_cross_entropy").items) {
        const int64_t n = integer(c, "n"), k = integer(c, "k");
        const std::vector<float> logits = floats(c, "logits");
        std::vector<int32_t> labels;
        for (const JsonValue& v : field(c, "labels").items) labels.push_back(int32_t(v.integer));
        REQUIRE(int64_t(logits.size()) == n * k);
        std::vector<float> probs = zeros(n * k), dlogits = zeros(n * k);
        const float loss = float(softmax_cross_entropy_forward(logits.data(), labels.data(), n, k, probs.data()));
        softmax_cross_entropy_backward(probs.data(), labels.data(), n, k, dlogits.data());
        JsonValue want_loss;  // the scalar as a one-value array, so it is compared like the rest
        want_loss.type = JsonType::Array;
        want_loss.items.push_back(field(c, "loss"));
        compare(&tally, field(c, "name").string, "loss", &loss, want_loss);
        compare(&tally, c, "dlogits", dlogits);
        ++tally.cases;
    }
    tally.report();
}

TEST_CASE("pytorch numerics: SGD (momentum, Nesterov), Adam, RMSprop and Adadelta take PyTorch's steps where "
          "its rule is Keras's; Adam's epsilon is translated each step") {
    Tally tally{"optimizers"};
    for (const JsonValue& c : cases("optimizers").items) {
        const std::string& name = field(c, "name").string;
        const std::string& kind = field(c, "kind").string;
        const JsonValue& settings = field(c, "settings");
        Result<OptimizerConfig> made = optimizer_from_name(kind);
        REQUIRE(made.ok());
        OptimizerConfig config = made.value;
        auto setting = [&](const char* key, double* to) {
            if (const JsonValue* v = settings.find(key)) *to = v->number;
        };
        setting("learning_rate", &config.learning_rate);
        setting("momentum", &config.momentum);
        setting("beta_1", &config.beta_1);
        setting("beta_2", &config.beta_2);
        setting("rho", &config.rho);
        setting("epsilon", &config.epsilon);
        if (const JsonValue* v = settings.find("nesterov")) config.nesterov = v->boolean;
        // PyTorch's Adam adds ε to √v̂ = √v / √(1 − β2ᵗ); Keras (and the core) adds
        // its ε̂ to √v after folding the bias corrections into the step. The two
        // agree when ε̂ = ε·√(1 − β2ᵗ), a different value every step.
        const JsonValue* torch_epsilon = settings.find("torch_epsilon");

        std::vector<float> w = floats(c, "w0");
        const int64_t count = int64_t(w.size());
        Optimizer o = optimizer_create(config, count);
        const JsonValue& grads = field(c, "grads");
        const JsonValue& after = field(c, "w_after");
        REQUIRE(grads.items.size() == after.items.size());
        for (size_t t = 0; t < grads.items.size(); ++t) {
            std::vector<float> g;
            for (const JsonValue& v : grads.items[t].items) g.push_back(float(v.number));
            REQUIRE(int64_t(g.size()) == count);
            optimizer_begin_step(&o);
            if (torch_epsilon)
                o.config.epsilon = torch_epsilon->number * std::sqrt(1.0 - std::pow(config.beta_2, double(o.step)));
            optimizer_update(&o, w.data(), g.data(), 0, count);
            REQUIRE(after.items[t].items.size() == w.size());
            const std::string array = "w after step " + std::to_string(t + 1);
            compare(&tally, name, array.c_str(), w.data(), after.items[t]);
        }
        // The slots PyTorch keeps are the core's (SGD's velocity as Keras's v = −lr·buf).
        const JsonValue& slots = field(c, "slots_after");
        int compared = 0;
        for (const JsonMember& m : slots.members) {
            const bool first = m.key == "velocity" || m.key == "m" || m.key == "a";
            const std::vector<float>& ours = first ? o.slot1 : o.slot2;
            REQUIRE(ours.size() == m.value.items.size());
            compare(&tally, name, ("slot " + m.key).c_str(), ours.data(), m.value);
            ++compared;
        }
        const bool plain_sgd = config.kind == OptimizerKind::SGD && config.momentum <= 0.0;  // keeps no velocity
        CHECK(compared == (plain_sgd ? 0 : optimizer_slot_count(config.kind)));
        ++tally.cases;
    }
    tally.report();
}
