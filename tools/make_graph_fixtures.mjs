// make_graph_fixtures.mjs: writes tests/data/tfjs_graph_models.json, random
// Functional models built and counted by TF.js (@tensorflow/tfjs 4.22.0, an
// implementation of Keras's semantics independent of ConvLab), each written in
// the four forms ConvLab reads, with what TF.js says of every layer. The core
// tests read the file and compare ConvLab's summary with TF.js's, layer by layer.
//
//   node tools/make_graph_fixtures.mjs [COUNT] [SEED]   (defaults 40, 15)
//
// The forms: "tfjs" is model.toJSON() as TF.js writes it (class_name "Model",
// as Keras before 2.4 also wrote it); "keras2" is the same config as tf.keras
// 2.4+ to_json() writes it (class_name "Functional"); "savedmodel" wraps every
// tuple as TensorFlow's SavedModel metadata does ({"class_name": "__tuple__",
// "items": [...]}); "keras3" rewrites inbound_nodes as Keras 3 does (one
// {"args": [...], "kwargs": {}} per call, tensors as __keras_tensor__ objects
// with their keras_history, a merge's tensors as one list argument) and gives
// input_layers / output_layers as one triple when there is one tensor. The
// three derived forms are this script's rewriting of TF.js's JSON, following
// Keras's serialisation code (keras/src/models/functional.py, Keras 3.x;
// tensorflow/python/keras/saving/saved_model/json_utils.py).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const count = Number(process.argv[2] || 40);
let state = Number(process.argv[3] || 15) >>> 0;
// mulberry32: a small seeded generator, so the same arguments give the same file.
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const isImage = (t) => t.shape.length === 4;

// One random layer applied to an image tensor, chosen so its shape stays valid.
function unary(t) {
  const [, h, w, c] = t.shape;
  const small = Math.min(h, w);
  const kinds = ["conv", "conv", "depthwise", "separable", "maxpool", "avgpool", "zeropad", "batchnorm", "activation", "dropout",
    "relu", "leaky", "elu", "softmax", "rescaling", "reshape", "upsampling", "cropping", "prelu", "layernorm"];
  const kind = pick(kinds);
  const kernel = Math.min(small, int(1, 3));
  const padding = small < 4 ? "same" : pick(["valid", "same"]);
  const strides = small >= 6 ? int(1, 2) : 1;
  switch (kind) {
    case "conv": return tf.layers.conv2d({ filters: int(1, 8), kernelSize: kernel, strides, padding, useBias: random() < 0.8,
      activation: pick(["linear", "relu", "tanh", "elu", "swish", "gelu"]) });
    case "depthwise": return tf.layers.depthwiseConv2d({ kernelSize: kernel, depthMultiplier: int(1, 2), padding, useBias: random() < 0.5 });
    case "separable": return tf.layers.separableConv2d({ filters: int(1, 6), kernelSize: kernel, padding, depthMultiplier: int(1, 2) });
    case "maxpool": return tf.layers.maxPooling2d({ poolSize: 2, padding: "same" });
    case "avgpool": return tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: "same" });
    case "zeropad": return tf.layers.zeroPadding2d({ padding: [[int(0, 1), int(0, 2)], [int(0, 2), int(0, 1)]] });
    case "batchnorm": return tf.layers.batchNormalization({ center: random() < 0.7, scale: random() < 0.7 });
    case "activation": return tf.layers.activation({ activation: pick(["relu", "sigmoid", "tanh"]) });
    case "relu": return tf.layers.reLU(random() < 0.5 ? { maxValue: 6 } : {});
    case "prelu": return tf.layers.prelu(random() < 0.5 ? { sharedAxes: [1, 2] } : {});
    case "layernorm": return tf.layers.layerNormalization({ center: random() < 0.8, scale: random() < 0.8 });
    case "leaky": return tf.layers.leakyReLU({ alpha: pick([0.1, 0.3]) });
    case "elu": return tf.layers.elu({});  // TF.js takes only alpha = 1
    case "softmax": return tf.layers.softmax({ axis: -1 });  // TF.js defaults to axis 1, Keras to -1
    case "rescaling": return tf.layers.rescaling({ scale: 1 / 255, offset: pick([0, -1]) });
    case "reshape": return tf.layers.reshape({ targetShape: [w, h, c] });  // the same values, H and W swapped in size
    case "upsampling": return small <= 8 ? tf.layers.upSampling2d({ size: [int(1, 2), int(1, 2)] }) : tf.layers.dropout({ rate: 0.1 });
    case "cropping": return small >= 5 ? tf.layers.cropping2D({ cropping: [[int(0, 1), int(0, 1)], [int(0, 1), 1]] }) : tf.layers.dropout({ rate: 0.1 });
    default: return tf.layers.dropout({ rate: 0.25 });
  }
}

