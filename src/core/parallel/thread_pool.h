// thread_pool.h: the threads the kernels share, and the one way they use them.
//
// parallel_for(count, task) runs task(0) .. task(count − 1), each exactly once,
// on thread_count() threads (the caller is one of them) and returns when all
// have run. Tasks are handed out one at a time as threads come free, so which
// thread runs which task changes from run to run. That is safe for the
// results only because of a rule every caller keeps: a task writes outputs no
// other task writes, and computes them in an order that does not depend on the
// partition. Kernels therefore split along the output (rows of a product,
// images, columns of a weight gradient) and never split a sum; a sum split
// over threads would add its partial results in a different order, and a
// float sum's last bits depend on that order. So a seed's loss curve is the
// same, bit for bit, with 1, 2 or 8 threads (tests/core/train/test_threads.cpp).
//
// Built without threads (the page's wasm build today), there is one thread and
// parallel_for is a plain loop.
#pragma once
#include <cstdint>
#include <functional>

namespace convlab {

// The threads worth using here: std::thread::hardware_concurrency() capped at
// 8 (the page's cap, after the threads issue), or 1 when built without threads.
int hardware_thread_count();
// How many threads parallel_for uses from now on, clamped to 1 .. 8 (1 without
// threads). More threads than cores is allowed: they share the cores, and the
// results stay the same. The threads start here, on the calling thread, and
// are kept. Returns the count in force.
int set_thread_count(int threads);
int thread_count();

// See above. `work` is roughly how many multiply-adds (or element operations)
// the whole loop does: below work_worth_sharing() it runs on the calling
// thread, because waking a sleeping thread costs a few microseconds and a
// small product is over by then (the first layer of a 6×6 toy model). A task
// may call parallel_for itself: the inner loop runs on the calling thread. Two
// threads calling it at once are served one after the other.
void parallel_for(int64_t count, double work, const std::function<void(int64_t)>& task);

// 262,144 unless set; tests set 0 so that small shapes take the threaded path too.
double work_worth_sharing();
void set_work_worth_sharing(double work);

// A buffer of at least `floats` floats belonging to the calling thread, for a
// task's own intermediate results (an im2col block, a padded image). Kept and
// grown, never shrunk, so a step allocates nothing once the first has run.
// Valid until the same thread asks again.
float* thread_scratch(int64_t floats);

}  // namespace convlab
