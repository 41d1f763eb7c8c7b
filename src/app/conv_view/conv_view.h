// conv_view.h: the Convolution tab: a 3D picture of one conv-family layer of
// the learner's model, animated step by step from the core's trace
// (core/trace/conv_trace.h): why Cin multiplies the kernel size. Also the
// seed answer's toy example, a playground where Cin, Kh, Kw, Cout, stride,
// padding and dilation can be changed (every number through summarize()),
// the common mistake drawn as DepthwiseConv2D, pooling, and Flatten → Dense.
// Not the arithmetic's source: shapes, counts and values all come from the core.
//
// Weights: the view builds its own convlab::Network from the model with the
// fixed seed kConvViewSeed (Keras's glorot_uniform, zero biases); once the
// training session has learned weights for the model, the view uses those
// (conv_view_follow_training), until an edit or a reset starts training again.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "render/orbit_camera.h"
#include "render/conv_view_renderer.h"
#include "app/conv_view/conv_view_timeline.h"
#include "app/digits.h"
#include "core/model/layer_spec.h"
#include "core/analysis/model_summary.h"
#include "core/analysis/problem.h"
#include "core/trace/conv_trace.h"
#include "core/trace/merge_trace.h"
#include "core/trace/pool_trace.h"
#include "core/trace/transpose_trace.h"
#include "core/train/layer_passes.h"
#include "core/train/network.h"

struct App;

constexpr uint64_t kConvViewSeed = 2019;  // the year of the seed question
// The most the view's own network (one example, for real activations) may
// take. A network holds its gradients and optimizer slots too, so ResNet50 at
// batch 1 grew the page's memory to 943 MB; above this the view animates the
// layer on its own, with seeded weights and the digit as input.
constexpr int64_t kConvViewNetworkBudget = int64_t(160) << 20;

enum class ConvSubject : uint8_t { None, Conv, Pool, Dense, Other, Merge };
enum class ConvSource : uint8_t { Model, Toy, Playground };

// The fields the learner can change in the playground (Keras's names in comments).
struct ConvFields {
    int64_t cin = 1;                   // the input's channels
    int64_t kh = 3, kw = 3;            // kernel_size
    int64_t cout = 1;                  // filters
    int64_t stride = 1;                // strides
    int64_t dilation = 1;              // dilation_rate
    convlab::Padding padding = convlab::Padding::Valid;
};

struct ConvPerf {
    std::vector<float> cpu_ms, raf_ms;  // one per measured frame, capacity reserved once
    int warmup = 0;                     // frames still to skip
    bool running = false;
    double last_start = 0.0;
    double draw_ms = 0.0;               // the 3D view's GL calls in the last frame
    bool redrawn = false;               // whether the last frame drew the 3D view (or showed the one before)
    int redraws = 0;                    // measured frames that drew it
    std::vector<float> draw_samples;
};

// When the shown layer reads a Concatenate (a graph's) along channels: the
// joined tensor's first branch's channels (where the next branch starts along
// Cin), the Concatenate's name, its sum as the core wrote it ("16 + 12 = 28"),
// and each branch: whose output it is and its channels, from the summary.
// first == 0 otherwise.
struct ConcatBranch {
    std::string name;
    int64_t channels = 0;
};
struct ConcatSplit {
    int64_t first = 0;
    std::string name, sum;
    std::vector<ConcatBranch> branches;
};

// The most inputs of a merge the view draws (a merge of more is described in words only).
constexpr int kMergeDrawn = 4;

struct ConvView {
    // ---- What is animated
    int layer_row = -1;             // summary row of the model; -1: follow App::selected_layer
    ConvSource source = ConvSource::Model;
    bool playground_from_toy = false;  // the playground started from the toy, not the model's layer
    bool mistake = false;           // show the common mistake: the filter as one Kh×Kw slice
    // Which part of it: 1, the learner's own count (a Conv2D whose filters read
    // one input slice, the other Cin − 1 drawn as ignored: (Kh·Kw + 1)·Cout);
    // 2, DepthwiseConv2D, the layer that does read one slice per filter.
    int mistake_part = 1;
    int64_t ignored_slices = 0;     // part 1: the input slices the filters leave out
    // The model's input pixels the value in focus sees through every layer
    // before it (its receptive field placed at that value): first and last row,
    // first and last column; set by the side panel, valid when value_field_ok.
    int64_t value_field[4] = {0, 0, 0, 0};
    bool value_field_ok = false;
    convlab::TraceMode mode = convlab::TraceMode::ChannelWalk;
    int stage = 0;                  // SeparableConv2D: 0 its depthwise stage, 1 its 1×1 pointwise stage
    convlab::TraceFocus focus;
    ConvFields fields;              // the playground's fields (copied from the layer when it is picked)
    convlab::Problem problem;       // why the playground's layer cannot be built
    bool problem_shown = false;

    // ---- The scene's model: Input + the one layer, analysed by summarize()
    ConvSubject subject = ConvSubject::None;
    convlab::ModelSpec scene_model;
    convlab::ModelSummary scene_summary;
    convlab::LayerSpec spec;        // the animated layer
    convlab::LayerSummary layer;    // its row in scene_summary (or the model's summary)
    std::string input_name;         // whose output feeds it ("conv2d_1"), empty for the digit
    int shown_row = 0;              // the model's summary row the scene comes from
    convlab::LayerSpec base_spec;   // the Conv2D the mistake is compared with (the layer itself otherwise)
    convlab::LayerSummary base_layer;
    int64_t base_per_filter = 0;    // Kh·Kw·Cin + 1 of the base layer, from the trace
    int64_t focus_pref_i = -1, focus_pref_j = -1;  // the output position asked for (-1: the centre)