function buildModel() {
  const inputs = [];
  const pool = [];
  const nInputs = random() < 0.25 ? 2 : 1;
  for (let i = 0; i < nInputs; ++i) {
    const x = tf.input({ shape: [int(6, 16), int(6, 16), int(1, 4)] });
    inputs.push(x);
    pool.push(x);
  }
  const layers = [];
  const apply = (layer, x) => { layers.push(layer); return layer.apply(x); };
  const steps = int(3, 10);
  for (let s = 0; s < steps; ++s) {
    const images = pool.filter(isImage);
    const t = pick(images);
    const what = random();
    if (what < 0.35) {
      pool.push(apply(unary(t), t));
    } else if (what < 0.6) {
      // A residual branch: a 'same' convolution back to t's channels, merged with t.
      const branch = apply(tf.layers.conv2d({ filters: t.shape[3], kernelSize: int(1, 3), padding: "same" }), t);
      // (TF.js has no Subtract layer; the core tests check it by hand.)
      const merge = pick(["add", "add", "multiply", "average", "maximum", "minimum"]);
      const operands = [t, branch];
      if (random() < 0.3) operands.push(apply(tf.layers.activation({ activation: "relu" }), t));
      pool.push(apply(tf.layers[merge]({}), operands));
    } else if (what < 0.8) {
      // Inception-style: branches of different widths side by side.
      const n = int(2, 3);
      const branches = [];
      for (let b = 0; b < n; ++b)
        branches.push(apply(tf.layers.conv2d({ filters: int(1, 6), kernelSize: pick([1, 3]), padding: "same" }), t));
      pool.push(apply(tf.layers.concatenate({ axis: -1 }), branches));
    } else if (what < 0.9) {
      // Concatenate along a spatial axis: the other two sizes agree.
      const branch = apply(tf.layers.conv2d({ filters: t.shape[3], kernelSize: 1 }), t);
      pool.push(apply(tf.layers.concatenate({ axis: pick([1, 2]) }), [t, branch]));
    } else {
      // A shared layer, called on two tensors: weights counted once.
      const shared = tf.layers.conv2d({ filters: int(1, 4), kernelSize: 1 });
      layers.push(shared);
      pool.push(shared.apply(t));
      const other = apply(tf.layers.maxPooling2d({ poolSize: 2, padding: "same" }), t);
      pool.push(shared.apply(random() < 0.5 ? other : t));
    }
  }
  // One or two heads on the last tensors made.
  const outputs = [];
  const nOutputs = random() < 0.25 ? 2 : 1;
  for (let o = 0; o < nOutputs; ++o) {
    const t = pool[pool.length - 1 - o];
    const flat = apply(random() < 0.5 ? tf.layers.flatten() : tf.layers.globalAveragePooling2d({}), t);
    outputs.push(apply(tf.layers.dense({ units: int(2, 10), activation: "softmax" }), flat));
  }
  for (const layer of layers) if (random() < 0.1) layer.trainable = false;
  return tf.model({ inputs, outputs });
}

const size = (w) => w.shape.reduce((a, b) => a * b, 1);

