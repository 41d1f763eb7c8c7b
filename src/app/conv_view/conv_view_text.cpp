// conv_view_text.cpp: the words of the convolution view: one sentence per step
// (shown under the picture and mirrored to the page's screen-reader region),
// the state the test hook reads, and the test hook's conv_* verbs. Every
// number in a sentence is read from the trace step or the core's analysis.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>

#include "app/app.h"
#include "app/conv_view/conv_view.h"
#include "app/conv_view/conv_view_text.h"
#include "core/io/json_writer.h"
#include "core/io/json.h"
#include "core/analysis/layer_kind.h"
#include "core/message/message.h"

void fill_template(std::string* out, const char* tmpl, std::initializer_list<std::string> args) {
    *out = convlab::fill_slots(tmpl, std::vector<std::string>(args));
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    if (std::strcmp(buf, "-0.000") == 0) return "0.000";
    return buf;
}

std::string count(int64_t v) { return convlab::with_thousands(v); }

std::string conv_view_weights_note(Lang lang, const ConvView& v) {
    std::string note;
    fill_template(&note, tr(lang, v.trained ? Str::ConvWeightsTrained : Str::ConvWeightsSeeded), {std::to_string(kConvViewSeed)});
    return note;
}

std::string merge_equation(const ConvView& v) {
    using convlab::LayerKind;
    const convlab::MergeTraceStep& s = v.merge_step;
    const LayerKind kind = v.merge.kind;
    // A negative operand after an operator is bracketed: "0.310 − (−0.120)".
    const auto operand = [](float x, bool first) {
        const std::string t = num(x);
        return !first && t[0] == '-' ? "(" + t + ")" : t;
    };
    std::string e;
    if (kind == LayerKind::Maximum || kind == LayerKind::Minimum) {
        e = kind == LayerKind::Maximum ? "max(" : "min(";
        for (size_t k = 0; k < s.inputs.size(); ++k) e += (k ? ", " : "") + num(s.inputs[k]);
        e += ")";
    } else {
        const char* op = kind == LayerKind::Subtract ? " − " : kind == LayerKind::Multiply ? " × " : " + ";
        for (size_t k = 0; k < s.inputs.size(); ++k) e += (k ? op : "") + operand(s.inputs[k], k == 0);
        if (kind == LayerKind::Average) e = "(" + e + ") / " + std::to_string(s.inputs.size());
    }
    return e + " = " + num(s.value);
}

void conv_view_describe(Lang lang, ConvView& v) {
    using convlab::TraceStepKind;
    std::string& d = v.description;
    if (v.subject == ConvSubject::Merge) {
        const convlab::MergeTraceStep& s = v.merge_step;
        if (v.merge.kind == convlab::LayerKind::Concatenate)
            fill_template(&d, tr(lang, Str::ConvStepConcat),
                          {count(s.channel + 1), count(convlab::merge_trace_out_channels(v.merge)), count(s.in_channel + 1),
                           size_t(s.input) < v.merge_names.size() ? v.merge_names[size_t(s.input)] : std::string()});
        else
            fill_template(&d, tr(lang, Str::ConvStepMerge),
                          {merge_equation(v), count(s.out_i), count(s.out_j), count(s.channel + 1)});
        return;
    }
    if (v.subject == ConvSubject::Pool) {
        const convlab::PoolTraceStep& s = v.pool_step;
        if (v.pool.kind == convlab::LayerKind::UpSampling2D && !s.taps.empty())
            fill_template(&d, tr(lang, Str::ConvStepUpsample),
                          {count(s.out_i), count(s.out_j), count(s.channel + 1), count(s.taps[0].row), count(s.taps[0].col),
                           num(s.value)});
        else if (v.pool.kind == convlab::LayerKind::MaxPooling2D)
            fill_template(&d, tr(lang, Str::ConvStepPoolMax),
                          {count(s.out_i), count(s.out_j), count(s.channel + 1), count(v.pool.g.kh),
                           count(v.pool.g.kw), num(s.value)});
        else
            fill_template(&d, tr(lang, Str::ConvStepPoolMean),
                          {count(s.out_i), count(s.out_j), count(s.channel + 1), count(s.counted), num(s.value)});
        return;
    }
    if (v.subject != ConvSubject::Conv) {
        d.clear();
        return;
    }
    const convlab::ConvTraceStep& s = v.step;
    const convlab::Conv2DGeometry& g = v.src.g;
    const int64_t depth = convlab::conv_trace_filter_depth(v.src);
    int64_t padding_taps = 0;
    for (const convlab::TraceTap& t : s.taps) padding_taps += t.padding ? 1 : 0;
    switch (s.kind) {
        case TraceStepKind::Channel:
            fill_template(&d, tr(lang, Str::ConvStepChannel),
                          {count(s.kernel_slice + 1), count(depth), count(s.channel + 1), count(g.kh), count(g.kw),
                           num(s.step_sum), num(s.partial_sum), count(s.weights_counted)});
            break;
        case TraceStepKind::Bias:
            fill_template(&d, tr(lang, Str::ConvStepBias),
                          {num(s.step_sum), num(s.partial_sum), count(s.weights_counted)});
            break;
        case TraceStepKind::Position:
            fill_template(&d, tr(lang, Str::ConvStepPosition),
                          {count(s.out_i), count(s.out_j), count(s.filter + 1), count(s.weights_total),
                           num(s.partial_sum)});
            break;
        case TraceStepKind::Filter:
            fill_template(&d, tr(lang, Str::ConvStepFilter),
                          {count(s.filter + 1), count(g.cout), count(s.out_i), count(s.out_j), num(s.partial_sum),
                           count(s.weights_counted)});
            break;
    }
    if (padding_taps > 0 && s.kind != TraceStepKind::Bias) {
        std::string extra;
        fill_template(&extra, tr(lang, Str::ConvStepPadding), {count(padding_taps)});
        d += " " + extra;
    }
    if (conv_view_separable(v)) {  // say which of the two convolutions this step belongs to
        std::string stage;
        fill_template(&stage, tr(lang, Str::ConvStageStep), {count(v.stage + 1)});
        d = stage + " " + d;
    }
}

