// bench_command.h: `convlab bench`, the speed of the compute kernels on the
// seed model's layers and of its whole training step, each as GFLOP/s and as
// a share of the measured f32x4 multiply-add peak (kernels/peak.h). Not a test: correctness is the tests' job.
#pragma once
#include <vector>

namespace convlab {

// What every benchmark section shares: the peak that ratios are taken against
// and how many timed runs each measurement takes the median of.
struct BenchContext {
    double peak_gflops = 0.0;
    int repetitions = 5;
    // The training section's thread counts, in order; ratios are to the first.
    std::vector<int> threads = {1};
};

// argv is as main received it, with argv[1] == "bench"; options start at argv[2]:
//   --reps N      timed runs per measurement (median reported; at least 5)
//   --peak-seconds S   how long the peak benchmark runs (default 1)
//   --threads LIST     thread counts for the training section, such as 1,2,4
//                      (default 1 and, when more, every core up to 8)
// Returns the process exit code.
int run_bench(int argc, char** argv);

// The sections run_bench prints, in order. A new section (training speed, say)
// is a function of this shape in its own file, declared here and called once
// from run_bench.
void bench_kernels(const BenchContext& context);
// The seed model's inference and whole training step (bench_training.cpp), batch 32 and 128,
// on each of context.threads.
void bench_training(const BenchContext& context);

}  // namespace convlab
