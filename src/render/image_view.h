// image_view.h: small pictures of numbers for the training panel (digits,
// filters, feature maps): an RGBA buffer turned into a GL texture, a
// perceptual colour map (viridis) and a colour bar labelled with the values
// its ends stand for. Buffers and textures are resized only when a picture
// grows, so drawing a frame allocates nothing. Reference for the colour map:
// matplotlib's viridis (van der Walt & Smith), sampled at 11 points.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <vector>

struct ImageTexture {
    unsigned int id = 0;           // the GL texture, 0 until first upload
    int w = 0, h = 0;              // the picture's size in pixels
    int tex_w = 0, tex_h = 0;      // the texture's allocated size
    std::vector<uint8_t> rgba;     // w·h·4
    long version = -1;             // what the picture shows; the panel compares it with its source
};

// Sets the size and clears the buffer to `background` (RGBA).
void image_resize(ImageTexture& img, int w, int h, uint32_t background = 0);
void image_set(ImageTexture& img, int x, int y, const uint8_t rgb[3]);
// Counts the upload in *texture_changes (the UI renderer then draws the next frame).
void image_upload(ImageTexture& img, uint64_t* texture_changes);
// Draws pixels [x0, x0+w) × [y0, y0+h) of the picture into the rectangle p0..p1.
void image_draw_part(ImDrawList* dl, const ImageTexture& img, ImVec2 p0, ImVec2 p1, int x0, int y0, int w, int h);

// viridis at t in [0, 1] (clamped): dark purple → blue → green → yellow.
void viridis(float t, uint8_t rgb[3]);
// A horizontal colour bar with lo at its left end and hi at its right, as text.
void colour_bar(float lo, float hi, float width);