std::string conv_view_state_json(Lang lang, const ConvView& v, const Digits& digits) {
    static const char* const subjects[] = {"none", "conv", "pool", "dense", "other", "merge"};
    static const char* const sources[] = {"model", "toy", "playground"};
    static const int digit_states[] = {0, 1, 2, -1};
    convlab::JsonWriter w;
    w.begin_object().member("subject", subjects[size_t(v.subject)]).member("source", sources[size_t(v.source)]);
    w.member("row", v.shown_row);
    w.member("layer", v.spec.name.empty() ? v.layer.name : v.spec.name);
    w.member("kind", convlab::layer_kind_info(v.spec.kind).class_name);
    w.member("mode", int(v.mode) + 1);
    // How far the camera is zoomed in: 1 at the fitted view, 2 at half the distance.
    w.member("zoom", double(v.camera.fit_distance / std::max(1e-6f, v.camera.distance)), "%.3f");
    w.member("mistake", v.mistake).member("mistake_part", v.mistake ? v.mistake_part : 0);
    w.member("ignored_slices", v.ignored_slices);
    if (v.value_field_ok) {
        w.key("value_field").begin_array();
        for (int64_t x : v.value_field) w.integer(x);
        w.end_array();
    }
    w.member("step", v.timeline.step).member("steps", v.step_count);
    w.member("playing", v.timeline.playing).member("reduced_motion", v.reduced_motion);
    w.member("digits", digit_states[size_t(digits.state)]);
    w.member("weights", v.trained ? "learned" : "initial").member("weights_note", conv_view_weights_note(lang, v));
    w.member("params", v.layer.analysis.params);
    w.member("input", v.layer.input.to_string()).member("output", v.layer.analysis.output.to_string());
    // SeparableConv2D: which of its two stages is shown (0 for every other layer), and that stage's shapes.
    w.member("stage", conv_view_separable(v) ? v.stage + 1 : 0);
    if (v.subject == ConvSubject::Conv) {
        const convlab::ConvTraceStep& st = v.step;
        w.member("filter", st.filter).member("out_i", st.out_i).member("out_j", st.out_j).member("channel", st.channel);
        w.member("partial_sum", double(st.partial_sum)).member("step_sum", double(st.step_sum));
        w.member("weights_counted", st.weights_counted).member("weights_total", st.weights_total);
        w.member("per_filter", convlab::conv_trace_weights_per_filter(v.src));
        w.member("taps", int64_t(st.taps.size()));
        int64_t pad = 0;
        for (const convlab::TraceTap& t : st.taps) pad += t.padding ? 1 : 0;
        w.member("padding_taps", pad);
        w.member("pad_top", v.src.g.pad_top).member("pad_left", v.src.g.pad_left);
        w.member("rows", v.src.g.h).member("cols", v.src.g.w);  // the input as the picture lays it out (Conv1D: 1 row)
        w.member("pad_bottom", v.pad_bottom).member("pad_right", v.pad_right);
        w.member("stage_input", v.stage_in.to_string()).member("stage_output", v.stage_out.to_string());
        if (v.spec.kind == convlab::LayerKind::Conv2DTranspose && v.spread.g.h > 0) {
            const convlab::TransposeAsConv& t = v.spread;
            w.key("transpose").begin_object().member("input", v.layer.input.to_string());
            w.key("strides").begin_array().integer(t.stride_h).integer(t.stride_w).end_array();
            w.key("zeros_between").begin_array().integer(t.zeros_between_h).integer(t.zeros_between_w).end_array();
            w.end_object();
        }
        if (conv_view_separable(v))
            w.key("stage_weights").begin_array().integer(v.stage_weights[0]).integer(v.stage_weights[1]).end_array();
        w.member("base_params", v.base_layer.analysis.params).member("base_per_filter", v.base_per_filter);
        for (const convlab::Mistake& m : v.base_layer.analysis.mistakes)
            if (m.kind == convlab::MistakeKind::ForgotInChannels) w.member("wrong_count", m.wrong_value);
    }
    if (v.subject == ConvSubject::Pool)
        w.member("value", double(v.pool_step.value)).member("winner", v.pool_step.winner);
    if (v.subject == ConvSubject::Pool && v.pool.kind == convlab::LayerKind::UpSampling2D && !v.pool_step.taps.empty()) {
        // The input cell the output cell in focus copies.
        w.member("out_i", v.pool_step.out_i).member("out_j", v.pool_step.out_j).member("channel", v.pool_step.channel);
        w.key("copies").begin_array().integer(v.pool_step.taps[0].row).integer(v.pool_step.taps[0].col).end_array();
    }
    if (v.subject == ConvSubject::Conv && !v.concat.branches.empty()) {
        // The input slabs' tints: which branch of the Concatenate each run of channels came from.
        w.key("branches").begin_array();
        for (const ConcatBranch& b : v.concat.branches)
            w.begin_object().member("name", b.name).member("channels", b.channels).end_object();
        w.end_array();
    }
    if (v.subject == ConvSubject::Merge) {
        const convlab::MergeTraceStep& s = v.merge_step;
        w.key("merge").begin_object();
        w.key("inputs").begin_array();
        for (size_t k = 0; k < v.merge.channels.size(); ++k)
            w.begin_object().member("name", k < v.merge_names.size() ? v.merge_names[k] : std::string())
                .member("channels", v.merge.channels[k]).end_object();
        w.end_array();
        w.member("out_channels", convlab::merge_trace_out_channels(v.merge));
        w.member("channel", s.channel);
        if (v.merge.kind == convlab::LayerKind::Concatenate) {
            w.member("sum", v.merge_sum).member("input", int64_t(s.input)).member("in_channel", s.in_channel);
            w.member("first_channel", s.first_channel);
        } else {
            w.member("out_i", s.out_i).member("out_j", s.out_j);
            w.key("values").begin_array();
            for (float x : s.inputs) w.number(double(x));
            w.end_array();
            w.member("value", double(s.value)).member("equation", merge_equation(v));
        }
        w.end_object();
    }
    if (!v.problem.message.empty()) w.member("problem", v.problem.message);
    w.member("description", v.description);
    if (!v.perf.cpu_ms.empty() && !v.perf.running) w.key("perf").raw(conv_perf_json(v.perf));
    return w.end_object().take();
}

