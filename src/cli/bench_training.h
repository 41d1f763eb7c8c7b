// bench_training.h: training throughput of the seed model, for `convlab bench`
// (the kernels' bench_command.cpp calls this). Not a test: it measures only.
#pragma once
#include <cstdint>
#include <cstdio>

namespace convlab {

// Prints forward (inference) and forward+backward (training, no update)
// examples per second for the seed model at batch_size, each measured for at
// least min_seconds on seeded random inputs.
void bench_training(std::FILE* out, int64_t batch_size = 32, double min_seconds = 2.0);

}  // namespace convlab
