# nasnet.py: NASNet-A Mobile and Large (Zoph et al., "Learning Transferable
# Architectures for Scalable Image Recognition", 2017) as keras.applications
# builds them. The cells were found by a neural architecture search: a Normal
# cell keeps the size, a Reduction cell halves it, and every cell reads two
# inputs, the previous cell's output (x) and the one before it (p). ConvLab's
# own code, written after keras/src/applications/nasnet.py as the
# specification of names and counts; no weights are loaded.
from keras import layers
import keras


def _bn(x, name):
    # Every BatchNormalization in NASNet uses these settings.
    return layers.BatchNormalization(axis=-1, momentum=0.9997, epsilon=1e-3, name=name)(x)


def _pad_for_stride2(x, kernel_size):
    # The padding that makes a stride-2 'valid' window come out as 'same' would
    # (one less on the top/left when the side is even).
    shape = keras.backend.int_shape(x)
    top = kernel_size[0] // 2
    left = kernel_size[1] // 2
    return ((top - (1 - shape[1] % 2), top), (left - (1 - shape[2] % 2), left))


def _separable_conv_block(ip, filters, kernel_size=(3, 3), strides=(1, 1), block_id=None):
    # Twice: relu, separable convolution, batch norm. Only the first may stride.
    x = layers.Activation("relu")(ip)
    conv_pad = "same"
    if strides == (2, 2):
        x = layers.ZeroPadding2D(padding=_pad_for_stride2(x, kernel_size),
                                 name=f"separable_conv_1_pad_{block_id}")(x)
        conv_pad = "valid"
    x = layers.SeparableConv2D(filters, kernel_size, strides=strides, padding=conv_pad, use_bias=False,
                               name=f"separable_conv_1_{block_id}")(x)
    x = _bn(x, f"separable_conv_1_bn_{block_id}")
    x = layers.Activation("relu")(x)
    x = layers.SeparableConv2D(filters, kernel_size, padding="same", use_bias=False,
                               name=f"separable_conv_2_{block_id}")(x)
    return _bn(x, f"separable_conv_2_bn_{block_id}")


def _adjust_block(p, ip, filters, block_id=None):
    # Bring the older input p to the size and width of ip.
    if p is None:
        return ip
    if p.shape[-2] != ip.shape[-2]:
        # p is twice ip's size: two stride-2 1x1 samplings, the second shifted
        # by one pixel, each to half the filters, side by side.
        p = layers.Activation("relu", name=f"adjust_relu_1_{block_id}")(p)
        p1 = layers.AveragePooling2D((1, 1), strides=(2, 2), padding="valid",
                                     name=f"adjust_avg_pool_1_{block_id}")(p)
        p1 = layers.Conv2D(filters // 2, (1, 1), padding="same", use_bias=False, kernel_initializer="he_normal",
                           name=f"adjust_conv_1_{block_id}")(p1)
        p2 = layers.ZeroPadding2D(padding=((0, 1), (0, 1)))(p)
        p2 = layers.Cropping2D(cropping=((1, 0), (1, 0)))(p2)
        p2 = layers.AveragePooling2D((1, 1), strides=(2, 2), padding="valid",
                                     name=f"adjust_avg_pool_2_{block_id}")(p2)
        p2 = layers.Conv2D(filters // 2, (1, 1), padding="same", use_bias=False, kernel_initializer="he_normal",
                           name=f"adjust_conv_2_{block_id}")(p2)
        p = layers.concatenate([p1, p2], axis=-1)
        return _bn(p, f"adjust_bn_{block_id}")
    if p.shape[-1] != filters:
        # Same size, other width: a 1x1 projection.
        p = layers.Activation("relu")(p)
        p = layers.Conv2D(filters, (1, 1), strides=(1, 1), padding="same", use_bias=False,
                          kernel_initializer="he_normal", name=f"adjust_conv_projection_{block_id}")(p)
        return _bn(p, f"adjust_bn_{block_id}")
    return p


def _squeeze(ip, filters, kind, block_id):
    # relu, 1x1 convolution to the cell's width, batch norm: the cell's h.
    h = layers.Activation("relu")(ip)
    h = layers.Conv2D(filters, (1, 1), strides=(1, 1), padding="same", use_bias=False,
                      kernel_initializer="he_normal", name=f"{kind}_conv_1_{block_id}")(h)
    return _bn(h, f"{kind}_bn_1_{block_id}")


def _normal_a_cell(ip, p, filters, block_id=None):
    # Five branches summed in pairs, concatenated with p: 6 * filters channels.
    p = _adjust_block(p, ip, filters, block_id)
    h = _squeeze(ip, filters, "normal", block_id)
    b = "normal_"
    x1 = layers.add([_separable_conv_block(h, filters, (5, 5), block_id=f"{b}left1_{block_id}"),
                     _separable_conv_block(p, filters, (3, 3), block_id=f"{b}right1_{block_id}")],
                    name=f"{b}add_1_{block_id}")
    x2 = layers.add([_separable_conv_block(p, filters, (5, 5), block_id=f"{b}left2_{block_id}"),
                     _separable_conv_block(p, filters, (3, 3), block_id=f"{b}right2_{block_id}")],
                    name=f"{b}add_2_{block_id}")
    x3 = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same", name=f"{b}left3_{block_id}")(h)
    x3 = layers.add([x3, p], name=f"{b}add_3_{block_id}")
    x4_1 = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same", name=f"{b}left4_{block_id}")(p)
    x4_2 = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same", name=f"{b}right4_{block_id}")(p)
    x4 = layers.add([x4_1, x4_2], name=f"{b}add_4_{block_id}")
    x5 = _separable_conv_block(h, filters, block_id=f"{b}left5_{block_id}")
    x5 = layers.add([x5, h], name=f"{b}add_5_{block_id}")
    x = layers.concatenate([p, x1, x2, x3, x4, x5], axis=-1, name=f"{b}concat_{block_id}")
    return x, ip