    // ---- Numbers (owned here; the trace borrows them)
    std::vector<float> x, w, b, y;  // the stage's input (H,W,Cin), weights, bias, output (Ho,Wo,Cout)
    // SeparableConv2D's two stages share these: the layer's input, its two
    // kernels, and mid, the depthwise stage's output (the trace computes it).
    std::vector<float> sep_x, sep_wd, sep_wp, sep_mid;
    convlab::SeparableGeometry sep_g;   // its two stages' geometry, from the core
    int64_t stage_weights[2] = {0, 0};  // weights each stage meets, from the trace
    convlab::Shape stage_in, stage_out;  // the shapes the picture shows: the layer's, or one stage's
    // Conv2DTranspose, animated as the convolution it equals (core/trace/transpose_trace.h):
    // the layer's own input and Keras kernel (Kh, Kw, Cout, Cin); x and w then hold
    // the spread input and the flipped kernel. spread: the core's numbers, vectors left empty.
    std::vector<float> transpose_in, transpose_kernel;
    convlab::TransposeAsConv spread;
    int64_t pad_bottom = 0, pad_right = 0;  // the stage's padding after (the 1×1 stage has none)
    float w_scale = 1.0f;           // 1 / max |weight or bias|, for colours
    convlab::ConvTraceSource src;
    convlab::PoolTraceSource pool;  // UpSampling2D (nearest) too: kind UpSampling2D, a 1×1 window
    convlab::UpsampleTraceSource upsample;  // UpSampling2D's steps (pool.g lays the picture out)
    convlab::ConvTraceStep step;
    convlab::PoolTraceStep pool_step;
    int64_t step_count = 0;
    ConcatSplit concat;             // the shown convolution's input branches (conv_view_update), for the tints

    // ---- A merge of a graph (Add, Concatenate, ...): the inputs and the output
    // are the network's activations for the digit; the trace only points into them.
    convlab::MergeTraceSource merge;
    convlab::MergeTraceStep merge_step;
    std::vector<std::vector<float>> merge_x;  // each input's values (H, W, C_j)
    std::vector<std::string> merge_names;     // whose outputs they are ("conv2d_1")
    std::string merge_sum;                    // Concatenate: the core's channel sum, "16 + 12 = 28"

    // ---- The model's network (weights and activations), run on the App's first test digit
    convlab::Network net;
    bool net_ok = false;
    bool trained = false;           // net holds the training session's learned weights, not the seed's
    long weights_version = -1;      // the session's weights_version last looked at (-1: look again)
    bool weights_only = false;      // the next rebuild only changes weights: keep the step shown
    convlab::ModelSpec net_model;   // the model `net` was built from
    int model_generation = -1;      // -1: build (or run) the network again
    bool ran_on_digits = false;     // net last ran on the digits (false: on zeros, before they came)

    // ---- Presentation
    Timeline timeline;
    OrbitCamera camera;
    Vec3 action;                    // the window's centre: zooming in moves towards it
    bool camera_framed = false;
    ConvRenderer renderer;
    SlabTensor input_slabs, output_slabs;
    SlabTensor merge_slabs[kMergeDrawn];      // a merge's inputs (its output is output_slabs)
    std::vector<SlabInstance> banded_slabs;  // band_hidden_slabs' buffer, keeps its capacity between frames
    std::vector<CellInstance> cells, cell_ghosts;
    bool dirty = true;              // the scene must be rebuilt (layer, source, fields, weights)
    bool uploaded = false;          // textures hold the current x and y
    int64_t described_step = -1;
    std::string description;        // one line per step, mirrored to the screen reader
    double last_announce_ms = -1e9;
    bool reduced_motion = false;
    bool initialised = false;
    float image_w = 0, image_h = 0;
    ConvPerf perf;
};

// Whether the animated layer is a SeparableConv2D, shown as its two stages.
inline bool conv_view_separable(const ConvView& v) {
    return v.subject == ConvSubject::Conv && v.spec.kind == convlab::LayerKind::SeparableConv2D;
}

ConcatSplit concat_split(const App& app, const ConvView& view);

// The tab's content, filling `size` (0 fills the rest).
void conv_view_panel(App& app, ImVec2 size);
// Rebuilds the scene if its layer, numbers or fields changed (conv_view_scene.cpp).
void conv_view_update(App& app, ConvView& view);
// Animates summary row `row` of the model; -1 follows the summary's selection.
void conv_view_pick_layer(App& app, ConvView& view, int row);
// The seed answer's example: (28, 28, 3) input, four (5, 5, 3) kernels.
void conv_view_pick_toy(ConvView& view);

// Looks at the training session's weights when its weights_version moved on:
// learned weights for this model replace the view's (the activations are
// recomputed and the step shown stays); after a reset or a new architecture
// the seeded ones come back. conv_view_update calls it while training is not
// running; while it runs, the panel calls it only as a new step is shown, so
// the weights are not copied every frame. Returns true when the weights changed.
bool conv_view_follow_training(App& app, ConvView& view);

// Test-hook verbs (conv_layer, conv_mode, conv_step, conv_toy, conv_mistake,
// conv_set, conv_play, conv_perf); returns "ok", a value or "error: <why>".
std::string conv_view_command(App& app, const std::string& verb, const std::string& args);
// The displayed state as a JSON object, for the test hook.
// "digits" is the App's digits' state: 0 not asked, 1 loading, 2 ready, -1 failed.
std::string conv_view_state_json(Lang lang, const ConvView& view, const Digits& digits);
