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


def tower(x, steps):
    # One branch, written as data: each step is a conv2d_bn (filters, kernel)
    # or (filters, kernel, strides, padding), or "avg" (a 3x3 average pool at
    # stride 1) or "max" (a 3x3 max pool at stride 2).
    for step in steps:
        if step == "avg":
            x = layers.AveragePooling2D(3, strides=1, padding="same")(x)
        elif step == "max":
            x = layers.MaxPooling2D(3, strides=2, padding="valid")(x)
        else:
            strides = step[2] if len(step) > 2 else 1
            padding = step[3] if len(step) > 3 else "same"
            x = conv2d_bn(x, step[0], step[1], strides=strides, padding=padding)
    return x


def towers(x, branches):
    outputs = []
    for steps in branches:
        outputs.append(tower(x, steps))
    return outputs


def inception_resnet_block(x, scale, block_type, block_idx, activation="relu"):
    if block_type == "block35":  # Inception-ResNet-A, 35x35x320
        branches = [[(32, 1)], [(32, 1), (32, 3)], [(32, 1), (48, 3), (64, 3)]]
    elif block_type == "block17":  # Inception-ResNet-B, 17x17x1088: 7x7 factorised
        branches = [[(192, 1)], [(128, 1), (160, (1, 7)), (192, (7, 1))]]
    else:  # Inception-ResNet-C (block8), 8x8x2080: 3x3 factorised
        branches = [[(192, 1)], [(192, 1), (224, (1, 3)), (256, (3, 1))]]
    block_name = block_type + "_" + str(block_idx)
    mixed = layers.Concatenate(axis=3, name=block_name + "_mixed")(towers(x, branches))
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
    x = tower(img_input, [(32, 3, 2, "valid"), (32, 3, 1, "valid"), (64, 3), "max",
                          (80, 1, 1, "valid"), (192, 3, 1, "valid"), "max"])
    # Mixed 5b, an Inception-A block: 35x35x320.
    x = layers.Concatenate(axis=3, name="mixed_5b")(
        towers(x, [[(96, 1)], [(48, 1), (64, 5)], [(64, 1), (96, 3), (96, 3)], ["avg", (64, 1)]]))
    for block_idx in range(1, 11):
        x = inception_resnet_block(x, 0.17, "block35", block_idx)
    # Mixed 6a, Reduction-A: 17x17x1088.
    x = layers.Concatenate(axis=3, name="mixed_6a")(
        towers(x, [[(384, 3, 2, "valid")], [(256, 1), (256, 3), (384, 3, 2, "valid")], ["max"]]))
    for block_idx in range(1, 21):
        x = inception_resnet_block(x, 0.1, "block17", block_idx)
    # Mixed 7a, Reduction-B: 8x8x2080.
    x = layers.Concatenate(axis=3, name="mixed_7a")(
        towers(x, [[(256, 1), (384, 3, 2, "valid")], [(256, 1), (288, 3, 2, "valid")],
                   [(256, 1), (288, 3), (320, 3, 2, "valid")], ["max"]]))
    # Ten block8; the last one is unscaled and has no activation.
    for block_idx in range(1, 11):
        x = inception_resnet_block(x, 0.2 if block_idx < 10 else 1.0, "block8", block_idx,
                                   activation="relu" if block_idx < 10 else None)
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
