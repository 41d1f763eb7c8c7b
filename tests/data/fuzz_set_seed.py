#set num_classes=25; size = (28, 28, 1)
import os
from tensorflow.keras import Sequential, layers
num_classes = len(os.listdir("data/train"))
model = Sequential([layers.Conv2D(8, 3, activation="relu", input_shape=size), layers.Flatten(), layers.Dense(num_classes, activation="softmax")])
