// test_summary_torch_cells.cpp: torchinfo's table cut into cells for the
// page (summary_torch_cells.h). The cells must be the core's own text: the
// tree's multi-byte characters must not shift the cut, every module gets a
// row at every depth, and the totals are torchinfo's lines.
#include <doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/analysis/model_summary.h"
#include "core/io/import_torch_python.h"
#include "core/io/summary_torch_cells.h"

using namespace convlab;

namespace {

std::string read_torch_fixture(const std::string& name) {
    std::ifstream in(std::string(CONVLAB_SOURCE_DIR) + "/tests/data/torch/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TorchinfoCells cells_of(const std::string& fixture, const std::vector<int64_t>* size = nullptr) {
    const ImportResult r = import_torch_python(read_torch_fixture(fixture), size);
    REQUIRE(r.ok);
    ModelSummary summary;
    Problem problem;
    REQUIRE(summarize(r.model, NamingStyle::Keras2, &summary, &problem));
    return torchinfo_cells(r.model, summary);
}

}  // namespace

TEST_CASE("pytorch cells: the MNIST Net's rows, cut where torchinfo puts its columns") {
    const std::vector<int64_t> size = {1, 1, 28, 28};
    const TorchinfoCells c = cells_of("mnist_net.py", &size);
    REQUIRE(c.titles.size() == 3);
    CHECK(c.titles[1] == "Output Shape");
    CHECK(c.titles[2] == "Param #");
    REQUIRE(c.rows.size() == 7);
    CHECK(c.rows[0].cells == std::vector<std::string>{"Net", "[1, 10]", "--"});
    CHECK(c.rows[2].cells == std::vector<std::string>{"├─Conv2d (conv2): 1-2", "[1, 64, 24, 24]", "18,496"});
    CHECK(c.rows[4].cells == std::vector<std::string>{"├─Linear (fc1): 1-4", "[1, 128]", "1,179,776"});
    CHECK(c.rows[0].leaf == -1);
    CHECK(c.rows[2].leaf == 1);  // conv1 is leaf 0, as format_explanation_torch counts
    REQUIRE(!c.totals.empty());
    CHECK(c.totals[0] == "Total params: 1,199,882");
}

TEST_CASE("pytorch cells: a ResNet's nested modules, every depth, by attribute path") {
    const TorchinfoCells c = cells_of("resnet_block.py");  // its own summary(model, input_size=(2, 3, 32, 32))
    bool found = false;
    for (const TorchinfoCells::Row& row : c.rows)
        if (row.cells[0] == "│    │    │    └─Conv2d (layer2.0.shortcut.0): 4-1") {
            found = true;
            CHECK(row.cells[1] == "[2, 32, 16, 16]");
            CHECK(row.cells[2] == "512");
        }
    CHECK(found);
    CHECK(c.totals[0] == "Total params: 43,226");
}
