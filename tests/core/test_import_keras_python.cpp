// test_import_keras_python.cpp: Keras Python scripts to ModelSpecs: the seed's
// code as posted, whole training scripts in the style of Keras's own examples,
// every argument form, and malformed or hostile code, each error with its line
// and column. Reference: Keras layer signatures (keras.io/api/layers).
#include <doctest.h>

#include <string>

#include "core/io/import.h"
#include "core/analysis/model_summary.h"

using namespace convlab;

namespace {

int64_t total_params(const ModelSpec& model) {
    ModelSummary summary;
    Problem problem;
    REQUIRE_MESSAGE(summarize(model, NamingStyle::Keras2, &summary, &problem), problem.message);
    return summary.total_params;
}

// The code block of the seed question (shared/seed/000_51c0af6ff389b2a9.txt),
// verbatim, indentation included: it uses input_shape without defining it.
const char* const kSeedCode = R"(    model = Sequential()
    model.add(Conv2D(32, kernel_size=(3, 3),
                     activation='relu',
                     input_shape=input_shape))
    model.add(Conv2D(63, (3, 3), activation='relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Dropout(0.25))
    model.add(Flatten())
    model.add(Dense(128, name='dense', activation='relu'))
    model.add(Dropout(0.5))
    model.add(Dense(10, activation='softmax'))

    model.compile(loss=keras.losses.categorical_crossentropy,
                  optimizer=keras.optimizers.Adadelta(),
                  metrics=['accuracy'])
)";

// A whole training script with every construct of Keras's examples/mnist_cnn.py
// (keras-team/keras, Keras 2.x): a docstring, imports, tuple assignments,
// load_data() unpacking, the if/else on K.image_data_format() that sets
// input_shape, reshapes, in-place division, prints, fit and evaluate.
const char* const kTrainingScript = R"('''A small convnet for MNIST, written the way Keras 2's examples were.
'''
from __future__ import print_function
import keras
from keras.datasets import mnist
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten
from keras.layers import Conv2D, MaxPooling2D
from keras import backend as K

batch_size = 64
num_classes = 10
epochs = 3
img_rows, img_cols = 28, 28
(x_train, y_train), (x_test, y_test) = mnist.load_data()

if K.image_data_format() == 'channels_first':
    x_train = x_train.reshape(x_train.shape[0], 1, img_rows, img_cols)
    input_shape = (1, img_rows, img_cols)
else:
    x_train = x_train.reshape(x_train.shape[0], img_rows, img_cols, 1)
    input_shape = (img_rows, img_cols, 1)

x_train = x_train.astype('float32')
x_train /= 255
print('x_train shape:', x_train.shape)
print(x_train.shape[0], 'train samples')
y_train = keras.utils.to_categorical(y_train, num_classes)

model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3),
                 activation='relu',
                 input_shape=input_shape))
model.add(Conv2D(64, (3, 3), activation='relu'))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))
model.add(Flatten())
model.add(Dense(128, activation='relu'))
model.add(Dropout(0.5))
model.add(Dense(num_classes, activation='softmax'))

model.compile(loss=keras.losses.categorical_crossentropy,
              optimizer=keras.optimizers.Adadelta(),
              metrics=['accuracy'])

model.fit(x_train, y_train,
          batch_size=batch_size,
          epochs=epochs,
          verbose=1,
          validation_data=(x_test, y_test))
score = model.evaluate(x_test, y_test, verbose=0)
print('Test loss:', score[0])
)";

// The keras.io "Simple MNIST convnet" style: Keras 3, Sequential([...]) with
// keras.Input first, sections as bare docstrings, np.expand_dims.
const char* const kSequentialListScript = R"("""
## Setup
"""
import numpy as np
import keras
from keras import layers

num_classes = 10
input_shape = (28, 28, 1)
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255
x_train = np.expand_dims(x_train, -1)
print("x_train shape:", x_train.shape)

"""
## Build the model
"""
model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ]
)
model.summary()
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=15, validation_split=0.1)
)";

ImportResult import_ok(const std::string& code) {
    ImportResult r = import_keras_python(code);
    REQUIRE_MESSAGE(r.ok, r.error);
    return r;
}

ImportResult import_error(const std::string& code, int line, int column) {
    ImportResult r = import_keras_python(code);
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.line == line, r.error);
    CHECK_MESSAGE(r.column == column, r.error);
    return r;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("import python: the seed's code uses input_shape without defining it, so the import asks for it") {
    ImportResult r = import_keras_python(kSeedCode);
    CHECK_FALSE(r.ok);
    CHECK(r.missing_input_shape);
    CHECK(r.line == 4);
    CHECK(r.column == 34);
    CHECK(r.error ==
          "line 4, column 34: `input_shape` is used but never defined in this code, so the model's input shape is "
          "unknown: give it, e.g. --input-shape 28,28,1");
}

TEST_CASE("import python: the seed's code with --input-shape 28,28,1 gives its 8 layers and 1,181,161 params") {
    Shape mnist = Shape::image(28, 28, 1);
    ImportResult r = import_keras_python(kSeedCode, &mnist);
    REQUIRE_MESSAGE(r.ok, r.error);
    const std::vector<LayerSpec>& layers = r.model.layers;
    REQUIRE(layers.size() == 8);
    CHECK(layers[0].kind == LayerKind::Conv2D);
    CHECK(layers[0].input_shape == mnist);
    CHECK(layers[1].filters == 63);
    CHECK(layers[1].kernel == Pair{3, 3});
    CHECK(layers[2].kind == LayerKind::MaxPooling2D);
    CHECK(layers[2].strides == Pair{2, 2});
    CHECK(layers[3].rate == 0.25);
    CHECK(layers[5].name == "dense");
    CHECK(layers[5].units == 128);
    CHECK(layers[7].activation == Activation::Softmax);
    CHECK(r.model.compile.loss == "categorical_crossentropy");
    CHECK(r.model.compile.optimizer == "Adadelta");
    CHECK(r.model.compile.optimizer_args.empty());
    CHECK(total_params(r.model) == 1181161);
}

TEST_CASE("import python: a whole mnist_cnn.py-style script takes the channels_last branch and skips the rest") {
    ImportResult r = import_ok(kTrainingScript);
    REQUIRE(r.model.layers.size() == 8);
    CHECK(r.model.layers[0].input_shape == Shape::image(28, 28, 1));
    CHECK(r.model.layers[7].units == 10);
    CHECK(total_params(r.model) == 1199882);  // Keras's mnist_cnn.py summary
    CHECK(r.model.compile.optimizer == "Adadelta");
}

TEST_CASE("import python: keras.Sequential([keras.Input(...), layers...]) keeps the InputLayer first") {
    ImportResult r = import_ok(kSequentialListScript);
    REQUIRE(r.model.layers.size() == 8);
    CHECK(r.model.layers[0].kind == LayerKind::InputLayer);
    CHECK(r.model.layers[0].input_shape == Shape::image(28, 28, 1));
    CHECK(r.model.layers[6].rate == 0.5);
    CHECK(total_params(r.model) == 34826);  // keras.io's "Simple MNIST convnet" summary
    CHECK(r.model.compile.loss == "categorical_crossentropy");
    CHECK(r.model.compile.optimizer == "adam");
}

TEST_CASE("import python: tf.keras, keras.models and bare prefixes all name the same classes") {
    ImportResult r = import_ok(R"(import tensorflow as tf
m = tf.keras.Sequential([
    tf.keras.layers.InputLayer(input_shape=(32, 32, 3)),
    tf.keras.layers.Conv2D(8, 3, padding='same'),
    keras.layers.MaxPool2D(),
    layers.DepthwiseConv2D(3, depth_multiplier=2, use_bias=False),
    keras.SeparableConv2D(16, (3, 3), strides=(2, 2)),
    BatchNormalization(momentum=0.9, epsilon=1e-5),
    layers.Activation('relu'),
    layers.ZeroPadding2D(((1, 0), (2, 3))),
    layers.GlobalAveragePooling2D(),
    keras.layers.Dense(10, activation=tf.nn.softmax),
])
)");
    const std::vector<LayerSpec>& l = r.model.layers;
    REQUIRE(l.size() == 10);
    CHECK(l[0].input_shape == Shape::image(32, 32, 3));
    CHECK(l[1].padding == Padding::Same);
    CHECK(l[2].kernel == Pair{2, 2});
    CHECK(l[2].strides == Pair{2, 2});
    CHECK(l[3].depth_multiplier == 2);
    CHECK_FALSE(l[3].use_bias);
    CHECK(l[4].strides == Pair{2, 2});
    CHECK(l[5].momentum == 0.9);
    CHECK(l[5].epsilon == 1e-5);
    CHECK(l[6].activation == Activation::Relu);
    CHECK(l[7].pad_top == 1);
    CHECK(l[7].pad_bottom == 0);
    CHECK(l[7].pad_left == 2);
    CHECK(l[7].pad_right == 3);
    CHECK(l[9].activation == Activation::Softmax);
}

TEST_CASE("import python: positional arguments follow Keras's order, keywords may come in any order") {
    ImportResult r = import_ok(R"(model = keras.models.Sequential()
model.add(Conv2D(16, (5, 3), (2, 1), 'same', None, (1, 1), 1, 'relu', False, input_shape=(28, 28, 1)))
model.add(MaxPooling2D((3, 3), None, 'valid'))
model.add(AveragePooling2D(strides=1, pool_size=2))
model.add(Dense(use_bias=True, units=4, activation=None))
)");
    const std::vector<LayerSpec>& l = r.model.layers;
    REQUIRE(l.size() == 4);
    CHECK(l[0].kernel == Pair{5, 3});
    CHECK(l[0].strides == Pair{2, 1});
    CHECK(l[0].padding == Padding::Same);
    CHECK(l[0].activation == Activation::Relu);
    CHECK_FALSE(l[0].use_bias);
    CHECK(l[1].strides == Pair{3, 3});  // strides=None means pool_size
    CHECK(l[2].kernel == Pair{2, 2});
    CHECK(l[2].strides == Pair{1, 1});
    CHECK(l[3].units == 4);
    CHECK(l[3].activation == Activation::Linear);
}

TEST_CASE("import python: names, tuples of names and integer arithmetic are evaluated") {
    ImportResult r = import_ok(R"(img_rows, img_cols = 28, 28
channels = 1
input_shape = (img_rows, img_cols, channels)
base = 16
model = Sequential([
    Conv2D(2*base, kernel_size=3, input_shape=input_shape),
    Conv2D(64 // 2, [3, 3]),
    Flatten(),
    Dense(base * 4 + 1),
    Dropout(1 / 4),
])
)");
    const std::vector<LayerSpec>& l = r.model.layers;
    REQUIRE(l.size() == 5);
    CHECK(l[0].input_shape == Shape::image(28, 28, 1));
    CHECK(l[0].filters == 32);
    CHECK(l[1].filters == 32);
    CHECK(l[3].units == 65);
    CHECK(l[4].rate == 0.25);
}

TEST_CASE("import python: initializers, regularizers and dtype are accepted and ignored unevaluated") {
    ImportResult r = import_ok(R"(model = Sequential()
model.add(Dense(8, input_dim=4, kernel_initializer=keras.initializers.HeNormal(seed=1),
                kernel_regularizer=regularizers.l2(1e-4), bias_initializer='zeros', dtype='float32'))
)");
    REQUIRE(r.model.layers.size() == 1);
    CHECK(r.model.layers[0].input_shape == Shape::vector(4));
}

TEST_CASE("import python: compile records the loss name and the optimizer's class and numbers") {
    ImportResult adam = import_ok("model = Sequential([Input((4,)), Dense(1)])\n"
                                  "model.compile(optimizer=Adam(learning_rate=0.001), loss='mse')\n");
    CHECK(adam.model.compile.optimizer == "Adam");
    CHECK(adam.model.compile.loss == "mse");
    REQUIRE(adam.model.compile.optimizer_args.size() == 1);
    CHECK(adam.model.compile.optimizer_args[0].first == "learning_rate");
    CHECK(adam.model.compile.optimizer_args[0].second == 0.001);

    ImportResult sgd = import_ok("model = Sequential([Input((4,)), Dense(1)])\n"
                                 "model.compile(keras.optimizers.SGD(0.1, momentum=0.9), "
                                 "keras.losses.CategoricalCrossentropy())\n");
    CHECK(sgd.model.compile.optimizer == "SGD");
    CHECK(sgd.model.compile.loss == "CategoricalCrossentropy");
    REQUIRE(sgd.model.compile.optimizer_args.size() == 2);
    CHECK(sgd.model.compile.optimizer_args[1].first == "momentum");

    ImportResult lr = import_ok("model = Sequential([Input((4,)), Dense(1)])\n"
                                "opt = RMSprop(lr=0.01)\n"
                                "model.compile(optimizer=opt, loss='mse')\n");
    REQUIRE(lr.model.compile.optimizer_args.size() == 1);
    CHECK(lr.model.compile.optimizer_args[0].first == "learning_rate");  // Keras's old name lr
}

TEST_CASE("import python: a model built in a function, a class or under __main__ is found") {
    ImportResult r = import_ok(R"(import keras
class Net:
    def build(self):
        self.model = keras.Sequential()
        self.model.add(keras.layers.Dense(10, input_shape=(5,)))
        return self.model

if __name__ == "__main__":
    net = Net().build()
)");
    CHECK(r.model.layers.size() == 1);
}

TEST_CASE("import python: Python the importer does not evaluate is stepped over outside the model") {
    ImportResult r = import_ok(R"(import os, sys
config = {'a': [i * 2 for i in range(3)], 'b': lambda x: x + 1}
path = f"{os.getcwd()}/data" if len(sys.argv) > 1 else None
with open('log.txt', 'w') as f:
    f.write('start\n')
try:
    import tensorflow as tf
except ImportError:
    tf = None
for epoch in range(3):
    print(epoch, *sys.argv, **config)
model = Sequential([Input(shape=(8,)), Dense(2)]); model.summary()
@decorator
def callback(logs=None): pass
)");
    CHECK(r.model.layers.size() == 2);
}

TEST_CASE("import python: a first layer without any input shape asks for one, and the override supplies it") {
    const char* code = "model = Sequential()\nmodel.add(Conv2D(8, 3))\nmodel.add(Flatten())\n";
    ImportResult asked = import_keras_python(code);
    CHECK_FALSE(asked.ok);
    CHECK(asked.missing_input_shape);
    CHECK(asked.line == 2);
    CHECK(asked.column == 11);
    Shape s = Shape::image(10, 10, 3);
    ImportResult given = import_keras_python(code, &s);
    REQUIRE_MESSAGE(given.ok, given.error);
    CHECK(given.model.layers[0].input_shape == s);
}

TEST_CASE("import python: an input shape computed from data is unknown, so it is asked for, not guessed") {
    ImportResult r = import_keras_python("input_shape = x_train.shape[1:]\n"
                                         "model = Sequential([Dense(4, input_shape=input_shape)])\n");
    CHECK_FALSE(r.ok);
    CHECK(r.missing_input_shape);
    CHECK(contains(r.error, "`x_train.shape` is used but never defined in this code, so the model's input shape is unknown"));
}

TEST_CASE("import python: Conv2D(-3, 3) imports as written and summarize() names the bad field") {
    ImportResult r = import_ok("model = Sequential([Conv2D(-3, 3, input_shape=(8, 8, 1))])\n");
    CHECK(r.model.layers[0].filters == -3);
    ModelSummary summary;
    Problem problem;
    CHECK_FALSE(summarize(r.model, NamingStyle::Keras2, &summary, &problem));
    CHECK(problem.constraint.code == MsgCode::ProblemNotPositive);
    CHECK(problem.field == Field::Filters);
}

TEST_CASE("import python: an unterminated string is an error at its quote") {
    ImportResult r = import_error("model = Sequential()\nmodel.add(Dense(10, activation='relu))\n", 2, 32);
    CHECK(contains(r.error, "never closed"));
}

TEST_CASE("import python: an unbalanced parenthesis is an error where it opens") {
    import_error("model = Sequential()\nmodel.add(Conv2D(32, (3, 3), input_shape=(28, 28, 1))\n", 2, 10);
}

TEST_CASE("import python: an unknown layer such as Conv3D is an error naming it and the known layers") {
    ImportResult r = import_error("model = Sequential()\nmodel.add(layers.Conv3D(8, 3))\n", 2, 11);
    CHECK(contains(r.error, "`Conv3D` is not a layer ConvLab knows; it knows InputLayer, Conv2D"));
}

TEST_CASE("import python: an unknown keyword argument is an error at the keyword") {
    ImportResult r = import_error("model = Sequential([\n    Conv2D(8, 3, input_shape=(8, 8, 1), groupz=2),\n])\n", 2,
                                  41);
    CHECK(contains(r.error, "Conv2D: `groupz` is not an argument ConvLab knows"));
}

TEST_CASE("import python: a missing required argument is an error at the layer") {
    ImportResult r = import_error("model = Sequential([Input((4,)), Dense(activation='relu')])\n", 1, 34);
    CHECK(contains(r.error, "Dense: needs `units`"));
}

TEST_CASE("import python: an undefined name in a layer is an error naming it") {
    ImportResult r = import_error("model = Sequential([Input((4,)), Dense(num_classes)])\n", 1, 40);
    CHECK(contains(r.error, "`num_classes` is used but never defined"));
}

TEST_CASE("import python: a wrong type is an error at the value") {
    ImportResult r = import_error("model = Sequential([Input((8, 8, 1)), Conv2D(8, kernel_size='3')])\n", 1, 61);
    CHECK(contains(r.error, "kernel_size must be an integer or a tuple of 2 integers, not the string '3'"));
}

TEST_CASE("import python: channels_first is refused rather than silently transposed") {
    ImportResult r = import_error(
        "model = Sequential([Input((8, 8, 1)), Conv2D(8, 3, data_format='channels_first')])\n", 1, 64);
    CHECK(contains(r.error, "channels_first"));
}

TEST_CASE("import python: a number too large for 64 bits is an error at the number") {
    ImportResult r = import_error("model = Sequential([Input((4,)), Dense(99999999999999999999999)])\n", 1, 40);
    CHECK(contains(r.error, "too large"));
    import_error("model = Sequential([Input((4,)), Dense(2**62 * 4)])\n", 1, 46);
}

TEST_CASE("import python: model.add inside a loop over what the code knows runs; over data, or in an undecidable if, it is an error") {
    ImportResult known = import_ok("model = Sequential([Input((4,))])\nfor n in [8, 4]:\n    model.add(Dense(n))\n");
    REQUIRE(known.model.layers.size() == 3);
    CHECK(known.model.layers[2].units == 4);
    ImportResult loop = import_error("model = Sequential([Input((4,))])\nfor n in sizes:\n    model.add(Dense(n))\n",
                                     3, 5);
    CHECK(contains(loop.error, "`for` loop at line 2"));
    ImportResult branch = import_error(
        "model = Sequential([Input((4,))])\nif big:\n    model.add(Dense(8))\nelse:\n    model.add(Dense(2))\n", 3,
        5);
    CHECK(contains(branch.error, "`if` at line 2"));
}

TEST_CASE("import python: no Sequential model, an empty one, or two are errors") {
    CHECK(contains(import_keras_python("x = 1\n").error, "no Sequential model found"));
    CHECK(contains(import_keras_python("inputs = keras.Input((4,))\nx = layers.Dense(2)(inputs)\n").error,
                   "no `keras.Model(inputs, outputs)` joins them"));
    import_error("model = Sequential()\nmodel.summary()\n", 1, 9);
    import_error("a = Sequential([Input((4,)), Dense(1)])\nb = Sequential([Input((4,)), Dense(2)])\n", 2, 5);
}

TEST_CASE("import python: brackets nested deeper than the limit are an error, not a crash") {
    std::string deep = "model = Sequential([Input((4,)), Dense(" + std::string(300, '(') + "1" +
                       std::string(300, ')') + ")])\n";
    ImportResult r = import_keras_python(deep);
    CHECK_FALSE(r.ok);
    CHECK(r.line == 1);
    CHECK(contains(r.error, "nest deeper"));
    std::string unary = "model = Sequential([Input((4,)), Dense(" + std::string(5000, '-') + "1)])\n";
    ImportResult u = import_keras_python(unary);
    CHECK_FALSE(u.ok);
    CHECK(contains(u.error, "nested too deeply"));
}

TEST_CASE("import python: binary garbage is an error with a position") {
    const char bytes[] = "model = Sequential()\n\x89PNG\r\n\x1a\n\0\0";
    ImportResult r = import_keras_python(std::string_view(bytes, sizeof bytes - 1));
    CHECK_FALSE(r.ok);
    // Bytes above 0x7F may be part of a name (Python allows Unicode names), so
    // "\x89PNG" reads as one; the control byte 0x1a on the next line is the error.
    CHECK(r.line == 3);
    CHECK(r.column == 1);
}

TEST_CASE("import python: a layer error inside a variable is reported when the layer is used") {
    ImportResult r = import_error("conv = Conv2D(8, 3, strides='x')\nmodel = Sequential([Input((8, 8, 1)), conv])\n",
                                  2, 39);
    CHECK(contains(r.error, "`conv` comes from line 1, where Conv2D: strides must be"));
}
