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

}  // namespace convlab
