// model_url.cpp: writes and reads the v1 link format laid out below. Not
// compression: the format is small because it stores only what differs from
// make_layer(kind). Reference: RFC 4648 section 5 (base64url, no padding).
#include "core/io/model_url.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/io/base64.h"
#include "core/io/import.h"
#include "core/io/json.h"
#include "core/analysis/model_graph.h"
#include "core/analysis/shape_math.h"
#include "core/analysis/tf_op_lambda.h"
#include "core/model/graph_edit.h"

namespace convlab {
namespace {

// The bytes of a v1 link, before base64url:
//   varint layer_count
//   per layer: u8 kind, varint field_mask, then each masked field in bit order
//   u8 has_compile [word loss, word optimizer, varint n, n x (word key, f64 value)]
// and nothing after. A v2 link has the same bytes (with every LayerKind, the
// field bits after kInputShape and input shapes of rank 2), then
//   u8 functional [str name, per layer: varint calls, per call: varint n, n x ref,
//                  varint inputs, inputs x ref, varint outputs, outputs x ref]
// A model used as a layer (field kNested) holds, as that field, its whole
// model in these same v2 bytes, from its layer count to its graph.
// where ref = varint layer, varint call, varint tensor. varint = unsigned LEB128; sint = zigzag varint; f64 = the
// IEEE-754 bits byte-reversed, then a varint, so 0.25 and 0.5 take 2-3 bytes;
// str = varint length + UTF-8; word = varint 2·index + 1 into kWords, or
// 2·length followed by the UTF-8, so common compile settings take one byte.

const char kVersion1[] = "v1.", kVersion2[] = "v2.";
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Loss, optimizer and argument names a link spells with one byte. Append only:
// an index, once written into a link, must keep its meaning.
const char* const kWords[] = {
    "categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy",
    "mean_squared_error", "mse", "Adadelta", "adadelta", "Adam", "adam", "SGD", "sgd",
    "RMSprop", "rmsprop", "Adagrad", "adagrad", "learning_rate", "rho", "epsilon",
    "momentum", "beta_1", "beta_2", "mean_absolute_error"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// One bit per LayerSpec field, in the order the fields are written. Like the
// LayerKind, Padding and Activation numbers (layer_spec.h), these values are in
// links people have saved: new ones go at the end, or the version changes.
enum FieldBit : uint32_t {
    kName, kFilters, kUnits, kDepthMultiplier, kKernel, kStrides, kDilation, kPadding,
    kZeroPadding, kUseBias, kActivation, kRate, kCenter, kScale, kMomentum, kEpsilon, kInputShape,
    // v2 only:
    kMaxValue, kNegativeSlope, kThreshold, kAlpha, kRescale, kOffset, kTargetShape, kKeepdims, kSize,
    kBilinear, kAxis, kTrainable, kSharedAxes, kOutputPadding, kDims, kNested,
    kScalarOp, kScalar,  // TFOpLambda: its operator (and which side the number is on), its number
    kFieldBitCount
};
constexpr uint32_t kV1FieldBits = kInputShape + 1;
static_assert(kFieldBitCount <= 64, "a layer's field mask is one 64-bit varint");

uint64_t double_bits(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits;
}

// The high bytes (sign, exponent, leading mantissa) go last, so short decimal
// fractions, whose low mantissa bytes are zero, make a short varint.
uint64_t reverse_bytes(uint64_t x) {
    uint64_t r = 0;
    for (int i = 0; i < 8; ++i) { r = (r << 8) | (x & 0xFF); x >>= 8; }
    return r;
}

bool same_shape(const Shape& a, const Shape& b) {
    if (a.rank != b.rank) return false;
    for (int i = 0; i < a.rank && i < 3; ++i)
        if (a.dim[i] != b.dim[i]) return false;
    return true;
}

// --- writing -----------------------------------------------------------------

struct Writer {
    std::string bytes;
    void u8(uint8_t v) { bytes.push_back(char(v)); }
    void varint(uint64_t v) {
        while (v >= 0x80) { u8(uint8_t(v | 0x80)); v >>= 7; }
        u8(uint8_t(v));
    }
    void sint(int64_t v) { varint((uint64_t(v) << 1) ^ uint64_t(v >> 63)); }
    void f64(double v) { varint(reverse_bytes(double_bits(v))); }
    void str(const std::string& s) { varint(s.size()); bytes += s; }
    void word(const std::string& s) {
        for (size_t i = 0; i < kWordCount; ++i)
            if (s == kWords[i]) { varint(2 * i + 1); return; }
        varint(2 * uint64_t(s.size()));
        bytes += s;
    }
    void pair(const Pair& p) { sint(p.h); sint(p.w); }
};

// 64 bits: the fields passed 32 with Conv2DTranspose, Permute and nested models.
uint64_t changed_fields(const LayerSpec& s, const LayerSpec& d) {
    uint64_t mask = 0;
    auto set = [&](FieldBit bit, bool changed) { if (changed) mask |= uint64_t(1) << bit; };
    set(kName, s.name != d.name);
    set(kFilters, s.filters != d.filters);
    set(kUnits, s.units != d.units);
    set(kDepthMultiplier, s.depth_multiplier != d.depth_multiplier);
    set(kKernel, !(s.kernel == d.kernel));
    set(kStrides, !(s.strides == d.strides));
    set(kDilation, !(s.dilation == d.dilation));
    set(kPadding, s.padding != d.padding);
    set(kZeroPadding, s.pad_top != d.pad_top || s.pad_bottom != d.pad_bottom || s.pad_left != d.pad_left ||
                          s.pad_right != d.pad_right);
    set(kUseBias, s.use_bias != d.use_bias);
    set(kActivation, s.activation != d.activation);
    set(kRate, double_bits(s.rate) != double_bits(d.rate));
    set(kCenter, s.center != d.center);
    set(kScale, s.scale != d.scale);
    set(kMomentum, double_bits(s.momentum) != double_bits(d.momentum));
    set(kEpsilon, double_bits(s.epsilon) != double_bits(d.epsilon));
    set(kInputShape, !same_shape(s.input_shape, d.input_shape));
    set(kMaxValue, s.has_max_value != d.has_max_value || (s.has_max_value && double_bits(s.max_value) != double_bits(d.max_value)));
    set(kNegativeSlope, double_bits(s.negative_slope) != double_bits(d.negative_slope));
    set(kThreshold, double_bits(s.threshold) != double_bits(d.threshold));
    set(kAlpha, double_bits(s.alpha) != double_bits(d.alpha));
    set(kRescale, double_bits(s.rescale) != double_bits(d.rescale));
    set(kOffset, double_bits(s.offset) != double_bits(d.offset));
    set(kTargetShape, !same_shape(s.target_shape, d.target_shape));
    set(kKeepdims, s.keepdims != d.keepdims);
    set(kSize, !(s.size == d.size));
    set(kBilinear, s.bilinear != d.bilinear);
    set(kAxis, s.axis != d.axis);
    set(kTrainable, s.trainable != d.trainable);
    set(kSharedAxes, s.shared_axes != d.shared_axes);
    set(kOutputPadding, s.has_output_padding != d.has_output_padding || !(s.output_padding == d.output_padding));
    set(kDims, !same_shape(s.dims, d.dims));
    set(kNested, s.nested != nullptr);
    set(kScalarOp, s.scalar_op != d.scalar_op || s.scalar_first != d.scalar_first);
    set(kScalar, double_bits(s.scalar) != double_bits(d.scalar));
    return mask;
}

void write_shape(const Shape& shape, Writer* w) {
    w->u8(uint8_t(shape.rank));
    for (int i = 0; i < shape.rank && i < 3; ++i) w->sint(shape.dim[i]);
}

void write_ref(const TensorRef& r, Writer* w) {
    w->varint(uint64_t(r.layer));
    w->varint(uint64_t(r.call));
    w->varint(uint64_t(r.tensor));
}

void write_model(const ModelSpec& model, bool v2, Writer* w);

void write_layer(const LayerSpec& s, Writer* w) {
    const uint64_t mask = changed_fields(s, make_layer(s.kind));
    w->u8(uint8_t(s.kind));
    w->varint(mask);
    auto has = [&](FieldBit bit) { return (mask >> bit) & 1u; };
    if (has(kName)) w->str(s.name);
    if (has(kFilters)) w->sint(s.filters);
    if (has(kUnits)) w->sint(s.units);
    if (has(kDepthMultiplier)) w->sint(s.depth_multiplier);
    if (has(kKernel)) w->pair(s.kernel);
    if (has(kStrides)) w->pair(s.strides);
    if (has(kDilation)) w->pair(s.dilation);
    if (has(kPadding)) w->u8(uint8_t(s.padding));
    if (has(kZeroPadding)) { w->sint(s.pad_top); w->sint(s.pad_bottom); w->sint(s.pad_left); w->sint(s.pad_right); }
    if (has(kUseBias)) w->u8(s.use_bias ? 1 : 0);
    if (has(kActivation)) w->u8(uint8_t(s.activation));
    if (has(kRate)) w->f64(s.rate);
    if (has(kCenter)) w->u8(s.center ? 1 : 0);
    if (has(kScale)) w->u8(s.scale ? 1 : 0);
    if (has(kMomentum)) w->f64(s.momentum);
    if (has(kEpsilon)) w->f64(s.epsilon);
    if (has(kInputShape)) write_shape(s.input_shape, w);
    if (has(kMaxValue)) {
        w->u8(s.has_max_value ? 1 : 0);
        if (s.has_max_value) w->f64(s.max_value);
    }
    if (has(kNegativeSlope)) w->f64(s.negative_slope);
    if (has(kThreshold)) w->f64(s.threshold);
    if (has(kAlpha)) w->f64(s.alpha);
    if (has(kRescale)) w->f64(s.rescale);
    if (has(kOffset)) w->f64(s.offset);
    if (has(kTargetShape)) write_shape(s.target_shape, w);
    if (has(kKeepdims)) w->u8(s.keepdims ? 1 : 0);
    if (has(kSize)) w->pair(s.size);
    if (has(kBilinear)) w->u8(s.bilinear ? 1 : 0);
    if (has(kAxis)) w->sint(s.axis);
    if (has(kTrainable)) w->u8(s.trainable ? 1 : 0);
    if (has(kSharedAxes)) w->u8(s.shared_axes);
    if (has(kOutputPadding)) {
        w->u8(s.has_output_padding ? 1 : 0);
        if (s.has_output_padding) w->pair(s.output_padding);
    }
    if (has(kDims)) write_shape(s.dims, w);
    if (has(kNested)) write_model(*s.nested, true, w);
    if (has(kScalarOp)) {
        w->u8(uint8_t(s.scalar_op));
        w->u8(s.scalar_first ? 1 : 0);
    }
    if (has(kScalar)) w->f64(s.scalar);
}

std::string base64url(const std::string& bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    uint32_t buffer = 0;
    int bits = 0;
    for (char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) { bits -= 6; out.push_back(kAlphabet[(buffer >> bits) & 63]); }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 63]);
    return out;
}

// --- reading -----------------------------------------------------------------

bool from_base64url(std::string_view text, size_t offset, std::string* bytes, Message* error) {
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        int v = base64_sextet(text[i], '-', '_');
        if (v < 0) {
            unsigned char c = static_cast<unsigned char>(text[i]);
            *error = Message(MsgCode::UrlBadChar,
                             {as_is(int64_t(offset + i + 1)),
                              c >= 0x20 && c < 0x7F ? as_is("'" + std::string(1, char(c)) + "'")
                                                    : Message(MsgCode::Byte, {as_is(int64_t(c))})});
            return false;
        }
        buffer = (buffer << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) { bits -= 8; bytes->push_back(char((buffer >> bits) & 0xFF)); }
    }
    // A canonical link leaves fewer than 8 spare bits, all zero; anything else was altered.
    if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0) {
        *error = Message(MsgCode::UrlBadEnd);
        return false;
    }
    return true;
}

