// Writes ConvLab's TF.js fixtures: the seed model and a model with the other
// layer kinds, as returned by model.toJSON() (a JSON string), and the seed
// model's model.json as tfjs's file save handlers write it (modelTopology +
// weightsManifest + trainingConfig, the same fields as io.getModelJSONForModelArtifacts).
const tf = require('@tensorflow/tfjs');
const fs = require('fs');
const out = process.argv[2];
function seed() {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({filters: 32, kernelSize: [3, 3], activation: 'relu', inputShape: [28, 28, 1]}));
  m.add(tf.layers.conv2d({filters: 63, kernelSize: [3, 3], activation: 'relu'}));
  m.add(tf.layers.maxPooling2d({poolSize: [2, 2]}));
  m.add(tf.layers.dropout({rate: 0.25}));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({units: 128, activation: 'relu', name: 'dense'}));
  m.add(tf.layers.dropout({rate: 0.5}));
  m.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  return m;
}
function others() {
  const m = tf.sequential();
  m.add(tf.layers.zeroPadding2d({padding: [[1, 2], [3, 4]], inputShape: [32, 32, 3]}));
  m.add(tf.layers.depthwiseConv2d({kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', useBias: false}));
  m.add(tf.layers.batchNormalization({momentum: 0.9, epsilon: 1e-5, center: true, scale: false}));
  m.add(tf.layers.activation({activation: 'tanh'}));
  m.add(tf.layers.separableConv2d({filters: 16, kernelSize: [5, 3], dilationRate: 2, activation: 'sigmoid'}));
  m.add(tf.layers.averagePooling2d({poolSize: 3, strides: 1, padding: 'same'}));
  m.add(tf.layers.globalMaxPooling2d({}));
  m.add(tf.layers.dense({units: 7, useBias: false}));
  return m;
}
(async () => {
  const s = seed();
  fs.writeFileSync(out + '/tfjs_seed_model.json', s.toJSON() + '\n');
  fs.writeFileSync(out + '/tfjs_other_layers.json', others().toJSON() + '\n');
  s.compile({loss: 'categoricalCrossentropy', optimizer: tf.train.adadelta(1.0), metrics: ['accuracy']});
  await s.save(tf.io.withSaveHandler(async (a) => {
    const json = {modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy,
                  convertedBy: a.convertedBy, weightsManifest: [{paths: ['./model.weights.bin'], weights: a.weightSpecs}]};
    if (a.trainingConfig != null) json.trainingConfig = a.trainingConfig;
    fs.writeFileSync(out + '/tfjs_seed_model_json_file.json', JSON.stringify(json) + '\n');
    return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
  }), {includeOptimizer: true});
})();
