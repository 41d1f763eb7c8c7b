// export_tfjs.cpp: each layer's config in the keys TF.js's model.toJSON()
// writes (tests/data/tfjs_*.json are real examples), the first layer carrying
// batch_input_shape; the manifest lists each layer's weights as
// "<layer name>/<Keras weight name>" with Keras's shape.
#include "core/io/export_tfjs.h"

#include <cmath>
#include <cstring>

#include "core/io/base64.h"
#include "core/io/json.h"
#include "core/analysis/layer_kind.h"
#include "core/analysis/tf_op_lambda.h"

namespace convlab {
namespace {

std::string pair(const Pair& p) { return "[" + std::to_string(p.h) + "," + std::to_string(p.w) + "]"; }

// The fields of one layer's config that depend on its kind.
std::string kind_fields(const LayerSpec& s) {
    const std::string act = std::string(",\"activation\":") + json_quote(activation_name(s.activation));
    const std::string conv = ",\"kernel_size\":" + pair(s.kernel) + ",\"strides\":" + pair(s.strides) +
                             ",\"padding\":" + json_quote(padding_name(s.padding)) +
                             ",\"data_format\":\"channels_last\",\"dilation_rate\":" + pair(s.dilation) + act +
                             ",\"use_bias\":" + (s.use_bias ? "true" : "false");
    switch (s.kind) {
        case LayerKind::Conv2D: return ",\"filters\":" + std::to_string(s.filters) + conv;
        case LayerKind::Conv2DTranspose:
            return ",\"filters\":" + std::to_string(s.filters) + conv +
                   (s.has_output_padding ? ",\"output_padding\":" + pair(s.output_padding) : std::string());
        case LayerKind::Permute: {
            std::string dims;
            for (int i = 0; i < s.dims.rank; ++i) dims += (i ? "," : "") + std::to_string(s.dims.dim[i]);
            return ",\"dims\":[" + dims + "]";
        }
        case LayerKind::Normalization:
            return std::string(",\"axis\":") + (s.axis == 0 ? "null" : std::to_string(s.axis)) + ",\"mean\":null,\"variance\":null";
        case LayerKind::DepthwiseConv2D: return conv + ",\"depth_multiplier\":" + std::to_string(s.depth_multiplier);
        case LayerKind::SeparableConv2D:
            return ",\"filters\":" + std::to_string(s.filters) + conv +
                   ",\"depth_multiplier\":" + std::to_string(s.depth_multiplier);
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D:
            return ",\"pool_size\":" + pair(s.kernel) + ",\"padding\":" + json_quote(padding_name(s.padding)) +
                   ",\"strides\":" + pair(s.strides) + ",\"data_format\":\"channels_last\"";
        case LayerKind::GlobalAveragePooling2D:
        case LayerKind::GlobalMaxPooling2D: return ",\"data_format\":\"channels_last\"";
        case LayerKind::ZeroPadding2D:
            return ",\"padding\":[[" + std::to_string(s.pad_top) + "," + std::to_string(s.pad_bottom) + "],[" +
                   std::to_string(s.pad_left) + "," + std::to_string(s.pad_right) +
                   "]],\"data_format\":\"channels_last\"";
        case LayerKind::Dense:
            return ",\"units\":" + std::to_string(s.units) + act + ",\"use_bias\":" + (s.use_bias ? "true" : "false");
        case LayerKind::Dropout: return ",\"rate\":" + shortest_decimal(s.rate) + ",\"noise_shape\":null,\"seed\":null";
        case LayerKind::BatchNormalization:
            return ",\"axis\":-1,\"momentum\":" + shortest_decimal(s.momentum) + ",\"epsilon\":" + shortest_decimal(s.epsilon) +
                   ",\"center\":" + (s.center ? "true" : "false") + ",\"scale\":" + (s.scale ? "true" : "false");
        case LayerKind::Activation: return act;
        case LayerKind::ReLU: return ",\"max_value\":" + (s.has_max_value ? shortest_decimal(s.max_value) : std::string("null"));
        case LayerKind::LeakyReLU: return ",\"alpha\":" + shortest_decimal(s.negative_slope);
        case LayerKind::ELU: return ",\"alpha\":" + shortest_decimal(s.alpha);
        case LayerKind::Softmax: return ",\"axis\":-1";
        case LayerKind::Rescaling: return ",\"scale\":" + shortest_decimal(s.rescale) + ",\"offset\":" + shortest_decimal(s.offset);
        case LayerKind::TFOpLambda: {  // TF.js has no TFOpLambda: written as the Rescaling it equals (topology)
            double scale = 1.0, offset = 0.0;
            tf_op_lambda_affine(s, &scale, &offset);
            return ",\"scale\":" + shortest_decimal(scale) + ",\"offset\":" + shortest_decimal(offset);
        }
        case LayerKind::Reshape: {
            std::string dims;
            for (int i = 0; i < s.target_shape.rank; ++i) dims += (i ? "," : "") + std::to_string(s.target_shape.dim[i]);
            return ",\"target_shape\":[" + dims + "]";
        }
        case LayerKind::UpSampling2D:
            return ",\"size\":" + pair(s.size) + ",\"data_format\":\"channels_last\",\"interpolation\":" +
                   json_quote(s.bilinear ? "bilinear" : "nearest");
        case LayerKind::Cropping2D:
            return ",\"cropping\":[[" + std::to_string(s.pad_top) + "," + std::to_string(s.pad_bottom) + "],[" +
                   std::to_string(s.pad_left) + "," + std::to_string(s.pad_right) + "]],\"data_format\":\"channels_last\"";
        case LayerKind::SpatialDropout2D: return ",\"rate\":" + shortest_decimal(s.rate);
        case LayerKind::Conv1D:
            return ",\"filters\":" + std::to_string(s.filters) + ",\"kernel_size\":[" + std::to_string(s.kernel.h) +
                   "],\"strides\":[" + std::to_string(s.strides.h) + "],\"padding\":" + json_quote(padding_name(s.padding)) +
                   ",\"dilation_rate\":[" + std::to_string(s.dilation.h) + "]" + act + ",\"use_bias\":" + (s.use_bias ? "true" : "false");
        case LayerKind::MaxPooling1D:
        case LayerKind::AveragePooling1D:
            return ",\"pool_size\":[" + std::to_string(s.kernel.h) + "],\"strides\":[" + std::to_string(s.strides.h) +
                   "],\"padding\":" + json_quote(padding_name(s.padding));
        case LayerKind::GlobalAveragePooling1D:
        case LayerKind::GlobalMaxPooling1D: return ",\"data_format\":\"channels_last\"";
        case LayerKind::PReLU: {
            std::string axes;
            for (int a = 1; a <= 3; ++a)
                if ((s.shared_axes >> a) & 1u) axes += (axes.empty() ? "" : ",") + std::to_string(a);
            return ",\"shared_axes\":" + (axes.empty() ? std::string("null") : "[" + axes + "]");
        }
        case LayerKind::LayerNormalization:
            return ",\"axis\":-1,\"epsilon\":" + shortest_decimal(s.epsilon) + ",\"center\":" + (s.center ? "true" : "false") +
                   ",\"scale\":" + (s.scale ? "true" : "false");
        case LayerKind::Flatten:
        case LayerKind::InputLayer:
        // Merges exist only in Functional models, which ConvLab does not train,
        // so no trained network with one is ever exported.
        case LayerKind::Add: case LayerKind::Subtract: case LayerKind::Multiply: case LayerKind::Average:
        case LayerKind::Maximum: case LayerKind::Minimum: case LayerKind::Concatenate:
        // Training inlines a nested model's layers (network.cpp), so none reaches here.
        case LayerKind::Model:
        case LayerKind::Count: break;
    }
    return "";
}

std::string topology(const Network& net) {
    std::string layers;
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const NetLayer& l = net.layers[i];
        if (i) layers += ",";
        // tf.loadLayersModel knows no TFOpLambda (a wrapped Python TF call);
        // x + c, x - c, c - x, x * c and x / c are each a Rescaling, which it loads.
        const LayerKind written = l.spec.kind == LayerKind::TFOpLambda ? LayerKind::Rescaling : l.spec.kind;
        layers += "{\"class_name\":" + json_quote(layer_kind_info(written).class_name) + ",\"config\":{" +
                  "\"name\":" + json_quote(l.summary.name) + ",\"trainable\":true";
        if (i == 0) {
            const Shape& in = net.summary.input;
            layers += ",\"batch_input_shape\":[null";
            for (int d = 0; d < in.rank; ++d) layers += "," + std::to_string(in.dim[d]);
            layers += "],\"dtype\":\"float32\"";
        }
        layers += kind_fields(l.spec) + "}}";
    }
    return "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"sequential_1\",\"layers\":[" + layers +
           "]},\"keras_version\":\"tfjs-layers 4.22.0\",\"backend\":\"tensor_flow.js\"}";
}

void append_le_floats(const float* v, int64_t count, std::vector<uint8_t>* out) {
    const size_t at = out->size();
    out->resize(at + size_t(count) * 4);
    for (int64_t i = 0; i < count; ++i) {
        uint32_t bits;
        std::memcpy(&bits, &v[i], 4);
        uint8_t* p = out->data() + at + size_t(i) * 4;
        p[0] = uint8_t(bits);
        p[1] = uint8_t(bits >> 8);
        p[2] = uint8_t(bits >> 16);
        p[3] = uint8_t(bits >> 24);
    }
}

}  // namespace

