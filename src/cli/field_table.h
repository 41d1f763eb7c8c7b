// field_table.h: `convlab summary --receptive-field`: after the Keras table,
// each row's receptive field on the input (core/analysis/receptive_field.h),
// in the CLI's language.
#pragma once
#include <string>
#include <vector>

#include "app/text/strings.h"
#include "core/analysis/model_summary.h"
#include "core/analysis/receptive_field.h"

namespace convlab {

std::string format_field_table(Lang lang, const ModelSummary& summary, const std::vector<ReceptiveField>& fields);

}  // namespace convlab