// Field names in messages are Keras keywords, the same in every language,
// except the two that name an optimizer argument in words.
const char kOptimizerArgName[] = "optimizer argument name";
const char kOptimizerArg[] = "optimizer argument";

Message field_name(const char* field) {
    if (field == kOptimizerArgName) return Message(MsgCode::UrlFieldOptArgName);
    if (field == kOptimizerArg) return Message(MsgCode::UrlFieldOptArg);
    return as_is(field);
}

class Reader {
public:
    explicit Reader(const std::string& bytes) : b_(bytes) {}
    Message error;  // empty while reading goes well
    int where = 0;  // 1-based layer being read, 0 before the layers, -1 in the compile settings
    int depth = 0;  // how many models this one is nested in

    bool at_end() const { return pos_ == b_.size(); }
    size_t remaining() const { return b_.size() - pos_; }

    bool u8(uint8_t* out) {
        if (pos_ >= b_.size()) return fail(Message(MsgCode::UrlCut));
        *out = static_cast<uint8_t>(b_[pos_++]);
        return true;
    }
    // A byte naming one of `count` values, read as T (an enum, or uint8_t for a
    // flag's two), else `bad` with the byte that is none of them.
    template <class T>
    bool u8_below(uint8_t count, MsgCode bad, T* out) {
        uint8_t v = 0;
        if (!u8(&v)) return false;
        if (v >= count) return fail(Message(bad, {as_is(int64_t(v))}));
        *out = T(v);
        return true;
    }
    bool varint(uint64_t* out) {
        uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            uint8_t byte;
            if (!u8(&byte)) return false;
            if (shift == 63 && byte > 1) return fail(Message(MsgCode::UrlNumberTooLarge));
            v |= uint64_t(byte & 0x7F) << shift;
            if (!(byte & 0x80)) {
                if (byte == 0 && shift > 0) return fail(Message(MsgCode::UrlNumberPadded));
                *out = v;
                return true;
            }
        }
    }
    bool sint(const char* field, int64_t* out) {
        uint64_t z;
        if (!varint(&z)) return false;
        int64_t v = int64_t(z >> 1) ^ -int64_t(z & 1);
        if (v > kMaxCount || v < -kMaxCount)
            return fail(Message(MsgCode::UrlOutOfRange, {field_name(field), as_is(v), as_is(kMaxCount)}));
        *out = v;
        return true;
    }
    bool boolean(const char* field, bool* out) {
        uint8_t v = 0;
        if (!u8(&v)) return false;
        if (v > 1) return fail(Message(MsgCode::UrlNotFlag, {field_name(field), as_is(int64_t(v))}));
        *out = v == 1;
        return true;
    }
    bool f64(const char* field, double* out) {
        uint64_t bits;
        if (!varint(&bits)) return false;
        bits = reverse_bytes(bits);
        double v;
        std::memcpy(&v, &bits, sizeof v);
        if (!std::isfinite(v)) return fail(Message(MsgCode::UrlNotFinite, {field_name(field)}));
        *out = v;
        return true;
    }
    bool word(const char* field, size_t max_bytes, std::string* out) {
        uint64_t code;
        if (!varint(&code)) return false;
        if (code & 1) {
            if (code / 2 >= kWordCount)
                return fail(Message(MsgCode::UrlUnknownWord, {field_name(field), as_is(int64_t(code / 2))}));
            *out = kWords[code / 2];
            return true;
        }
        return text(field, code / 2, max_bytes, out);
    }
    bool str(const char* field, size_t max_bytes, std::string* out) {
        uint64_t n;
        return varint(&n) && text(field, n, max_bytes, out);
    }
    // n bytes of UTF-8 without control characters.
    bool text(const char* field, uint64_t n, size_t max_bytes, std::string* out) {
        if (n > max_bytes) return fail(Message(MsgCode::UrlStringTooLong, {field_name(field), as_is(int64_t(max_bytes))}));
        if (n > remaining()) return fail(Message(MsgCode::UrlCut));
        std::string s = b_.substr(pos_, size_t(n));
        pos_ += size_t(n);
        if (!is_valid_utf8(s)) return fail(Message(MsgCode::UrlNotUtf8, {field_name(field)}));
        for (char c : s)
            if (static_cast<unsigned char>(c) < 0x20) return fail(Message(MsgCode::UrlControlChar, {field_name(field)}));
        *out = std::move(s);
        return true;
    }
    bool pair(const char* field, Pair* out) { return sint(field, &out->h) && sint(field, &out->w); }

    bool fail(Message message) {
        if (!error.empty()) return false;
        if (where > 0) error = Message(MsgCode::UrlWhereLayer, {as_is(int64_t(where)), std::move(message)});
        else if (where < 0) error = Message(MsgCode::UrlWhereCompile, {std::move(message)});
        else error = std::move(message);
        return false;
    }

