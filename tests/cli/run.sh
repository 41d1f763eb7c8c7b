#!/usr/bin/env bash
# run.sh: the convlab CLI as a learner uses it. Each check runs a documented
# command and compares its exit code and output. seed_model.py is the seed
# question's code verbatim (../shared/seed/); seed_summary_keras2.txt is the
# table Keras printed for it there, rule lines and all.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cli=${CONVLAB:?set CONVLAB to the convlab binary}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok()  { passed=$((passed+1)); echo "OK      $1"; }
bad() { failed=$((failed+1)); echo "NOT OK  $1"; [ -n "${2:-}" ] && echo "        $2"; }
expect_exit() {  # expect_exit NAME CODE CMD...
  local name=$1 code=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" = "$code" ]; then ok "$name"; else bad "$name" "exit $got, wanted $code; stderr: $(head -c 300 "$tmp/err")"; fi
}

expect_exit "the seed code without an input shape is refused with exit 2" 2 "$cli" summary "$here/seed_model.py"
grep -q "input_shape" "$tmp/err" && grep -q -- "--input-shape" "$tmp/err" \
  && ok "and the message names input_shape and suggests --input-shape" \
  || bad "and the message names input_shape and suggests --input-shape" "$(cat "$tmp/err")"

expect_exit "the seed code with --input-shape 28,28,1 gives a summary" 0 "$cli" summary --input-shape 28,28,1 "$here/seed_model.py"
if diff -u "$here/seed_summary_keras2.txt" "$tmp/out" >"$tmp/diff"; then ok "which matches Keras's table in the seed line for line"
else bad "which matches Keras's table in the seed line for line" "$(head -20 "$tmp/diff")"; fi

expect_exit "summary --json works on stdin" 0 sh -c "\"$cli\" summary --json --input-shape 28,28,1 - < \"$here/seed_model.py\""
grep -q '"total_params":1181161' "$tmp/out" && ok "and reports 1181161 total params" || bad "and reports 1181161 total params" "$(head -c 300 "$tmp/out")"
grep -q '"output_shape":\[null,24,24,63\]' "$tmp/out" && ok "and conv2d_2's output shape as [null,24,24,63]" || bad "and conv2d_2's output shape as [null,24,24,63]"

expect_exit "summary --style keras3 works" 0 "$cli" summary --style keras3 --input-shape 28,28,1 "$here/seed_model.py"
grep -q "18,207" "$tmp/out" && ok "and prints 18,207 with a thousands separator" || bad "and prints 18,207 with a thousands separator"

expect_exit "explain --layer 1 explains conv2d_2" 0 "$cli" explain --layer 1 --input-shape 28,28,1 "$here/seed_model.py"
grep -q "18,207" "$tmp/out" && grep -q "630" "$tmp/out" && ok "with the right count and the common wrong answer 630" \
  || bad "with the right count and the common wrong answer 630" "$(head -c 400 "$tmp/out")"
expect_exit "explain --layer 99 is a usage error" 2 "$cli" explain --layer 99 --input-shape 28,28,1 "$here/seed_model.py"

expect_exit "export --keras works" 0 "$cli" export --keras --input-shape 28,28,1 "$here/seed_model.py"
cp "$tmp/out" "$tmp/exported.py"
expect_exit "and the exported code imports back with the same summary" 0 "$cli" summary "$tmp/exported.py"
grep -q "Total params: 1,181,161" "$tmp/out" && ok "with 1,181,161 params" || bad "with 1,181,161 params"
expect_exit "export --pytorch works" 0 "$cli" export --pytorch --input-shape 28,28,1 "$here/seed_model.py"
grep -q "nn.Conv2d(32, 63" "$tmp/out" && ok "and maps conv2d_2 to nn.Conv2d(32, 63, ...)" || bad "and maps conv2d_2 to nn.Conv2d(32, 63, ...)" "$(head -c 600 "$tmp/out")"

printf 'model = Sequential()\nmodel.add(Conv2D(8, (5, 5), input_shape=(4, 4, 1)))\n' >"$tmp/too_small.py"
expect_exit "a kernel larger than its input is an invalid model (exit 1)" 1 "$cli" summary "$tmp/too_small.py"
grep -q "5" "$tmp/err" && grep -q "4" "$tmp/err" && grep -qi "kernel" "$tmp/err" && ok "and the message gives the sizes" || bad "and the message gives the sizes" "$(cat "$tmp/err")"
cp "$tmp/err" "$tmp/too_small_en.err"
expect_exit "with --lang zh the same invalid model is still exit 1" 1 "$cli" summary --lang zh "$tmp/too_small.py"
grep -q "模型无效" "$tmp/err" && grep -q "卷积核" "$tmp/err" && grep -q "第 1 层" "$tmp/err" \
  && ok "and the message is Chinese" || bad "and the message is Chinese" "$(cat "$tmp/err")"
