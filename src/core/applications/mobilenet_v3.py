# mobilenet_v3.py: MobileNetV3Small and MobileNetV3Large (Howard et al.,
# "Searching for MobileNetV3", 2019) as keras.applications builds them. The
# blocks are MobileNetV2's inverted residuals, found by architecture search,
# with squeeze-and-excitation in some of them and the cheap "hard" activations
# (hard_sigmoid = relu6(x + 3) / 6, hard_swish = x * hard_sigmoid(x)) in the
# deeper layers. The "minimalistic" variants drop squeeze-and-excitation,
# hard_swish and 5x5 kernels. ConvLab's own code, written after
# keras/src/applications/mobilenet_v3.py as the specification of names and
# counts; no weights are loaded.
from keras import layers
import keras


def _depth(v, divisor=8, min_value=None):
    # A channel count rounded to the nearest multiple of divisor (never below
    # min_value), stepped up once more if rounding lost over a tenth of v.
    floor = divisor if min_value is None else min_value
    nearest = (int(v + divisor / 2) // divisor) * divisor
    rounded = nearest if nearest > floor else floor
    return rounded + divisor if rounded < 0.9 * v else rounded


def _correct_pad(inputs, kernel_size):
    # The padding that makes a stride-2 'valid' convolution come out as 'same' would.
    rows = inputs.shape[1]
    cols = inputs.shape[2]
    half = kernel_size // 2
    return ((half - (1 - rows % 2), half), (half - (1 - cols % 2), half))


def _activate(x, activation):
    # Keras leaves these layers unnamed. Its hard_swish is x * relu6(x + 3) / 6;
    # one parameter-free Activation stands for it here.
    if activation == "relu":
        return layers.ReLU()(x)
    return layers.Activation("hard_swish")(x)


def _se_block(inputs, filters, se_ratio, prefix):
    # Squeeze and excitation, with hard_sigmoid gates.
    x = layers.GlobalAveragePooling2D(keepdims=True, name=prefix + "squeeze_excite_avg_pool")(inputs)
    x = layers.Conv2D(_depth(filters * se_ratio), kernel_size=1, padding="same",
                      name=prefix + "squeeze_excite_conv")(x)
    x = layers.ReLU(name=prefix + "squeeze_excite_relu")(x)
    x = layers.Conv2D(filters, kernel_size=1, padding="same", name=prefix + "squeeze_excite_conv_1")(x)
    # Keras writes relu6(x + 3) * (1 / 6), unnamed; the same function, no parameters.
    x = layers.Activation("hard_sigmoid")(x)
    return layers.Multiply(name=prefix + "squeeze_excite_mul")([inputs, x])


def _inverted_res_block(x, expansion, filters, kernel_size, stride, se_ratio, activation, block_id):
    shortcut = x
    in_channels = x.shape[-1]
    expanded = _depth(in_channels * expansion)
    prefix = "expanded_conv_"
    if block_id:
        # Expand (every block but the first): 1x1 up to expansion times the channels.
        prefix = f"expanded_conv_{block_id}_"
        x = layers.Conv2D(expanded, kernel_size=1, padding="same", use_bias=False, name=prefix + "expand")(x)
        x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=prefix + "expand_bn")(x)
        x = _activate(x, activation)
    if stride == 2:
        x = layers.ZeroPadding2D(padding=_correct_pad(x, kernel_size), name=prefix + "depthwise_pad")(x)
    x = layers.DepthwiseConv2D(kernel_size, strides=stride, padding="same" if stride == 1 else "valid",
                               use_bias=False, name=prefix + "depthwise")(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=prefix + "depthwise_bn")(x)
    x = _activate(x, activation)
    if se_ratio > 0:
        x = _se_block(x, expanded, se_ratio, prefix)
    # Linear projection back down.
    x = layers.Conv2D(filters, kernel_size=1, padding="same", use_bias=False, name=prefix + "project")(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name=prefix + "project_bn")(x)
    if stride == 1 and in_channels == filters:
        x = layers.Add(name=prefix + "add")([shortcut, x])
    return x