private:
    const std::string& b_;
    size_t pos_ = 0;
};

// A shape of rank 0 to 3 (2 only in v2); its sizes as written (summarize() checks them).
bool read_shape(Reader* r, const char* field, bool v2, Shape* out) {
    uint8_t rank = 0;
    if (!r->u8(&rank)) return false;
    if (rank > 3 || (!v2 && rank == 2)) return r->fail(Message(MsgCode::UrlShapeRank, {as_is(int64_t(rank))}));
    Shape shape;
    shape.rank = rank;
    for (int i = 0; i < shape.rank; ++i)
        if (!r->sint(field, &shape.dim[i])) return false;
    *out = shape;
    return true;
}

bool read_model(Reader* r, bool v2, ModelSpec* out);

// Models in models: as deep as the importers read (import_keras_json.cpp).
constexpr int kMaxUrlNesting = 16;

bool read_layer(Reader* r, bool v2, LayerSpec* out) {
    LayerKind kind = LayerKind::Count;
    // A v1 link holds the kinds before the merges (model_url_v1_holds_kind).
    const LayerKind kinds_end = v2 ? LayerKind::Count : LayerKind::Add;
    if (!r->u8_below(uint8_t(kinds_end), MsgCode::UrlBadKind, &kind)) return false;
    LayerSpec s = make_layer(kind);
    uint64_t mask;
    if (!r->varint(&mask)) return false;
    if (mask >> (v2 ? uint32_t(kFieldBitCount) : kV1FieldBits)) return r->fail(Message(MsgCode::UrlUnknownField));
    auto has = [&](FieldBit bit) { return (mask >> bit) & 1u; };
    if (has(kName) && !r->str("name", size_t(kMaxLayerNameBytes), &s.name)) return false;
    if (has(kFilters) && !r->sint("filters", &s.filters)) return false;
    if (has(kUnits) && !r->sint("units", &s.units)) return false;
    if (has(kDepthMultiplier) && !r->sint("depth_multiplier", &s.depth_multiplier)) return false;
    if (has(kKernel) && !r->pair("kernel_size", &s.kernel)) return false;
    if (has(kStrides) && !r->pair("strides", &s.strides)) return false;
    if (has(kDilation) && !r->pair("dilation_rate", &s.dilation)) return false;
    if (has(kPadding) && !r->u8_below(uint8_t(Padding::Same) + 1, MsgCode::UrlBadPadding, &s.padding)) return false;
    if (has(kZeroPadding) && !(r->sint("padding", &s.pad_top) && r->sint("padding", &s.pad_bottom) &&
                               r->sint("padding", &s.pad_left) && r->sint("padding", &s.pad_right)))
        return false;
    if (has(kUseBias) && !r->boolean("use_bias", &s.use_bias)) return false;
    if (has(kActivation) && !r->u8_below(uint8_t(Activation::Count), MsgCode::UrlBadActivation, &s.activation))
        return false;
    if (has(kRate) && !r->f64("rate", &s.rate)) return false;
    if (has(kCenter) && !r->boolean("center", &s.center)) return false;
    if (has(kScale) && !r->boolean("scale", &s.scale)) return false;
    if (has(kMomentum) && !r->f64("momentum", &s.momentum)) return false;
    if (has(kEpsilon) && !r->f64("epsilon", &s.epsilon)) return false;
    if (has(kInputShape) && !read_shape(r, "input_shape", v2, &s.input_shape)) return false;
    if (has(kMaxValue)) {
        if (!r->boolean("max_value", &s.has_max_value)) return false;
        if (s.has_max_value && !r->f64("max_value", &s.max_value)) return false;
    }
    if (has(kNegativeSlope) && !r->f64("negative_slope", &s.negative_slope)) return false;
    if (has(kThreshold) && !r->f64("threshold", &s.threshold)) return false;
    if (has(kAlpha) && !r->f64("alpha", &s.alpha)) return false;
    if (has(kRescale) && !r->f64("scale", &s.rescale)) return false;
    if (has(kOffset) && !r->f64("offset", &s.offset)) return false;
    if (has(kTargetShape) && !read_shape(r, "target_shape", v2, &s.target_shape)) return false;
    if (has(kKeepdims) && !r->boolean("keepdims", &s.keepdims)) return false;
    if (has(kSize) && !r->pair("size", &s.size)) return false;
    if (has(kBilinear) && !r->boolean("interpolation", &s.bilinear)) return false;
    if (has(kAxis) && !r->sint("axis", &s.axis)) return false;
    if (has(kTrainable) && !r->boolean("trainable", &s.trainable)) return false;
    if (has(kSharedAxes)) {
        if (!r->u8(&s.shared_axes)) return false;
        if (s.shared_axes & ~0b1110u)
            return r->fail(Message(MsgCode::UrlOutOfRange, {as_is("shared_axes"), as_is(int64_t(s.shared_axes)), as_is(int64_t(0b1110))}));
    }
    if (has(kOutputPadding)) {
        if (!r->boolean("output_padding", &s.has_output_padding)) return false;
        if (s.has_output_padding && !r->pair("output_padding", &s.output_padding)) return false;
    }
    if (has(kDims) && !read_shape(r, "dims", v2, &s.dims)) return false;
    if (has(kNested)) {
        if (r->depth >= kMaxUrlNesting) return r->fail(Message(MsgCode::UrlNestedTooDeep, {as_is(int64_t(kMaxUrlNesting))}));
        const int where = r->where;
        auto inner = std::make_shared<ModelSpec>();
        ++r->depth;
        const bool ok = read_model(r, true, inner.get());
        --r->depth;
        r->where = where;
        if (!ok) return false;
        s.nested = std::move(inner);
    }
    if (has(kScalarOp)) {
        uint8_t op = 0;
        if (!r->u8(&op)) return false;
        if (op >= uint8_t(ScalarOp::Count))
            return r->fail(Message(MsgCode::UrlOutOfRange, {as_is("operator"), as_is(int64_t(op)), as_is(int64_t(ScalarOp::Count) - 1)}));
        s.scalar_op = ScalarOp(op);
        if (!r->boolean("operator", &s.scalar_first)) return false;
    }
    if (has(kScalar) && !r->f64("number", &s.scalar)) return false;
    double scale = 0.0, offset = 0.0;  // x / 0 and c / x: refused by every importer, so here too
    if (s.kind == LayerKind::TFOpLambda && !tf_op_lambda_affine(s, &scale, &offset))
        return r->fail(Message(MsgCode::UrlNotFinite, {as_is("this TFOpLambda's division")}));
    *out = std::move(s);
    return true;
}

