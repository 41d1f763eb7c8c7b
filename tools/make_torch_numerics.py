#!/usr/bin/python3
# make_torch_numerics.py: PyTorch's numbers for our training core, llm.c style:
# small random cases of every layer's forward and backward pass and several
# optimizer steps, computed in float64 by PyTorch and read by
# tests/core/train/test_torch_numerics.cpp. Not run by the test command; run by
# hand when a case changes:
#     /usr/bin/python3 tools/make_torch_numerics.py
# Needs Debian's python3-torch (1.13.1). Writes tests/data/torch_numerics.json.
#
# Our core is Keras: NHWC activations, HWIO kernels, padding 'valid' / 'same'.
# Each case keeps its tensors in Keras's layout as the autograd leaves and
# turns them into PyTorch's (NCHW, OIHW) inside the computation, so the
# gradients PyTorch returns are already in Keras's layout. Keras's 'same'
# splits an odd padding with the extra cell after (bottom / right); PyTorch's
# padding= is symmetric, so an asymmetric 'same' (stride 2, even kernels) is
# written out with F.pad. Inputs are float32 values (what the core holds); the
# reference is computed from them in float64 and stored with 10 digits.
import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "torch_numerics.json")

torch.manual_seed(20)  # issue 20
D = torch.float64


def rand(*shape, scale=1.0):
    """Uniform in [-scale, scale), rounded to float32 (the core's values), held in float64."""
    return ((torch.rand(*shape, dtype=D) * 2 - 1) * scale).float().double()


def leaf(t):
    return t.clone().requires_grad_(True)


def flat(t, digits=10):
    return [float(f"{v:.{digits}g}") for v in t.detach().reshape(-1).tolist()]


