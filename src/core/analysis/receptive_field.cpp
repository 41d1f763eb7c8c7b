// analysis/receptive_field.cpp: receptive fields layer by layer, through
// chains, merges and nested models (the rules are in receptive_field.h).
// Every layer is reduced to what it does to one axis of positions: the window
// of its input positions that output position x reads, x·stride + first …
// x·stride + last. Composing those windows from the input onwards gives the field.
#include "core/analysis/receptive_field.h"

#include <algorithm>
#include <string>

#include "core/analysis/layer_kind.h"
#include "core/io/json_writer.h"
#include "core/model/checked_int.h"

namespace convlab {

namespace {

// One axis of a field: output position x sees input positions
// x·jump + first … x·jump + last.
struct Span {
    int64_t jump = 1, first = 0, last = 0;
    int64_t size() const { return last - first + 1; }
};

struct FieldState {
    FieldKind kind = FieldKind::Local;
    int axes = 2;
    Span rows, cols;
    bool merged = false, aligned = true;
    Formula row_size, row_jump, col_size, col_jump;  // the last layer's step
};

// Signed arithmetic with one bound: a field past kMaxCount is reported as too
// large rather than wrapped (a hostile stack of stride-2 layers doubles the
// jump at every layer).
bool fits(int64_t v) { return v >= -kMaxCount && v <= kMaxCount; }
bool mul(int64_t a, int64_t b, int64_t* out) {
    int64_t p = 0;
    if (__builtin_mul_overflow(a, b, &p) || !fits(p)) return false;
    *out = p;
    return true;
}
bool add(int64_t a, int64_t b, int64_t* out) {
    int64_t s = 0;
    if (__builtin_add_overflow(a, b, &s) || !fits(s)) return false;
    *out = s;
    return true;
}

// A field seen through a window map (what one layer, or a whole nested model,
// reads per output position): composed, the map's positions are in the
// field's units, so they are scaled by the field's jump.
bool compose(const Span& f, const Span& m, Span* out) {
    int64_t jump = 0, first = 0, last = 0;
    if (!mul(f.jump, m.jump, &jump) || !mul(m.first, f.jump, &first) || !add(first, f.first, &first) ||
        !mul(m.last, f.jump, &last) || !add(last, f.last, &last))
        return false;
    *out = Span{jump, first, last};
    return true;
}

// The arithmetic a learner can follow: r + (K − 1) × j and j × s.
void step_formulas(const Span& in, const Span& map, int64_t reach, Role reach_role, const Span& out,
                   Formula* size, Formula* jump) {
    *size = Formula{};
    size->num(in.size(), Role::FieldSize).op("+").open().num(reach, reach_role).op("−").num(1, Role::None).close()
        .op("×").num(in.jump, Role::Jump).equals(out.size());
    *jump = Formula{};
    jump->num(in.jump, Role::Jump).op("×").num(map.jump, reach_role == Role::FieldSize ? Role::Jump : Role::Stride)
        .equals(out.jump);
}

FieldState whole() { FieldState f; f.kind = FieldKind::Whole; return f; }
FieldState irregular() { FieldState f; f.kind = FieldKind::Irregular; return f; }
FieldState too_large() { FieldState f; f.kind = FieldKind::TooLarge; return f; }

// The field of a model's input itself: each position sees itself.
FieldState identity(const Shape& input) {
    if (input.rank <= 1) return whole();  // a vector has no positions to keep apart
    FieldState f;
    f.axes = input.rank == 2 ? 1 : 2;
    return f;
}

// Applies a window map to both axes (cols only for images).
FieldState through(const FieldState& in, const Span& rows_map, const Span& cols_map, int64_t reach_h, int64_t reach_w,
              Role role_h, Role role_w) {
    FieldState out = in;
    out.merged = false;
    out.aligned = true;
    out.row_size = out.row_jump = out.col_size = out.col_jump = Formula{};
    if (!compose(in.rows, rows_map, &out.rows)) return too_large();
    step_formulas(in.rows, rows_map, reach_h, role_h, out.rows, &out.row_size, &out.row_jump);
    if (in.axes == 2) {
        if (!compose(in.cols, cols_map, &out.cols)) return too_large();
        step_formulas(in.cols, cols_map, reach_w, role_w, out.cols, &out.col_size, &out.col_jump);
    }
    return out;
}

// A layer that moves positions without mixing them: ZeroPadding2D shifts by
// its padding, Cropping2D by its crop.
FieldState shifted(const FieldState& in, int64_t rows_by, int64_t cols_by) {
    FieldState out = in;
    out.merged = false;
    out.aligned = true;
    out.row_size = out.row_jump = out.col_size = out.col_jump = Formula{};
    if (!compose(in.rows, Span{1, rows_by, rows_by}, &out.rows)) return too_large();
    if (in.axes == 2 && !compose(in.cols, Span{1, cols_by, cols_by}, &out.cols)) return too_large();
    return out;
}

FieldState unchanged(const FieldState& in) {
    FieldState out = in;
    out.merged = false;
    out.aligned = true;
    out.row_size = out.row_jump = out.col_size = out.col_jump = Formula{};
    return out;
}

// Several inputs, one output position: the union of what each input's value
// at that position sees. Araujo et al. call paths aligned when their jumps and
// centres agree; with different jumps the union is no longer one window.
FieldState merge(const std::vector<FieldState>& inputs) {
    FieldState out = inputs[0];
    for (const FieldState& f : inputs)
        if (f.kind != FieldKind::Local) {
            if (f.kind == FieldKind::TooLarge) return too_large();
            if (f.kind == FieldKind::Whole) out = whole();
            else if (out.kind == FieldKind::Local) out = irregular();
        }
    if (out.kind != FieldKind::Local) return out;
    out = unchanged(inputs[0]);
    out.merged = inputs.size() > 1;
    for (const FieldState& f : inputs) {
        if (f.axes != out.axes || f.rows.jump != out.rows.jump || f.cols.jump != out.cols.jump) return irregular();
        if (f.rows.first + f.rows.last != out.rows.first + out.rows.last ||
            f.cols.first + f.cols.last != out.cols.first + out.cols.last)
            out.aligned = false;
        out.rows.first = std::min(out.rows.first, f.rows.first);
        out.rows.last = std::max(out.rows.last, f.rows.last);
        out.cols.first = std::min(out.cols.first, f.cols.first);
        out.cols.last = std::max(out.cols.last, f.cols.last);
    }
    return out;
}

FieldState model_output_field(const ModelSpec& model, const ModelSummary& summary, std::vector<FieldState>* rows);

// What one layer does to the field of its (merged) input.
FieldState apply_layer(const LayerSpec& spec, const LayerSummary& row, const FieldState& in) {
    const LayerAnalysis& a = row.analysis;
    if (in.kind == FieldKind::TooLarge) return in;
    switch (spec.kind) {
        case LayerKind::Flatten:
        case LayerKind::GlobalAveragePooling2D:
        case LayerKind::GlobalMaxPooling2D:
        case LayerKind::GlobalAveragePooling1D:
        case LayerKind::GlobalMaxPooling1D:
            return whole();
        default: break;
    }
    if (in.kind != FieldKind::Local) return in;  // whole stays whole; irregular stays irregular
    switch (spec.kind) {
        case LayerKind::Conv2D:
        case LayerKind::DepthwiseConv2D:
        case LayerKind::SeparableConv2D:  // its pointwise 1×1 adds nothing
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D:
        case LayerKind::Conv1D:
        case LayerKind::MaxPooling1D:
        case LayerKind::AveragePooling1D: {
            const bool pool = spec.kind == LayerKind::MaxPooling2D || spec.kind == LayerKind::AveragePooling2D ||
                              spec.kind == LayerKind::MaxPooling1D || spec.kind == LayerKind::AveragePooling1D;
            const int64_t reach_h = (spec.kernel.h - 1) * spec.dilation.h + 1;
            const int64_t reach_w = (spec.kernel.w - 1) * spec.dilation.w + 1;
            const Span rows{spec.strides.h, -a.height.pad_before, reach_h - 1 - a.height.pad_before};
            const Span cols{spec.strides.w, -a.width.pad_before, reach_w - 1 - a.width.pad_before};
            const Role rh = spec.dilation.h > 1 ? Role::KernelReach : pool ? Role::PoolSize : Role::KernelH;
            const Role rw = spec.dilation.w > 1 ? Role::KernelReach : pool ? Role::PoolSize : Role::KernelW;
            return through(in, rows, cols, reach_h, reach_w, rh, rw);
        }
        case LayerKind::ZeroPadding2D: return shifted(in, -spec.pad_top, -spec.pad_left);
        case LayerKind::Cropping2D: return shifted(in, spec.pad_top, spec.pad_left);
        case LayerKind::UpSampling2D:
        case LayerKind::Conv2DTranspose:
        case LayerKind::Reshape:
            return a.output.rank == 1 ? whole() : irregular();
        case LayerKind::Permute: {
            // Only a swap of the two spatial axes keeps every value's window.
            const Shape& d = spec.dims;
            if (d.rank == 3 && d.dim[0] == 1 && d.dim[1] == 2 && d.dim[2] == 3) return unchanged(in);
            if (d.rank == 3 && d.dim[0] == 2 && d.dim[1] == 1 && d.dim[2] == 3 && in.axes == 2) {
                FieldState out = unchanged(in);
                std::swap(out.rows, out.cols);
                return out;
            }
            return irregular();
        }
        case LayerKind::Model: {
            if (!spec.nested || !a.nested) return irregular();
            std::vector<FieldState> inner_rows;
            const FieldState inner = model_output_field(*spec.nested, *a.nested, &inner_rows);
            if (inner.kind != FieldKind::Local) return inner;
            if (inner.axes != in.axes) return irregular();
            return through(in, inner.rows, inner.cols, inner.rows.size(), inner.cols.size(), Role::FieldSize,
                           Role::FieldSize);
        }
        default:
            // Everything else works on each position alone (activations,
            // normalisations, dropout, rescaling, a Dense over the last axis of
            // an image), or is a merge, handled before this is called.
            return unchanged(in);
    }
}

// Fields of every row of `summary` (into *rows, row order) and of the model's
// (first) output.
FieldState model_output_field(const ModelSpec& model, const ModelSummary& summary, std::vector<FieldState>* rows) {
    rows->assign(summary.layers.size(), FieldState{});
    std::vector<int> row_of(model.layers.size(), -1);
    for (size_t i = 0; i < summary.layers.size(); ++i) {
        const int index = summary.layers[i].index;
        if (index >= 0 && size_t(index) < model.layers.size()) row_of[size_t(index)] = int(i);
    }
    if (!summary.functional) {
        FieldState f = identity(summary.input);
        for (size_t i = 0; i < summary.layers.size(); ++i) {
            const LayerSummary& row = summary.layers[i];
            const LayerSpec& spec = model.layers[size_t(row.index)];
            if (spec.kind == LayerKind::InputLayer) f = identity(row.analysis.output);
            else f = apply_layer(spec, row, f);
            (*rows)[i] = f;
        }
        return f;
    }
    // Functional: the calls in order, each after the calls it reads. A row
    // shows its layer's first call, as the summary's shapes do.
    std::vector<FieldState> node_field(summary.nodes.size());
    std::vector<bool> row_set(summary.layers.size(), false);
    for (size_t n = 0; n < summary.nodes.size(); ++n) {
        const GraphNode& node = summary.nodes[n];
        const int r = row_of[size_t(node.layer)];
        if (r < 0) return irregular();
        const LayerSummary& row = summary.layers[size_t(r)];
        const LayerSpec& spec = model.layers[size_t(node.layer)];
        if (spec.kind == LayerKind::InputLayer || node.inputs.empty()) {
            node_field[n] = identity(row.analysis.output);
        } else {
            std::vector<FieldState> inputs;
            for (int from : node.inputs) inputs.push_back(node_field[size_t(from)]);
            FieldState in = merge(inputs);
            const bool concat_spatial = spec.kind == LayerKind::Concatenate && spec.axis != -1 &&
                                        spec.axis != int64_t(row.input.rank);
            if (concat_spatial) node_field[n] = in.kind == FieldKind::Whole ? in : irregular();
            else if (inputs.size() > 1) node_field[n] = in;  // a merge's own step is the union
            else node_field[n] = apply_layer(spec, row, in);
        }
        if (!row_set[size_t(r)]) {
            (*rows)[size_t(r)] = node_field[n];
            row_set[size_t(r)] = true;
        }
    }
    for (size_t i = 0; i < summary.layers.size(); ++i)
        if (!row_set[i]) (*rows)[i] = identity(summary.layers[i].analysis.output);
    return summary.nodes.empty() ? FieldState{} : node_field.back();
}

AxisField axis_out(const Span& s, const Formula& size, const Formula& jump) {
    AxisField a;
    a.size = s.size();
    a.jump = s.jump;
    a.start = s.first;
    a.size_formula = size;
    a.jump_formula = jump;
    return a;
}

std::string two(int axes, int64_t rows, int64_t cols) {
    if (axes == 1 || rows == cols) return std::to_string(rows);
    return std::to_string(rows) + "×" + std::to_string(cols);
}

}  // namespace

std::vector<ReceptiveField> receptive_fields(const ModelSpec& model, const ModelSummary& summary) {
    std::vector<FieldState> rows;
    model_output_field(model, summary, &rows);
    std::vector<ReceptiveField> out;
    out.reserve(rows.size());
    for (const FieldState& f : rows) {
        ReceptiveField r;
        r.kind = f.kind;
        r.axes = f.axes;
        r.merged = f.merged;
        r.aligned = f.aligned;
        if (f.kind == FieldKind::Local) {
            r.rows = axis_out(f.rows, f.row_size, f.row_jump);
            r.cols = f.axes == 2 ? axis_out(f.cols, f.col_size, f.col_jump) : AxisField{};
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::string field_size_text(const ReceptiveField& f) {
    if (f.kind != FieldKind::Local) return "";
    if (f.axes == 1) return std::to_string(f.rows.size);
    return std::to_string(f.rows.size) + "×" + std::to_string(f.cols.size);
}

std::string field_jump_text(const ReceptiveField& f) {
    return f.kind == FieldKind::Local ? two(f.axes, f.rows.jump, f.cols.jump) : "";
}

std::string field_start_text(const ReceptiveField& f) {
    return f.kind == FieldKind::Local ? two(f.axes, f.rows.start, f.cols.start) : "";
}

std::string format_receptive_fields_json(const std::vector<ReceptiveField>& fields) {
    JsonWriter w;
    w.begin_array();
    for (const ReceptiveField& f : fields) {
        w.begin_object();
        static const char* const kinds[] = {"local", "whole", "irregular", "too_large"};
        w.member("kind", kinds[size_t(f.kind)]);
        if (f.kind == FieldKind::Local) {
            const auto axis_pair = [&](const char* name, int64_t rows, int64_t cols) {
                w.key(name).begin_array().integer(rows);
                if (f.axes == 2) w.integer(cols);
                w.end_array();
            };
            axis_pair("size", f.rows.size, f.cols.size);
            axis_pair("jump", f.rows.jump, f.cols.jump);
            axis_pair("start", f.rows.start, f.cols.start);
            w.member("merged", f.merged).member("aligned", f.aligned);
        }
        w.end_object();
    }
    w.end_array();
    return w.take();
}

}  // namespace convlab
