// test_graph_edit.cpp: the page's graph edits (model/graph_edit.h) on small
// graphs whose counts are known by hand: each edit's result is summarized by
// the core and checked by its shapes, Param # and "Connected to"; refusals
// say why.
#include <doctest.h>

#include <string>
#include <utility>

#include "core/analysis/formula.h"
#include "core/analysis/model_summary.h"
#include "core/io/import.h"
#include "core/io/model_file.h"
#include "core/model/graph_edit.h"
#include "core/model/presets.h"
#include "model_builders.h"

using namespace convlab;
using test::GraphBuilder;

namespace {

ModelSummary summary_of(const ModelSpec& m) {
    ModelSummary s;
    Problem p;
    const bool ok = summarize(m, NamingStyle::Keras2, &s, &p);
    INFO(p.message);
    REQUIRE(ok);
    return s;
}

// input → conv(16, same) → conv(16, same) → flatten → dense(10)
GraphBuilder chain_graph(int* c1, int* c2) {
    GraphBuilder g;
    const int in = g.input("input_1", 28, 28, 1);
    *c1 = g.add(test::conv(16, 3, Padding::Same), "c1", {in});
    *c2 = g.add(test::conv(16, 3, Padding::Same), "c2", {*c1});
    const int f = g.add(test::flatten(), "f", {*c2});
    g.output(g.add(test::dense(10), "d", {f}));
    return g;
}

const LayerSummary& row_named(const ModelSummary& s, const std::string& name) {
    for (const LayerSummary& r : s.layers)
        if (r.name == name) return r;
    FAIL("no row " << name);
    return s.layers[0];
}

}  // namespace

TEST_CASE("graph edit: a Sequential model becomes the same chain from an InputLayer, with the same counts") {
    ModelSpec seq;
    seq.layers = {test::with_input(test::conv(32, 3), 28, 28, 1), test::conv(63, 3), test::flatten(), test::dense(10)};
    const ModelSpec g = to_functional(seq);
    REQUIRE(g.functional);
    REQUIRE(g.layers.size() == 5);
    CHECK(g.layers[0].kind == LayerKind::InputLayer);
    CHECK(g.layers[0].input_shape == Shape::image(28, 28, 1));
    CHECK(g.layers[1].input_shape.rank == 0);
    const ModelSummary a = summary_of(seq), b = summary_of(g);
    CHECK(a.total_params == b.total_params);
    CHECK(b.layers[2].analysis.params == 18207);  // the seed's second Conv2D
}

TEST_CASE("graph edit: inserting after a layer puts the new one between it and every reader") {
    int c1 = 0, c2 = 0;
    GraphBuilder g = chain_graph(&c1, &c2);
    ModelSpec m = g.m;
    LayerSpec bn = make_layer(LayerKind::BatchNormalization);
    bn.name = "bn";
    int selected = -1;
    Message why;
    REQUIRE(graph_insert_after(&m, c1, bn, &selected, &why));
    CHECK(selected == c1 + 1);
    const ModelSummary s = summary_of(m);
    CHECK(row_named(s, "bn").inbound[0][0].name == "c1");
    CHECK(row_named(s, "c2").inbound[0][0].name == "bn");
    CHECK(row_named(s, "bn").analysis.params == 4 * 16);
    CHECK(s.total_params == summary_of(g.m).total_params + 64);
}

TEST_CASE("graph edit: removing a layer reconnects its input to its readers; the InputLayer stays") {
    int c1 = 0, c2 = 0;
    GraphBuilder g = chain_graph(&c1, &c2);
    ModelSpec m = g.m;
    int selected = -1;
    Message why;
    REQUIRE(graph_remove_layer(&m, c2, &selected, &why));
    const ModelSummary s = summary_of(m);
    CHECK(s.layers.size() == 4);
    CHECK(row_named(s, "f").inbound[0][0].name == "c1");
    Message refused;
    ModelSpec kept = m;
    CHECK_FALSE(graph_remove_layer(&kept, 0, &selected, &refused));
    CHECK(refused.code == MsgCode::GraphEditRemoveInput);
    CHECK(kept.layers.size() == m.layers.size());
}