// A tensor reference of a v2 graph: a layer of this model, a call, an output.
bool read_ref(Reader* r, const char* field, uint64_t layers, TensorRef* out) {
    uint64_t layer = 0, call = 0, tensor = 0;
    if (!r->varint(&layer) || !r->varint(&call) || !r->varint(&tensor)) return false;
    if (layer >= layers)
        return r->fail(Message(MsgCode::UrlOutOfRange, {as_is(field), as_is(int64_t(std::min<uint64_t>(layer, kMaxCount))),
                                                        as_is(int64_t(layers) - 1)}));
    if (call >= uint64_t(kMaxLayerCalls) || tensor >= uint64_t(kMaxLayerCalls))
        return r->fail(Message(MsgCode::UrlOutOfRange, {as_is(field), as_is(int64_t(std::min<uint64_t>(std::max(call, tensor), kMaxCount))),
                                                        as_is(kMaxLayerCalls - 1)}));
    *out = TensorRef{int(layer), int(call), int(tensor)};
    return true;
}

bool read_refs(Reader* r, const char* field, uint64_t most, uint64_t layers, std::vector<TensorRef>* out) {
    uint64_t n = 0;
    if (!r->varint(&n)) return false;
    if (n > most) return r->fail(Message(MsgCode::UrlOutOfRange, {as_is(field), as_is(int64_t(std::min<uint64_t>(n, kMaxCount))), as_is(int64_t(most))}));
    for (uint64_t i = 0; i < n; ++i) {
        TensorRef ref;
        if (!read_ref(r, field, layers, &ref)) return false;
        out->push_back(ref);
    }
    return true;
}

