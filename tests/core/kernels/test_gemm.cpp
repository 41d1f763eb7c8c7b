// test_gemm.cpp: the blocked gemm against gemm_ref on sizes that are not
// multiples of the 6×8 micro-tile, across the 48-row and 256-deep blocks, with
// every transpose combination, padded strides and accumulation; plus a product
// small enough to check by hand; and the same bits on any number of threads.
#include <doctest.h>

#include <cstring>

#include "core/kernels/gemm.h"
#include "core/parallel/thread_pool.h"
#include "kernel_test_util.h"

using namespace convlab;
using convlab::test::XorShift;

namespace {

struct GemmCase {
    int64_t m, n, k;
};

// Runs gemm and gemm_ref on the same random operands (each stored with 3 spare
// columns, so strides differ from widths) and compares C.
void check_gemm_matches_reference(GemmCase s, bool trans_a, bool trans_b, bool accumulate, uint32_t seed) {
    XorShift rng(seed);
    const int64_t a_rows = trans_a ? s.k : s.m, a_cols = trans_a ? s.m : s.k;
    const int64_t b_rows = trans_b ? s.n : s.k, b_cols = trans_b ? s.k : s.n;
    const int64_t lda = a_cols + 3, ldb = b_cols + 3, ldc = s.n + 3;
    const std::vector<float> a = test::random_vector(a_rows * lda, &rng);
    const std::vector<float> b = test::random_vector(b_rows * ldb, &rng);
    std::vector<float> c_ref = test::random_vector(s.m * ldc, &rng);
    std::vector<float> c_fast = c_ref;
    gemm_ref(s.m, s.n, s.k, a.data(), lda, b.data(), ldb, c_ref.data(), ldc, accumulate, trans_a, trans_b);
    gemm(s.m, s.n, s.k, a.data(), lda, b.data(), ldb, c_fast.data(), ldc, accumulate, trans_a, trans_b);
    INFO("m " << s.m << ", n " << s.n << ", k " << s.k << (trans_a ? ", Aᵀ" : "") << (trans_b ? ", Bᵀ" : "")
              << (accumulate ? ", accumulate" : ""));
    test::check_close(c_fast, c_ref, s.k + 1);  // the spare columns must come back untouched too
}

}  // namespace

TEST_CASE("gemm: a 2x3 times 3x2 product matches the one worked by hand") {
    // [1 2 3]   [ 7  8]   [ 58  64]
    // [4 5 6] · [ 9 10] = [139 154]
    //           [11 12]
    const float a[] = {1, 2, 3, 4, 5, 6}, b[] = {7, 8, 9, 10, 11, 12};
    float c_fast[4] = {}, c_ref[4] = {};
    gemm(2, 2, 3, a, 3, b, 2, c_fast, 2, false, false, false);
    gemm_ref(2, 2, 3, a, 3, b, 2, c_ref, 2, false, false, false);
    for (const float* c : {c_fast, c_ref}) {
        CHECK(c[0] == 58.0f);
        CHECK(c[1] == 64.0f);
        CHECK(c[2] == 139.0f);
        CHECK(c[3] == 154.0f);
    }
}

TEST_CASE("gemm: accumulate adds the product to C instead of replacing it") {
    const float a[] = {1, 2}, b[] = {3, 4};  // (1x2)·(2x1) = 11
    float c = 100.0f;
    gemm(1, 1, 2, a, 2, b, 1, &c, 1, true, false, false);
    CHECK(c == 111.0f);
    gemm(1, 1, 2, a, 2, b, 1, &c, 1, false, false, false);
    CHECK(c == 11.0f);
}

TEST_CASE("gemm: matches gemm_ref on odd sizes with every transpose combination") {
    const GemmCase cases[] = {{1, 1, 1},  {5, 3, 2},   {6, 8, 4},     {7, 63, 288}, {13, 9, 5},
                              {50, 17, 300}, {97, 70, 31}, {3, 130, 513}, {49, 1, 7}};
    uint32_t seed = 1;
    for (const GemmCase& s : cases)
        for (int variant = 0; variant < 8; ++variant)
            check_gemm_matches_reference(s, variant & 1, variant & 2, variant & 4, seed++);
}

TEST_CASE("gemm: with k = 0 the product is zero, so C is zeroed or left as it was") {
    float c[6] = {1, 2, 3, 4, 5, 6};
    const float unused = 0.0f;
    gemm(2, 3, 0, &unused, 1, &unused, 3, c, 3, true, false, false);
    CHECK(c[5] == 6.0f);
    gemm(2, 3, 0, &unused, 1, &unused, 3, c, 3, false, false, false);
    for (float v : c) CHECK(v == 0.0f);
}

TEST_CASE("gemm: the seed model's conv2 shape (M=576, N=63, K=288) matches gemm_ref") {
    check_gemm_matches_reference({576, 63, 288}, false, false, false, 4242);
}

// gemm splits C into tiles of rows × columns across threads; each C[i,j] is
// summed in the same order wherever it is computed, so the bits do not change.
TEST_CASE("gemm: 2, 3 and 7 threads give the same bits as 1, with every transpose combination") {
    const test::KeepThreadCount keep;
    if (set_thread_count(2) != 2) {
        MESSAGE("built without threads: nothing to compare");
        return;
    }
    const GemmCase cases[] = {{32, 10, 1600}, {1600, 10, 32}, {32, 1600, 10}, {97, 130, 513}, {1, 1, 1}, {49, 65, 7}};
    uint32_t seed = 900;
    for (const GemmCase& s : cases)
        for (int variant = 0; variant < 8; ++variant, ++seed) {
            const bool trans_a = variant & 1, trans_b = variant & 2, accumulate = variant & 4;
            XorShift rng(seed);
            const std::vector<float> a = test::random_vector(s.m * s.k, &rng), b = test::random_vector(s.k * s.n, &rng);
            const std::vector<float> c0 = test::random_vector(s.m * s.n, &rng);
            const int64_t lda = trans_a ? s.m : s.k, ldb = trans_b ? s.k : s.n;
            std::vector<float> one = c0;
            set_thread_count(1);
            gemm(s.m, s.n, s.k, a.data(), lda, b.data(), ldb, one.data(), s.n, accumulate, trans_a, trans_b);
            for (int threads : {2, 3, 7}) {
                std::vector<float> many = c0;
                set_thread_count(threads);
                gemm(s.m, s.n, s.k, a.data(), lda, b.data(), ldb, many.data(), s.n, accumulate, trans_a, trans_b);
                INFO("m " << s.m << ", n " << s.n << ", k " << s.k << ", variant " << variant << ", " << threads
                          << " threads");
                CHECK(std::memcmp(many.data(), one.data(), one.size() * sizeof(float)) == 0);
            }
        }
    set_thread_count(1);
}
