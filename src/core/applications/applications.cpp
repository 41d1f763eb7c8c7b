// applications.cpp: the table of keras.applications networks and their
// sources, built into the core from src/core/applications/*.py (CMakeLists.txt).
#include "core/applications/applications.h"

#include <cstddef>

extern const unsigned char application_vgg[];
extern const std::size_t application_vgg_size;
extern const unsigned char application_resnet[];
extern const std::size_t application_resnet_size;
extern const unsigned char application_mobilenet[];
extern const std::size_t application_mobilenet_size;
extern const unsigned char application_densenet[];
extern const std::size_t application_densenet_size;
extern const unsigned char application_xception[];
extern const std::size_t application_xception_size;
extern const unsigned char application_inception_v3[];
extern const std::size_t application_inception_v3_size;
extern const unsigned char application_inception_resnet_v2[];
extern const std::size_t application_inception_resnet_v2_size;
extern const unsigned char application_efficientnet[];
extern const std::size_t application_efficientnet_size;
extern const unsigned char application_mobilenet_v3[];
extern const std::size_t application_mobilenet_v3_size;
extern const unsigned char application_nasnet[];
extern const std::size_t application_nasnet_size;

namespace convlab {

const std::vector<Application>& applications() {
    static const std::vector<Application> kApplications = {
        {"VGG16", "vgg"},           {"VGG19", "vgg"},
        {"ResNet50", "resnet"},     {"ResNet101", "resnet"},     {"ResNet152", "resnet"},
        {"ResNet50V2", "resnet"},   {"ResNet101V2", "resnet"},   {"ResNet152V2", "resnet"},
        {"DenseNet121", "densenet"}, {"DenseNet169", "densenet"}, {"DenseNet201", "densenet"},
        {"MobileNet", "mobilenet"}, {"MobileNetV2", "mobilenet"},
        {"MobileNetV3Small", "mobilenet_v3"}, {"MobileNetV3Large", "mobilenet_v3"},
        {"Xception", "xception"},   {"InceptionV3", "inception_v3"}, {"InceptionResNetV2", "inception_resnet_v2"},
        {"NASNetMobile", "nasnet"}, {"NASNetLarge", "nasnet"},
        {"EfficientNetB0", "efficientnet"}, {"EfficientNetB1", "efficientnet"}, {"EfficientNetB2", "efficientnet"},
        {"EfficientNetB3", "efficientnet"}, {"EfficientNetB4", "efficientnet"}, {"EfficientNetB5", "efficientnet"},
        {"EfficientNetB6", "efficientnet"}, {"EfficientNetB7", "efficientnet"},
    };
    return kApplications;
}

const Application* find_application(const std::string& name) {
    const std::string bare = name.rfind("keras:", 0) == 0 ? name.substr(6) : name;
    for (const Application& app : applications())
        if (bare == app.name) return &app;
    return nullptr;
}

std::string application_source(const Application& app) {
    const std::string family = app.family;
    // Each embedded source ends with a zero (embed.cmake TEXT=1), not counted here.
    auto text = [](const unsigned char* bytes, std::size_t size) {
        return std::string(reinterpret_cast<const char*>(bytes), size - 1);
    };
    if (family == "vgg") return text(application_vgg, application_vgg_size);
    if (family == "resnet") return text(application_resnet, application_resnet_size);
    if (family == "mobilenet") return text(application_mobilenet, application_mobilenet_size);
    if (family == "densenet") return text(application_densenet, application_densenet_size);
    if (family == "xception") return text(application_xception, application_xception_size);
    if (family == "inception_v3") return text(application_inception_v3, application_inception_v3_size);
    if (family == "inception_resnet_v2") return text(application_inception_resnet_v2, application_inception_resnet_v2_size);
    if (family == "efficientnet") return text(application_efficientnet, application_efficientnet_size);
    if (family == "mobilenet_v3") return text(application_mobilenet_v3, application_mobilenet_v3_size);
    if (family == "nasnet") return text(application_nasnet, application_nasnet_size);
    return "";
}

std::string application_script(const Application& app, const std::string& arguments) {
    return application_source(app) + "\n\nmodel = " + app.name + "(" + arguments +
           (arguments.empty() ? "" : ", ") + "weights=None)\n";
}

}  // namespace convlab