TfjsFiles export_tfjs(const Network& net, const std::string& weights_file) {
    TfjsFiles files;
    std::string manifest;
    for (const ParamBlock& b : net.blocks) {
        if (!manifest.empty()) manifest += ",";
        manifest += "{\"name\":" + json_quote(net.layers[size_t(b.layer)].summary.name + "/" + weight_slot_keras_name(b.slot)) + ",\"shape\":[";
        for (int d = 0; d < b.rank; ++d) manifest += (d ? "," : "") + std::to_string(b.dims[d]);
        manifest += "],\"dtype\":\"float32\"}";
    }
    files.model_json = "{\"modelTopology\":" + topology(net) +
                       ",\"format\":\"layers-model\",\"generatedBy\":\"ConvLab\",\"convertedBy\":null,"
                       "\"weightsManifest\":[{\"paths\":[" + json_quote(weights_file) + "],\"weights\":[" + manifest +
                       "]}]}";
    files.weights_bin.reserve(net.params.size() * 4);
    append_le_floats(net.params.data(), int64_t(net.params.size()), &files.weights_bin);
    return files;
}

std::string weights_to_base64(const Network& net) {
    std::vector<uint8_t> bytes;
    append_le_floats(net.params.data(), int64_t(net.params.size()), &bytes);
    return base64_encode(bytes.data(), bytes.size());
}

bool weights_from_base64(const std::string& text, int64_t count, std::vector<float>* params) {
    std::vector<uint8_t> bytes;
    if (count < 0 || !base64_decode(text, &bytes) || int64_t(bytes.size()) != count * 4) return false;
    std::vector<float> v(static_cast<size_t>(count), 0.0f);
    for (int64_t i = 0; i < count; ++i) {
        const uint8_t* p = bytes.data() + size_t(i) * 4;
        const uint32_t bits = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
        std::memcpy(&v[size_t(i)], &bits, 4);
        if (!std::isfinite(v[size_t(i)])) return false;
    }
    params->swap(v);
    return true;
}

}  // namespace convlab
