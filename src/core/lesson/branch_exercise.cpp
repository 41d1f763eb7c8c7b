// lesson/branch_exercise.cpp: see branch_exercise.h. Each model is built the
// way Functional code writes it, a layer called on the tensors it reads; the
// sizes are drawn small enough to work by hand and large enough that every
// misconception gives a different number.
#include "core/lesson/branch_exercise.h"

#include <vector>

#include "core/train/rng.h"

namespace convlab {
namespace {

constexpr uint64_t kBranchStream = 0xb4a7;  // apart from training's and the practice chapter's streams

int64_t pick_of(Rng* r, std::initializer_list<int64_t> options) {
    return options.begin()[rng_below(r, uint32_t(options.size()))];
}

struct Builder {
    ModelSpec m;
    Builder() { m.functional = true; }
    int input(const Shape& shape) {
        LayerSpec in = make_layer(LayerKind::InputLayer);
        in.input_shape = shape;
        m.layers.push_back(in);
        m.inputs.push_back(TensorRef{int(m.layers.size()) - 1, 0, 0});
        return int(m.layers.size()) - 1;
    }
    int add(LayerSpec s, std::vector<int> from) {
        std::vector<TensorRef> call;
        for (int f : from) call.push_back(TensorRef{f, 0, 0});
        s.calls.push_back(call);
        m.layers.push_back(std::move(s));
        return int(m.layers.size()) - 1;
    }
    // A second call of `layer` on `from` (its weights shared).
    void call_again(int layer, int from) { m.layers[size_t(layer)].calls.push_back({TensorRef{from, 0, 0}}); }
};

LayerSpec conv(int64_t filters, int64_t k, Padding padding = Padding::Same) {
    LayerSpec s = make_layer(LayerKind::Conv2D);
    s.filters = filters;
    s.kernel = {k, k};
    s.padding = padding;
    return s;
}

ModelSpec draw(Rng* r, BranchQuestion kind, int* asked) {
    Builder b;
    const int64_t hw = pick_of(r, {8, 10, 12, 14, 16, 28});
    switch (kind) {
        case BranchQuestion::Add: {
            // A residual block: two same-padded convolutions and the block's input, summed.
            const int64_t c = pick_of(r, {8, 16, 32, 64});
            const int x = b.input(Shape::image(hw, hw, c));
            const int c1 = b.add(conv(c, 3), {x});
            const int c2 = b.add(conv(c, 3), {c1});
            *asked = b.add(make_layer(LayerKind::Add), {c2, x});
            b.m.outputs = {TensorRef{*asked, 0, 0}};
            break;
        }
        case BranchQuestion::Concatenate:
        case BranchQuestion::ConvAfterConcatenate: {
            // Two branches of different widths, joined along the channels.
            const int64_t c0 = pick_of(r, {3, 8, 16}), c1 = pick_of(r, {16, 32, 64}), c2 = pick_of(r, {8, 24, 48});
            const int x = b.input(Shape::image(hw, hw, c0));
            const int a = b.add(conv(c1, 1), {x});
            const int bb = b.add(conv(c2, 3), {x});
            const int cat = b.add(make_layer(LayerKind::Concatenate), {a, bb});
            const int y = b.add(conv(pick_of(r, {16, 32, 64}), pick_of(r, {1, 3}), Padding::Valid), {cat});
            *asked = kind == BranchQuestion::Concatenate ? cat : y;
            b.m.outputs = {TensorRef{y, 0, 0}};
            break;
        }
        case BranchQuestion::SharedLayer: {
            // One convolution applied to two images (a siamese pair): one set of weights.
            const int64_t c = pick_of(r, {1, 3});
            const int left = b.input(Shape::image(hw, hw, c));
            const int right = b.input(Shape::image(hw, hw, c));
            const int shared = b.add(conv(pick_of(r, {8, 16, 32}), 3), {left});
            b.call_again(shared, right);
            LayerSpec both = make_layer(LayerKind::Add);
            both.calls = {{TensorRef{shared, 0, 0}, TensorRef{shared, 1, 0}}};
            b.m.layers.push_back(both);
            const int sum = int(b.m.layers.size()) - 1;
            *asked = shared;
            b.m.outputs = {TensorRef{sum, 0, 0}};
            break;
        }
        case BranchQuestion::Bottleneck:
        case BranchQuestion::Count: {
            // ResNet's bottleneck: 1×1 down to a quarter of the channels, 3×3, 1×1 back up.
            const int64_t c = pick_of(r, {128, 256, 512}), mid = c / 4;
            const int x = b.input(Shape::image(pick_of(r, {7, 14, 28}), pick_of(r, {7, 14, 28}), c));
            const int reduce = b.add(conv(mid, 1), {x});
            const int middle = b.add(conv(mid, 3), {reduce});
            const int expand = b.add(conv(c, 1), {middle});
            const int sum = b.add(make_layer(LayerKind::Add), {expand, x});
            *asked = reduce;
            b.m.outputs = {TensorRef{sum, 0, 0}};
            break;
        }
    }
    b.m.compile.loss = "categorical_crossentropy";
    return b.m;
}

}  // namespace

Exercise make_branch_exercise(uint64_t seed, BranchQuestion kind) {
    Rng rng = rng_seeded(seed, kBranchStream);
    Exercise e;
    Problem problem;
    // Every draw is valid by construction; summarize() confirms it, and a draw
    // it refused would be drawn again (never seen in the tests' thousands of seeds).
    for (int attempt = 0; attempt < 16; ++attempt) {
        int asked = -1;
        const ModelSpec m = draw(&rng, kind, &asked);
        if (exercise_from_model(m, asked, &e, &problem)) return e;
    }
    return e;
}

BottleneckComparison bottleneck_comparison() {
    BottleneckComparison out;
    const auto total = [](const std::vector<LayerSpec>& convs) {
        Builder b;
        int at = b.input(Shape::image(14, 14, 256));
        for (const LayerSpec& c : convs) at = b.add(c, {at});
        b.m.outputs = {TensorRef{at, 0, 0}};
        ModelSummary s;
        Problem p;
        return summarize(b.m, NamingStyle::Keras2, &s, &p) ? s.total_params : int64_t(-1);
    };
    out.bottleneck = total({conv(64, 1), conv(64, 3), conv(256, 1)});
    out.plain = total({conv(256, 3), conv(256, 3)});
    return out;
}

}  // namespace convlab
