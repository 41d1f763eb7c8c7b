// training_panel.h: what the Training tab keeps between frames for drawing
// (textures, the drawing pad's ink, which layer "look inside" shows). The App
// owns it beside the session; the session (training_session.h) holds the
// network and its progress. Not the panel's drawing (training_panel.cpp).
#pragma once
#include <imgui.h>

#include <vector>

#include "render/image_view.h"

struct TrainingPanelState {
    ImageTexture digits, pad_img, seen, filters, maps;
    float pad[112 * 112] = {};
    bool pad_dirty = false;
    ImVec2 last_stroke{-1, -1};
    int inside_layer = -1;      // index into the network's layers
    int input_channel = 0;
    long filters_version = -1, maps_version = -1, digits_version = -1, seen_version = -1;
    int maps_layer = -1, filters_layer = -1, filters_channel = -1;
    float filters_lo = 0, filters_hi = 0, maps_lo = 0, maps_hi = 0;
    std::vector<ImVec2> points;  // plot polylines, reused
};