def _reduction_a_cell(ip, p, filters, block_id=None):
    # Stride-2 branches; four of the sums concatenated: 4 * filters channels.
    p = _adjust_block(p, ip, filters, block_id)
    h = _squeeze(ip, filters, "reduction", block_id)
    h3 = layers.ZeroPadding2D(padding=_pad_for_stride2(h, (3, 3)), name=f"reduction_pad_1_{block_id}")(h)
    b = "reduction_"
    x1_1 = _separable_conv_block(h, filters, (5, 5), strides=(2, 2), block_id=f"{b}left1_{block_id}")
    x1_2 = _separable_conv_block(p, filters, (7, 7), strides=(2, 2), block_id=f"{b}right1_{block_id}")
    x1 = layers.add([x1_1, x1_2], name=f"{b}add_1_{block_id}")
    x2_1 = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="valid", name=f"{b}left2_{block_id}")(h3)
    x2_2 = _separable_conv_block(p, filters, (7, 7), strides=(2, 2), block_id=f"{b}right2_{block_id}")
    x2 = layers.add([x2_1, x2_2], name=f"{b}add_2_{block_id}")
    x3_1 = layers.AveragePooling2D((3, 3), strides=(2, 2), padding="valid", name=f"{b}left3_{block_id}")(h3)
    x3_2 = _separable_conv_block(p, filters, (5, 5), strides=(2, 2), block_id=f"{b}right3_{block_id}")
    x3 = layers.add([x3_1, x3_2], name=f"{b}add3_{block_id}")
    x4 = layers.AveragePooling2D((3, 3), strides=(1, 1), padding="same", name=f"{b}left4_{block_id}")(x1)
    x4 = layers.add([x2, x4])
    x5_1 = _separable_conv_block(x1, filters, (3, 3), block_id=f"{b}left4_{block_id}")
    x5_2 = layers.MaxPooling2D((3, 3), strides=(2, 2), padding="valid", name=f"{b}right5_{block_id}")(h3)
    x5 = layers.add([x5_1, x5_2], name=f"{b}add4_{block_id}")
    x = layers.concatenate([x2, x3, x4, x5], axis=-1, name=f"{b}concat_{block_id}")
    return x, ip


def NASNet(input_shape=None, penultimate_filters=4032, num_blocks=6, stem_block_filters=96, skip_reduction=True,
           filter_multiplier=2, include_top=True, weights="imagenet", input_tensor=None, pooling=None, classes=1000,
           default_size=None, classifier_activation="softmax"):
    if default_size is None:
        default_size = 331
    if input_shape is None:
        input_shape = (default_size, default_size, 3)
    img_input = keras.Input(shape=input_shape)
    # NASNet (N @ P): N normal cells per stage, P channels before the classifier.
    filters = penultimate_filters // 24
    m = filter_multiplier
    x = layers.Conv2D(stem_block_filters, (3, 3), strides=(2, 2), padding="valid", use_bias=False,
                      kernel_initializer="he_normal", name="stem_conv1")(img_input)
    x = _bn(x, "stem_bn1")
    # Two reduction cells as the stem, then three stages of normal cells at
    # widening filters, with a reduction cell between stages.
    p = None
    x, p = _reduction_a_cell(x, p, filters // (m * m), block_id="stem_1")
    x, p = _reduction_a_cell(x, p, filters // m, block_id="stem_2")
    # Normal cells are numbered 0..N-1, N+1..2N, 2N+1..3N; reduce_N, reduce_2N sit in the gaps.
    for stage, width in enumerate([filters, filters * m, filters * m * m]):
        first_id = 0
        if stage > 0:
            # The reduction cell hands back its input as the next p; with
            # skip_reduction the next cell gets the older p it was given instead.
            x, p0 = _reduction_a_cell(x, p, width, block_id=f"reduce_{stage * num_blocks}")
            p = p if skip_reduction else p0
            first_id = stage * num_blocks + 1
        for i in range(num_blocks):
            x, p = _normal_a_cell(x, p, width, block_id=str(first_id + i))
    x = layers.Activation("relu")(x)
    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    return keras.Model(img_input, x, name="NASNet")


def NASNetMobile(input_shape=None, include_top=True, weights="imagenet", input_tensor=None, pooling=None,
                 classes=1000, classifier_activation="softmax"):
    # NASNet-A (4 @ 1056) at 224x224.
    return NASNet(input_shape, penultimate_filters=1056, num_blocks=4, stem_block_filters=32, skip_reduction=False,
                  filter_multiplier=2, include_top=include_top, weights=weights, input_tensor=input_tensor,
                  pooling=pooling, classes=classes, default_size=224, classifier_activation=classifier_activation)


def NASNetLarge(input_shape=None, include_top=True, weights="imagenet", input_tensor=None, pooling=None,
                classes=1000, classifier_activation="softmax"):
    # NASNet-A (6 @ 4032) at 331x331.
    return NASNet(input_shape, penultimate_filters=4032, num_blocks=6, stem_block_filters=96, skip_reduction=True,
                  filter_multiplier=2, include_top=include_top, weights=weights, input_tensor=input_tensor,
                  pooling=pooling, classes=classes, default_size=331, classifier_activation=classifier_activation)
