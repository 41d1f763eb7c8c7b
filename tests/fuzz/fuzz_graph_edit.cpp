// fuzz_graph_edit.cpp: libFuzzer target for the page's graph edits
// (model/graph_edit.h). The first byte picks a starting model (a preset, or
// the rest of the input read as a model link, v1 or v2); the bytes after it
// are edits: insert (after a layer, or on one edge), branch, remove, join (Add or Concatenate, with the plan
// the shapes give), move, at layers the bytes name. Whatever they are, an edit
// is made or refused with a reason, every reference of the result points at a
// layer that exists, and summarize() answers (a model or a Problem).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/analysis/model_summary.h"
#include "core/io/model_url.h"
#include "core/model/graph_edit.h"
#include "core/model/presets.h"

namespace {

using namespace convlab;

bool refs_valid(const ModelSpec& m) {
    const int n = int(m.layers.size());
    const auto ok = [&](const TensorRef& r) {
        return r.layer >= 0 && r.layer < n && r.call >= 0 &&
               (m.layers[size_t(r.layer)].kind == LayerKind::InputLayer || r.call < int(m.layers[size_t(r.layer)].calls.size()));
    };
    for (const LayerSpec& l : m.layers)
        for (const std::vector<TensorRef>& call : l.calls)
            for (const TensorRef& r : call)
                if (!ok(r)) return false;
    for (const TensorRef& r : m.inputs)
        if (!ok(r)) return false;
    for (const TensorRef& r : m.outputs)
        if (!ok(r)) return false;
    for (int i : m.creation_order)
        if (i < 0 || i >= n) return false;
    return true;
}

Shape output_of(const ModelSpec& m, const ModelSummary& s, int layer) {
    if (layer < 0 || layer >= int(m.layers.size())) return Shape{};
    if (m.layers[size_t(layer)].kind == LayerKind::InputLayer) return m.layers[size_t(layer)].input_shape;
    for (const LayerSummary& row : s.layers)
        if (row.index == layer) return row.analysis.output;
    return Shape{};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    ModelSpec m;
    size_t at = 1;
    if (data[0] < 0xC0) {
        m = preset_model(Preset(data[0] % uint8_t(Preset::Count)));
    } else {
        // A link: the bytes up to the first 0x00 (the rest are edits).
        size_t end = at;
        while (end < size && data[end] != 0) ++end;
        std::string link(reinterpret_cast<const char*>(data + at), end - at);
        link = ((data[0] & 1) ? "v2." : "v1.") + link;
        std::string error;
        if (!decode_model_url(link, &m, &error)) return 0;
        at = end + 1;
    }
    // At most 64 edits, so one input stays quick however long it is.
    for (int edits = 0; at + 3 <= size && edits < 64; ++edits, at += 3) {
        const int n = int(m.layers.size()) + 1;  // one past the end, to try a missing layer too
        const int a = int(data[at + 1]) % n, b = int(data[at + 2]) % n;
        const uint8_t op = data[at];
        const LayerKind kind = LayerKind(data[at + 2] % uint8_t(LayerKind::Count));
        ModelSpec edited = m;
        int selected = -1;
        Message why;
        bool made = false;
        switch (op % 7) {
            case 0: made = graph_insert_after(&edited, a, make_layer(kind), &selected, &why); break;
            case 1: made = graph_branch(&edited, a, make_layer(kind), &selected, &why); break;
            case 2: made = graph_remove_layer(&edited, a, &selected, &why); break;
            case 3: made = graph_move_in_chain(&edited, a, (op & 8) != 0, &selected, &why); break;
            case 4: made = graph_insert_on_edge(&edited, a, b, make_layer(kind), &selected, &why); break;
            default: {
                ModelSummary s;
                Problem p;
                summarize(m, NamingStyle::Keras2, &s, &p);
                const SkipMerge merge = op & 16 ? SkipMerge::Concatenate : SkipMerge::Add;
                SkipPlan plan;
                // Shapes from the model as it is (the page plans from its summary).
                const ModelSpec g = to_functional(m);
                const int shift = to_functional_shift(m);
                const ModelSummary* use = &s;
                ModelSummary gs;
                if (!m.functional) {
                    summarize(g, NamingStyle::Keras2, &gs, &p);
                    use = &gs;
                }
                if (plan_skip(merge, output_of(g, *use, a + shift), output_of(g, *use, b + shift), &plan, &why) || (op & 32))
                    made = graph_add_skip(&edited, a, b, merge, plan, &selected, &why);
                break;
            }
        }
        if (made) {
            if (!refs_valid(edited)) __builtin_trap();
            if (selected < 0 || selected >= int(edited.layers.size())) __builtin_trap();
            m = std::move(edited);
        } else if (why.empty()) {
            // A refusal always says why (MsgCode::Text with no text would be an empty sentence).
            __builtin_trap();
        }
        ModelSummary s;
        Problem p;
        if (!summarize(m, NamingStyle::Keras2, &s, &p) && p.constraint.empty()) __builtin_trap();
        if (m.layers.size() > 600) break;
    }
    // And the result is a link that reads back.
    std::string error;
    ModelSpec back;
    if (!decode_model_url(encode_model_url(m), &back, &error)) __builtin_trap();
    return 0;
}