// A v2 link's graph section (see the layout above).
bool read_graph(Reader* r, ModelSpec* model) {
    uint8_t functional = 0;
    if (!r->u8_below(2, MsgCode::UrlCompileFlag, &functional)) return false;
    model->functional = functional == 1;
    if (!model->functional) return true;
    if (!r->str("name", size_t(kMaxLayerNameBytes), &model->name)) return false;
    const uint64_t layers = model->layers.size();
    for (size_t i = 0; i < model->layers.size(); ++i) {
        r->where = int(i) + 1;
        uint64_t calls = 0;
        if (!r->varint(&calls)) return false;
        if (calls > uint64_t(kMaxLayerCalls))
            return r->fail(Message(MsgCode::UrlOutOfRange, {as_is("inbound_nodes"), as_is(int64_t(std::min<uint64_t>(calls, kMaxCount))),
                                                            as_is(kMaxLayerCalls)}));
        for (uint64_t c = 0; c < calls; ++c) {
            std::vector<TensorRef> call;
            if (!read_refs(r, "inbound_nodes", uint64_t(kMaxLayerCalls), layers, &call)) return false;
            model->layers[i].calls.push_back(std::move(call));
        }
    }
    r->where = 0;
    return read_refs(r, "input_layers", layers, layers, &model->inputs) &&
           read_refs(r, "output_layers", layers, layers, &model->outputs);
}

bool read_compile(Reader* r, CompileSpec* out) {
    uint8_t present = 0;
    if (!r->u8_below(2, MsgCode::UrlCompileFlag, &present)) return false;
    if (!present) return true;
    const size_t max = size_t(kMaxCompileStringBytes);
    if (!r->word("loss", max, &out->loss) || !r->word("optimizer", max, &out->optimizer)) return false;
    uint64_t n;
    if (!r->varint(&n)) return false;
    if (n > uint64_t(kMaxCompileArgs))
        return r->fail(Message(MsgCode::UrlTooManyArgs, {as_is(int64_t(n)), as_is(kMaxCompileArgs)}));
    for (uint64_t i = 0; i < n; ++i) {
        std::pair<std::string, double> arg;
        if (!r->word(kOptimizerArgName, max, &arg.first) || !r->f64(kOptimizerArg, &arg.second))
            return false;
        out->optimizer_args.push_back(std::move(arg));
    }
    return true;
}

bool read_model(Reader* r, bool v2, ModelSpec* out) {
    uint64_t count;
    if (!r->varint(&count)) return false;
    const int most = v2 ? kMaxGraphLayers : kMaxImportLayers;
    if (count > uint64_t(most)) return r->fail(Message(MsgCode::UrlTooManyLayers, {as_is(int64_t(count)), as_is(most)}));
    ModelSpec model;
    model.layers.resize(size_t(count));
    for (size_t i = 0; i < model.layers.size(); ++i) {
        r->where = int(i) + 1;
        if (!read_layer(r, v2, &model.layers[i])) return false;
    }
    r->where = -1;
    if (!read_compile(r, &model.compile)) return false;
    r->where = 0;
    if (v2 && !read_graph(r, &model)) return false;
    *out = std::move(model);
    return true;
}