grep -q -e "invalid model" -e "is larger than its" "$tmp/err" \
  && bad "and no English sentence is left" "$(cat "$tmp/err")" || ok "and no English sentence is left"
expect_exit "--lang en prints the English of the default" 1 "$cli" summary --lang en "$tmp/too_small.py"
cmp -s "$tmp/err" "$tmp/too_small_en.err" && ok "byte for byte" || bad "byte for byte" "$(cat "$tmp/err")"
printf '{"class_name": "Sequential", "config": [1, 2,]}' >"$tmp/broken.json"
expect_exit "a broken Keras JSON is exit 2" 2 "$cli" summary "$tmp/broken.json"
grep -q "unexpected ']': expected a value" "$tmp/err" && ok "and says what was expected" || bad "and says what was expected" "$(cat "$tmp/err")"
expect_exit "with --lang zh a broken Keras JSON is still exit 2" 2 "$cli" summary --lang zh "$tmp/broken.json"
grep -q "JSON 格式错误" "$tmp/err" && grep -q "应该是一个值" "$tmp/err" && grep -q "broken.json:1:" "$tmp/err" \
  && ok "and the message is Chinese, after the file's position" || bad "and the message is Chinese, after the file's position" "$(cat "$tmp/err")"
grep -q -e "unexpected" -e "expected a value" "$tmp/err" \
  && bad "and no English sentence is left in it" "$(cat "$tmp/err")" || ok "and no English sentence is left in it"
expect_exit "--lang xx is a usage error (exit 2)" 2 "$cli" summary --lang xx "$tmp/too_small.py"
grep -q -- "--lang is en or zh, not 'xx'" "$tmp/err" && ok "naming --lang and its values" || bad "naming --lang and its values" "$(head -2 "$tmp/err")"
printf 'model = Sequential()\nmodel.add(Flatten(input_shape=(28, 28, 1)))\nmodel.add(Dense(10))\n' >"$tmp/no_softmax.py"
expect_exit "train refuses a model without softmax (exit 1)" 1 "$cli" train "$tmp/no_softmax.py"
grep -q "activation='softmax'" "$tmp/err" && ok "and says it needs softmax" || bad "and says it needs softmax" "$(cat "$tmp/err")"
cp "$tmp/err" "$tmp/no_softmax_en.err"
expect_exit "train --lang zh refuses it with the same exit 1" 1 "$cli" train --lang zh "$tmp/no_softmax.py"
grep -q "概率" "$tmp/err" && ! grep -q "must give class probabilities" "$tmp/err" \
  && ok "and says why in Chinese" || bad "and says why in Chinese" "$(cat "$tmp/err")"
expect_exit "train --lang en prints the English of the default" 1 "$cli" train --lang en "$tmp/no_softmax.py"
cmp -s "$tmp/err" "$tmp/no_softmax_en.err" && ok "byte for byte" || bad "byte for byte" "$(cat "$tmp/err")"
printf 'model = Sequential()\nmodel.add(Flatten(input_shape=(8, 8, 1)))\nmodel.add(Dense(10, activation="softmax"))\n' >"$tmp/not_digits.py"
expect_exit "train --lang zh refuses an (8, 8, 1) input with exit 1" 1 "$cli" train --lang zh "$tmp/not_digits.py"
grep -q "手写数字" "$tmp/err" && grep -q "(None, 8, 8, 1)" "$tmp/err" && ! grep -q "the digits are" "$tmp/err" \
  && ok "and says in Chinese which shape it takes" || bad "and says in Chinese which shape it takes" "$(cat "$tmp/err")"
expect_exit "train --lang xx is a usage error (exit 2)" 2 "$cli" train --lang xx "$tmp/not_digits.py"
grep -q -- "--lang is en or zh, not 'xx'" "$tmp/err" && ok "naming --lang and its values, as summary does" \
  || bad "naming --lang and its values, as summary does" "$(head -2 "$tmp/err")"