def _mobilenet_v3(plan, last_point_ch, model_name, input_shape, alpha, minimalistic, include_top, classes,
                  pooling, dropout_rate, classifier_activation, include_preprocessing):
    # plan: one (expansion, filters, kernel, stride, uses_se, activation) per
    # block, where kernel "k" means the variant's kernel (5, or 3 when
    # minimalistic) and activation "act" its activation (hard_swish, or relu).
    if minimalistic:
        kernel = 3
        activation = "relu"
        se_ratio = 0.0
    else:
        kernel = 5
        activation = "hard_swish"
        se_ratio = 0.25

    if input_shape is None:
        input_shape = (224, 224, 3)
    img_input = keras.Input(shape=input_shape)
    x = img_input
    if include_preprocessing:
        # [0, 255] to [-1, 1].
        x = layers.Rescaling(scale=1.0 / 127.5, offset=-1.0)(x)
    x = layers.Conv2D(16, kernel_size=3, strides=(2, 2), padding="same", use_bias=False, name="conv")(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name="conv_bn")(x)
    x = _activate(x, activation)

    for block_id, (expansion, filters, k, stride, uses_se, act) in enumerate(plan):
        block_kernel = kernel if k == "k" else k
        block_activation = activation if act == "act" else act
        block_se = se_ratio if uses_se else 0.0
        x = _inverted_res_block(x, expansion, _depth(filters * alpha), block_kernel, stride, block_se,
                                block_activation, block_id)

    last_conv_ch = _depth(x.shape[-1] * 6)
    if alpha > 1.0:
        last_point_ch = _depth(last_point_ch * alpha)
    x = layers.Conv2D(last_conv_ch, kernel_size=1, padding="same", use_bias=False, name="conv_1")(x)
    x = layers.BatchNormalization(axis=-1, epsilon=1e-3, momentum=0.999, name="conv_1_bn")(x)
    x = _activate(x, activation)
    if include_top:
        # The classifier is 1x1 convolutions on the pooled 1x1 map.
        x = layers.GlobalAveragePooling2D(keepdims=True)(x)
        x = layers.Conv2D(last_point_ch, kernel_size=1, padding="same", use_bias=True, name="conv_2")(x)
        x = _activate(x, activation)
        if dropout_rate > 0:
            x = layers.Dropout(dropout_rate)(x)
        x = layers.Conv2D(classes, kernel_size=1, padding="same", name="logits")(x)
        x = layers.Flatten()(x)
        x = layers.Activation(classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D(name="max_pool")(x)
    return keras.Model(img_input, x, name=model_name)


def MobileNetV3Small(input_shape=None, alpha=1.0, minimalistic=False, include_top=True, weights="imagenet",
                     input_tensor=None, classes=1000, pooling=None, dropout_rate=0.2,
                     classifier_activation="softmax", include_preprocessing=True):
    # (expansion, filters, kernel, stride, squeeze-and-excite, activation) of the 11 blocks.
    plan = [
        (1, 16, 3, 2, True, "relu"),
        (72.0 / 16, 24, 3, 2, False, "relu"),
        (88.0 / 24, 24, 3, 1, False, "relu"),
        (4, 40, "k", 2, True, "act"),
        (6, 40, "k", 1, True, "act"),
        (6, 40, "k", 1, True, "act"),
        (3, 48, "k", 1, True, "act"),
        (3, 48, "k", 1, True, "act"),
        (6, 96, "k", 2, True, "act"),
        (6, 96, "k", 1, True, "act"),
        (6, 96, "k", 1, True, "act"),
    ]
    return _mobilenet_v3(plan, 1024, "MobileNetV3Small", input_shape, alpha, minimalistic, include_top, classes,
                         pooling, dropout_rate, classifier_activation, include_preprocessing)


def MobileNetV3Large(input_shape=None, alpha=1.0, minimalistic=False, include_top=True, weights="imagenet",
                     input_tensor=None, classes=1000, pooling=None, dropout_rate=0.2,
                     classifier_activation="softmax", include_preprocessing=True):
    # (expansion, filters, kernel, stride, squeeze-and-excite, activation) of the 15 blocks.
    plan = [
        (1, 16, 3, 1, False, "relu"),
        (4, 24, 3, 2, False, "relu"),
        (3, 24, 3, 1, False, "relu"),
        (3, 40, "k", 2, True, "relu"),
        (3, 40, "k", 1, True, "relu"),
        (3, 40, "k", 1, True, "relu"),
        (6, 80, 3, 2, False, "act"),
        (2.5, 80, 3, 1, False, "act"),
        (2.3, 80, 3, 1, False, "act"),
        (2.3, 80, 3, 1, False, "act"),
        (6, 112, 3, 1, True, "act"),
        (6, 112, 3, 1, True, "act"),
        (6, 160, "k", 2, True, "act"),
        (6, 160, "k", 1, True, "act"),
        (6, 160, "k", 1, True, "act"),
    ]
    return _mobilenet_v3(plan, 1280, "MobileNetV3Large", input_shape, alpha, minimalistic, include_top, classes,
                         pooling, dropout_rate, classifier_activation, include_preprocessing)