TEST_CASE("graph edit: removing a layer a model output reads hands the output to its input") {
    GraphBuilder g;
    const int in = g.input("x", 8, 8, 3);
    const int c = g.add(test::conv(4, 3, Padding::Same), "c", {in});
    const int d = g.add(test::conv(5, 1), "d", {c});
    g.output(d);
    ModelSpec m = g.m;
    int selected = -1;
    Message why;
    REQUIRE(graph_remove_layer(&m, d, &selected, &why));
    REQUIRE(m.outputs.size() == 1);
    CHECK(m.layers[size_t(m.outputs[0].layer)].name == "c");
    // The last layer left: removing it would make the input the output.
    CHECK_FALSE(graph_remove_layer(&m, 1, &selected, &why));
    CHECK(why.code == MsgCode::GraphEditRemoveLast);
}

TEST_CASE("graph edit: an Add skip over two same-shape convolutions adds no parameters; the readers read the sum") {
    int c1 = 0, c2 = 0;
    GraphBuilder g = chain_graph(&c1, &c2);
    const ModelSummary before = summary_of(g.m);
    SkipPlan plan;
    Message why;
    REQUIRE(plan_skip(SkipMerge::Add, Shape::image(28, 28, 16), Shape::image(28, 28, 16), &plan, &why));
    CHECK_FALSE(plan.needs_projection);
    ModelSpec m = g.m;
    int selected = -1;
    REQUIRE(graph_add_skip(&m, c2, c1, SkipMerge::Add, plan, &selected, &why));
    const ModelSummary s = summary_of(m);
    const LayerSummary& add = s.layers[size_t(selected)];
    CHECK(add.kind == LayerKind::Add);
    CHECK(add.analysis.params == 0);
    REQUIRE(add.inbound[0].size() == 2);
    CHECK(add.inbound[0][0].name == "c2");
    CHECK(add.inbound[0][1].name == "c1");
    CHECK(row_named(s, "f").inbound[0][0].name == add.name);
    CHECK(s.total_params == before.total_params);
    CHECK_FALSE(s.sequential_like);
}

TEST_CASE("graph edit: a Concatenate skip grows the next convolution's Cin to the channel sum") {
    GraphBuilder g;
    const int in = g.input("x", 28, 28, 1);
    const int a = g.add(test::conv(64, 3, Padding::Same), "a", {in});
    const int b = g.add(test::conv(32, 3, Padding::Same), "b", {a});
    const int c = g.add(test::conv(8, 3), "c", {b});
    g.output(c);
    SkipPlan plan;
    Message why;
    REQUIRE(plan_skip(SkipMerge::Concatenate, Shape::image(28, 28, 32), Shape::image(28, 28, 64), &plan, &why));
    CHECK_FALSE(plan.needs_projection);
    ModelSpec m = g.m;
    int selected = -1;
    REQUIRE(graph_add_skip(&m, b, a, SkipMerge::Concatenate, plan, &selected, &why));
    const ModelSummary s = summary_of(m);
    CHECK(s.layers[size_t(selected)].analysis.output == Shape::image(28, 28, 96));
    CHECK(row_named(s, "c").analysis.params == (3 * 3 * 96 + 1) * 8);
}

TEST_CASE("graph edit: shapes that differ get a 1x1 projection with stride Hin/Hout, or the reason there is none") {
    SkipPlan plan;
    Message why;
    REQUIRE(plan_skip(SkipMerge::Add, Shape::image(14, 14, 64), Shape::image(28, 28, 32), &plan, &why));
    CHECK(plan.needs_projection);
    CHECK(plan.strides.h == 2);
    CHECK(plan.strides.w == 2);
    CHECK(plan.filters == 64);
    CHECK(plan.params == (1 * 1 * 32 + 1) * 64);  // 2,112, what the join menu says it adds
    // Concatenate keeps the shortcut's channels and only matches H and W.
    REQUIRE(plan_skip(SkipMerge::Concatenate, Shape::image(7, 7, 64), Shape::image(28, 28, 32), &plan, &why));
    CHECK(plan.strides.h == 4);
    CHECK(plan.filters == 32);
    CHECK(plan.params == (32 + 1) * 32);
    CHECK_FALSE(plan_skip(SkipMerge::Add, Shape::image(10, 10, 8), Shape::image(28, 28, 8), &plan, &why));
    CHECK(why.code == MsgCode::GraphEditProjectionStride);
    CHECK_FALSE(plan_skip(SkipMerge::Add, Shape::vector(10), Shape::image(28, 28, 8), &plan, &why));
    CHECK(why.code == MsgCode::GraphEditProjectionNotImage);
    CHECK_FALSE(plan_skip(SkipMerge::Add, Shape::image(28, 28, 8), Shape::image(14, 14, 8), &plan, &why));

    // The projection in a graph: a strided conv on the main path, the shortcut projected.
    GraphBuilder g;
    const int in = g.input("x", 28, 28, 32);
    const int a = g.add(test::conv(64, 3, Padding::Same, 2), "a", {in});
    g.output(g.add(test::conv(10, 1), "out", {a}));
    REQUIRE(plan_skip(SkipMerge::Add, Shape::image(14, 14, 64), Shape::image(28, 28, 32), &plan, &why));
    ModelSpec m = g.m;
    int selected = -1;
    REQUIRE(graph_add_skip(&m, a, in, SkipMerge::Add, plan, &selected, &why));
    const ModelSummary s = summary_of(m);
    // The projection's parameters: (1·1·32 + 1)·64.
    const LayerSummary& proj = s.layers[size_t(selected - 1)];
    CHECK(proj.kind == LayerKind::Conv2D);
    CHECK(proj.analysis.params == (32 + 1) * 64);
    CHECK(proj.analysis.output == Shape::image(14, 14, 64));
    CHECK(s.layers[size_t(selected)].analysis.output == Shape::image(14, 14, 64));
}

