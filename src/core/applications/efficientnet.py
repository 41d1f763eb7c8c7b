# efficientnet.py: EfficientNetB0 ... B7 (Tan and Le, "EfficientNet: Rethinking
# Model Scaling for Convolutional Neural Networks", 2019) as keras.applications
# builds them. One baseline network (B0: seven stages of MBConv blocks, i.e.
# MobileNetV2 inverted residuals with squeeze-and-excitation and swish) is
# scaled by a width coefficient (channels) and a depth coefficient (blocks per
# stage) together with the input resolution. ConvLab's own code, written after
# keras/src/applications/efficientnet.py as the specification of names and
# counts; no weights are loaded.
from keras import layers
import keras

# The B0 stages, one tuple each, in the order
# (kernel_size, repeats, filters_in, filters_out, expand_ratio, strides, se_ratio).
# Every stage keeps its identity skip (Keras's id_skip=True) where shapes allow.
B0_STAGES = [
    (3, 1, 32, 16, 1, 1, 0.25),
    (3, 2, 16, 24, 6, 2, 0.25),
    (5, 2, 24, 40, 6, 2, 0.25),
    (3, 3, 40, 80, 6, 2, 0.25),
    (5, 3, 80, 112, 6, 1, 0.25),
    (5, 4, 112, 192, 6, 2, 0.25),
    (3, 1, 192, 320, 6, 1, 0.25),
]

# Blocks within a stage are lettered: block2a, block2b, ...
LETTERS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"]


def _correct_pad(inputs, kernel_size):
    # The padding that makes a stride-2 'valid' convolution come out as 'same' would.
    rows = inputs.shape[1]
    cols = inputs.shape[2]
    half = kernel_size // 2
    return ((half - (1 - rows % 2), half), (half - (1 - cols % 2), half))


def _ceil(v):
    # Integer ceiling of a positive float, without math.ceil.
    n = int(v)
    if n < v:
        n = n + 1
    return n


def _mbconv_block(inputs, activation, drop_rate, name, filters_in, filters_out, kernel_size, strides,
                  expand_ratio, se_ratio):
    # Expand with a 1x1 convolution (skipped when expand_ratio is 1).
    filters = filters_in * expand_ratio
    if expand_ratio != 1:
        x = layers.Conv2D(filters, 1, padding="same", use_bias=False, name=name + "expand_conv")(inputs)
        x = layers.BatchNormalization(axis=3, name=name + "expand_bn")(x)
        x = layers.Activation(activation, name=name + "expand_activation")(x)
    else:
        x = inputs

    # One kxk filter per channel.
    if strides == 2:
        x = layers.ZeroPadding2D(padding=_correct_pad(x, kernel_size), name=name + "dwconv_pad")(x)
        conv_pad = "valid"
    else:
        conv_pad = "same"
    x = layers.DepthwiseConv2D(kernel_size, strides=strides, padding=conv_pad, use_bias=False,
                               name=name + "dwconv")(x)
    x = layers.BatchNormalization(axis=3, name=name + "bn")(x)
    x = layers.Activation(activation, name=name + "activation")(x)

    # Squeeze and excitation: average each channel to one number, pass the vector
    # through a narrow bottleneck (sized from filters_in, not the expanded width),
    # and rescale the channels by the resulting sigmoid gates.
    if se_ratio > 0 and se_ratio <= 1:
        filters_se = max(1, int(filters_in * se_ratio))
        se = layers.GlobalAveragePooling2D(name=name + "se_squeeze")(x)
        se = layers.Reshape((1, 1, filters), name=name + "se_reshape")(se)
        se = layers.Conv2D(filters_se, 1, padding="same", activation=activation, name=name + "se_reduce")(se)
        se = layers.Conv2D(filters, 1, padding="same", activation="sigmoid", name=name + "se_expand")(se)
        x = layers.multiply([x, se], name=name + "se_excite")

    # Project linearly back down to filters_out.
    x = layers.Conv2D(filters_out, 1, padding="same", use_bias=False, name=name + "project_conv")(x)
    x = layers.BatchNormalization(axis=3, name=name + "project_bn")(x)
    if strides == 1 and filters_in == filters_out:
        # Stochastic depth: Keras drops the whole residual branch per sample
        # (noise_shape=(None, 1, 1, 1)); ConvLab's Dropout takes no noise_shape,
        # which changes nothing in the counts.
        if drop_rate > 0:
            x = layers.Dropout(drop_rate, name=name + "drop")(x)
        x = layers.add([x, inputs], name=name + "add")
    return x


