// thread_pool.cpp: a fork-join pool. The caller and the workers take task
// indices from one atomic counter; a job ends when every thread that joined it
// has left it, so no worker can still be inside a job's task when the next job
// starts. CONVLAB_THREADS is 0 where std::thread cannot run (wasm built without
// -pthread): then everything below is a loop on the calling thread.
#include "core/parallel/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <vector>

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define CONVLAB_THREADS 0
#else
#define CONVLAB_THREADS 1
#if defined(__EMSCRIPTEN_PTHREADS__)
#include <emscripten/threading.h>
#endif
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#endif

namespace convlab {

namespace {

#if CONVLAB_THREADS

constexpr int kMaxThreads = 8;

thread_local bool inside_task = false;  // a nested parallel_for runs inline

class Pool {
public:
    ~Pool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        for (std::thread& t : workers_) t.join();
    }

    int threads() const { return threads_.load(); }

    // Starts the workers now, on the calling thread: in the browser a thread
    // started by a worker needs the main thread to start it, and the main
    // thread may be waiting for that very worker (training_thread.h).
    int set_threads(int n) {
        std::lock_guard<std::mutex> job(job_mutex_);  // never while a job runs
        start_workers(n);
        threads_.store(n);
        return n;
    }

    void run(int64_t count, const std::function<void(int64_t)>& task) {
        std::unique_lock<std::mutex> job(job_mutex_, std::try_to_lock);
        const int threads = int(std::min<int64_t>(threads_.load(), count));
        if (!job.owns_lock() || threads <= 1) {  // busy with another caller's job, or nothing to share
            for (int64_t i = 0; i < count; ++i) task(i);
            return;
        }
        start_workers(threads);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            task_ = &task;
            count_ = count;
            next_.store(0);
            participants_ = threads;
            busy_ = threads - 1;
            ++generation_;
        }
        wake_.notify_all();
        take_tasks();
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [this] { return busy_ == 0; });
        task_ = nullptr;
    }

private:
    void start_workers(int threads) {
        while (int(workers_.size()) < threads - 1) {
            const int id = int(workers_.size()) + 1;
            workers_.emplace_back([this, id] { work(id); });
        }
    }

    void take_tasks() {
        inside_task = true;
        for (int64_t i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) (*task_)(i);
        inside_task = false;
    }

    // Worker `id` (1 .. 7) joins a job only when the job wants at least id + 1 threads.
    void work(int id) {
        uint64_t seen = 0;
        for (;;) {
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
                if (stopping_) return;
                seen = generation_;
                if (id >= participants_) continue;
            }
            take_tasks();
            {
                std::lock_guard<std::mutex> lock(mutex_);
                --busy_;
            }
            done_.notify_one();
        }
    }

    std::atomic<int> threads_{1};
    std::mutex job_mutex_;  // one job at a time
    std::vector<std::thread> workers_;

    std::mutex mutex_;  // guards the job's fields below and the wake-ups
    std::condition_variable wake_, done_;
    uint64_t generation_ = 0;
    bool stopping_ = false;
    int participants_ = 0, busy_ = 0;
    const std::function<void(int64_t)>* task_ = nullptr;
    int64_t count_ = 0;
    std::atomic<int64_t> next_{0};
};

Pool& pool() {
    static Pool instance;
    return instance;
}

#endif

}  // namespace

int hardware_thread_count() {
#if CONVLAB_THREADS
    return std::clamp(int(std::thread::hardware_concurrency()), 1, kMaxThreads);
#else
    return 1;
#endif
}

int set_thread_count(int threads) {
#if CONVLAB_THREADS
    return pool().set_threads(std::clamp(threads, 1, kMaxThreads));
#else
    (void)threads;
    return 1;
#endif
}

int thread_count() {
#if CONVLAB_THREADS
    return pool().threads();
#else
    return 1;
#endif
}

namespace {
std::atomic<double> worth_sharing{262144.0};
}  // namespace

double work_worth_sharing() { return worth_sharing.load(); }
void set_work_worth_sharing(double work) { worth_sharing.store(work); }

void parallel_for(int64_t count, double work, const std::function<void(int64_t)>& task) {
    if (count <= 0) return;
#if CONVLAB_THREADS
#if defined(__EMSCRIPTEN_PTHREADS__)
    // The browser's main thread never waits for a worker (it would freeze the
    // page, and a worker may need the main thread to start): it computes alone.
    const bool may_share = !emscripten_is_main_browser_thread();
#else
    const bool may_share = true;
#endif
    if (may_share && !inside_task && count > 1 && work >= worth_sharing.load()) return pool().run(count, task);
#else
    (void)work;
#endif
    for (int64_t i = 0; i < count; ++i) task(i);
}

float* thread_scratch(int64_t floats) {
    thread_local std::vector<float> buffer;
    if (int64_t(buffer.size()) < floats) buffer.resize(size_t(floats));
    return buffer.data();
}

}  // namespace convlab
