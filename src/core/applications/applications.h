// applications.h: the keras.applications networks ConvLab knows, each a Keras
// Functional Python source of ConvLab's own (src/core/applications/*.py) that
// the core's importer reads like any learner's code, so every count comes from
// the importer and a learner can read and edit the source. Names are Keras's,
// case-sensitive; "keras:ResNet50" is the same as "ResNet50".
#pragma once
#include <string>
#include <vector>

namespace convlab {

struct Application {
    const char* name;    // "ResNet50": the function keras.applications names
    const char* family;  // "resnet": the source file that defines it
};

const std::vector<Application>& applications();
// The application by name (a "keras:" prefix allowed), or null.
const Application* find_application(const std::string& name);
// Its family's Python source, which defines the function.
std::string application_source(const Application& app);
// A whole script: the source, then `model = NAME(weights=None)` (no weights are
// ever loaded) with `arguments` inside the call, e.g. "include_top=False, pooling='avg'".
std::string application_script(const Application& app, const std::string& arguments = "");

}  // namespace convlab