namespace {

// The output value the current step explains, as the test hook checks it
// against weights read elsewhere: its input window (Kh, Kw, Cin; padding reads
// 0), the value the view shows, and the kernel and bias of the same layer in
// the training session's network ("session_kernel": (Kh, Kw, Cin) of the
// filter; null while the session has no network for the model). Conv2D only.
std::string window_json(const App& app, const ConvView& v) {
    const convlab::Conv2DGeometry& g = v.src.g;
    convlab::ConvTraceStep st;
    convlab::conv_trace_step(v.src, v.mode, v.focus, v.timeline.step, &st);
    convlab::JsonWriter w;
    w.begin_object().member("row", v.shown_row).member("filter", st.filter);
    w.member("out_i", st.out_i).member("out_j", st.out_j);
    w.member("value", double(v.y[size_t((st.out_i * g.wo + st.out_j) * g.cout + st.filter)]));
    w.key("patch").begin_array();
    for (const convlab::TraceTap& t : st.taps)
        for (int64_t c = 0; c < g.cin; ++c)
            w.number(t.padding ? 0.0 : double(v.x[size_t((t.row * g.w + t.col) * g.cin + c)]));
    w.end_array();
    const TrainingSession& t = app.training;
    const int call = t.built && v.source == ConvSource::Model && !v.mistake && v.shown_row >= 0 &&
                             v.shown_row < int(app.summary.layers.size())
                         ? convlab::network_call_of_layer(t.net, app.summary.layers[size_t(v.shown_row)].index)
                         : -1;
    if (call < 0) {
        w.key("session_kernel").null().key("session_bias").null();
        return w.end_object().take();
    }
    const convlab::NetLayer& nl = t.net.layers[size_t(call)];
    const convlab::ParamBlock& kernel = t.net.blocks[size_t(nl.block_of[size_t(convlab::WeightSlot::Kernel)])];
    // Keras's kernel is (Kh, Kw, Cin, Cout): filter f is every Cout-th value.
    w.key("session_kernel").begin_array();
    for (int64_t k = 0; k < kernel.count / g.cout; ++k) w.number(double(t.net.params[size_t(kernel.offset + k * g.cout + st.filter)]));
    w.end_array();
    const int bias_block = nl.block_of[size_t(convlab::WeightSlot::Bias)];
    if (bias_block != convlab::kNoBlock) {
        const convlab::ParamBlock& bias = t.net.blocks[size_t(bias_block)];
        w.member("session_bias", double(t.net.params[size_t(bias.offset + st.filter)]));
    } else {
        w.member("session_bias", 0);
    }
    return w.end_object().take();
}

}  // namespace

