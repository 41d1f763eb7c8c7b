// peak.h: the measured ceiling every kernel is compared against: how many
// f32x4 multiply-adds per second this CPU (or this wasm engine) sustains when
// nothing but independent multiply-add chains run. Not a theoretical peak from
// a datasheet: it is measured the same way on every target, with the same madd.
#pragma once

namespace convlab {

// Runs independent f32x4 chains acc = acc·a + b for about `seconds` and returns
// the best GFLOP/s seen (a multiply and an add per lane count as 2 FLOPs).
double measure_simd_peak_gflops(double seconds);

}  // namespace convlab
