// network_gradient_check.h: the whole-network gradient check the training
// tests share: one training-mode forward and backward pass, then every weight
// block's gradient against central finite differences of the loss (a small
// step, since relu, max pooling and max/min merges have kinks).
#pragma once
#include <string>
#include <vector>

#include "core/train/network.h"
#include "train/train_test_helpers.h"

namespace convlab {
namespace test {

// x holds n examples; labels n classes. Returns how many blocks were checked.
inline int check_network_gradients(Network* net, const std::vector<float>& x, const std::vector<int32_t>& labels) {
    const int64_t n = int64_t(labels.size());
    auto loss = [&] {
        network_forward(net, x.data(), n, true);
        return network_loss(net, labels.data(), n);
    };
    loss();
    network_backward(net, labels.data(), n);
    int checked = 0;
    for (const ParamBlock& b : net->blocks) {
        float* weights = net->params.data() + b.offset;
        std::vector<float> w(weights, weights + b.count);
        const std::vector<float> g(net->grads.data() + b.offset, net->grads.data() + b.offset + b.count);
        auto block_loss = [&] {
            std::copy(w.begin(), w.end(), weights);
            return loss();
        };
        const std::string layer = net->layers[size_t(b.layer)].summary.name;
        CAPTURE(layer);
        check_gradient(weight_slot_keras_name(b.slot), &w, g, block_loss, 1e-3f, 1e-2);
        std::copy(w.begin(), w.end(), weights);
        ++checked;
    }
    return checked;
}

}  // namespace test
}  // namespace convlab
