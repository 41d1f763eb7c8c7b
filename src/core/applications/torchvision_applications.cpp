// torchvision_applications.cpp: the table of torchvision networks and their
// sources, built into the core from src/core/applications/torchvision/*.py
// (CMakeLists.txt embeds each as application_torchvision_<file>). A network is
// listed only when its figures match torchvision 0.14's exactly
// (tests/core/test_torchvision_presets.cpp).
#include "core/applications/torchvision_applications.h"

#include <cstddef>

#define CONVLAB_EMBEDDED(family)                                  \
    extern const unsigned char application_torchvision_##family[]; \
    extern const std::size_t application_torchvision_##family##_size;
CONVLAB_EMBEDDED(alexnet)
CONVLAB_EMBEDDED(vgg)
CONVLAB_EMBEDDED(resnet)
CONVLAB_EMBEDDED(densenet)
CONVLAB_EMBEDDED(squeezenet)
CONVLAB_EMBEDDED(mobilenet_v2)
CONVLAB_EMBEDDED(mnasnet)
CONVLAB_EMBEDDED(googlenet)
CONVLAB_EMBEDDED(inception)
CONVLAB_EMBEDDED(mobilenet_v3)
CONVLAB_EMBEDDED(efficientnet)
CONVLAB_EMBEDDED(shufflenet_v2)
CONVLAB_EMBEDDED(convnext)
CONVLAB_EMBEDDED(regnet)
#undef CONVLAB_EMBEDDED

namespace convlab {

const std::vector<TorchvisionApplication>& torchvision_applications() {
    static const std::vector<TorchvisionApplication> kApplications = {
        {"alexnet", "alexnet", 224},
        {"vgg11", "vgg", 224},          {"vgg16", "vgg", 224},          {"vgg19", "vgg", 224},
        {"resnet18", "resnet", 224},    {"resnet34", "resnet", 224},    {"resnet50", "resnet", 224},
        {"resnet101", "resnet", 224},   {"resnet152", "resnet", 224},   {"wide_resnet50_2", "resnet", 224},
        {"resnext50_32x4d", "resnet", 224}, {"regnet_y_400mf", "regnet", 224},
        {"densenet121", "densenet", 224}, {"densenet201", "densenet", 224},
        {"squeezenet1_0", "squeezenet", 224}, {"squeezenet1_1", "squeezenet", 224},
        {"mobilenet_v2", "mobilenet_v2", 224}, {"mnasnet1_0", "mnasnet", 224},
        {"mobilenet_v3_small", "mobilenet_v3", 224}, {"mobilenet_v3_large", "mobilenet_v3", 224},
        {"efficientnet_b0", "efficientnet", 224}, {"efficientnet_v2_s", "efficientnet", 384},
        {"shufflenet_v2_x1_0", "shufflenet_v2", 224}, {"convnext_tiny", "convnext", 224},
        {"googlenet", "googlenet", 224}, {"inception_v3", "inception", 299},
    };
    return kApplications;
}

const TorchvisionApplication* find_torchvision_application(const std::string& name) {
    static const std::string kPrefix = "torchvision:";
    const std::string bare = name.rfind(kPrefix, 0) == 0 ? name.substr(kPrefix.size()) : name;
    for (const TorchvisionApplication& app : torchvision_applications())
        if (bare == app.name) return &app;
    return nullptr;
}

std::string torchvision_source(const TorchvisionApplication& app) {
    const std::string family = app.family;
    // Each embedded source ends with a zero (embed.cmake TEXT=1), not counted here.
    auto text = [](const unsigned char* bytes, std::size_t size) {
        return std::string(reinterpret_cast<const char*>(bytes), size - 1);
    };
#define CONVLAB_FAMILY(f) \
    if (family == #f) return text(application_torchvision_##f, application_torchvision_##f##_size);
    CONVLAB_FAMILY(alexnet)
    CONVLAB_FAMILY(vgg)
    CONVLAB_FAMILY(resnet)
    CONVLAB_FAMILY(densenet)
    CONVLAB_FAMILY(squeezenet)
    CONVLAB_FAMILY(mobilenet_v2)
    CONVLAB_FAMILY(mnasnet)
    CONVLAB_FAMILY(googlenet)
    CONVLAB_FAMILY(inception)
    CONVLAB_FAMILY(mobilenet_v3)
    CONVLAB_FAMILY(efficientnet)
    CONVLAB_FAMILY(shufflenet_v2)
    CONVLAB_FAMILY(convnext)
    CONVLAB_FAMILY(regnet)
#undef CONVLAB_FAMILY
    return "";
}

std::string torchvision_script(const TorchvisionApplication& app) {
    const std::string side = std::to_string(app.side);
    return torchvision_source(app) + "\n\nfrom torchinfo import summary\n\nmodel = " + app.name + "()\nsummary(model, input_size=(1, 3, " +
           side + ", " + side + "))\n";
}

}  // namespace convlab