printf 'model = Sequential()\nmodel.add(Conv2D(8, 3, activation="relux", input_shape=(28, 28, 1)))\n' >"$tmp/bad_activation.py"
expect_exit "an unknown activation in Python code is exit 2" 2 "$cli" summary "$tmp/bad_activation.py"
grep -q "^$tmp/bad_activation.py:2:[0-9]*: " "$tmp/err" && ! grep -q "line 2, column" "$tmp/err" \
  && ok "and the place is said once, as file:line:column:" || bad "and the place is said once, as file:line:column:" "$(cat "$tmp/err")"
expect_exit "train refuses the same code with exit 1" 1 "$cli" train "$tmp/bad_activation.py"
grep -q "^convlab train: $tmp/bad_activation.py:2:[0-9]*: " "$tmp/err" && ! grep -q "line 2, column" "$tmp/err" \
  && ok "and says the place once too" || bad "and says the place once too" "$(cat "$tmp/err")"
# Functional graphs (the residual network of tests/data, written by TF.js).
data="$here/../data"
expect_exit "a Functional graph's JSON gives a summary" 0 "$cli" summary "$data/tfjs_residual_mnist.json"
grep -q "Connected to" "$tmp/out" && grep -q "add_Add1 (Add) *(None, 14, 14, 16) *0 *max_pooling2d_MaxPooling2D1\[0\]\[0\]" "$tmp/out" \
  && ok "with Keras 2's 'Connected to' column, a merge's first input on its row" || bad "with Keras 2's 'Connected to' column, a merge's first input on its row" "$(head -12 "$tmp/out")"
grep -q "^Total params: 17,290$" "$tmp/out" && ok "and TF.js's total, 17,290" || bad "and TF.js's total, 17,290" "$(tail -5 "$tmp/out")"
expect_exit "--json gives each row's inbound layers" 0 "$cli" summary --json "$data/tfjs_inception_mnist.json"
grep -q '"class_name":"Concatenate","output_shape":\[null,13,13,24\]' "$tmp/out" && grep -q '"inbound":\["conv2d_Conv2D7","conv2d_Conv2D8","conv2d_Conv2D9"\]' "$tmp/out" \
  && ok "and the Concatenate's 24 channels from its three branches" || bad "and the Concatenate's 24 channels from its three branches" "$(head -c 600 "$tmp/out")"
expect_exit "export --keras writes a graph as Functional code" 0 "$cli" export --keras "$data/tfjs_residual_mnist.json"
grep -q "layers.Add(name=\"add_Add1\")(\[max_pooling2d_MaxPooling2D1, conv2d_Conv2D3\])" "$tmp/out" && grep -q "^model = keras.Model(inputs=input1, outputs=dense_Dense1" "$tmp/out" \
  && ok "a variable per tensor and keras.Model(inputs, outputs)" || bad "a variable per tensor and keras.Model(inputs, outputs)" "$(cat "$tmp/out")"
expect_exit "export --pytorch refuses a graph (exit 1)" 1 "$cli" export --pytorch "$data/tfjs_residual_mnist.json"
grep -q "nn.Sequential is a chain" "$tmp/err" && ok "and says why" || bad "and says why" "$(cat "$tmp/err")"

# A model used as a layer: transfer learning's Sequential([base, Flatten(), Dense()]).
cat >"$tmp/transfer.json" <<'JSON'
{"class_name": "Sequential", "config": {"name": "transfer", "layers": [
 {"class_name": "Functional", "config": {"name": "base", "layers": [
  {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 12, 12, 3], "name": "base_in"}, "name": "base_in", "inbound_nodes": []},
  {"class_name": "Conv2D", "config": {"name": "base_conv", "trainable": false, "filters": 4, "kernel_size": [3, 3]}, "name": "base_conv", "inbound_nodes": [[["base_in", 0, 0, {}]]]}],
  "input_layers": [["base_in", 0, 0]], "output_layers": [["base_conv", 0, 0]]}},
 {"class_name": "Flatten", "config": {"name": "flatten"}},
 {"class_name": "Dense", "config": {"name": "head", "units": 10, "activation": "softmax"}}]}}
JSON
expect_exit "a model used as a layer is one row" 0 "$cli" summary "$tmp/transfer.json"
grep -q "base (Functional) *(None, 10, 10, 4) *112" "$tmp/out" && grep -q "Non-trainable params: 112" "$tmp/out" \
  && ok "with the frozen base's 112 weights non-trainable" || bad "with the frozen base's 112 weights non-trainable" "$(cat "$tmp/out")"
