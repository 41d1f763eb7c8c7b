// training_store_format.cpp: the CLW2 stored form of training_store_format.h,
// written and read front to back. The reader trusts nothing: every count is
// checked against the bytes left and its bound before anything is allocated.
#include "app/training/training_store_format.h"

#include <cmath>
#include <cstring>
#include <utility>

namespace {

// The stored form, everything little-endian (wasm and x86 both are):
//   "CLW2", u32 length + the architecture's code, u32 epochs done,
//   u32 updates done, then four float32 lists, each a u32 count and its values:
//   the weights, the batch losses, the train and the test accuracies.
// The curves come back with the weights so a reload loses no progress; the
// optimizer's running averages are not kept (resuming restarts them, as
// Keras does when a model is rebuilt from saved weights alone).
void put_u32(std::vector<uint8_t>* out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out->push_back(uint8_t(v >> (8 * i)));
}
void put_floats(std::vector<uint8_t>* out, const std::vector<float>& v) {
    put_u32(out, uint32_t(v.size()));
    const size_t at = out->size();
    out->resize(at + v.size() * 4);
    std::memcpy(out->data() + at, v.data(), v.size() * 4);
}

// Reads the stored form front to back; any read past the end fails them all.
struct StoredReader {
    const std::vector<uint8_t>& b;
    size_t at = 0;
    bool ok = true;
    uint32_t u32() {
        if (!ok || b.size() - at < 4) return ok = false, 0u;
        const uint8_t* p = b.data() + at;
        at += 4;
        return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    }
    std::string text(size_t n) {
        if (!ok || b.size() - at < n) return ok = false, std::string();
        at += n;
        return std::string(reinterpret_cast<const char*>(b.data() + at - n), n);
    }
    std::vector<float> floats(size_t most) {
        const size_t n = u32();
        if (!ok || n > most || (b.size() - at) / 4 < n) return ok = false, std::vector<float>();
        std::vector<float> v(n);
        std::memcpy(v.data(), b.data() + at, 4 * n);
        at += 4 * n;
        for (float x : v)
            if (!std::isfinite(x)) ok = false;
        return v;
    }
};

}  // namespace

void training_store_write(const StoredProgress& p, std::vector<uint8_t>* out) {
    out->clear();
    for (char c : {'C', 'L', 'W', '2'}) out->push_back(uint8_t(c));
    put_u32(out, uint32_t(p.arch_key.size()));
    out->insert(out->end(), p.arch_key.begin(), p.arch_key.end());
    put_u32(out, p.epochs);
    put_u32(out, p.updates);
    put_floats(out, p.weights);
    put_floats(out, p.batch_losses);
    put_floats(out, p.train_accuracy);
    put_floats(out, p.test_accuracy);
}

bool training_store_read(const std::vector<uint8_t>& bytes, size_t most_weights, StoredProgress* out) {
    StoredReader r{bytes};
    if (r.text(4) != "CLW2") return false;
    StoredProgress p;
    p.arch_key = r.text(r.u32());
    p.epochs = r.u32();
    p.updates = r.u32();
    p.weights = r.floats(most_weights);
    p.batch_losses = r.floats(p.updates);
    p.train_accuracy = r.floats(p.epochs + 1);
    p.test_accuracy = r.floats(p.epochs);
    if (!r.ok || r.at != bytes.size()) return false;
    *out = std::move(p);
    return true;
}