void write_model(const ModelSpec& model, bool v2, Writer* w_out) {
    Writer& w = *w_out;
    w.varint(model.layers.size());
    for (const LayerSpec& layer : model.layers) write_layer(layer, &w);
    const CompileSpec& c = model.compile;
    bool has_compile = !c.loss.empty() || !c.optimizer.empty() || !c.optimizer_args.empty();
    w.u8(has_compile ? 1 : 0);
    if (has_compile) {
        w.word(c.loss);
        w.word(c.optimizer);
        w.varint(c.optimizer_args.size());
        for (const auto& arg : c.optimizer_args) { w.word(arg.first); w.f64(arg.second); }
    }
    if (v2) {
        w.u8(model.functional ? 1 : 0);
        if (model.functional) {
            w.str(model.name);
            for (const LayerSpec& layer : model.layers) {
                w.varint(layer.calls.size());
                for (const std::vector<TensorRef>& call : layer.calls) {
                    w.varint(call.size());
                    for (const TensorRef& r : call) write_ref(r, &w);
                }
            }
            w.varint(model.inputs.size());
            for (const TensorRef& r : model.inputs) write_ref(r, &w);
            w.varint(model.outputs.size());
            for (const TensorRef& r : model.outputs) write_ref(r, &w);
        }
    }
}

}  // namespace

std::string encode_model_url(const ModelSpec& model) {
    const bool v2 = !model_url_v1_holds(model);
    Writer w;
    write_model(model, v2, &w);
    return (v2 ? kVersion2 : kVersion1) + base64url(w.bytes);
}

bool decode_model_url(std::string_view text, ModelSpec* out, std::string* error, Message* what) {
    auto fail = [&](Message message) {
        Message m(MsgCode::UrlPrefix, {std::move(message)});
        *error = message_en(m);
        if (what) *what = std::move(m);
        return false;
    };
    if (text.size() > kMaxModelUrlChars)
        return fail(Message(MsgCode::UrlTooLong, {as_is(int64_t(text.size())), as_is(int64_t(kMaxModelUrlChars))}));
    size_t dot = text.find('.');
    if (dot == std::string_view::npos || dot > 8 || text[0] != 'v')
        return fail(Message(MsgCode::UrlNotLink));
    std::string_view version = text.substr(0, dot + 1);
    const bool v2 = version == kVersion2;
    if (version != kVersion1 && !v2) {
        std::string shown(version.substr(0, version.size() - 1));
        for (char& c : shown)
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
        return fail(Message(MsgCode::UrlVersion, {as_is(shown)}));
    }
    std::string bytes;
    Message message;
    if (!from_base64url(text.substr(dot + 1), dot + 1, &bytes, &message)) return fail(message);

    Reader r(bytes);
    ModelSpec model;
    if (!read_model(&r, v2, &model)) return fail(r.error);
    if (!r.at_end()) return fail(Message(MsgCode::UrlTrailing, {as_is(int64_t(r.remaining()))}));
    *out = std::move(model);
    return true;
}

namespace {

// One layer's link, its calls left out: two layers are the same edit-wise when these match.
std::string layer_code(const LayerSpec& layer) {
    ModelSpec one;
    one.layers.push_back(layer);
    one.layers.back().calls.clear();
    return encode_model_url(one);
}

}  // namespace

bool encode_model_delta(const ModelSpec& base, const ModelSpec& model, std::string* indices, std::string* code) {
    indices->clear();
    code->clear();
    if (base.layers.size() != model.layers.size() || base.functional != model.functional || base.inputs != model.inputs ||
        base.outputs != model.outputs)
        return false;
    ModelSpec changed;
    for (size_t i = 0; i < base.layers.size(); ++i) {
        const LayerSpec &a = base.layers[i], &b = model.layers[i];
        if (a.kind != b.kind || a.calls != b.calls || a.nested != b.nested) return false;
        if (layer_code(a) == layer_code(b)) continue;
        if (!indices->empty()) *indices += ",";
        *indices += std::to_string(i);
        changed.layers.push_back(b);
        changed.layers.back().calls.clear();
    }
    *code = encode_model_url(changed);
    return true;
}

bool apply_model_delta(const ModelSpec& base, std::string_view indices, std::string_view code, ModelSpec* out,
                       std::string* error) {
    ModelSpec changed;
    if (!decode_model_url(code, &changed, error)) return false;
    std::vector<size_t> at;
    size_t pos = 0;
    while (pos < indices.size()) {
        size_t end = indices.find(',', pos);
        if (end == std::string_view::npos) end = indices.size();
        const std::string_view part = indices.substr(pos, end - pos);
        if (part.empty() || part.size() > 6 || part.find_first_not_of("0123456789") != std::string_view::npos) {
            *error = "the edited layers' indices are not numbers";
            return false;
        }
        const size_t i = size_t(std::stoul(std::string(part)));
        if (i >= base.layers.size() || (!at.empty() && i <= at.back())) {
            *error = "the edited layers' indices are out of order or past the model's layers";
            return false;
        }
        at.push_back(i);
        pos = end + 1;
    }
    if (at.size() != changed.layers.size()) {
        *error = "the edits name " + std::to_string(at.size()) + " layers but hold " + std::to_string(changed.layers.size());
        return false;
    }
    ModelSpec m = base;
    for (size_t k = 0; k < at.size(); ++k) {
        LayerSpec& target = m.layers[at[k]];
        if (changed.layers[k].kind != target.kind) {
            *error = "an edited layer is not of its base layer's kind";
            return false;
        }
        LayerSpec layer = changed.layers[k];
        layer.calls = target.calls;
        layer.nested = target.nested;
        target = std::move(layer);
    }
    *out = std::move(m);
    return true;
}

