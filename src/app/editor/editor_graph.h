// editor_graph.h: a Functional model drawn as the graph it is. Each layer is a
// box (name, class, output shape, Param #) placed by depth, the longest path
// from an input, so a chain reads top to bottom and branches stand side by
// side; an edge runs from each tensor a layer reads to the layer. Click a box
// to select its layer (the summary row and the arithmetic follow); drag the
// background or scroll to pan; Ctrl+wheel or the − / + buttons zoom. Not the
// edits: editor_panel.cpp draws the selected layer's fields and buttons, and
// model_edit.cpp makes the changes.
#pragma once
#include <string>
#include <vector>

#include "core/model/layer_spec.h"

struct App;

// Where each layer's box sits, in unzoomed pixels from the canvas's top left.
struct GraphLayout {
    std::string key;           // the model's link code when this was laid out
    std::vector<float> x, y;   // per ModelSpec layer: the box's top left
    std::vector<int> depth;    // per layer: the longest path from an input
    float width = 0.0f, height = 0.0f;
};

constexpr float kGraphNodeW = 232.0f, kGraphNodeH = 44.0f, kGraphGapX = 24.0f, kGraphGapY = 22.0f;

// Lays the graph out: depth by the longest path from an input (every call
// counted), then each row ordered and placed under the mean of its inputs,
// pushed right where boxes would overlap. A layer no call reaches sits at depth 0.
GraphLayout layout_graph(const convlab::ModelSpec& model);

// The canvas, width × height in the current window. Selection goes through
// editor_select_card, as a click on a card does.
void editor_graph_canvas(App& app, float width, float height);