// What TF.js says of each layer: the same fields Keras's summary prints.
function expected(model) {
  const relevant = new Set(Object.values(model.nodesByDepth).flat());
  const layers = model.layers.map((layer) => {
    let outputShape;
    try { outputShape = layer.outputShape; } catch (e) { outputShape = "multiple"; }
    const inbound = [];
    for (const node of layer.inboundNodes)
      if (relevant.has(node)) for (const l of node.inboundLayers) inbound.push(l.name);
    return {
      name: layer.name, class_name: layer.getClassName(), output_shape: outputShape, params: layer.countParams(),
      trainable: layer.trainableWeights.reduce((a, w) => a + size(w), 0),
      non_trainable: layer.nonTrainableWeights.reduce((a, w) => a + size(w), 0), inbound,
    };
  });
  return {
    layers, total: model.countParams(),
    trainable: model.trainableWeights.reduce((a, w) => a + size(w), 0),
    non_trainable: model.nonTrainableWeights.reduce((a, w) => a + size(w), 0),
  };
}

const tuple = (items) => ({ class_name: "__tuple__", items });
const TUPLE_KEYS = new Set(["batch_input_shape", "kernel_size", "strides", "pool_size", "dilation_rate"]);

function savedModelForm(config) {
  const c = structuredClone(config);
  c.class_name = "Functional";
  for (const layer of c.config.layers) {
    for (const [k, v] of Object.entries(layer.config)) if (TUPLE_KEYS.has(k) && Array.isArray(v)) layer.config[k] = tuple(v);
    if (layer.class_name === "ZeroPadding2D") layer.config.padding = tuple(layer.config.padding.map(tuple));
    layer.inbound_nodes = layer.inbound_nodes.map((node) => node.map((t) => tuple(t)));
  }
  c.config.input_layers = c.config.input_layers.map(tuple);
  c.config.output_layers = c.config.output_layers.map(tuple);
  return c;
}

function keras3Form(config, model) {
  const c = structuredClone(config);
  const shapes = new Map(model.layers.map((l) => [l.name, l.inboundNodes.map((n) => n.outputTensors[0].shape)]));
  const tensor = ([name, node, index]) => ({
    class_name: "__keras_tensor__",
    config: { shape: shapes.get(name)[node], dtype: "float32", keras_history: [name, node, index] },
  });
  c.module = "keras";
  c.class_name = "Functional";
  c.registered_name = "Functional";
  for (const layer of c.config.layers) {
    layer.module = "keras.layers";
    layer.registered_name = null;
    if (layer.class_name === "InputLayer") {
      layer.config.batch_shape = layer.config.batch_input_shape;
      delete layer.config.batch_input_shape;
    }
    const merge = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"].includes(layer.class_name);
    layer.inbound_nodes = layer.inbound_nodes.map((node) => ({
      args: merge ? [node.map(tensor)] : node.map(tensor), kwargs: {},
    }));
  }
  const ends = (list) => (list.length === 1 ? list[0] : list);
  c.config.input_layers = ends(c.config.input_layers);
  c.config.output_layers = ends(c.config.output_layers);
  return c;
}

// Two small networks for `convlab train` on the MNIST digits: a residual one
// (two blocks whose Add passes the block's input around two convolutions) and
// an Inception-style one (1×1, 3×3 and pooled branches side by side).
function residualMnist() {
  const x = tf.input({ shape: [28, 28, 1] });
  let t = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: "same", activation: "relu" }).apply(x);
  t = tf.layers.maxPooling2d({ poolSize: 2 }).apply(t);
  for (let block = 0; block < 2; ++block) {
    let r = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: "same", activation: "relu" }).apply(t);
    r = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: "same" }).apply(r);
    t = tf.layers.activation({ activation: "relu" }).apply(tf.layers.add().apply([t, r]));
    if (block === 0) t = tf.layers.maxPooling2d({ poolSize: 2 }).apply(t);
  }
  const y = tf.layers.dense({ units: 10, activation: "softmax" }).apply(tf.layers.flatten().apply(t));
  return tf.model({ inputs: x, outputs: y, name: "residual_mnist" });
}
function inceptionMnist() {
  const x = tf.input({ shape: [28, 28, 1] });
  let t = tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: "relu" }).apply(x);
  t = tf.layers.maxPooling2d({ poolSize: 2 }).apply(t);
  const b1 = tf.layers.conv2d({ filters: 8, kernelSize: 1, activation: "relu" }).apply(t);
  const b3 = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: "same", activation: "relu" }).apply(t);
  const pool = tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: "same" }).apply(t);
  const bp = tf.layers.conv2d({ filters: 8, kernelSize: 1, activation: "relu" }).apply(pool);
  t = tf.layers.concatenate({ axis: -1 }).apply([b1, b3, bp]);
  t = tf.layers.maxPooling2d({ poolSize: 2 }).apply(t);
  const y = tf.layers.dense({ units: 10, activation: "softmax" }).apply(tf.layers.flatten().apply(t));
  return tf.model({ inputs: x, outputs: y, name: "inception_mnist" });
}
for (const [name, model] of [["residual", residualMnist()], ["inception", inceptionMnist()]]) {
  const file = path.join(here, `../tests/data/tfjs_${name}_mnist.json`);
  fs.writeFileSync(file, model.toJSON() + "\n");
  console.log(`wrote ${path.relative(process.cwd(), file)}: ${model.countParams()} parameters`);
}

