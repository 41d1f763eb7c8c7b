// The core tests' main: doctest's, after one setting. CONVLAB_TEST_THREADS=N
// runs every test with the kernels on N threads (ctest runs the suite once
// with 1 and once with 2), however small the shapes, so each
// fast-against-reference check also checks the threaded kernels; the tests
// that compare thread counts set their own.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest.h>

#include <cstdlib>

#include "core/parallel/thread_pool.h"

int main(int argc, char** argv) {
    if (const char* threads = std::getenv("CONVLAB_TEST_THREADS")) {
        convlab::set_thread_count(std::atoi(threads));
        convlab::set_work_worth_sharing(0.0);  // small test shapes too
    }
    return doctest::Context(argc, argv).run();
}