expect_exit "summary --expand-nested lists its layers" 0 "$cli" summary --expand-nested "$tmp/transfer.json"
grep -q "└ base_conv (Conv2D)" "$tmp/out" && ok "under it, as Keras 3 does" || bad "under it, as Keras 3 does" "$(cat "$tmp/out")"
expect_exit "--expand-nested with --style keras2 is a usage error" 2 "$cli" summary --style keras2 --expand-nested "$tmp/transfer.json"

expect_exit "summary --receptive-field adds each layer's field" 0 "$cli" summary --receptive-field --input-shape 28,28,1 "$here/seed_model.py"
grep -q "^conv2d_2 (Conv2D) *5×5 *1 *0$" "$tmp/out" && grep -q "^max_pooling2d_1 (MaxPooling2D) *6×6 *2 *0$" "$tmp/out" \
  && grep -q "^flatten_1 (Flatten) *whole input$" "$tmp/out" \
  && ok "conv2d_2 sees 5×5, the pooling 6×6 at jump 2, Flatten the whole input" || bad "conv2d_2 sees 5×5, the pooling 6×6 at jump 2, Flatten the whole input" "$(tail -12 "$tmp/out")"
expect_exit "and in Chinese" 0 "$cli" summary --receptive-field --lang zh --preset VGG16
grep -q "^block5_pool (MaxPooling2D) *212×212 *32 *-90$" "$tmp/out" && grep -q "整个输入" "$tmp/out" \
  && ok "with VGG16's block5_pool at 212, jump 32, start -90 and the whole input in Chinese" || bad "with VGG16's block5_pool at 212, jump 32, start -90 and the whole input in Chinese" "$(tail -8 "$tmp/out")"
expect_exit "summary --json --receptive-field" 0 "$cli" summary --json --receptive-field --input-shape 28,28,1 "$here/seed_model.py"
grep -q '"receptive_fields":\[{"kind":"local","size":\[3,3\],"jump":\[1,1\],"start":\[0,0\]' "$tmp/out" \
  && ok "adds receptive_fields to the JSON" || bad "adds receptive_fields to the JSON" "$(tail -c 300 "$tmp/out")"

expect_exit "presets lists the keras.applications networks" 0 "$cli" presets
grep -q "^keras:ResNet50$" "$tmp/out" && grep -q "^keras:MobileNetV2$" "$tmp/out" && ok "by Keras's names" || bad "by Keras's names" "$(cat "$tmp/out")"
expect_exit "summary --preset ResNet50 reads ConvLab's own source" 0 "$cli" summary --preset keras:ResNet50
grep -q "^Total params: 25,636,712$" "$tmp/out" && grep -q "^Non-trainable params: 53,120$" "$tmp/out" \
  && ok "and prints Keras's 25,636,712 and 53,120" || bad "and prints Keras's 25,636,712 and 53,120" "$(tail -5 "$tmp/out")"
expect_exit "--preset takes Keras's arguments" 0 "$cli" summary --preset "VGG16(include_top=False, pooling='avg')"
grep -q "^Total params: 14,714,688$" "$tmp/out" && ok "VGG16 without its top: 14,714,688" || bad "VGG16 without its top: 14,714,688" "$(tail -5 "$tmp/out")"
expect_exit "presets --source prints the code a learner can edit" 0 "$cli" presets --source MobileNetV2
grep -q "def _inverted_res_block" "$tmp/out" && ok "the inverted residual block among it" || bad "the inverted residual block among it"
expect_exit "an unknown preset is a usage error" 2 "$cli" summary --preset Resnet50
grep -q "case-sensitive" "$tmp/err" && ok "which says names are case-sensitive" || bad "which says names are case-sensitive" "$(cat "$tmp/err")"
# The torchvision networks: ConvLab's own PyTorch sources, figures from torchvision 0.14.1.
expect_exit "presets lists the torchvision networks too" 0 "$cli" presets
grep -q "^torchvision:resnet18$" "$tmp/out" && grep -q "^torchvision:inception_v3$" "$tmp/out" \
  && ok "by torchvision's lowercase builders, after a torchvision: prefix" || bad "by torchvision's lowercase builders, after a torchvision: prefix" "$(cat "$tmp/out")"
