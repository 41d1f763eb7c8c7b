# inception_resnet_v2.py: InceptionResNetV2 (Szegedy et al., "Inception-v4,
# Inception-ResNet and the Impact of Residual Connections on Learning", 2016)
# as keras.applications builds it. Inception blocks become residual: the
# concatenated branches are projected back to the input's width by a 1x1
# convolution, scaled down (by 0.17, 0.1 or 0.2) to keep training stable,
# and added to the block's input. 10 block35, 20 block17 and 10 block8 blocks
# sit between an Inception stem and two reduction blocks. ConvLab's own code,
# written after keras/src/applications/inception_resnet_v2.py as the
# specification of names and counts; no weights are loaded.
from keras import layers
import keras


def conv2d_bn(x, filters, kernel_size, strides=1, padding="same", activation="relu", use_bias=False, name=None):
    # Convolution, then (only when it has no bias) a BatchNormalization without
    # gamma (scale=False), then the activation. Named layers get "_bn" and
    # "_ac" after the convolution's name; unnamed ones are left to Keras.
    x = layers.Conv2D(filters, kernel_size, strides=strides, padding=padding, use_bias=use_bias, name=name)(x)
    if not use_bias:
        x = layers.BatchNormalization(axis=3, scale=False, name=None if name is None else name + "_bn")(x)
    if activation is not None:
        x = layers.Activation(activation, name=None if name is None else name + "_ac")(x)
    return x


def inception_resnet_block(x, scale, block_type, block_idx, activation="relu"):
    if block_type == "block35":
        # Inception-ResNet-A, 35x35x320: 1x1 | 1x1 -> 3x3 | 1x1 -> 3x3 -> 3x3.
        b0 = conv2d_bn(x, 32, 1)
        b1 = conv2d_bn(x, 32, 1)
        b1 = conv2d_bn(b1, 32, 3)
        b2 = conv2d_bn(x, 32, 1)
        b2 = conv2d_bn(b2, 48, 3)
        b2 = conv2d_bn(b2, 64, 3)
        branches = [b0, b1, b2]
    elif block_type == "block17":
        # Inception-ResNet-B, 17x17x1088: 1x1 | 1x1 -> 1x7 -> 7x1.
        b0 = conv2d_bn(x, 192, 1)
        b1 = conv2d_bn(x, 128, 1)
        b1 = conv2d_bn(b1, 160, (1, 7))
        b1 = conv2d_bn(b1, 192, (7, 1))
        branches = [b0, b1]
    else:
        # Inception-ResNet-C (block8), 8x8x2080: 1x1 | 1x1 -> 1x3 -> 3x1.
        b0 = conv2d_bn(x, 192, 1)
        b1 = conv2d_bn(x, 192, 1)
        b1 = conv2d_bn(b1, 224, (1, 3))
        b1 = conv2d_bn(b1, 256, (3, 1))
        branches = [b0, b1]
    block_name = block_type + "_" + str(block_idx)
    mixed = layers.Concatenate(axis=3, name=block_name + "_mixed")(branches)
    # Back to the input's width with a biased 1x1 convolution (no BN, no activation).
    up = conv2d_bn(mixed, x.shape[-1], 1, activation=None, use_bias=True, name=block_name + "_conv")
    # x + scale * up. Keras does this in one parameter-free layer (a Lambda in
    # tf.keras 2.x, named after the block); here it is a Rescaling and an Add.
    up = layers.Rescaling(scale, name=block_name + "_scale")(up)
    x = layers.Add(name=block_name)([x, up])
    if activation is not None:
        x = layers.Activation(activation, name=block_name + "_ac")(x)
    return x


def InceptionResNetV2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                      classes=1000, classifier_activation="softmax"):
    if input_shape is None:
        input_shape = (299, 299, 3)
    img_input = keras.Input(shape=input_shape)

    # Stem: 299x299x3 -> 35x35x192.
    x = conv2d_bn(img_input, 32, 3, strides=2, padding="valid")
    x = conv2d_bn(x, 32, 3, padding="valid")
    x = conv2d_bn(x, 64, 3)
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = conv2d_bn(x, 80, 1, padding="valid")
    x = conv2d_bn(x, 192, 3, padding="valid")
    x = layers.MaxPooling2D(3, strides=2)(x)

    # Mixed 5b, an Inception-A block: 35x35x320.
    b0 = conv2d_bn(x, 96, 1)
    b1 = conv2d_bn(x, 48, 1)
    b1 = conv2d_bn(b1, 64, 5)
    b2 = conv2d_bn(x, 64, 1)
    b2 = conv2d_bn(b2, 96, 3)
    b2 = conv2d_bn(b2, 96, 3)
    bp = layers.AveragePooling2D(3, strides=1, padding="same")(x)
    bp = conv2d_bn(bp, 64, 1)
    x = layers.Concatenate(axis=3, name="mixed_5b")([b0, b1, b2, bp])

    for block_idx in range(1, 11):
        x = inception_resnet_block(x, 0.17, "block35", block_idx)

    # Mixed 6a, Reduction-A: 17x17x1088.
    b0 = conv2d_bn(x, 384, 3, strides=2, padding="valid")
    b1 = conv2d_bn(x, 256, 1)
    b1 = conv2d_bn(b1, 256, 3)
    b1 = conv2d_bn(b1, 384, 3, strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
    x = layers.Concatenate(axis=3, name="mixed_6a")([b0, b1, bp])

    for block_idx in range(1, 21):
        x = inception_resnet_block(x, 0.1, "block17", block_idx)

    # Mixed 7a, Reduction-B: 8x8x2080.
    b0 = conv2d_bn(x, 256, 1)
    b0 = conv2d_bn(b0, 384, 3, strides=2, padding="valid")
    b1 = conv2d_bn(x, 256, 1)
    b1 = conv2d_bn(b1, 288, 3, strides=2, padding="valid")
    b2 = conv2d_bn(x, 256, 1)
    b2 = conv2d_bn(b2, 288, 3)
    b2 = conv2d_bn(b2, 320, 3, strides=2, padding="valid")
    bp = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
    x = layers.Concatenate(axis=3, name="mixed_7a")([b0, b1, b2, bp])

    # Ten block8; the last one is unscaled and has no activation.
    for block_idx in range(1, 10):
        x = inception_resnet_block(x, 0.2, "block8", block_idx)
    x = inception_resnet_block(x, 1.0, "block8", 10, activation=None)

    # Final 1x1 convolution: 8x8x1536.
    x = conv2d_bn(x, 1536, 1, name="conv_7b")

    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    return keras.Model(img_input, x, name="inception_resnet_v2")
