// model_url.h: a model in the page's address (and in a ConvLab model file), so
// a link shows the same model. "v1." + base64url (RFC 4648 section 5, no
// padding) of a compact binary form: per layer its kind and only the fields
// that differ from make_layer(kind), plus the compile settings. "v2." is the
// same with the layer kinds and fields added since, and the graph of a
// Functional model (each layer's calls, the inputs and outputs). A model a v1
// link holds is written as v1, byte for byte as before, so links and files
// written by earlier versions and by this one read alike. Decoding treats the
// link as hostile: lengths, counts, enums, references and every number are
// range-checked, and an unknown version is a clear error. Not a file format for
// sharing between versions of Keras.
#pragma once
#include <string>
#include <string_view>

#include "core/model/layer_spec.h"
#include "core/message/message.h"

namespace convlab {

constexpr size_t kMaxModelUrlChars = 65536;  // 256 layers with 128-byte names fit (v1)
constexpr int kMaxCompileArgs = 16;
constexpr int kMaxCompileStringBytes = 64;

// The link text for a model (without any "#model=" the page puts around it).
// Every field of every LayerSpec is kept exactly (doubles bit for bit) when its
// values lie in what decode accepts: sizes within ±kMaxCount (model/checked_int.h),
// finite doubles, names up to kMaxLayerNameBytes of UTF-8 without control
// characters, at most kMaxImportLayers layers. Shape dims beyond its rank are
// not part of the shape and decode as 0.
std::string encode_model_url(const ModelSpec& model);

// The model in a link, or false with *error saying what is wrong and where, in
// English; *what, when given, gets the same sentence as data (message.h).
bool decode_model_url(std::string_view text, ModelSpec* out, std::string* error, Message* what = nullptr);

// A model as the edits made to another (a keras.applications network as the
// presets load it): when the two have the same layers in the same graph (the
// same kinds, calls, inputs and outputs), *indices gets the layers whose
// fields differ ("3,17", ascending) and *code a link of those layers alone.
// False when the graph itself differs (a layer added, removed or rewired):
// then only the whole model's link will do.
bool encode_model_delta(const ModelSpec& base, const ModelSpec& model, std::string* indices, std::string* code);
// The reverse, reading indices and code as hostile text: each index once, in
// ascending order, inside the base; as many layers in the code as indices, each
// of its base layer's kind. The layers' calls are the base's.
bool apply_model_delta(const ModelSpec& base, std::string_view indices, std::string_view code, ModelSpec* out,
                       std::string* error);

// A model as the edits made to its base's graph (a keras.applications network
// with a layer inserted, removed, moved, branched or joined): "g1." + base64url
// of which base layers it keeps (matched by name: base layers have their
// names written), the layers that are new or have new fields, the calls that
// are not the base's, and the outputs when they changed. The result is a few
// dozen characters for an edit to ResNet50, whose whole link is 7 KB. Unnamed
// layers are named first (with_written_names), as a whole link would name
// them. False (*text empty) when the inputs, the compile settings or the
// model's name differ: then only the whole model's link will do.
bool encode_graph_delta(const ModelSpec& base, const ModelSpec& model, std::string* text);
// The reverse, reading text as hostile: each base layer kept at most once,
// every reference inside the model, no layer left reading one the edits
// removed; false with *error (English) naming what is wrong.
bool apply_graph_delta(const ModelSpec& base, std::string_view text, ModelSpec* out, std::string* error);

// What a v1 link holds: a Sequential model of the kinds before the merges in
// LayerKind (the kinds added after them are read by the importers and the CLI,
// and have no code in v1). The page keeps only what its link can hold.
bool model_url_v1_holds_kind(LayerKind kind);
bool model_url_v1_holds(const ModelSpec& model);
// Why a v1 link cannot hold a layer of a Sequential model.
enum class LinkRefusal : uint8_t { None, Kind, Keepdims, SequenceInput, Frozen, Setting };
struct LinkRefused {
    int layer = -1;  // the first layer it cannot hold; -1: it holds them all
    LinkRefusal why = LinkRefusal::None;
};
LinkRefused model_url_v1_refused(const ModelSpec& model);

}  // namespace convlab