// One model with every layer kind the random ones may miss, after the random ones.
function everyKind() {
  const x = tf.input({ shape: [9, 7, 3] });
  let t = tf.layers.rescaling({ scale: 2, offset: 0.5 }).apply(x);
  t = tf.layers.reLU({ maxValue: 6 }).apply(t);
  t = tf.layers.leakyReLU({ alpha: 0.2 }).apply(t);
  t = tf.layers.elu({}).apply(t);
  t = tf.layers.activation({ activation: "gelu" }).apply(t);
  t = tf.layers.prelu({ sharedAxes: [2] }).apply(t);
  t = tf.layers.layerNormalization({}).apply(t);
  t = tf.layers.upSampling2d({ size: [2, 3] }).apply(t);
  t = tf.layers.cropping2D({ cropping: [[1, 2], [3, 0]] }).apply(t);
  t = tf.layers.softmax({ axis: -1 }).apply(t);
  t = tf.layers.reshape({ targetShape: [18, 45, 1] }).apply(t);  // (15, 18, 3): 810 values
  const y = tf.layers.dense({ units: 4, activation: "softmax" }).apply(tf.layers.flatten().apply(t));
  return tf.model({ inputs: x, outputs: y, name: "every_kind" });
}

// Two models over (steps, channels) sequences: Conv1D and the 1D poolings,
// in a chain and in branches joined by a Concatenate.
function sequenceChain() {
  const x = tf.input({ shape: [20, 3] });
  let t = tf.layers.conv1d({ filters: 8, kernelSize: 3, activation: "relu" }).apply(x);
  t = tf.layers.maxPooling1d({ poolSize: 2 }).apply(t);
  t = tf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: "same", useBias: false }).apply(t);
  t = tf.layers.averagePooling1d({ poolSize: 2, strides: 1, padding: "same" }).apply(t);
  const y = tf.layers.dense({ units: 5, activation: "softmax" }).apply(tf.layers.globalAveragePooling1d({}).apply(t));
  return tf.model({ inputs: x, outputs: y, name: "sequence_chain" });
}
function sequenceBranches() {
  const x = tf.input({ shape: [16, 4] });
  const a = tf.layers.conv1d({ filters: 6, kernelSize: 5, dilationRate: 2, padding: "same" }).apply(x);
  const b = tf.layers.conv1d({ filters: 2, kernelSize: 1 }).apply(x);
  const t = tf.layers.concatenate({ axis: -1 }).apply([a, b]);
  const y = tf.layers.dense({ units: 3, activation: "softmax" }).apply(tf.layers.globalMaxPooling1d({}).apply(t));
  return tf.model({ inputs: x, outputs: y, name: "sequence_branches" });
}

// A small U-Net-like decoder: Conv2DTranspose ('same' and 'valid', strides
// 2 and 1, a kernel smaller than its stride), Permute, and the hard_sigmoid
// activation, joined to the encoder by a Concatenate skip.
function decoder() {
  const x = tf.input({ shape: [12, 10, 2] });
  const e1 = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: "same", activation: "relu" }).apply(x);
  const e2 = tf.layers.maxPooling2d({ poolSize: 2 }).apply(e1);
  let t = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: "same", activation: "hardSigmoid" }).apply(e2);
  t = tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: "same" }).apply(t);
  t = tf.layers.concatenate({ axis: -1 }).apply([t, e1]);
  t = tf.layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 1, padding: "valid", useBias: false }).apply(t);
  t = tf.layers.conv2dTranspose({ filters: 2, kernelSize: [1, 2], strides: [3, 2], padding: "valid" }).apply(t);
  t = tf.layers.permute({ dims: [2, 1, 3] }).apply(t);
  t = tf.layers.permute({ dims: [3, 1, 2] }).apply(t);
  const y = tf.layers.dense({ units: 3, activation: "softmax" }).apply(tf.layers.flatten().apply(t));
  return tf.model({ inputs: x, outputs: y, name: "decoder" });
}

