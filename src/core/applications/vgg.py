# vgg.py: VGG16 and VGG19 (Simonyan and Zisserman, "Very Deep Convolutional
# Networks for Large-Scale Image Recognition", 2014) as keras.applications
# builds them: five blocks of 3x3 convolutions, each ended by a 2x2 max pool,
# then two 4096-unit Dense layers and the classifier. ConvLab's own code,
# written after keras/src/applications/vgg16.py and vgg19.py as the
# specification of names and counts; no weights are loaded.
from keras import layers
import keras


def _vgg(name, convs_per_block, include_top, input_shape, pooling, classes, classifier_activation):
    if input_shape is None:
        input_shape = (224, 224, 3)
    img_input = keras.Input(shape=input_shape)
    x = img_input
    for block, (filters, convs) in enumerate(zip([64, 128, 256, 512, 512], convs_per_block)):
        for i in range(convs):
            x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same",
                              name=f"block{block + 1}_conv{i + 1}")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block + 1}_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)
    return keras.Model(img_input, x, name=name)


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
          classes=1000, classifier_activation="softmax"):
    return _vgg("vgg16", [2, 2, 3, 3, 3], include_top, input_shape, pooling, classes, classifier_activation)


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
          classes=1000, classifier_activation="softmax"):
    return _vgg("vgg19", [2, 2, 4, 4, 4], include_top, input_shape, pooling, classes, classifier_activation)
