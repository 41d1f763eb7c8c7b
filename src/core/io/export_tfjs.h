// export_tfjs.h: a trained network written out as the TF.js Layers format, the
// two files tf.loadLayersModel reads: model.json (the Keras topology TF.js's
// model.toJSON() writes, plus a weightsManifest naming every weight array) and
// weights.bin (all weights as little-endian float32, in the manifest's order,
// which is Keras's weight order). And the weights alone as base64, for the
// "weights" field of a saved ConvLab file. Not an importer and not a graph model.
// Reference: tfjs-layers' io.getModelJSONForModelArtifacts and Keras's get_config.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/network.h"

namespace convlab {

struct TfjsFiles {
    std::string model_json;
    std::vector<uint8_t> weights_bin;
};

// The two files for `net`; weights_file is the path model.json gives for the
// weights ("weights.bin"), relative to model.json.
TfjsFiles export_tfjs(const Network& net, const std::string& weights_file = "weights.bin");

// Network::params as little-endian float32 bytes, base64-encoded.
std::string weights_to_base64(const Network& net);
// The reverse: false (and *params untouched) unless `text` is base64 of exactly
// `count` finite float32 values.
bool weights_from_base64(const std::string& text, int64_t count, std::vector<float>* params);

}  // namespace convlab