// Models used as layers: a Functional base and a Sequential block called
// twice (one set of weights, two rows of "Connected to"). Not frozen: TF.js
// neither writes a model's trainable nor its layers' after base.trainable =
// false, so freezing is tested by hand on Keras's own JSON (test_nested_models.cpp).
function nested() {
  const bin = tf.input({ shape: [12, 12, 3] });
  let b = tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: "relu", name: "base_conv" }).apply(bin);
  b = tf.layers.batchNormalization({ name: "base_bn" }).apply(b);
  const base = tf.model({ inputs: bin, outputs: tf.layers.maxPooling2d({ poolSize: 2, name: "base_pool" }).apply(b), name: "base" });
  const block = tf.sequential({ name: "block", layers: [
    tf.layers.conv2d({ inputShape: [5, 5, 4], filters: 4, kernelSize: 3, padding: "same", name: "block_conv" }),
    tf.layers.reLU({ name: "block_relu" })] });
  const x = tf.input({ shape: [12, 12, 3], name: "image" });
  const t = base.apply(x);
  const v = block.apply(block.apply(t));
  const sum = tf.layers.add({ name: "skip" }).apply([t, v]);
  const y = tf.layers.dense({ units: 3, activation: "softmax", name: "head" }).apply(tf.layers.flatten({ name: "flat" }).apply(sum));
  return tf.model({ inputs: x, outputs: y, name: "nested" });
}

const fixed = [everyKind, sequenceChain, sequenceBranches, decoder, nested];
const models = [];
for (let i = 0; i < count + fixed.length; ++i) {
  const built = i < count ? buildModel() : fixed[i - count]();
  const config = built.toJSON(null, false);  // the object; toJSON() alone gives its text
  // What TF.js says of the model read back from its JSON, as a learner's file
  // is read: a shared layer's calls that no output needs are not in the file.
  const model = await tf.models.modelFromJSON({ modelTopology: config });
  const keras2 = structuredClone(config);
  keras2.class_name = "Functional";
  models.push({
    forms: {
      tfjs: JSON.stringify(config), keras2: JSON.stringify(keras2),
      savedmodel: JSON.stringify(savedModelForm(config)), keras3: JSON.stringify(keras3Form(config, model)),
    },
    ...expected(model),
  });
}
// The fuzzers' seeds (tests/fuzz/fuzz_keras_json.cpp): the first three models
// in every form, one small file each (the fixture above is too large to mutate).
const seeds = path.join(here, "../tests/data/graph_seeds");
fs.mkdirSync(seeds, { recursive: true });
for (let i = 0; i < 3; ++i)
  for (const [form, text] of Object.entries(models[i].forms)) fs.writeFileSync(path.join(seeds, `${form}_${i}.json`), text + "\n");

const out = path.join(here, "../tests/data/tfjs_graph_models.json");
fs.writeFileSync(out, JSON.stringify({ generated_by: `tfjs ${tf.version.tfjs}, make_graph_fixtures.mjs ${count}`, models }, null, 0) + "\n");
console.log(`wrote ${models.length} models to ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes)`);

