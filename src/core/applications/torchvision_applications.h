// torchvision_applications.h: the torchvision networks ConvLab knows, each a
// PyTorch source of ConvLab's own (src/core/applications/torchvision/*.py,
// nn.Module classes and a builder per network) that the core's PyTorch
// importer reads like any learner's script, so every count comes from the
// importer. Names are torchvision's builders, lowercase: "resnet18";
// "torchvision:resnet18" is the same. The keras.applications table is
// applications.h; the two never share a name (Keras's are CamelCase).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace convlab {

struct TorchvisionApplication {
    const char* name;    // "resnet18": the builder torchvision.models names
    const char* family;  // "resnet": the source file that defines it
    int64_t side;        // the input's height and width its weights were trained at: (1, 3, side, side)
};

const std::vector<TorchvisionApplication>& torchvision_applications();
// The network by name (a "torchvision:" prefix allowed), or null.
const TorchvisionApplication* find_torchvision_application(const std::string& name);
// Its family's PyTorch source, which defines the builder.
std::string torchvision_source(const TorchvisionApplication& app);
// A whole script: the source, then `model = NAME()` and torchinfo's
// summary(model, input_size=(1, 3, side, side)), which gives the importer its input size.
std::string torchvision_script(const TorchvisionApplication& app);

}  // namespace convlab