TEST_CASE("graph edit: a skip that would feed the merge its own output is refused, naming both layers") {
    int c1 = 0, c2 = 0;
    GraphBuilder g = chain_graph(&c1, &c2);
    ModelSpec m = g.m;
    int selected = -1;
    Message why;
    CHECK_FALSE(graph_add_skip(&m, c1, c2, SkipMerge::Add, SkipPlan{}, &selected, &why));
    CHECK(why.code == MsgCode::GraphEditSkipCycle);
    CHECK_FALSE(graph_add_skip(&m, c1, c1, SkipMerge::Add, SkipPlan{}, &selected, &why));
    CHECK(why.code == MsgCode::GraphEditSkipSame);
    CHECK(m.layers.size() == g.m.layers.size());
}

TEST_CASE("graph edit: a branch reads a layer and is left out until a merge joins it") {
    int c1 = 0, c2 = 0;
    GraphBuilder g = chain_graph(&c1, &c2);
    ModelSpec m = g.m;
    int branch = -1;
    Message why;
    LayerSpec side = test::conv(8, 1, Padding::Same);
    side.name = "side";
    REQUIRE(graph_branch(&m, c1, side, &branch, &why));
    ModelSummary s = summary_of(m);
    REQUIRE(s.warnings.size() == 1);
    CHECK(s.warnings[0].layer_name == "side");
    // c2 is now after the branch in the list: find it again by name.
    int main = -1;
    for (size_t i = 0; i < m.layers.size(); ++i)
        if (m.layers[i].name == "c2") main = int(i);
    int selected = -1;
    REQUIRE(graph_add_skip(&m, main, branch, SkipMerge::Concatenate, SkipPlan{}, &selected, &why));
    s = summary_of(m);
    CHECK(s.warnings.empty());
    CHECK(s.layers[size_t(selected)].analysis.output == Shape::image(28, 28, 24));
}

TEST_CASE("graph edit: moving a layer inside a chain swaps it with its neighbour; across a merge it is refused") {
    int c1 = 0, c2 = 0;
    GraphBuilder g = chain_graph(&c1, &c2);
    ModelSpec m = g.m;
    int selected = -1;
    Message why;
    REQUIRE(graph_move_in_chain(&m, c2, true, &selected, &why));
    CHECK(m.layers[size_t(selected)].name == "c2");
    ModelSummary s = summary_of(m);
    CHECK(row_named(s, "c2").inbound[0][0].name == "input_1");
    CHECK(row_named(s, "c1").inbound[0][0].name == "c2");
    CHECK(row_named(s, "f").inbound[0][0].name == "c1");
    // The first layer after the input cannot move up past the InputLayer.
    CHECK_FALSE(graph_move_in_chain(&m, selected, true, &selected, &why));
    // After a skip, c1 feeds both c2 and the Add: it is no longer in a plain chain.
    ModelSpec skip = g.m;
    REQUIRE(graph_add_skip(&skip, c2, c1, SkipMerge::Add, SkipPlan{}, &selected, &why));
    CHECK_FALSE(graph_move_in_chain(&skip, c1, false, &selected, &why));
    CHECK(why.code == MsgCode::GraphEditMoveDown);
}