expect_exit "summary --preset resnet18 reads ConvLab's own PyTorch source" 0 "$cli" summary --preset resnet18
grep -q "^Total params: 11,689,512$" "$tmp/out" && grep -q "^ResNet  *\[1, 1000\]" "$tmp/out" \
  && ok "and prints torchvision's 11,689,512 in torchinfo's table" || bad "and prints torchvision's 11,689,512 in torchinfo's table" "$(tail -5 "$tmp/out")"
expect_exit "--preset torchvision:resnet50 is the same table" 0 "$cli" summary --preset torchvision:resnet50
grep -q "^Total params: 25,557,032$" "$tmp/out" && ok "with torchvision's 25,557,032" || bad "with torchvision's 25,557,032" "$(tail -5 "$tmp/out")"
expect_exit "--preset mobilenet_v2" 0 "$cli" summary --preset mobilenet_v2
grep -q "^Total params: 3,504,872$" "$tmp/out" && ok "with torchvision's 3,504,872" || bad "with torchvision's 3,504,872" "$(tail -5 "$tmp/out")"
expect_exit "a prefix chooses the table: keras:resnet18 is not a preset" 2 "$cli" summary --preset keras:resnet18
expect_exit "nor is torchvision:ResNet50" 2 "$cli" summary --preset torchvision:ResNet50
expect_exit "a torchvision preset takes no arguments" 2 "$cli" summary --preset "resnet18(num_classes=10)"
expect_exit "presets --source torchvision:densenet121 prints its PyTorch code" 0 "$cli" presets --source torchvision:densenet121
grep -q "class DenseLayer(nn.Module):" "$tmp/out" && ok "with its nn.Module classes" || bad "with its nn.Module classes" "$(head -5 "$tmp/out")"
printf 'import os\nnum_classes = len(os.listdir("data"))\ninputs = keras.Input(shape=(8,))\nmodel = keras.Model(inputs, layers.Dense(num_classes)(inputs))\n' >"$tmp/from_data.py"
expect_exit "a class count taken from the data is asked for (exit 2)" 2 "$cli" summary "$tmp/from_data.py"
grep -q -- "--set NAME=VALUE" "$tmp/err" && ok "and the hint names --set" || bad "and the hint names --set" "$(cat "$tmp/err")"
expect_exit "--set num_classes=25 supplies it" 0 "$cli" summary --set num_classes=25 "$tmp/from_data.py"
grep -q "^Total params: 225$" "$tmp/out" && ok "8 x 25 + 25 = 225" || bad "8 x 25 + 25 = 225" "$(tail -5 "$tmp/out")"
printf '{"class_name": "Functional", "config": {"name": "m", "layers": [{"class_name": "InputLayer", "name": "a", "config": {"name": "a", "batch_input_shape": [null, 4, 4, 1]}, "inbound_nodes": []}, {"class_name": "InputLayer", "name": "b", "config": {"name": "b", "batch_input_shape": [null, 4, 4, 1]}, "inbound_nodes": []}, {"class_name": "Add", "name": "add", "config": {"name": "add"}, "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}], "input_layers": [["a", 0, 0]], "output_layers": [["add", 0, 0]]}}\n' >"$tmp/disconnected.json"
expect_exit "a graph that needs an input it was not given is exit 1" 1 "$cli" summary "$tmp/disconnected.json"
grep -q "Graph disconnected: this layer needs 'b'" "$tmp/err" && ok "with Keras's 'Graph disconnected', naming the input" || bad "with Keras's 'Graph disconnected', naming the input" "$(cat "$tmp/err")"
expect_exit "and in Chinese" 1 "$cli" summary --lang zh "$tmp/disconnected.json"
grep -q "图不连通" "$tmp/err" && ! grep -q "Graph disconnected" "$tmp/err" && ok "with no English sentence" || bad "with no English sentence" "$(cat "$tmp/err")"
# TensorFlow's beginner quickstart: Flatten(input_shape=(28, 28)), a (steps, features) input.
printf 'import tensorflow as tf\nmodel = tf.keras.models.Sequential([\n  tf.keras.layers.Flatten(input_shape=(28, 28)),\n  tf.keras.layers.Dense(128, activation="relu"),\n  tf.keras.layers.Dropout(0.2),\n  tf.keras.layers.Dense(10, activation="softmax")\n])\n' >"$tmp/quickstart.py"
expect_exit "TensorFlow's quickstart model, Flatten(input_shape=(28, 28)), gives a summary" 0 "$cli" summary "$tmp/quickstart.py"
grep -q "^Total params: 101,770$" "$tmp/out" && grep -q "flatten_1 (Flatten) *(None, 784)" "$tmp/out" \
  && ok "with the 101,770 parameters its tutorial shows" || bad "with the 101,770 parameters its tutorial shows" "$(cat "$tmp/out")"
