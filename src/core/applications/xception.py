# xception.py: Xception (Chollet, "Xception: Deep Learning with Depthwise
# Separable Convolutions", 2017) as keras.applications builds it: Inception's
# idea taken to its limit, every 3x3 convolution after the stem is a
# depthwise-separable one (SeparableConv2D), and the blocks are wrapped in
# ResNet-style shortcuts. An entry flow shrinks 299x299 to 19x19 over three
# strided blocks, a middle flow repeats one 728-channel block eight times, and
# an exit flow widens to 2048 channels. ConvLab's own code, written after
# keras/src/applications/xception.py as the specification of names and counts;
# no weights are loaded.
from keras import layers
import keras


def sep_bn(x, filters, name):
    # A separable 3x3 convolution without bias, then BatchNormalization.
    x = layers.SeparableConv2D(filters, (3, 3), padding="same", use_bias=False, name=name)(x)
    return layers.BatchNormalization(axis=-1, name=name + "_bn")(x)


def strided_block(x, filters1, filters2, prefix, relu_first=True):
    # Two separable convolutions and a stride-2 max pool, added to a 1x1
    # stride-2 projection of the input (Keras leaves the shortcut's layers
    # unnamed). The first block's input is already activated, so it skips
    # the leading ReLU.
    residual = layers.Conv2D(filters2, (1, 1), strides=(2, 2), padding="same", use_bias=False)(x)
    residual = layers.BatchNormalization(axis=-1)(residual)
    if relu_first:
        x = layers.Activation("relu", name=prefix + "_sepconv1_act")(x)
    x = sep_bn(x, filters1, prefix + "_sepconv1")
    x = layers.Activation("relu", name=prefix + "_sepconv2_act")(x)
    x = sep_bn(x, filters2, prefix + "_sepconv2")
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="same", name=prefix + "_pool")(x)
    return layers.add([x, residual])


def middle_block(x, prefix):
    # Three ReLU + separable convolutions at 728 channels, with an identity shortcut.
    residual = x
    for i in range(1, 4):
        x = layers.Activation("relu", name=f"{prefix}_sepconv{i}_act")(x)
        x = sep_bn(x, 728, f"{prefix}_sepconv{i}")
    return layers.add([x, residual])


def Xception(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
             classes=1000, classifier_activation="softmax"):
    if input_shape is None:
        input_shape = (299, 299, 3)
    img_input = keras.Input(shape=input_shape)

    # Entry flow: two plain convolutions, then three strided blocks.
    x = layers.Conv2D(32, (3, 3), strides=(2, 2), use_bias=False, name="block1_conv1")(img_input)
    x = layers.BatchNormalization(axis=-1, name="block1_conv1_bn")(x)
    x = layers.Activation("relu", name="block1_conv1_act")(x)
    x = layers.Conv2D(64, (3, 3), use_bias=False, name="block1_conv2")(x)
    x = layers.BatchNormalization(axis=-1, name="block1_conv2_bn")(x)
    x = layers.Activation("relu", name="block1_conv2_act")(x)
    x = strided_block(x, 128, 128, "block2", relu_first=False)
    x = strided_block(x, 256, 256, "block3")
    x = strided_block(x, 728, 728, "block4")

    # Middle flow: blocks 5 to 12.
    for i in range(8):
        x = middle_block(x, "block" + str(i + 5))

    # Exit flow: one more strided block, then two wide separable convolutions
    # (here the ReLU comes after the BatchNormalization).
    x = strided_block(x, 728, 1024, "block13")
    x = sep_bn(x, 1536, "block14_sepconv1")
    x = layers.Activation("relu", name="block14_sepconv1_act")(x)
    x = sep_bn(x, 2048, "block14_sepconv2")
    x = layers.Activation("relu", name="block14_sepconv2_act")(x)

    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    return keras.Model(img_input, x, name="xception")