def same_pads(size, k, s, d):
    """Keras/TensorFlow 'same': out = ⌈size/S⌉, the total padding split with the odd cell after."""
    reach = (k - 1) * d + 1
    out = -(-size // s)
    total = max((out - 1) * s + reach - size, 0)
    return total // 2, total - total // 2


def pads_for(padding, h, w, k, s, d):
    """(top, bottom, left, right) of Keras's padding for an (h, w) input."""
    if padding == "valid":
        return 0, 0, 0, 0
    top, bottom = same_pads(h, k[0], s[0], d[0])
    left, right = same_pads(w, k[1], s[1], d[1])
    return top, bottom, left, right


def torch_conv(x_nchw, w_oihw, b, padding, k, s, d, groups=1):
    """A Keras-padded convolution: padding= when Keras's split is symmetric, F.pad when it is not."""
    top, bottom, left, right = pads_for(padding, x_nchw.shape[2], x_nchw.shape[3], k, s, d)
    if top == bottom and left == right:
        return F.conv2d(x_nchw, w_oihw, b, stride=s, padding=(top, left), dilation=d, groups=groups)
    x_nchw = F.pad(x_nchw, (left, right, top, bottom))
    return F.conv2d(x_nchw, w_oihw, b, stride=s, dilation=d, groups=groups)


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(y):
    return y.permute(0, 2, 3, 1)


def backward_with_random_dy(y):
    """Runs backward from Σ y·dy for a random upstream gradient dy; returns dy."""
    dy = rand(*y.shape)
    (y * dy).sum().backward()
    return dy


# ---------------------------------------------------------------- Conv2D / DepthwiseConv2D / SeparableConv2D
def conv2d_case(name, n, h, w, cin, filters, k, s=(1, 1), padding="valid", d=(1, 1), use_bias=True):
    # Keras's kernel (Kh, Kw, Cin, Cout) is PyTorch's (Cout, Cin, Kh, Kw) permuted.
    x, kernel, bias = leaf(rand(n, h, w, cin)), leaf(rand(k[0], k[1], cin, filters, scale=0.5)), leaf(rand(filters))
    y = nhwc(torch_conv(nchw(x), kernel.permute(3, 2, 0, 1), bias if use_bias else None, padding, k, s, d))
    dy = backward_with_random_dy(y)
    return {"name": name, "input": [n, h, w, cin], "filters": filters, "kernel_size": list(k), "strides": list(s),
            "padding": padding, "dilation_rate": list(d), "use_bias": use_bias, "x": flat(x), "kernel": flat(kernel),
            "bias": flat(bias), "dy": flat(dy), "y": flat(y), "dx": flat(x.grad), "dkernel": flat(kernel.grad),
            "dbias": flat(bias.grad) if use_bias else []}


def depthwise_case(name, n, h, w, cin, dm, k, s=(1, 1), padding="valid", d=(1, 1), use_bias=True):
    # Keras's depthwise kernel (Kh, Kw, Cin, dm) feeds output channel c·dm + m;
    # PyTorch's groups=Cin conv has weight (Cin·dm, 1, Kh, Kw) whose group c is
    # output channels [c·dm, c·dm + dm): the same order.
    x, kernel, bias = leaf(rand(n, h, w, cin)), leaf(rand(k[0], k[1], cin, dm, scale=0.5)), leaf(rand(cin * dm))
    w_torch = kernel.permute(2, 3, 0, 1).reshape(cin * dm, 1, k[0], k[1])
    y = nhwc(torch_conv(nchw(x), w_torch, bias if use_bias else None, padding, k, s, d, groups=cin))
    dy = backward_with_random_dy(y)
    return {"name": name, "input": [n, h, w, cin], "depth_multiplier": dm, "kernel_size": list(k),
            "strides": list(s), "padding": padding, "dilation_rate": list(d), "use_bias": use_bias, "x": flat(x),
            "kernel": flat(kernel), "bias": flat(bias), "dy": flat(dy), "y": flat(y), "dx": flat(x.grad),
            "dkernel": flat(kernel.grad), "dbias": flat(bias.grad) if use_bias else []}


def separable_case(name, n, h, w, cin, dm, filters, k, s=(1, 1), padding="valid"):
    # Keras's SeparableConv2D: the depthwise step (no bias), then a 1×1 Conv2D
    # (pointwise kernel (1, 1, Cin·dm, Cout)) with the bias.
    x = leaf(rand(n, h, w, cin))
    wd, wp, bias = leaf(rand(k[0], k[1], cin, dm, scale=0.5)), leaf(rand(1, 1, cin * dm, filters, scale=0.5)), leaf(
        rand(filters))
    mid = torch_conv(nchw(x), wd.permute(2, 3, 0, 1).reshape(cin * dm, 1, k[0], k[1]), None, padding, k, s, (1, 1),
                     groups=cin)
    y = nhwc(F.conv2d(mid, wp.permute(3, 2, 0, 1), bias))
    dy = backward_with_random_dy(y)
    return {"name": name, "input": [n, h, w, cin], "depth_multiplier": dm, "filters": filters,
            "kernel_size": list(k), "strides": list(s), "padding": padding, "x": flat(x),
            "depthwise_kernel": flat(wd), "pointwise_kernel": flat(wp), "bias": flat(bias), "dy": flat(dy),
            "y": flat(y), "dx": flat(x.grad), "ddepthwise_kernel": flat(wd.grad), "dpointwise_kernel": flat(wp.grad),
            "dbias": flat(bias.grad)}


# ---------------------------------------------------------------- Conv2DTranspose
def transpose_size(size, k, s, d, padding, output_padding):
    """Keras's deconv_output_length and where the output starts inside the full (in − 1)·S + R result."""
    reach = (k - 1) * d + 1
    if output_padding is None:
        out = size * s if padding == "same" else size * s + max(reach - s, 0)
    else:
        out = (size - 1) * s + reach - (2 * (reach // 2) if padding == "same" else 0) + output_padding
    # TensorFlow computes conv2d_transpose as the gradient of a Conv2D from an
    # `out`-sized input back to `size`: under 'same' its top padding is where
    # the output starts inside the full result; under 'valid' it starts at 0.
    start = max((size - 1) * s + reach - out, 0) // 2 if padding == "same" else 0
    return out, start


def transpose_case(name, n, h, w, cin, filters, k, s=(1, 1), padding="valid", output_padding=None, d=(1, 1),
                   use_bias=True):
    # Keras's kernel (Kh, Kw, Cout, Cin) is PyTorch's ConvTranspose2d weight (Cin, Cout, Kh, Kw) permuted.
    x, kernel, bias = leaf(rand(n, h, w, cin)), leaf(rand(k[0], k[1], filters, cin, scale=0.5)), leaf(rand(filters))
    full = F.conv_transpose2d(nchw(x), kernel.permute(3, 2, 0, 1), stride=s, dilation=d)
    op = output_padding or (None, None)
    ho, top = transpose_size(h, k[0], s[0], d[0], padding, op[0])
    wo, left = transpose_size(w, k[1], s[1], d[1], padding, op[1])
    # Crop (negative pads) or extend with zeros (a kernel smaller than its stride) to Keras's size.
    y = F.pad(full, (-left, wo - (full.shape[3] - left), -top, ho - (full.shape[2] - top)))
    if use_bias:
        y = y + bias.view(1, -1, 1, 1)
    y = nhwc(y)
    dy = backward_with_random_dy(y)
    return {"name": name, "input": [n, h, w, cin], "filters": filters, "kernel_size": list(k), "strides": list(s),
            "padding": padding, "output_padding": list(output_padding) if output_padding else None,
            "dilation_rate": list(d), "use_bias": use_bias, "output": [ho, wo], "x": flat(x), "kernel": flat(kernel),
            "bias": flat(bias), "dy": flat(dy), "y": flat(y), "dx": flat(x.grad), "dkernel": flat(kernel.grad),
            "dbias": flat(bias.grad) if use_bias else []}


# ---------------------------------------------------------------- MaxPooling2D / AveragePooling2D
def pool_case(kind, name, n, h, w, c, pool, s, padding):
    x = leaf(rand(n, h, w, c))
    top, bottom, left, right = pads_for(padding, h, w, pool, s, (1, 1))
    pads = (left, right, top, bottom)
    if kind == "max":
        # Keras's padding cells never win: pad with −∞ (every window holds a real cell).
        y = F.max_pool2d(F.pad(nchw(x), pads, value=-math.inf), pool, s)
    else:
        # Keras averages the cells inside the input only (count_include_pad=False,
        # which PyTorch has only for symmetric padding): the window sums over the
        # zero-padded input, divided by the same sums over ones.
        total = F.avg_pool2d(F.pad(nchw(x), pads), pool, s, divisor_override=1)
        cells = F.avg_pool2d(F.pad(torch.ones_like(nchw(x)), pads), pool, s, divisor_override=1)
        y = total / cells
    y = nhwc(y)
    dy = backward_with_random_dy(y)
    return {"name": name, "input": [n, h, w, c], "pool_size": list(pool), "strides": list(s), "padding": padding,
            "x": flat(x), "dy": flat(dy), "y": flat(y), "dx": flat(x.grad)}


# ---------------------------------------------------------------- BatchNormalization
# PyTorch's running = (1 − momentum)·running + momentum·batch with momentum 0.1
# is Keras's moving = m·moving + (1 − m)·batch with m = 1 − 0.1 = 0.9 (Keras's
# default is 0.99); PyTorch's eps 1e-5 is Keras's epsilon (default 1e-3). The
# batch is normalised with the biased variance (÷ m values) in both. The
# running variance: PyTorch adds the unbiased one (÷ (m − 1)); Keras 2 (our
# core) adds var·m / (m − (1 + ε)), within ε/(m − 1 − ε) of it, 1e-5/7 at
# the smallest batch here (8 rows), times the 0.1 weight: far below the
# tests' 1e-5. Keras 3 adds the biased variance (ops.moments), 1/(m − 1) off
# (14% at 8 rows), so the test tells the two apart; tf.keras 2 depends on its
# path (nn.moments, or the fused kernel with Bessel's correction handled apart).
# Inference normalises with the moving statistics in both; the core has no
# backward pass for it (it trains batch norm in training mode only).
def batch_norm_train_case(name, shape, momentum=0.1, eps=1e-5):
    c = shape[-1]
    x, gamma, beta = leaf(rand(*shape, scale=2.0) + 0.5), leaf(rand(c) + 1.0), leaf(rand(c))
    running_mean, running_var = rand(c), rand(c).abs() + 0.5
    rm, rv = running_mean.clone(), running_var.clone()
    xt = nchw(x) if len(shape) == 4 else x
    y = F.batch_norm(xt, rm, rv, gamma, beta, training=True, momentum=momentum, eps=eps)
    y = nhwc(y) if len(shape) == 4 else y
    dy = backward_with_random_dy(y)
    return {"name": name, "input": list(shape), "keras_momentum": 1.0 - momentum, "epsilon": eps, "x": flat(x),
            "gamma": flat(gamma), "beta": flat(beta), "moving_mean": flat(running_mean),
            "moving_variance": flat(running_var), "dy": flat(dy), "y": flat(y), "dx": flat(x.grad),
            "dgamma": flat(gamma.grad), "dbeta": flat(beta.grad), "moving_mean_after": flat(rm),
            "moving_variance_after": flat(rv)}


def batch_norm_infer_case(name, shape, eps=1e-5):
    c = shape[-1]
    x, gamma, beta = rand(*shape, scale=2.0), rand(c) + 1.0, rand(c)
    running_mean, running_var = rand(c), rand(c).abs() + 0.1
    xt = nchw(x) if len(shape) == 4 else x
    y = F.batch_norm(xt, running_mean, running_var, gamma, beta, training=False, eps=eps)
    y = nhwc(y) if len(shape) == 4 else y
    return {"name": name, "input": list(shape), "epsilon": eps, "x": flat(x), "gamma": flat(gamma),
            "beta": flat(beta), "moving_mean": flat(running_mean), "moving_variance": flat(running_var),
            "y": flat(y)}


# ---------------------------------------------------------------- Dense, softmax cross-entropy
def dense_case(name, shape, units, use_bias=True):
    # Keras's kernel (F, units) is nn.Linear's weight (units, F) transposed; Dense acts on the last axis.
    x, kernel, bias = leaf(rand(*shape)), leaf(rand(shape[-1], units, scale=0.5)), leaf(rand(units))
    y = F.linear(x, kernel.t(), bias if use_bias else None)
    dy = backward_with_random_dy(y)
    return {"name": name, "input": list(shape), "units": units, "use_bias": use_bias, "x": flat(x),
            "kernel": flat(kernel), "bias": flat(bias), "dy": flat(dy), "y": flat(y), "dx": flat(x.grad),
            "dkernel": flat(kernel.grad), "dbias": flat(bias.grad) if use_bias else []}


def cross_entropy_case(name, n, k, scale=3.0, offset=0.0):
    logits = leaf(rand(n, k, scale=scale) + offset)
    labels = torch.randint(0, k, (n,))
    loss = F.cross_entropy(logits, labels)  # the mean over the batch, as Keras's
    loss.backward()
    return {"name": name, "n": n, "k": k, "logits": flat(logits), "labels": labels.tolist(), "loss": flat(loss)[0],
            "dlogits": flat(logits.grad)}


# ---------------------------------------------------------------- optimizers
# Each runs `steps` updates of a 10-value vector (two SIMD groups of 4 and a
# tail of 2) with fixed random gradients, and records the weights after every
# step and the slots after the last. The settings are PyTorch's where its rule
# equals Keras 2.3's (keras/optimizers.py), which the core follows:
#   SGD       PyTorch buf = μ·buf + g, w −= lr·buf; Keras v = μ·v − lr·g, w += v:
#             v = −lr·buf while lr is constant (a schedule would part them).
#             Nesterov: w −= lr·(g + μ·buf) is Keras's w += μ·v − lr·g.
#   Adam      PyTorch w −= lr/(1 − β1ᵗ) · m / (√v/√(1 − β2ᵗ) + ε); Keras
#             w −= lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m / (√v + ε̂), ε̂ being the paper's
#             "epsilon hat". They agree when ε̂ = ε·√(1 − β2ᵗ), which changes
#             every step: one constant cannot make them equal. The cases are
#             ε = 0 (the rules equal) and ε = 1e-3 with the test giving the core
#             ε̂ₜ = ε·√(1 − β2ᵗ) each step.
#   RMSprop   PyTorch (alpha = Keras's rho) w −= lr·g / (√a + ε): Keras 2.3's
#             rule. tf.keras 2 (TF's ApplyRMSProp) and Keras 3 put ε inside the
#             root, lr·g / √(a + ε): not PyTorch's. Defaults differ too
#             (PyTorch alpha 0.99, ε 1e-8, lr 0.01; Keras rho 0.9, ε 1e-7, lr 0.001).
#   Adadelta  the same rule (ε inside both roots, lr times Δx, E[Δx²] from Δx
#             before lr); PyTorch's defaults lr 1.0, rho 0.9, ε 1e-6, Keras 2.3's
#             lr 1.0, rho 0.95, ε 1e-7, tf.keras's lr 0.001.
#   Adagrad   not in the core: not tested.
def optimizer_case(name, kind, make, settings, steps=5, grad_scale=1.0):
    w0 = rand(10)
    p = w0.clone().requires_grad_(True)
    opt = make([p])
    grads, after = [], []
    for _ in range(steps):
        g = rand(10, scale=grad_scale)
        p.grad = g.clone()
        opt.step()
        grads.append(flat(g))
        after.append(flat(p))
    state = opt.state[p]
    slots = {}
    if kind == "sgd" and settings.get("momentum", 0.0) > 0:
        slots["velocity"] = flat(-settings["learning_rate"] * state["momentum_buffer"])  # Keras's v
    elif kind == "adam":
        slots["m"], slots["v"] = flat(state["exp_avg"]), flat(state["exp_avg_sq"])
    elif kind == "rmsprop":
        slots["a"] = flat(state["square_avg"])
    elif kind == "adadelta":
        slots["a"], slots["d"] = flat(state["square_avg"]), flat(state["acc_delta"])
    return {"name": name, "kind": kind, "settings": settings, "w0": flat(w0), "grads": grads, "w_after": after,
            "slots_after": slots}


def optimizers():
    o = torch.optim
    return [
        optimizer_case("SGD lr 0.1", "sgd", lambda p: o.SGD(p, lr=0.1), {"learning_rate": 0.1}),
        optimizer_case("SGD lr 0.05 momentum 0.9", "sgd", lambda p: o.SGD(p, lr=0.05, momentum=0.9),
                       {"learning_rate": 0.05, "momentum": 0.9}),
        optimizer_case("SGD lr 0.05 momentum 0.9 nesterov", "sgd",
                       lambda p: o.SGD(p, lr=0.05, momentum=0.9, nesterov=True),
                       {"learning_rate": 0.05, "momentum": 0.9, "nesterov": True}),
        optimizer_case("Adam lr 0.01, eps 0 (the rules equal)", "adam",
                       lambda p: o.Adam(p, lr=0.01, betas=(0.9, 0.999), eps=0.0),
                       {"learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 0.0}),
        # Small gradients make ε matter: √v̂ ≈ 1e-3 ≈ ε.
        optimizer_case("Adam lr 0.01, PyTorch eps 1e-3 as Keras's per-step epsilon hat", "adam",
                       lambda p: o.Adam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-3),
                       {"learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999, "torch_epsilon": 1e-3},
                       grad_scale=2e-3),
        optimizer_case("RMSprop lr 0.01 rho 0.9 eps 1e-7", "rmsprop",
                       lambda p: o.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-7),
                       {"learning_rate": 0.01, "rho": 0.9, "epsilon": 1e-7}),
        # √a ≈ 1e-3 ≈ ε: outside the root (PyTorch, Keras 2.3) and inside (Keras 3) differ by ~40%.
        optimizer_case("RMSprop lr 0.01 rho 0.9 eps 1e-3, small gradients", "rmsprop",
                       lambda p: o.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-3),
                       {"learning_rate": 0.01, "rho": 0.9, "epsilon": 1e-3}, grad_scale=2e-3),
        optimizer_case("Adadelta lr 1.0 rho 0.95 eps 1e-7 (Keras 2.3's defaults)", "adadelta",
                       lambda p: o.Adadelta(p, lr=1.0, rho=0.95, eps=1e-7),
                       {"learning_rate": 1.0, "rho": 0.95, "epsilon": 1e-7}),
        optimizer_case("Adadelta lr 0.001 rho 0.95 eps 1e-7 (tf.keras's defaults)", "adadelta",
                       lambda p: o.Adadelta(p, lr=0.001, rho=0.95, eps=1e-7),
                       {"learning_rate": 0.001, "rho": 0.95, "epsilon": 1e-7}),
        optimizer_case("Adadelta lr 1.0 rho 0.9 eps 1e-6 (PyTorch's defaults)", "adadelta",
                       lambda p: o.Adadelta(p, lr=1.0, rho=0.9, eps=1e-6),
                       {"learning_rate": 1.0, "rho": 0.9, "epsilon": 1e-6}),
    ]


def main():
    # Sizes are small and not multiples of 4; Cin < 4 takes the core's direct
    # convolution path, Cin ≥ 4 its im2col + gemm path.
    fixture = {
        "generator": "tools/make_torch_numerics.py, torch " + torch.__version__ + ", float64",
        "tolerance": "|a - b| <= 1e-5 * (|b| + max|b|) per array",
        "conv2d": [
            conv2d_case("3x3 valid, Cin 3", 2, 7, 6, 3, 5, (3, 3)),
            conv2d_case("3x3 same stride 1 (symmetric), Cin 5", 2, 6, 7, 5, 4, (3, 3), padding="same"),
            conv2d_case("3x3 same stride 2 (asymmetric: F.pad), Cin 5", 2, 8, 7, 5, 3, (3, 3), (2, 2), "same"),
            conv2d_case("2x2 same stride 1 (pad after only), Cin 2", 1, 5, 6, 2, 3, (2, 2), padding="same"),
            conv2d_case("4x3 same strides 2x3, Cin 6", 2, 9, 10, 6, 4, (4, 3), (2, 3), "same"),
            conv2d_case("3x3 valid stride 2, no bias, Cin 4", 2, 9, 8, 4, 6, (3, 3), (2, 2), use_bias=False),
            conv2d_case("3x3 valid dilation 2, Cin 3", 1, 9, 9, 3, 4, (3, 3), d=(2, 2)),
            conv2d_case("3x3 same dilation 2x3, Cin 5", 2, 7, 9, 5, 3, (3, 3), padding="same", d=(2, 3)),
            conv2d_case("1x1, Cin 7", 2, 3, 5, 7, 9, (1, 1)),
            conv2d_case("5x5 same stride 2, Cin 1", 2, 11, 9, 1, 4, (5, 5), (2, 2), "same"),
        ],
        "depthwise_conv2d": [
            depthwise_case("3x3 same, dm 1 (groups = Cin)", 2, 6, 5, 4, 1, (3, 3), padding="same"),
            depthwise_case("3x3 valid, dm 2 (groups = Cin, 2 filters each)", 2, 7, 6, 3, 2, (3, 3)),
            depthwise_case("3x3 same stride 2 (F.pad), dm 3, no bias", 1, 8, 9, 2, 3, (3, 3), (2, 2), "same",
                           use_bias=False),
            depthwise_case("3x3 valid dilation 2, dm 1", 2, 8, 8, 5, 1, (3, 3), d=(2, 2)),
        ],
        "separable_conv2d": [
            separable_case("3x3 same, dm 1, Cout 4", 2, 6, 6, 3, 1, 4, (3, 3), padding="same"),
            separable_case("3x3 valid stride 2, dm 2, Cout 5", 2, 9, 7, 4, 2, 5, (3, 3), (2, 2)),
        ],
        "conv2d_transpose": [
            transpose_case("3x3 same stride 2", 2, 4, 5, 3, 4, (3, 3), (2, 2), "same"),
            transpose_case("3x3 valid stride 2", 2, 4, 3, 5, 2, (3, 3), (2, 2)),
            transpose_case("3x3 same stride 2, output_padding 1x0", 1, 4, 4, 4, 3, (3, 3), (2, 2), "same", (1, 0)),
            transpose_case("3x2 valid strides 2x3, output_padding 1x2", 2, 3, 3, 2, 3, (3, 2), (2, 3), "valid", (1, 2)),
            transpose_case("2x2 valid stride 3 (kernel smaller than stride), no bias", 1, 3, 4, 3, 2, (2, 2), (3, 3),
                           use_bias=False),
            transpose_case("4x4 same stride 2", 2, 3, 4, 5, 3, (4, 4), (2, 2), "same"),
            transpose_case("3x3 same stride 1 dilation 2", 1, 5, 5, 3, 2, (3, 3), (1, 1), "same", d=(2, 2)),
        ],
        "max_pooling2d": [
            pool_case("max", "2x2 valid", 2, 6, 7, 3, (2, 2), (2, 2), "valid"),
            pool_case("max", "3x3 stride 2 same", 2, 7, 8, 5, (3, 3), (2, 2), "same"),
            pool_case("max", "2x2 stride 2 same (odd size)", 1, 5, 7, 4, (2, 2), (2, 2), "same"),
            pool_case("max", "3x2 strides 1x2 valid", 2, 6, 7, 3, (3, 2), (1, 2), "valid"),
        ],
        "average_pooling2d": [
            pool_case("avg", "2x2 valid", 2, 6, 7, 3, (2, 2), (2, 2), "valid"),
            pool_case("avg", "3x3 stride 2 same (edge windows count fewer cells)", 2, 7, 8, 5, (3, 3), (2, 2), "same"),
            pool_case("avg", "2x2 stride 2 same (odd size)", 1, 5, 7, 4, (2, 2), (2, 2), "same"),
            pool_case("avg", "3x3 stride 1 same", 2, 5, 6, 2, (3, 3), (1, 1), "same"),
        ],
        "batch_normalization_train": [
            batch_norm_train_case("NHWC 2x4x5x3", (2, 4, 5, 3)),
            batch_norm_train_case("NHWC 2x2x2x6 (8 rows)", (2, 2, 2, 6)),
            batch_norm_train_case("(N, C) 9x5 after a Dense", (9, 5)),
        ],
        "batch_normalization_infer": [
            batch_norm_infer_case("NHWC 2x4x5x3", (2, 4, 5, 3)),
            batch_norm_infer_case("(N, C) 6x4", (6, 4)),
        ],
        "dense": [
            dense_case("(N, F) 4x7 -> 5", (4, 7), 5),
            dense_case("(N, F) 3x9 -> 6, no bias", (3, 9), 6, use_bias=False),
            dense_case("on the last axis of (2, 3, 2, 5) -> 4", (2, 3, 2, 5), 4),
        ],
        "softmax_cross_entropy": [
            cross_entropy_case("6 rows, 5 classes", 6, 5),
            cross_entropy_case("4 rows, 10 classes", 4, 10),
            cross_entropy_case("5 rows, 3 classes, logits near 90 (exp overflows float32)", 5, 3, 10.0, 90.0),
        ],
        "optimizers": optimizers(),
    }
    text = json.dumps(fixture, separators=(",", ":"), ensure_ascii=False)
    with open(OUT, "w") as f:
        f.write(text + "\n")
    print(f"wrote {OUT}: {len(text)} bytes")


if __name__ == "__main__":
    main()