expect_exit "and trains on the digits, whose 784 pixels fit (28, 28)" 0 "$cli" train --epochs 1 "$tmp/quickstart.py"
# Threads split the products along their outputs only, so the numbers do not move.
printf 'from tensorflow import keras\nfrom tensorflow.keras import layers\nmodel = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3, activation="relu"), layers.MaxPooling2D(), layers.Conv2D(8, 3, padding="same", activation="relu"), layers.Flatten(), layers.Dense(10, activation="softmax")])\n' >"$tmp/small_conv.py"
expect_exit "train --threads 1 runs" 0 "$cli" train --epochs 1 --threads 1 "$tmp/small_conv.py"
grep -o "loss [0-9.]*  train acc [0-9.]*%  test acc [0-9.]*%" "$tmp/out" >"$tmp/one_thread"
expect_exit "train --threads 2 runs" 0 "$cli" train --epochs 1 --threads 2 "$tmp/small_conv.py"
grep -o "loss [0-9.]*  train acc [0-9.]*%  test acc [0-9.]*%" "$tmp/out" >"$tmp/two_threads"
[ -s "$tmp/one_thread" ] && cmp -s "$tmp/one_thread" "$tmp/two_threads" \
  && ok "with the same loss and accuracies to the last digit ($(cat "$tmp/one_thread"))" \
  || bad "with the same loss and accuracies to the last digit" "$(cat "$tmp/one_thread" "$tmp/two_threads")"
expect_exit "train --threads 9 is a usage error (exit 2)" 2 "$cli" train --threads 9 "$tmp/small_conv.py"
grep -q -- "--threads needs a whole number from 1 to 8" "$tmp/err" && ok "naming the range" || bad "naming the range" "$(cat "$tmp/err")"
# PyTorch code (tests/data/torch/, figures from PyTorch 1.13 in tests/data/torch_fixtures.json).
torch_dir="$here/../data/torch"
expect_exit "PyTorch: the MNIST Net without a size exits 2" 2 "$cli" summary "$torch_dir/mnist_net.py"
grep -q -- "--input-size" "$tmp/err" && ok "naming --input-size" || bad "naming --input-size" "$(cat "$tmp/err")"
expect_exit "PyTorch: --input-shape is refused for PyTorch code (exit 2)" 2 "$cli" summary --input-shape 28,28,1 "$torch_dir/mnist_net.py"
grep -q -- "--input-size N,C,H,W" "$tmp/err" && ok "naming --input-size" || bad "naming --input-size" "$(cat "$tmp/err")"
expect_exit "PyTorch: --input-size is refused for Keras code (exit 2)" 2 "$cli" summary --input-size 1,28,28,1 "$here/seed_model.py"
grep -q -- "--input-shape H,W,C" "$tmp/err" && ok "naming --input-shape" || bad "naming --input-shape" "$(cat "$tmp/err")"
expect_exit "PyTorch: the MNIST Net with --input-size 1,1,28,28 gives torchinfo's table" 0 "$cli" summary --input-size 1,1,28,28 "$torch_dir/mnist_net.py"
grep -q "^├─Conv2d: 1-2                            \[1, 64, 24, 24\]           18,496$" "$tmp/out" && grep -q "^Total params: 1,199,882$" "$tmp/out" \
  && ok "with conv2's row and Total params: 1,199,882" || bad "with conv2's row and Total params: 1,199,882" "$(cat "$tmp/out")"
expect_exit "PyTorch: the seed model as nn.Sequential gives --json rows" 0 "$cli" summary --json "$torch_dir/seed_model.py"
grep -q '"name":"2","depth":1,"depth_index":3,"is_leaf":true,"class_name":"Conv2d","output_shape":\[1,63,24,24\],"params":18207' "$tmp/out" \
  && ok "with the second conv's 18207 at [1,63,24,24]" || bad "with the second conv's 18207 at [1,63,24,24]" "$(head -c 600 "$tmp/out")"