// The graph presets, each against the same network as Keras code a learner
// would write (read by the importer, not built by the preset's code), and by
// the counts that make each one's lesson.
namespace {

ModelSummary summary_of_code(const std::string& code) {
    const ImportResult r = import_any_model_text(code, nullptr, {});
    INFO(r.error);
    REQUIRE(r.ok);
    return summary_of(r.model);
}

}  // namespace

TEST_CASE("presets: the small ResNet, Inception and DenseNet graphs equal their Keras code, layer by layer") {
    const std::string head = "from tensorflow import keras\nfrom tensorflow.keras import layers\nx = keras.Input(shape=(28, 28, 1))\n";
    const std::string resnet = head +
        "stem = layers.Conv2D(16, 3, padding='same', activation='relu')(x)\n"
        "a = layers.Conv2D(16, 3, padding='same', activation='relu')(stem)\n"
        "a = layers.Conv2D(16, 3, padding='same')(a)\n"
        "y = layers.Add()([a, stem])\n"
        "y = layers.Activation('relu')(y)\n"
        "b = layers.Conv2D(32, 3, strides=2, padding='same', activation='relu')(y)\n"
        "b = layers.Conv2D(32, 3, padding='same')(b)\n"
        "p = layers.Conv2D(32, 1, strides=2, padding='same')(y)\n"
        "y = layers.Add()([b, p])\n"
        "y = layers.Activation('relu')(y)\n"
        "y = layers.MaxPooling2D(2)(y)\n"
        "y = layers.Flatten()(y)\n"
        "model = keras.Model(x, layers.Dense(10, activation='softmax')(y))\n";
    const std::string inception = head +
        "s = layers.Conv2D(16, 3, activation='relu')(x)\n"
        "s = layers.MaxPooling2D(2)(s)\n"
        "b1 = layers.Conv2D(8, 1, padding='same', activation='relu')(s)\n"
        "b2 = layers.Conv2D(8, 1, padding='same', activation='relu')(s)\n"
        "b2 = layers.Conv2D(16, 3, padding='same', activation='relu')(b2)\n"
        "b3 = layers.MaxPooling2D(3, strides=1, padding='same')(s)\n"
        "b3 = layers.Conv2D(8, 1, padding='same', activation='relu')(b3)\n"
        "c = layers.Concatenate()([b1, b2, b3])\n"
        "c = layers.Conv2D(32, 3, activation='relu')(c)\n"
        "c = layers.MaxPooling2D(2)(c)\n"
        "c = layers.Flatten()(c)\n"
        "model = keras.Model(x, layers.Dense(10, activation='softmax')(c))\n";
    const std::string densenet = head +
        "s = layers.Conv2D(16, 3, padding='same', activation='relu')(x)\n"
        "s = layers.MaxPooling2D(2)(s)\n"
        "c1 = layers.Conv2D(12, 3, padding='same', activation='relu')(s)\n"
        "k1 = layers.Concatenate()([s, c1])\n"
        "c2 = layers.Conv2D(12, 3, padding='same', activation='relu')(k1)\n"
        "k2 = layers.Concatenate()([k1, c2])\n"
        "t = layers.Conv2D(16, 1, padding='same', activation='relu')(k2)\n"
        "t = layers.AveragePooling2D(2)(t)\n"
        "t = layers.Flatten()(t)\n"
        "model = keras.Model(x, layers.Dense(10, activation='softmax')(t))\n";
    const std::pair<Preset, std::string> cases[] = {
        {Preset::SmallResNet, resnet}, {Preset::SmallInception, inception}, {Preset::SmallDenseNet, densenet}};
    for (const auto& c : cases) {
        CAPTURE(preset_id(c.first));
        const ModelSummary a = summary_of(preset_model(c.first)), b = summary_of_code(c.second);
        REQUIRE(a.layers.size() == b.layers.size());
        for (size_t i = 0; i < a.layers.size(); ++i) {
            CAPTURE(i);
            CHECK(a.layers[i].name == b.layers[i].name);
            CHECK(a.layers[i].analysis.output == b.layers[i].analysis.output);
            CHECK(a.layers[i].analysis.params == b.layers[i].analysis.params);
            CHECK(a.layers[i].inbound.size() == b.layers[i].inbound.size());
        }
        CHECK(a.total_params == b.total_params);
        CHECK_FALSE(a.sequential_like);
    }
    // The lessons: the projection shortcut, the Cin a Concatenate makes, the growth of a dense block.
    const ModelSummary r = summary_of(preset_model(Preset::SmallResNet));
    CHECK(row_named(r, "conv2d_6").analysis.params == (1 * 1 * 16 + 1) * 32);
    CHECK(r.total_params == 34922);
    const ModelSummary i = summary_of(preset_model(Preset::SmallInception));
    CHECK(to_text(row_named(i, "concatenate_1").analysis.size_formula) == "8 + 16 + 8 = 32");
    CHECK(row_named(i, "conv2d_6").analysis.params == (3 * 3 * 32 + 1) * 32);
    const ModelSummary d = summary_of(preset_model(Preset::SmallDenseNet));
    CHECK(to_text(row_named(d, "concatenate_2").analysis.size_formula) == "28 + 12 = 40");
    CHECK(row_named(d, "conv2d_4").analysis.params == (1 * 1 * 40 + 1) * 16);
}