std::string conv_view_command(App& app, const std::string& verb, const std::string& args) {
    ConvView& v = app.conv;
    std::istringstream in(args);
    if (verb == "conv_layer") {
        int row = -1;
        if (!(in >> row) || row < -1 || row >= int(app.summary.layers.size())) return "error: no such summary row";
        conv_view_pick_layer(app, v, row);
    } else if (verb == "conv_toy") {
        conv_view_pick_toy(v);
    } else if (verb == "conv_mode") {
        int mode = 0;
        if (!(in >> mode) || mode < 1 || mode > 3) return "error: modes are 1, 2, 3";
        v.mode = convlab::TraceMode(mode - 1);
        v.dirty = true;
    } else if (verb == "conv_step") {
        long long k = 0;
        if (!(in >> k) || k < 0) return "error: conv_step <k>, k from 0";
        conv_view_update(app, v);
        if (k >= v.step_count) return "error: step out of range (" + std::to_string(v.step_count) + " steps)";
        v.timeline.playing = false;
        timeline_set(&v.timeline, k);
    } else if (verb == "conv_window") {
        conv_view_update(app, v);
        if (v.subject != ConvSubject::Conv || v.spec.kind != convlab::LayerKind::Conv2D)
            return "error: conv_window explains a Conv2D layer";
        return window_json(app, v);
    } else if (verb == "conv_last") {
        conv_view_update(app, v);
        v.timeline.playing = false;
        timeline_set(&v.timeline, v.step_count - 1);
    } else if (verb == "conv_stage") {
        int stage = 0;
        if (!(in >> stage) || stage < 1 || stage > 2) return "error: conv_stage <1|2>";
        conv_view_update(app, v);
        if (!conv_view_separable(v)) return "error: only a SeparableConv2D has two stages";
        v.stage = stage - 1;
        v.dirty = true;
        v.camera_framed = false;
    } else if (verb == "conv_mistake") {
        int on = 0;
        if (!(in >> on) || on < 0 || on > 2) return "error: conv_mistake <0|1|2> (off, the learner's count, DepthwiseConv2D)";
        v.mistake = on != 0;
        if (on) v.mistake_part = on;
        v.dirty = true;
        v.camera_framed = false;
    } else if (verb == "conv_play") {
        int on = 0;
        if (!(in >> on)) return "error: conv_play <0|1>";
        v.timeline.playing = on != 0;
    } else if (verb == "conv_focus") {
        long long i = 0, j = 0, f = 0;
        if (!(in >> i >> j >> f) || i < 0 || j < 0 || f < 0) return "error: conv_focus <i> <j> <filter>";
        v.focus_pref_i = i;
        v.focus_pref_j = j;
        v.focus.filter = f;
        v.dirty = true;
    } else if (verb == "conv_zoom") {
        float notches = 0;
        if (!(in >> notches)) return "error: conv_zoom <notches>";
        conv_view_zoom(v, notches);
    } else if (verb == "conv_perf") {
        v.perf.running = true;
        v.perf.warmup = 60;
        v.perf.cpu_ms.clear();
        v.perf.raf_ms.clear();
        v.perf.last_start = 0.0;
    } else if (verb == "conv_set") {
        std::string field, value;
        if (!(in >> field >> value)) return "error: conv_set <field> <value>";
        std::string error;
        if (!conv_view_set_field(app, v, field, value, &error)) return "error: " + error;
    } else {
        return "error: unknown command '" + verb + "'";
    }
    return "ok";
}