// Numbers to check training's forward passes against, from TF.js's own ops:
// conv2dTranspose (Keras's Conv2DTranspose calls tf.nn.conv2d_transpose with the
// output shape deconv_output_length gives, output_padding included) and
// resizeBilinear with half-pixel centres (tf.image.resize, which Keras's
// UpSampling2D(interpolation="bilinear") calls).
function values(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, () => Math.round((random() * 2 - 1) * 1000) / 1000);
}
const transposeCases = [
  // [H, W, Cin, Cout, kh, kw, sh, sw, padding, output_padding or null, use_bias]
  [3, 4, 2, 3, 3, 3, 2, 2, "same", null, true],
  [3, 4, 2, 3, 3, 3, 2, 2, "same", [1, 0], true],
  [3, 3, 1, 2, 3, 2, 2, 1, "valid", null, false],
  [2, 3, 3, 2, 2, 2, 3, 2, "valid", [2, 1], true],
  [4, 4, 2, 2, 4, 4, 2, 2, "same", null, true],
  [2, 2, 2, 1, 1, 1, 3, 3, "same", [2, 1], false],
];
function deconvLength(size, k, s, padding, op) {
  if (op === null) return padding === "valid" ? size * s + Math.max(k - s, 0) : size * s;
  const pad = padding === "same" ? Math.floor(k / 2) : 0;
  return (size - 1) * s + k - 2 * pad + op;
}
const numerics = { transpose: [], bilinear: [] };
for (const [h, w, cin, cout, kh, kw, sh, sw, padding, op, useBias] of transposeCases) {
  const x = values([1, h, w, cin]), kernel = values([kh, kw, cout, cin]), bias = useBias ? values([cout]) : [];
  const ho = deconvLength(h, kh, sh, padding, op ? op[0] : null), wo = deconvLength(w, kw, sw, padding, op ? op[1] : null);
  let y = tf.conv2dTranspose(tf.tensor4d(x, [1, h, w, cin]), tf.tensor4d(kernel, [kh, kw, cout, cin]), [1, ho, wo, cout],
    [sh, sw], padding);
  if (useBias) y = y.add(tf.tensor1d(bias));
  numerics.transpose.push({ input: [h, w, cin], filters: cout, kernel_size: [kh, kw], strides: [sh, sw], padding,
    output_padding: op, use_bias: useBias, x, kernel, bias, output: [ho, wo, cout], y: Array.from(y.dataSync()) });
}
for (const [h, w, c, sh, sw] of [[3, 4, 2, 2, 2], [2, 3, 1, 3, 2], [1, 2, 2, 2, 3]]) {
  const x = values([1, h, w, c]);
  const y = tf.image.resizeBilinear(tf.tensor4d(x, [1, h, w, c]), [h * sh, w * sw], false, true);
  numerics.bilinear.push({ input: [h, w, c], size: [sh, sw], x, y: Array.from(y.dataSync()) });
}
const numericsFile = path.join(here, "../tests/data/tfjs_layer_numerics.json");
fs.writeFileSync(numericsFile, JSON.stringify({ generated_by: `tfjs ${tf.version.tfjs}, make_graph_fixtures.mjs`, ...numerics }) + "\n");
console.log(`wrote ${path.relative(process.cwd(), numericsFile)}`);