TEST_CASE("graph edit: names the code's order gave are written out; a layer added later gets the next free number") {
    ModelSpec m = preset_model(Preset::SmallInception);
    const std::vector<std::string> before = layer_names(m, NamingStyle::Keras2);
    const ModelSpec named = with_written_names(m);
    CHECK(named.creation_order.empty());
    CHECK(layer_names(named, NamingStyle::Keras2) == before);
    // The first branch, made first in the code, keeps "conv2d_2" though it is listed after "conv2d_3".
    CHECK(before[3] == "conv2d_3");
    CHECK(before[5] == "conv2d_2");
    ModelSpec edited = named;
    int selected = -1;
    Message why;
    REQUIRE(graph_insert_after(&edited, 1, make_layer(LayerKind::Conv2D), &selected, &why));
    const std::vector<std::string> after = layer_names(edited, NamingStyle::Keras2);
    CHECK(after[size_t(selected)] == "conv2d_7");
    summary_of(edited);  // and the names stay unique, so it builds
}

TEST_CASE("graph edit: a Sequential model with its own InputLayer keeps its indices; a branch is joined by the shape the core works out") {
    ModelSpec tiny = preset_model(Preset::TinyNet);  // InputLayer, Conv2D(8, 3), MaxPooling2D, Flatten, Dense
    REQUIRE(tiny.layers[0].kind == LayerKind::InputLayer);
    CHECK(to_functional_shift(tiny) == 0);
    ModelSpec m = tiny;
    int selected = -1;
    Message why;
    REQUIRE(graph_branch(&m, 1, test::conv(4, 1, Padding::Same), &selected, &why));
    CHECK(m.layers[size_t(selected)].calls[0][0].layer == 1);  // the branch reads the Conv2D, not the layer after it
    // The branch has no summary row (nothing reads it), but the core gives its shape.
    Shape branch_shape, main_shape;
    REQUIRE(graph_layer_output(m, selected, &branch_shape));
    CHECK(branch_shape == Shape::image(26, 26, 4));
    // Joined into the main path further on, after the pooling: (13, 13, 8) and
    // the branch's (26, 26, 4), brought to 13×13 by a 1×1 projection with stride 2.
    const int pool = 3;
    REQUIRE(m.layers[size_t(pool)].kind == LayerKind::MaxPooling2D);
    REQUIRE(graph_layer_output(m, pool, &main_shape));
    SkipPlan plan;
    REQUIRE(plan_skip(SkipMerge::Concatenate, main_shape, branch_shape, &plan, &why));
    CHECK(plan.needs_projection);
    CHECK(plan.strides.h == 2);
    const int branch = selected;
    // Joining the branch with the layer it reads would feed the merge its own output.
    CHECK_FALSE(graph_add_skip(&m, 1, branch, SkipMerge::Concatenate, plan, &selected, &why));
    REQUIRE(graph_add_skip(&m, pool, branch, SkipMerge::Concatenate, plan, &selected, &why));
    const ModelSummary s = summary_of(m);
    CHECK(s.warnings.empty());
    CHECK(s.layers[size_t(selected)].analysis.output == Shape::image(13, 13, 12));
    // The layers already there kept their names; the added ones came after them.
    const std::vector<std::string> names = layer_names(m, NamingStyle::Keras2);
    CHECK(names[1] == "conv2d_1");
    CHECK(names[size_t(branch)] == "conv2d_2");
}

