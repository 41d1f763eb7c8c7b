// export_code.h: a ConvLab model written out as code a learner can run: Keras
// (keras.Sequential([keras.Input(...), layers.Conv2D(...), ...])) and PyTorch
// (nn.Sequential with the equivalent modules). Not a weight exporter: only the
// architecture. Reference: keras.io/api/layers and pytorch.org/docs/stable/nn.
#pragma once
#include <string>

#include "core/model/layer_spec.h"
#include "core/message/message.h"

namespace convlab {

// Keras Python that import_keras_python reads back to the same ModelSpec, except
// that input_shape= on a first layer is written as keras.Input(shape=...) in
// front of it (the form Keras 3 asks for), which imports as an InputLayer.
std::string export_keras_python(const ModelSpec& model);

// PyTorch Python with the same layers, output sizes and trainable parameter
// count. PyTorch has no equivalent for a few layers (Dense on an (H, W, C)
// input, BatchNormalization with only one of center/scale, 'same' average
// pooling with stride 1 and an even pool size): then it returns "" and says why
// in *error, as it does when the model itself is invalid (summarize() fails).
// *why, when given, gets the refusal as data; it is left empty when the model is
// invalid, since summarize()'s Problem already says why (problem.h).
std::string export_pytorch(const ModelSpec& model, std::string* error, Message* why = nullptr);

}  // namespace convlab