namespace {

// The bytes of a graph delta, before base64url:
//   varint entries; per entry u8 tag, then
//     kKeepRun: varint base, varint n   base layers base .. base+n-1, as they are
//     kEdited:  varint base, layer      base layer `base` with these fields
//     kNew:     layer                   a layer the base does not have
//   varint changed; per changed layer: varint index (ascending), varint calls,
//                   per call: varint n, n x ref    (refs into the edited model)
//   u8 outputs_changed [varint n, n x ref]
// A kept or edited layer's calls are its base layer's, each reference moved
// to where that layer now is, unless the changed list gives them; a new layer
// reads nothing unless the list gives its calls. layer and ref are as in v2.
const char kGraphDelta[] = "g1.";
enum DeltaTag : uint8_t { kKeepRun, kEdited, kNew, kDeltaTagCount };

// Where each base layer went in the edited model (-1: removed).
std::vector<int> moved_to(size_t base_layers, const std::vector<int>& source) {
    std::vector<int> to(base_layers, -1);
    for (size_t i = 0; i < source.size(); ++i)
        if (source[i] >= 0) to[size_t(source[i])] = int(i);
    return to;
}

// `refs` with each base layer replaced by where it went; false when one was removed.
bool move_refs(const std::vector<TensorRef>& refs, const std::vector<int>& to, std::vector<TensorRef>* out) {
    out->clear();
    for (TensorRef r : refs) {
        if (r.layer < 0 || size_t(r.layer) >= to.size() || to[size_t(r.layer)] < 0) return false;
        r.layer = to[size_t(r.layer)];
        out->push_back(r);
    }
    return true;
}

bool move_calls(const LayerSpec& base_layer, const std::vector<int>& to, std::vector<std::vector<TensorRef>>* out) {
    out->clear();
    for (const std::vector<TensorRef>& call : base_layer.calls) {
        out->emplace_back();
        if (!move_refs(call, to, &out->back())) return false;
    }
    return true;
}

bool same_compile(const CompileSpec& a, const CompileSpec& b) {
    return a.loss == b.loss && a.optimizer == b.optimizer && a.optimizer_args == b.optimizer_args;
}

}  // namespace

bool encode_graph_delta(const ModelSpec& base, const ModelSpec& edited, std::string* text) {
    text->clear();
    const ModelSpec model = edited.creation_order.empty() ? edited : with_written_names(edited);
    if (!base.functional || !model.functional || base.name != model.name || !same_compile(base.compile, model.compile) ||
        !base.creation_order.empty())
        return false;
    // Each layer's base layer: the one of its name (names are unique in a Keras model).
    std::vector<int> source(model.layers.size(), -1);
    std::vector<bool> taken(base.layers.size(), false);
    for (size_t i = 0; i < model.layers.size(); ++i) {
        const std::string& name = model.layers[i].name;
        if (name.empty()) continue;
        for (size_t k = 0; k < base.layers.size(); ++k)
            if (!taken[k] && base.layers[k].name == name) {
                source[i] = int(k);
                taken[k] = true;
                break;
            }
    }
    const std::vector<int> to = moved_to(base.layers.size(), source);
    std::vector<TensorRef> inputs;
    if (!move_refs(base.inputs, to, &inputs) || inputs != model.inputs) return false;

    Writer entries;
    size_t entry_count = 0;
    for (size_t i = 0; i < model.layers.size();) {
        const int k = source[i];
        const bool kept = k >= 0 && layer_code(base.layers[size_t(k)]) == layer_code(model.layers[i]);
        if (kept) {  // the longest run of kept base layers k, k+1, ...
            size_t n = 1;
            while (i + n < model.layers.size() && source[i + n] == k + int(n) &&
                   layer_code(base.layers[size_t(k) + n]) == layer_code(model.layers[i + n]))
                ++n;
            entries.u8(kKeepRun);
            entries.varint(uint64_t(k));
            entries.varint(n);
            i += n;
        } else {
            LayerSpec fields = model.layers[i];
            fields.calls.clear();
            entries.u8(k >= 0 ? kEdited : kNew);
            if (k >= 0) entries.varint(uint64_t(k));
            write_layer(fields, &entries);
            ++i;
        }
        ++entry_count;
    }
    Writer w;
    w.varint(entry_count);
    w.bytes += entries.bytes;
    std::vector<size_t> changed;
    for (size_t i = 0; i < model.layers.size(); ++i) {
        std::vector<std::vector<TensorRef>> expected;
        const bool moved = source[i] < 0 || move_calls(base.layers[size_t(source[i])], to, &expected);
        if (!moved || model.layers[i].calls != expected) changed.push_back(i);
    }
    w.varint(changed.size());
    for (size_t i : changed) {
        w.varint(i);
        w.varint(model.layers[i].calls.size());
        for (const std::vector<TensorRef>& call : model.layers[i].calls) {
            w.varint(call.size());
            for (const TensorRef& r : call) write_ref(r, &w);
        }
    }
    std::vector<TensorRef> outputs;
    const bool same_outputs = move_refs(base.outputs, to, &outputs) && outputs == model.outputs;
    w.u8(same_outputs ? 0 : 1);
    if (!same_outputs) {
        w.varint(model.outputs.size());
        for (const TensorRef& r : model.outputs) write_ref(r, &w);
    }
    *text = kGraphDelta + base64url(w.bytes);
    return true;
}

