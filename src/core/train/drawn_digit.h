// train/drawn_digit.h: a digit drawn with a mouse or finger, made to look like
// an MNIST digit before the network sees it. MNIST's own preparation (LeCun,
// Cortes, Burges, "The MNIST database"): each digit was scaled to fit a 20×20
// box keeping its aspect ratio, then placed in the 28×28 image so that its
// centre of mass sits at the centre. Not stroke smoothing or deskewing.
#pragma once
#include <cstdint>

namespace convlab {

// in is (h, w) ink in [0, 1]; out is (28, 28) in [0, 1]. The ink's bounding box
// is scaled so its longer side is 20 pixels (area-sampled, 4×4 samples per
// pixel), then shifted by whole pixels to put the centre of mass at (14, 14).
// Returns false, with out all zeros, when nothing is drawn.
bool mnist_center_drawing(const float* in, int64_t h, int64_t w, float* out);

}  // namespace convlab
