// summary_torch_cells.h: torchinfo's table (summary_format.h's
// format_summary_torchinfo) cut into cells, so the page can draw it as a
// table with selectable rows without formatting or counting anything itself.
// Not a second formatter: every cell is the core's text, cut where torchinfo's
// fixed-width layout puts its columns. Reference: torchinfo 1.8 formatting.py
// (row_settings=("var_names",) for the attribute names in the first column).
#pragma once
#include <string>
#include <vector>

#include "core/analysis/model_summary.h"
#include "core/model/layer_spec.h"

namespace convlab {

struct TorchinfoCells {
    // "Layer (type (var_name):depth-idx)", "Output Shape", "Param #".
    std::vector<std::string> titles;
    struct Row {
        int torch_row = 0;  // index into ModelSpec::torch_rows
        int layer = -1;     // its ModelSpec layer (a leaf module), -1 for a container
        int leaf = -1;      // the leaf's number in call order (format_explanation_torch's only_leaf), -1 if none
        // The tree and the module ("├─Conv2d (conv2): 1-2", the attribute path
        // in brackets), then the output shape ("[1, 64, 24, 24]") and Param # ("18,496", "--").
        std::vector<std::string> cells;
    };
    std::vector<Row> rows;    // every module, at every depth, in call order
    std::vector<std::string> totals;  // the lines under the rows ("Total params: 1,199,882", ...), rules left out
};

// Every row of model.torch_rows (depth unlimited); empty when the model has none.
TorchinfoCells torchinfo_cells(const ModelSpec& model, const ModelSummary& summary);

}  // namespace convlab
