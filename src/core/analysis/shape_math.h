// shape_math.h: the one place where output sizes are computed, in signed 64-bit
// integers with every input checked. Keras's rules (conv_utils.conv_output_length
// and the 'same' padding of tf.nn.convolution):
//   reach        = (K − 1)·D + 1                       (a dilated kernel's extent)
//   'valid': out = ⌊(in − reach) / S⌋ + 1              (needs in ≥ reach)
//   'same':  out = ⌈in / S⌉,
//            total padding = max((out − 1)·S + reach − in, 0),
//            before = ⌊total / 2⌋, after = total − before (the odd cell goes after).
#pragma once
#include <cstdint>

#include "core/analysis/analysis.h"
#include "core/model/checked_int.h"
#include "core/model/layer_spec.h"

namespace convlab {


int64_t kernel_reach(int64_t k, int64_t dilation);

// One spatial axis. Returns false (and leaves *out alone) when the kernel's reach
// exceeds the input under 'valid'. Fills the formula with roles for the UI;
// kernel_role tags the kernel number (KernelH, KernelW or PoolSize), and a
// dilated kernel's reach is tagged Role::KernelReach instead.
bool conv_out_size(int64_t in, int64_t k, int64_t stride, int64_t dilation, Padding padding,
                   SizeWorking* out, int64_t* size, Role kernel_role = Role::KernelH);

// PyTorch's rule (torch.nn.Conv2d / MaxPool2d docs), padding as written:
//   out = ⌊(in + P_before + P_after − reach) / S⌋ + 1, or ⌈…⌉ + 1 with ceil_mode,
//   where ceil_mode drops a last window that would start in the padding after
//   the input ((out − 1)·S ≥ in + P_before). False when the reach exceeds the padded input.
bool conv_out_size_torch(int64_t in, int64_t k, int64_t stride, int64_t dilation, int64_t pad_before,
                         int64_t pad_after, bool ceil_mode, SizeWorking* out, int64_t* size,
                         Role kernel_role = Role::KernelH);

}  // namespace convlab