bool apply_graph_delta(const ModelSpec& base, std::string_view text, ModelSpec* out, std::string* error) {
    const auto fail = [&](std::string why) {
        *error = "the link's graph edits: " + std::move(why);
        return false;
    };
    if (text.size() > kMaxModelUrlChars) return fail("longer than " + std::to_string(kMaxModelUrlChars) + " characters");
    if (text.substr(0, 3) != kGraphDelta) return fail("they do not start with \"g1.\"");
    if (!base.functional) return fail("the network they edit is not a graph");
    std::string bytes;
    Message message;
    if (!from_base64url(text.substr(3), 3, &bytes, &message)) return fail(message_en(message));
    Reader r(bytes);
    const auto reader_failed = [&] { return fail(message_en(r.error)); };
    const uint64_t most = uint64_t(kMaxGraphLayers);
    uint64_t entries = 0;
    if (!r.varint(&entries)) return reader_failed();
    if (entries > most) return fail(std::to_string(entries) + " entries, more than " + std::to_string(most));
    ModelSpec m;
    std::vector<int> source;
    std::vector<bool> used(base.layers.size(), false);
    const auto take = [&](uint64_t k) {
        if (k >= base.layers.size())
            return fail("base layer " + std::to_string(k) + " is past the network's " + std::to_string(base.layers.size()));
        if (used[size_t(k)]) return fail("base layer " + std::to_string(k) + " is kept twice");
        used[size_t(k)] = true;
        return true;
    };
    for (uint64_t e = 0; e < entries; ++e) {
        uint8_t tag = 0;
        if (!r.u8(&tag)) return reader_failed();
        if (tag >= kDeltaTagCount) return fail("entry " + std::to_string(e + 1) + " has the unknown kind " + std::to_string(tag));
        uint64_t k = 0, n = 1;
        if (tag != kNew && !r.varint(&k)) return reader_failed();
        if (tag == kKeepRun && !r.varint(&n)) return reader_failed();
        if (n == 0 || n > most || m.layers.size() + n > most)
            return fail("more than " + std::to_string(most) + " layers, or a run of none");
        if (tag == kKeepRun) {
            for (uint64_t j = 0; j < n; ++j) {
                if (!take(k + j)) return false;
                m.layers.push_back(base.layers[size_t(k + j)]);
                source.push_back(int(k + j));
            }
            continue;
        }
        if (tag == kEdited && !take(k)) return false;
        LayerSpec layer;
        r.where = int(m.layers.size()) + 1;
        if (!read_layer(&r, true, &layer)) return reader_failed();
        r.where = 0;
        m.layers.push_back(std::move(layer));
        source.push_back(tag == kEdited ? int(k) : -1);
    }
    // Calls: the base's, moved; then the ones the delta gives.
    const std::vector<int> to = moved_to(base.layers.size(), source);
    std::vector<bool> broken(m.layers.size(), false);
    for (size_t i = 0; i < m.layers.size(); ++i) {
        if (source[i] < 0) m.layers[i].calls.clear();
        else broken[i] = !move_calls(base.layers[size_t(source[i])], to, &m.layers[i].calls);
    }
    uint64_t changed = 0;
    if (!r.varint(&changed)) return reader_failed();
    if (changed > m.layers.size()) return fail(std::to_string(changed) + " changed layers, more than the model's " + std::to_string(m.layers.size()));
    int64_t last = -1;
    for (uint64_t c = 0; c < changed; ++c) {
        uint64_t i = 0, calls = 0;
        if (!r.varint(&i) || !r.varint(&calls)) return reader_failed();
        if (int64_t(std::min<uint64_t>(i, most)) <= last || i >= m.layers.size())
            return fail("a changed layer's index " + std::to_string(std::min<uint64_t>(i, most)) + " is out of order or past the model");
        if (calls > uint64_t(kMaxLayerCalls))
            return fail("layer " + std::to_string(i + 1) + " has " + std::to_string(calls) + " calls, more than " + std::to_string(kMaxLayerCalls));
        last = int64_t(i);
        LayerSpec& layer = m.layers[size_t(i)];
        layer.calls.clear();
        for (uint64_t k = 0; k < calls; ++k) {
            std::vector<TensorRef> call;
            if (!read_refs(&r, "inbound_nodes", uint64_t(kMaxLayerCalls), m.layers.size(), &call)) return reader_failed();
            layer.calls.push_back(std::move(call));
        }
        broken[size_t(i)] = false;
    }
    for (size_t i = 0; i < m.layers.size(); ++i)
        if (broken[i]) return fail("layer " + std::to_string(i + 1) + " (" + m.layers[i].name + ") still reads a layer they removed");
    if (!move_refs(base.inputs, to, &m.inputs)) return fail("they remove an input of the network");
    uint8_t outputs_changed = 0;
    if (!r.u8_below(2, MsgCode::UrlCompileFlag, &outputs_changed)) return reader_failed();
    if (outputs_changed) {
        if (!read_refs(&r, "output_layers", m.layers.size(), m.layers.size(), &m.outputs)) return reader_failed();
    } else if (!move_refs(base.outputs, to, &m.outputs)) {
        return fail("they remove an output of the network and name no other");
    }
    if (!r.at_end()) return fail(std::to_string(r.remaining()) + " bytes left after the edits");
    m.functional = true;
    m.name = base.name;
    m.compile = base.compile;
    *out = std::move(m);
    return true;
}

bool model_url_v1_holds_kind(LayerKind kind) { return kind < LayerKind::Add; }

LinkRefused model_url_v1_refused(const ModelSpec& model) {
    for (size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec& l = model.layers[i];
        const LinkRefusal why = !model_url_v1_holds_kind(l.kind) ? LinkRefusal::Kind
                                : l.keepdims                  ? LinkRefusal::Keepdims
                                : l.input_shape.rank == 2     ? LinkRefusal::SequenceInput
                                : !l.trainable                ? LinkRefusal::Frozen
                                : (changed_fields(l, make_layer(l.kind)) >> kV1FieldBits) != 0 ? LinkRefusal::Setting
                                                              : LinkRefusal::None;
        if (why != LinkRefusal::None) return LinkRefused{int(i), why};
    }
    return LinkRefused{};
}

bool model_url_v1_holds(const ModelSpec& model) { return !model.functional && model_url_v1_refused(model).layer < 0; }

}  // namespace convlab