expect_exit "PyTorch: explain gives the arithmetic in PyTorch's terms" 0 "$cli" explain --input-size 1,1,28,28 "$torch_dir/mnist_net.py"
grep -q "(32 / 1) · 3 · 3 · 64 + 64 = 18,496" "$tmp/out" && ok "for conv2" || bad "for conv2" "$(head -c 600 "$tmp/out")"
expect_exit "PyTorch: fc1 = nn.Linear(9000, 128) is an invalid model (exit 1)" 1 "$cli" summary --input-size 1,1,28,28 "$torch_dir/mnist_net_9000.py"
grep -q "9216 = 64 × 12 × 12" "$tmp/err" && grep -q "nn.Linear(9216, 128)" "$tmp/err" \
  && ok "naming 9216 = 64 × 12 × 12 and what to write" || bad "naming 9216 = 64 × 12 × 12 and what to write" "$(cat "$tmp/err")"
expect_exit "PyTorch: train refuses PyTorch code (exit 1)" 1 "$cli" train "$torch_dir/seed_model.py"
# torchinfo 1.8.0's own expected tables (tests/test_output/ at commit 73ed5687), byte for byte.
ti_dir="$here/../data/torchinfo"
expect_exit "PyTorch: --col with all seven torchinfo columns, --depth 1 --col-width 20" 0 "$cli" summary --input-size 7,1,28,28 \
  --depth 1 --col-width 20 --col kernel_size,input_size,output_size,num_params,params_percent,mult_adds,trainable \
  "$torch_dir/torchinfo_single_input_net.py"
if diff -u "$ti_dir/single_input_all_cols.out" "$tmp/out" >"$tmp/diff"; then ok "matches torchinfo's single_input_all_cols.out byte for byte"
else bad "matches torchinfo's single_input_all_cols.out byte for byte" "$(head -20 "$tmp/diff")"; fi
expect_exit "PyTorch: --col given once per name works as a list" 0 "$cli" summary --col output_size --col num_params --col mult_adds \
  "$torch_dir/torchinfo_recursive_net.py"
grep -q "^├─Conv2d: 1-2  *\[1, 64, 28, 28\]  *(recursive)  *28,951,552$" "$tmp/out" \
  && ok "and a Conv2d called again shows (recursive) and its mult-adds, 36,928 · 28 · 28" \
  || bad "and a Conv2d called again shows (recursive) and its mult-adds, 36,928 · 28 · 28" "$(head -c 600 "$tmp/out")"
expect_exit "PyTorch: --col with a name torchinfo does not have is exit 2" 2 "$cli" summary --col flops "$torch_dir/aux_head_net.py"
grep -q "^convlab: --col takes torchinfo's column names (input_size, output_size, num_params, params_percent, kernel_size, mult_adds, trainable), not 'flops'$" "$tmp/err" \
  && ok "naming --col, the names it takes and the one given" || bad "naming --col, the names it takes and the one given" "$(head -2 "$tmp/err")"
expect_exit "PyTorch: --col on Keras code is exit 2" 2 "$cli" summary --col mult_adds --input-shape 28,28,1 "$here/seed_model.py"
expect_exit "PyTorch: an auxiliary head forward() skips still counts (--json)" 0 "$cli" summary --json "$torch_dir/aux_head_net.py"
grep -q '"total_params":5732' "$tmp/out" && grep -q '{"name":"aux1","class_name":"InceptionAux","params":226,' "$tmp/out" \
  && grep -q '"total_mult_adds":2581332' "$tmp/out" \
  && ok "5,732 as PyTorch counts, aux1's 226 listed as uncalled, mult-adds 2,581,332" \
  || bad "5,732 as PyTorch counts, aux1's 226 listed as uncalled, mult-adds 2,581,332" "$(head -c 600 "$tmp/out")"
expect_exit "a missing file is exit 2" 2 "$cli" summary "$tmp/nope.py"
expect_exit "an unknown command is exit 2" 2 "$cli" frobnicate x
expect_exit "an unknown option is exit 2" 2 "$cli" summary --bogus x
expect_exit "a bad --input-shape is exit 2" 2 "$cli" summary --input-shape 28,-1 "$here/seed_model.py"
head -c 5000 /dev/urandom >"$tmp/garbage"
expect_exit "random bytes are exit 2, not a crash" 2 "$cli" summary "$tmp/garbage"
expect_exit "--help is exit 0" 0 "$cli" --help

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
