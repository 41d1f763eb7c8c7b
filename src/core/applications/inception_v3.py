# inception_v3.py: InceptionV3 (Szegedy et al., "Rethinking the Inception
# Architecture for Computer Vision", 2015) as keras.applications builds it.
# Each "mixed" block runs parallel branches (1x1, stacked 3x3 or factorised
# 1x7 / 7x1 convolutions, and a pooled 1x1) over the same input and
# concatenates them along the channels; three reduction blocks halve the size
# (35x35 -> 17x17 -> 8x8). Every convolution is followed by a
# BatchNormalization without gamma (scale=False) and a ReLU. ConvLab's own
# code, written after keras/src/applications/inception_v3.py as the
# specification of names and counts; no weights are loaded.
from keras import layers
import keras


def conv2d_bn(x, filters, rows, cols, padding="same", strides=(1, 1)):
    # Convolution without bias, BatchNormalization (beta only: scale=False,
    # so each one has 3 * filters weights, 2 * filters of them non-trainable),
    # then ReLU. Keras leaves these layers unnamed.
    x = layers.Conv2D(filters, (rows, cols), strides=strides, padding=padding, use_bias=False)(x)
    x = layers.BatchNormalization(axis=3, scale=False)(x)
    return layers.Activation("relu")(x)


def pooled_branch(x, filters):
    # A 3x3 average pool at stride 1 (the size is kept), then a 1x1 convolution.
    x = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same")(x)
    return conv2d_bn(x, filters, 1, 1)


def block_35(x, pool_filters, name):
    # 35x35 block (mixed0-2): 1x1 | 1x1 -> 5x5 | 1x1 -> 3x3 -> 3x3 | pool -> 1x1.
    b1 = conv2d_bn(x, 64, 1, 1)
    b5 = conv2d_bn(x, 48, 1, 1)
    b5 = conv2d_bn(b5, 64, 5, 5)
    b3 = conv2d_bn(x, 64, 1, 1)
    b3 = conv2d_bn(b3, 96, 3, 3)
    b3 = conv2d_bn(b3, 96, 3, 3)
    bp = pooled_branch(x, pool_filters)
    return layers.concatenate([b1, b5, b3, bp], axis=3, name=name)


def block_17(x, mid, name):
    # 17x17 block (mixed4-7): a 7x7 convolution factorised into 1x7 and 7x1,
    # once in one branch and twice in another; mid is the inner width.
    b1 = conv2d_bn(x, 192, 1, 1)
    b7 = conv2d_bn(x, mid, 1, 1)
    b7 = conv2d_bn(b7, mid, 1, 7)
    b7 = conv2d_bn(b7, 192, 7, 1)
    b77 = conv2d_bn(x, mid, 1, 1)
    b77 = conv2d_bn(b77, mid, 7, 1)
    b77 = conv2d_bn(b77, mid, 1, 7)
    b77 = conv2d_bn(b77, mid, 7, 1)
    b77 = conv2d_bn(b77, 192, 1, 7)
    bp = pooled_branch(x, 192)
    return layers.concatenate([b1, b7, b77, bp], axis=3, name=name)


def block_8(x, index):
    # 8x8 block (mixed9-10): the 3x3 branches end by splitting into a 1x3 and
    # a 3x1 convolution side by side, which widens the output to 2048 channels.
    b1 = conv2d_bn(x, 320, 1, 1)
    b3 = conv2d_bn(x, 384, 1, 1)
    b3 = layers.concatenate([conv2d_bn(b3, 384, 1, 3), conv2d_bn(b3, 384, 3, 1)], axis=3,
                            name="mixed9_" + str(index))
    b33 = conv2d_bn(x, 448, 1, 1)
    b33 = conv2d_bn(b33, 384, 3, 3)
    b33 = layers.concatenate([conv2d_bn(b33, 384, 1, 3), conv2d_bn(b33, 384, 3, 1)], axis=3)
    bp = pooled_branch(x, 192)
    return layers.concatenate([b1, b3, b33, bp], axis=3, name="mixed" + str(9 + index))


def InceptionV3(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                classes=1000, classifier_activation="softmax"):
    if input_shape is None:
        input_shape = (299, 299, 3)
    img_input = keras.Input(shape=input_shape)

    # Stem: 299x299x3 -> 35x35x192, as data: each step a conv2d_bn (filters,
    # kernel, strides, padding), or "pool", a 3x3 max pool at stride 2.
    x = img_input
    for step in [(32, 3, 2, "valid"), (32, 3, 1, "valid"), (64, 3, 1, "same"), "pool",
                 (80, 1, 1, "valid"), (192, 3, 1, "valid"), "pool"]:
        if step == "pool":
            x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
        else:
            filters, kernel, stride, padding = step
            x = conv2d_bn(x, filters, kernel, kernel, strides=(stride, stride), padding=padding)

    # mixed0-2: 35x35 (256, then 288 channels).
    for i, pool_filters in enumerate([32, 64, 64]):
        x = block_35(x, pool_filters, "mixed" + str(i))

    # mixed3: reduction to 17x17x768.
    b3 = conv2d_bn(x, 384, 3, 3, strides=(2, 2), padding="valid")
    b33 = conv2d_bn(x, 64, 1, 1)
    b33 = conv2d_bn(b33, 96, 3, 3)
    b33 = conv2d_bn(b33, 96, 3, 3, strides=(2, 2), padding="valid")
    bp = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = layers.concatenate([b3, b33, bp], axis=3, name="mixed3")

    # mixed4-7: 17x17x768.
    for i, mid in enumerate([128, 160, 160, 192]):
        x = block_17(x, mid, "mixed" + str(4 + i))

    # mixed8: reduction to 8x8x1280.
    b3 = conv2d_bn(x, 192, 1, 1)
    b3 = conv2d_bn(b3, 320, 3, 3, strides=(2, 2), padding="valid")
    b7 = conv2d_bn(x, 192, 1, 1)
    b7 = conv2d_bn(b7, 192, 1, 7)
    b7 = conv2d_bn(b7, 192, 7, 1)
    b7 = conv2d_bn(b7, 192, 3, 3, strides=(2, 2), padding="valid")
    bp = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = layers.concatenate([b3, b7, bp], axis=3, name="mixed8")

    # mixed9-10: 8x8x2048.
    for i in range(2):
        x = block_8(x, i)

    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    return keras.Model(img_input, x, name="inception_v3")
