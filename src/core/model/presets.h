// presets.h: the models a first visit starts from, so the page is never empty.
// Each is written the way its source writes it, and cited there.
#pragma once
#include <string>
#include <vector>

#include "core/model/layer_spec.h"

namespace convlab {

// The last three are Functional graphs small enough to train on MNIST in a
// browser tab: a residual network, an Inception-style block, a DenseNet-style block.
enum class Preset : uint8_t {
    SeedQuestion, LeNet5, MnistConvnet, TinyNet, DepthwiseSeparable, SmallResNet, SmallInception, SmallDenseNet, Count
};

ModelSpec preset_model(Preset p);
const char* preset_id(Preset p);  // stable, for URLs and tests: "seed", "lenet5", ..., "resnet_small"

}  // namespace convlab