// Functional Keras code as people write it (a def and a for loop, a U-Net, an
// Inception module with two outputs), each beside the same model built layer
// for layer with TF.js: tests/core/test_import_functional_python.cpp reads the
// Python with ConvLab's importer and compares every row with TF.js's.
const codeModels = [];
{
  const residualBlock = (x, filters, stride, name) => {
    let shortcut = x;
    x = tf.layers.conv2d({ filters, kernelSize: 3, strides: stride, padding: "same", useBias: false, name: name + "_conv1" }).apply(x);
    x = tf.layers.batchNormalization({ name: `${name}_bn1` }).apply(x);
    x = tf.layers.reLU({ name: name + "_relu1" }).apply(x);
    x = tf.layers.conv2d({ filters, kernelSize: 3, padding: "same", useBias: false, name: name + "_conv2" }).apply(x);
    x = tf.layers.batchNormalization({ name: `${name}_bn2` }).apply(x);
    if (stride !== 1 || shortcut.shape[3] !== filters) {
      shortcut = tf.layers.conv2d({ filters, kernelSize: 1, strides: stride, useBias: false, name: name + "_proj" }).apply(shortcut);
      shortcut = tf.layers.batchNormalization({ name: name + "_proj_bn" }).apply(shortcut);
    }
    x = tf.layers.add({ name: name + "_add" }).apply([x, shortcut]);
    return tf.layers.reLU({ name: name + "_out" }).apply(x);
  };
  const inputs = tf.input({ shape: [32, 32, 3], name: "image" });
  let x = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: "same", name: "stem" }).apply(inputs);
  [16, 32, 64].forEach((w, i) => {
    for (let j = 0; j < 2; ++j) x = residualBlock(x, w, j === 0 && i > 0 ? 2 : 1, `stage${i + 1}_block${j + 1}`);
  });
  x = tf.layers.globalAveragePooling2d({ name: "pool" }).apply(x);
  const outputs = tf.layers.dense({ units: 10, activation: "softmax", name: "classifier" }).apply(x);
  codeModels.push({ model: tf.model({ inputs, outputs, name: "small_resnet" }), source: `from tensorflow import keras
from tensorflow.keras import layers


def residual_block(x, filters, stride=1, name="block"):
    shortcut = x
    x = layers.Conv2D(filters, 3, strides=stride, padding="same", use_bias=False, name=name + "_conv1")(x)
    x = layers.BatchNormalization(name=f"{name}_bn1")(x)
    x = layers.ReLU(name=name + "_relu1")(x)
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=name + "_conv2")(x)
    x = layers.BatchNormalization(name=f"{name}_bn2")(x)
    if stride != 1 or shortcut.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=stride, use_bias=False, name=name + "_proj")(shortcut)
        shortcut = layers.BatchNormalization(name=name + "_proj_bn")(shortcut)
    x = layers.add([x, shortcut], name=name + "_add")
    return layers.ReLU(name=name + "_out")(x)


def build_resnet(input_shape=(32, 32, 3), num_classes=10, widths=(16, 32, 64)):
    inputs = keras.Input(shape=input_shape, name="image")
    x = layers.Conv2D(widths[0], 3, padding="same", name="stem")(inputs)
    for i, w in enumerate(widths):
        for j in range(2):
            stride = 2 if j == 0 and i > 0 else 1
            x = residual_block(x, w, stride, name=f"stage{i + 1}_block{j + 1}")
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    outputs = layers.Dense(num_classes, activation="softmax", name="classifier")(x)
    return keras.Model(inputs, outputs, name="small_resnet")


model = build_resnet()
model.summary()
` });
}
{
  const convBlock = (x, filters, name) => {
    x = tf.layers.conv2d({ filters, kernelSize: 3, padding: "same", activation: "relu", name: name + "_a" }).apply(x);
    return tf.layers.conv2d({ filters, kernelSize: 3, padding: "same", activation: "relu", name: name + "_b" }).apply(x);
  };
  const inputs = tf.input({ shape: [32, 32, 1], name: "image" });
  const skips = [];
  let x = inputs;
  [8, 16, 32].forEach((filters, depth) => {
    x = convBlock(x, filters, `down${depth}`);
    skips.push(x);
    x = tf.layers.maxPooling2d({ poolSize: 2, name: `pool${depth}` }).apply(x);
  });
  x = convBlock(x, 64, "bottom");
  for (let depth = 2; depth >= 0; --depth) {
    const filters = 8 * 2 ** depth;
    x = tf.layers.conv2dTranspose({ filters, kernelSize: 2, strides: 2, name: `up${depth}` }).apply(x);
    x = tf.layers.concatenate({ name: `cat${depth}` }).apply([x, skips[depth]]);
    x = convBlock(x, filters, `dec${depth}`);
  }
  const outputs = tf.layers.conv2d({ filters: 2, kernelSize: 1, activation: "softmax", name: "mask" }).apply(x);
  codeModels.push({ model: tf.model({ inputs, outputs, name: "small_unet" }), source: `import keras
from keras import layers


def conv_block(x, filters, name):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu", name=name + "_a")(x)
    return layers.Conv2D(filters, 3, padding="same", activation="relu", name=name + "_b")(x)


inputs = keras.Input((32, 32, 1), name="image")
skips = []
x = inputs
for depth, filters in enumerate([8, 16, 32]):
    x = conv_block(x, filters, f"down{depth}")
    skips.append(x)
    x = layers.MaxPooling2D(name=f"pool{depth}")(x)
x = conv_block(x, 64, "bottom")
for depth in reversed(range(3)):
    filters = 8 * 2 ** depth
    x = layers.Conv2DTranspose(filters, 2, strides=2, name=f"up{depth}")(x)
    x = layers.Concatenate(name=f"cat{depth}")([x, skips[depth]])
    x = conv_block(x, filters, f"dec{depth}")
outputs = layers.Conv2D(2, 1, activation="softmax", name="mask")(x)
model = keras.Model(inputs, outputs, name="small_unet")
` });
}
{
  const inception = (x, f1, f3r, f3, f5r, f5, fp, name) => {
    const conv = (t, filters, k, suffix) =>
      tf.layers.conv2d({ filters, kernelSize: k, padding: "same", activation: "relu", name: name + suffix }).apply(t);
    const b1 = conv(x, f1, 1, "_1x1");
    const b3 = conv(conv(x, f3r, 1, "_3x3r"), f3, 3, "_3x3");
    const b5 = conv(conv(x, f5r, 1, "_5x5r"), f5, 5, "_5x5");
    const bp = conv(tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: "same", name: name + "_pool" }).apply(x), fp, 1, "_poolproj");
    return tf.layers.concatenate({ axis: -1, name: name + "_out" }).apply([b1, b3, b5, bp]);
  };
  const inputs = tf.input({ shape: [28, 28, 3], name: "image" });
  let x = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: "same", activation: "relu", name: "stem" }).apply(inputs);
  x = inception(x, 8, 8, 12, 4, 4, 4, "mixed1");
  let aux = tf.layers.globalAveragePooling2d({ name: "aux_pool" }).apply(x);
  aux = tf.layers.dense({ units: 5, activation: "softmax", name: "aux_out" }).apply(aux);
  x = tf.layers.maxPooling2d({ poolSize: 2, name: "down" }).apply(x);
  x = inception(x, 16, 12, 16, 4, 8, 8, "mixed2");
  x = tf.layers.globalAveragePooling2d({ name: "main_pool" }).apply(x);
  const main = tf.layers.dense({ units: 10, activation: "softmax", name: "main_out" }).apply(x);
  codeModels.push({ model: tf.model({ inputs, outputs: [main, aux], name: "inception_two_heads" }), source: `from tensorflow import keras
from tensorflow.keras import layers


def inception(x, f1, f3r, f3, f5r, f5, fp, name):
    def conv(t, filters, k, suffix):
        return layers.Conv2D(filters, k, padding="same", activation="relu", name=name + suffix)(t)

    b1 = conv(x, f1, 1, "_1x1")
    b3 = conv(conv(x, f3r, 1, "_3x3r"), f3, 3, "_3x3")
    b5 = conv(conv(x, f5r, 1, "_5x5r"), f5, 5, "_5x5")
    bp = conv(layers.MaxPooling2D(3, strides=1, padding="same", name=name + "_pool")(x), fp, 1, "_poolproj")
    return layers.concatenate([b1, b3, b5, bp], axis=-1, name=name + "_out")


inputs = keras.Input(shape=(28, 28, 3), name="image")
x = layers.Conv2D(16, 3, padding="same", activation="relu", name="stem")(inputs)
x = inception(x, 8, 8, 12, 4, 4, 4, "mixed1")
aux = layers.GlobalAveragePooling2D(name="aux_pool")(x)
aux = layers.Dense(5, activation="softmax", name="aux_out")(aux)
x = layers.MaxPooling2D(name="down")(x)
x = inception(x, 16, 12, 16, 4, 8, 8, "mixed2")
x = layers.GlobalAveragePooling2D(name="main_pool")(x)
main = layers.Dense(10, activation="softmax", name="main_out")(x)
model = keras.Model(inputs=inputs, outputs=[main, aux], name="inception_two_heads")
` });
}
const codeFile = path.join(here, "../tests/data/tfjs_code_models.json");
fs.writeFileSync(codeFile, JSON.stringify({
  generated_by: `tfjs ${tf.version.tfjs}, make_graph_fixtures.mjs`,
  models: codeModels.map(({ model, source }) => ({ name: model.name, source, ...expected(model) })),
}, null, 0) + "\n");
console.log(`wrote ${path.relative(process.cwd(), codeFile)}: ${codeModels.length} models`);