def EfficientNet(width_coefficient, depth_coefficient, default_size, dropout_rate=0.2, drop_connect_rate=0.2,
                 depth_divisor=8, activation="swish", model_name="efficientnet", include_top=True,
                 weights="imagenet", input_tensor=None, input_shape=None, pooling=None, classes=1000,
                 classifier_activation="softmax"):

    def round_filters(filters):
        # Scale a channel count by the width coefficient, to a multiple of
        # depth_divisor, never rounding down by more than 10%.
        filters = filters * width_coefficient
        new_filters = max(depth_divisor, int(filters + depth_divisor / 2) // depth_divisor * depth_divisor)
        if new_filters < 0.9 * filters:
            new_filters = new_filters + depth_divisor
        return int(new_filters)

    def round_repeats(repeats):
        # Scale a stage's block count by the depth coefficient, rounding up.
        return _ceil(depth_coefficient * repeats)

    if input_shape is None:
        input_shape = (default_size, default_size, 3)
    img_input = keras.Input(shape=input_shape)

    # Stem: inputs in [0, 255] are scaled to [0, 1] and normalised per channel
    # (the Normalization layer's mean, variance and count are weights too).
    x = layers.Rescaling(1.0 / 255.0)(img_input)
    x = layers.Normalization(axis=-1)(x)
    # (With weights="imagenet" Keras adds one more Rescaling here, by 1 / sqrt of
    # the ImageNet standard deviations; it has no parameters, and as no weights
    # are loaded here it is left out.)
    x = layers.ZeroPadding2D(padding=_correct_pad(x, 3), name="stem_conv_pad")(x)
    x = layers.Conv2D(round_filters(32), 3, strides=2, padding="valid", use_bias=False, name="stem_conv")(x)
    x = layers.BatchNormalization(axis=3, name="stem_bn")(x)
    x = layers.Activation(activation, name="stem_activation")(x)

    # The drop rate of the residual branches grows linearly with the block index.
    total_blocks = 0
    for stage in B0_STAGES:
        total_blocks = total_blocks + round_repeats(stage[1])
    total_blocks = float(total_blocks)

    b = 0
    for i, (kernel_size, repeats, filters_in, filters_out, expand_ratio, strides, se_ratio) in enumerate(B0_STAGES):
        filters_in = round_filters(filters_in)
        filters_out = round_filters(filters_out)
        for j in range(round_repeats(repeats)):
            # Only the first block of a stage changes the stride and the width.
            if j > 0:
                strides = 1
                filters_in = filters_out
            x = _mbconv_block(x, activation, drop_connect_rate * b / total_blocks,
                              name=f"block{i + 1}{LETTERS[j]}_", filters_in=filters_in, filters_out=filters_out,
                              kernel_size=kernel_size, strides=strides, expand_ratio=expand_ratio,
                              se_ratio=se_ratio)
            b = b + 1

    # Top: a 1x1 convolution to round_filters(1280) channels.
    x = layers.Conv2D(round_filters(1280), 1, padding="same", use_bias=False, name="top_conv")(x)
    x = layers.BatchNormalization(axis=3, name="top_bn")(x)
    x = layers.Activation(activation, name="top_activation")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate, name="top_dropout")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D(name="max_pool")(x)
    return keras.Model(img_input, x, name=model_name)


# (width coefficient, depth coefficient, default resolution, dropout rate) per
# variant, as in Keras:
#   B0 1.0 1.0 224 0.2   B1 1.0 1.1 240 0.2   B2 1.1 1.2 260 0.3   B3 1.2 1.4 300 0.3
#   B4 1.4 1.8 380 0.4   B5 1.6 2.2 456 0.4   B6 1.8 2.6 528 0.5   B7 2.0 3.1 600 0.5


def EfficientNetB0(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(1.0, 1.0, 224, 0.2, model_name="efficientnetb0", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)


def EfficientNetB1(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(1.0, 1.1, 240, 0.2, model_name="efficientnetb1", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)


def EfficientNetB2(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(1.1, 1.2, 260, 0.3, model_name="efficientnetb2", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)


def EfficientNetB3(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(1.2, 1.4, 300, 0.3, model_name="efficientnetb3", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)


def EfficientNetB4(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(1.4, 1.8, 380, 0.4, model_name="efficientnetb4", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)


def EfficientNetB5(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(1.6, 2.2, 456, 0.4, model_name="efficientnetb5", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)


def EfficientNetB6(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(1.8, 2.6, 528, 0.5, model_name="efficientnetb6", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)


def EfficientNetB7(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
                   classes=1000, classifier_activation="softmax"):
    return EfficientNet(2.0, 3.1, 600, 0.5, model_name="efficientnetb7", include_top=include_top, weights=weights,
                        input_tensor=input_tensor, input_shape=input_shape, pooling=pooling, classes=classes,
                        classifier_activation=classifier_activation)