TEST_CASE("graph edit: a layer put on one edge of a fork is read by that reader alone; an edge that is not there is refused") {
    // input → c1 → c2 ─→ add → flatten → dense ; c1 ─→ add (the shortcut): c1 has two readers.
    int c1 = 0, c2 = 0;
    GraphBuilder g = chain_graph(&c1, &c2);
    SkipPlan plan;
    Message why;
    REQUIRE(plan_skip(SkipMerge::Add, Shape::image(28, 28, 16), Shape::image(28, 28, 16), &plan, &why));
    ModelSpec m = g.m;
    int add = -1;
    REQUIRE(graph_add_skip(&m, c2, c1, SkipMerge::Add, plan, &add, &why));
    const int64_t before = summary_of(m).total_params;
    const std::string add_name = summary_of(m).layers[size_t(add)].name;
    ModelSpec edited = m;
    int selected = -1;
    LayerSpec bn = make_layer(LayerKind::BatchNormalization);
    bn.name = "bn_shortcut";
    REQUIRE(graph_insert_on_edge(&edited, c1, add, bn, &selected, &why));
    const ModelSummary s = summary_of(edited);
    // The shortcut now runs through the new layer; c2 still reads c1.
    CHECK(row_named(s, "bn_shortcut").inbound[0][0].name == "c1");
    CHECK(row_named(s, "c2").inbound[0][0].name == "c1");
    const LayerSummary& merged = row_named(s, add_name);
    REQUIRE(merged.inbound[0].size() == 2);
    CHECK(merged.inbound[0][0].name == "c2");
    CHECK(merged.inbound[0][1].name == "bn_shortcut");
    CHECK(s.total_params == before + 4 * 16);  // gamma, beta, moving mean and variance per channel
    // Insert after c1 instead: both readers read the new layer.
    ModelSpec everywhere = m;
    REQUIRE(graph_insert_after(&everywhere, c1, bn, &selected, &why));
    const ModelSummary s2 = summary_of(everywhere);
    CHECK(row_named(s2, "c2").inbound[0][0].name == "bn_shortcut");
    // c2 does not read the flatten layer: no edge.
    ModelSpec refused = m;
    const int flatten = c2 + 1;
    CHECK_FALSE(graph_insert_on_edge(&refused, flatten, c2, bn, &selected, &why));
    CHECK(why.code == MsgCode::GraphEditNoEdge);
    CHECK_FALSE(graph_insert_on_edge(&refused, c1, 999, bn, &selected, &why));
    CHECK(why.code == MsgCode::GraphEditNoLayer);
}

TEST_CASE("model_up_to: a layer and what it is computed from, each row as in the whole model") {
    for (Preset p : {Preset::SeedQuestion, Preset::SmallResNet, Preset::SmallInception, Preset::SmallDenseNet}) {
        const ModelSpec model = preset_model(p);
        const ModelSummary whole = summary_of(model);
        for (const LayerSummary& row : whole.layers) {
            if (row.kind == LayerKind::InputLayer) continue;  // a model cannot be its own input
            int at = -1;
            const ModelSpec cut = model_up_to(model, row.index, &at);
            const std::string where = std::string(preset_id(p)) + " " + row.name;
            INFO(where);
            REQUIRE(at >= 0);
            const ModelSummary part = summary_of(cut);
            // The asked layer is the cut's last row: nothing after it is kept.
            REQUIRE(!part.layers.empty());
            const LayerSummary& last = part.layers.back();
            CHECK(last.name == row.name);
            CHECK(last.index == at);
            CHECK(last.analysis.output.to_string() == row.analysis.output.to_string());
            CHECK(last.analysis.params == row.analysis.params);
            CHECK(part.layers.size() <= whole.layers.size());
        }
    }
    // A branch the layer is not computed from is left out.
    const ModelSpec inception = preset_model(Preset::SmallInception);
    const ModelSummary s = summary_of(inception);
    for (const LayerSummary& row : s.layers)
        if (row.kind == LayerKind::Conv2D) {
            int at = -1;
            const ModelSpec cut = model_up_to(inception, row.index, &at);
            for (const LayerSpec& l : cut.layers) CHECK((l.kind != LayerKind::Concatenate || l.name == row.name));
            break;
        }
}
