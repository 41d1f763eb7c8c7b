// test_import_dialect.cpp: which reader takes a Python script. PyTorch code
// imports torch; a Keras script may import torch too and stays Keras's.
#include <doctest.h>

#include "core/analysis/model_summary.h"
#include "core/io/import.h"

using namespace convlab;

TEST_CASE("torch: a Keras script that also imports torch (Keras 3 on the torch backend) is read as Keras") {
    const char* code = "import os\nos.environ['KERAS_BACKEND'] = 'torch'\nimport torch\nimport keras\nfrom keras import layers\n"
                       "model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 3), layers.Conv2D(63, 3)])\n";
    const ImportResult r = import_model_text(code, nullptr, {}, nullptr);
    INFO(r.error);
    REQUIRE(r.ok);
    ModelSummary s;
    Problem p;
    REQUIRE(summarize(r.model, NamingStyle::Keras2, &s, &p));
    REQUIRE(s.layers.size() == 2);
    CHECK(s.layers[1].analysis.params == 18207);
}
