# resnet.py: ResNet50/101/152 (He et al., "Deep Residual Learning for Image
# Recognition", 2015) and their V2 forms (He et al., "Identity Mappings in
# Deep Residual Networks", 2016) as keras.applications builds them. Keras's
# convolutions here keep their biases (use_bias=True) even before a
# BatchNormalization, which is why its counts are above the paper's. ConvLab's
# own code, written after keras/src/applications/resnet.py and resnet_v2.py as
# the specification of names and counts; no weights are loaded.
from keras import layers
import keras

EPS = 1.001e-5


def block_v1(x, filters, kernel_size=3, stride=1, conv_shortcut=True, name=None):
    # The bottleneck: 1x1 down to filters, kxk, 1x1 up to 4 * filters, added to the shortcut.
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(x)
        shortcut = layers.BatchNormalization(epsilon=EPS, name=name + "_0_bn")(shortcut)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=stride, name=name + "_1_conv")(x)
    x = layers.BatchNormalization(epsilon=EPS, name=name + "_1_bn")(x)
    x = layers.Activation("relu", name=name + "_1_relu")(x)
    x = layers.Conv2D(filters, kernel_size, padding="same", name=name + "_2_conv")(x)
    x = layers.BatchNormalization(epsilon=EPS, name=name + "_2_bn")(x)
    x = layers.Activation("relu", name=name + "_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
    x = layers.BatchNormalization(epsilon=EPS, name=name + "_3_bn")(x)
    x = layers.Add(name=name + "_add")([shortcut, x])
    return layers.Activation("relu", name=name + "_out")(x)


def stack_v1(x, filters, blocks, stride1=2, name=None):
    x = block_v1(x, filters, stride=stride1, name=name + "_block1")
    for i in range(2, blocks + 1):
        x = block_v1(x, filters, conv_shortcut=False, name=name + "_block" + str(i))
    return x


def block_v2(x, filters, kernel_size=3, stride=1, conv_shortcut=False, name=None):
    # Pre-activation: BatchNormalization and ReLU come before each convolution.
    preact = layers.BatchNormalization(epsilon=EPS, name=name + "_preact_bn")(x)
    preact = layers.Activation("relu", name=name + "_preact_relu")(preact)
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(preact)
    elif stride > 1:
        shortcut = layers.MaxPooling2D(1, strides=stride)(x)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=1, use_bias=False, name=name + "_1_conv")(preact)
    x = layers.BatchNormalization(epsilon=EPS, name=name + "_1_bn")(x)
    x = layers.Activation("relu", name=name + "_1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name=name + "_2_pad")(x)
    x = layers.Conv2D(filters, kernel_size, strides=stride, use_bias=False, name=name + "_2_conv")(x)
    x = layers.BatchNormalization(epsilon=EPS, name=name + "_2_bn")(x)
    x = layers.Activation("relu", name=name + "_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
    return layers.Add(name=name + "_out")([shortcut, x])


def stack_v2(x, filters, blocks, stride1=2, name=None):
    x = block_v2(x, filters, conv_shortcut=True, name=name + "_block1")
    for i in range(2, blocks):
        x = block_v2(x, filters, name=name + "_block" + str(i))
    return block_v2(x, filters, stride=stride1, name=name + "_block" + str(blocks))


def _resnet(name, stacks, preact, include_top, input_shape, pooling, classes, classifier_activation):
    if input_shape is None:
        input_shape = (224, 224, 3)
    img_input = keras.Input(shape=input_shape)
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=True, name="conv1_conv")(x)
    if not preact:
        x = layers.BatchNormalization(epsilon=EPS, name="conv1_bn")(x)
        x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    for i, (filters, blocks) in enumerate(stacks):
        stage = "conv" + str(i + 2)
        if preact:
            x = stack_v2(x, filters, blocks, stride1=1 if i == len(stacks) - 1 else 2, name=stage)
        else:
            x = stack_v1(x, filters, blocks, stride1=1 if i == 0 else 2, name=stage)
    if preact:
        x = layers.BatchNormalization(epsilon=EPS, name="post_bn")(x)
        x = layers.Activation("relu", name="post_relu")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D(name="max_pool")(x)
    return keras.Model(img_input, x, name=name)


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
             classes=1000, classifier_activation="softmax"):
    return _resnet("resnet50", [(64, 3), (128, 4), (256, 6), (512, 3)], False, include_top, input_shape, pooling,
                   classes, classifier_activation)


def ResNet101(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
              classes=1000, classifier_activation="softmax"):
    return _resnet("resnet101", [(64, 3), (128, 4), (256, 23), (512, 3)], False, include_top, input_shape, pooling,
                   classes, classifier_activation)


def ResNet152(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
              classes=1000, classifier_activation="softmax"):
    return _resnet("resnet152", [(64, 3), (128, 8), (256, 36), (512, 3)], False, include_top, input_shape, pooling,
                   classes, classifier_activation)


def ResNet50V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
               classes=1000, classifier_activation="softmax"):
    return _resnet("resnet50v2", [(64, 3), (128, 4), (256, 6), (512, 3)], True, include_top, input_shape, pooling,
                   classes, classifier_activation)


def ResNet101V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax"):
    return _resnet("resnet101v2", [(64, 3), (128, 4), (256, 23), (512, 3)], True, include_top, input_shape, pooling,
                   classes, classifier_activation)


def ResNet152V2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax"):
    return _resnet("resnet152v2", [(64, 3), (128, 8), (256, 36), (512, 3)], True, include_top, input_shape, pooling,
                   classes, classifier_activation)
