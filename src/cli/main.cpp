// main.cpp: the convlab command-line tool (native build, build/native/convlab).
//   convlab summary [--style keras2|keras3] [--expand-nested] [--receptive-field] [--json] [--input-shape H,W,C] [--lang en|zh] MODEL
//   convlab summary [--col NAME,...] [--depth N] [--col-width N] [--json] [--input-size N,C,H,W] PYTORCH.py
//   convlab explain [--layer N] [--input-shape H,W,C] MODEL
//   convlab export --keras|--pytorch [--input-shape H,W,C] MODEL
//   convlab train MODEL [--epochs E --batch B --optimizer NAME --lr X --seed S] [--lang en|zh]
//   convlab bench [--reps N]
// MODEL is a .json or .py file, or - for standard input (the format is detected
// by content). Exit codes: 0 success, 1 invalid model, 2 unreadable input or a
// usage error. Messages go to stderr, in English or (--lang zh) in Chinese from
// the page's string table; results, Keras's tables included, go to stdout as Keras prints them.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/bench_command.h"
#include "cli/cli_lang.h"
#include "cli/field_table.h"
#include "core/analysis/receptive_field.h"
#include "core/io/export_code.h"
#include "core/applications/applications.h"
#include "core/applications/torchvision_applications.h"
#include "core/io/import.h"
#include "core/io/import_torch_python.h"
#include "core/analysis/model_summary.h"
#include "core/io/summary_format.h"
#include "core/message/message.h"
#include "cli/train_command.h"

namespace {

constexpr int kExitOk = 0, kExitInvalidModel = 1, kExitUsage = 2;
constexpr size_t kMaxInputBytes = 16 * 1024 * 1024;  // a pasted model is kilobytes

const char* kUsage =
    "usage:\n"
    "  convlab summary [--style keras2|keras3] [--expand-nested] [--receptive-field] [--json] [--input-shape H,W,C] [--set NAME=VALUE] MODEL\n"
    "    --set NAME=VALUE: a value a Python script takes from its data (--set num_classes=25), repeatable\n"
    "    --expand-nested: a model used as a layer shows its own layers under it (Keras 3's expand_nested=True)\n"
    "    --receptive-field: then each layer's receptive field on the input: size, jump, start\n"
    "  convlab explain [--layer N] [--input-shape H,W,C] MODEL\n"
    "    PyTorch code (it imports torch): --input-size N,C,H,W (torchinfo's order) when the script gives no size;\n"
    "    summary prints torchinfo 1.8's table, explain the arithmetic in PyTorch's terms;\n"
    "    --col NAME,... picks torchinfo's columns (input_size, output_size, num_params, params_percent,\n"
    "    kernel_size, mult_adds, trainable), --depth N (3) and --col-width N (25) as its summary() takes them\n"
    "  convlab export --keras|--pytorch [--input-shape H,W,C] MODEL\n"
    "  convlab presets [--source NAME]   (keras.applications and torchvision networks; any MODEL above may be\n"
    "                                    --preset NAME: Keras's names (ResNet50, or keras:ResNet50, also with\n"
    "                                    arguments: \"VGG16(include_top=False, pooling='avg')\"), torchvision's\n"
    "                                    lowercase builders (resnet18, or torchvision:resnet18) at their defaults)\n"
    "  convlab train MODEL [--epochs E --batch B --optimizer NAME --lr X --seed S]  (convlab train --help)\n"
    "  convlab bench [--reps N]\n"
    "MODEL: a Keras model JSON (.json: Sequential or Functional) or Keras Python code (.py: Sequential or Functional), or - for stdin.\n"
    "--lang en|zh: messages in English (the default) or Chinese, for summary, explain, export and train.\n"
    "Exit codes: 0 ok, 1 invalid model, 2 unreadable input or usage error.\n";

int usage_error(const std::string& message) {
    std::fprintf(stderr, "convlab: %s\n%s", message.c_str(), kUsage);
    return kExitUsage;
}

bool read_input(const std::string& path, std::string* text, std::string* error) {
    std::ostringstream buf;
    if (path == "-") {
        buf << std::cin.rdbuf();
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) { *error = "cannot open '" + path + "'"; return false; }
        buf << in.rdbuf();
    }
    *text = buf.str();
    if (text->size() > kMaxInputBytes) { *error = "'" + path + "' is larger than 16 MB; a model file is kilobytes"; return false; }
    return true;
}

// "28,28,1" -> (28, 28, 1); "784" -> (784). Each size 1..2^20.
bool parse_shape(const std::string& s, convlab::Shape* out) {
    std::vector<int64_t> dims;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, ',')) {
        if (part.empty() || part.size() > 7 || part.find_first_not_of("0123456789") != std::string::npos) return false;
        const int64_t v = std::stoll(part);
        if (v < 1 || v > (1 << 20)) return false;
        dims.push_back(v);
    }
    if (dims.size() == 3) { *out = convlab::Shape::image(dims[0], dims[1], dims[2]); return true; }
    if (dims.size() == 1) { *out = convlab::Shape::vector(dims[0]); return true; }
    return false;
}

struct Options {
    std::string command, model_path, style = "keras2", export_to, preset;
    std::vector<int64_t> input_size;  // --input-size N,C,H,W (PyTorch)
    bool json = false, has_shape = false, expand_nested = false, style_given = false, receptive_field = false;
    convlab::PythonSettings settings;  // --set NAME=VALUE, in order
    int layer = -1;
    convlab::Shape input_shape;
    convlab::TorchinfoOptions torchinfo;  // --col, --depth, --col-width (PyTorch's table)
    bool torchinfo_given = false, col_given = false;
    Lang lang = Lang::En;
};

bool parse_args(int argc, char** argv, Options* o, std::string* error) {
    if (argc < 2) { *error = "no command given"; return false; }
    o->command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= argc) { *error = a + " needs a value"; return false; }
            *out = argv[++i];
            return true;
        };
        std::string v;
        if (a == "--json") o->json = true;
        else if (a == "--preset") {
            if (!value(&o->preset)) return false;
        } else if (a == "--set") {
            if (!value(&v)) return false;
            std::pair<std::string, std::string> setting;
            if (!convlab::parse_python_setting(v, &setting)) {
                *error = "--set takes NAME=VALUE, a Python name and a literal (e.g. --set num_classes=25), not '" + v + "'";
                return false;
            }
            o->settings.push_back(std::move(setting));
        }
        else if (a == "--expand-nested") o->expand_nested = true;
        else if (a == "--receptive-field") o->receptive_field = true;
        else if (a == "--keras" || a == "--pytorch") o->export_to = a.substr(2);
        else if (a == "--style") {
            if (!value(&o->style)) return false;
            o->style_given = true;
            if (o->style != "keras2" && o->style != "keras3") { *error = "--style is keras2 or keras3, not '" + o->style + "'"; return false; }
        } else if (a == "--layer") {
            if (!value(&v)) return false;
            if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
                *error = "--layer takes a layer number (0 is the first row of the summary), not '" + v + "'";
                return false;
            }
            o->layer = std::stoi(v);
        } else if (a == "--lang") {
            if (!value(&v) || !convlab::cli_parse_lang(v, &o->lang, error)) return false;
        } else if (a == "--input-shape") {
            if (!value(&v)) return false;
            if (!parse_shape(v, &o->input_shape)) { *error = "--input-shape takes H,W,C or F (e.g. 28,28,1), not '" + v + "'"; return false; }
            o->has_shape = true;
        } else if (a == "--col") {
            // torchinfo's col_names: --col output_size,num_params,mult_adds (or the flag again per name).
            if (!value(&v)) return false;
            if (!o->col_given) o->torchinfo.columns.clear();  // the first --col replaces torchinfo's default columns
            o->col_given = o->torchinfo_given = true;
            std::istringstream in(v);
            std::string name;
            while (std::getline(in, name, ',')) {
                convlab::TorchColumn column;
                if (!convlab::torch_column_from_name(name, &column)) {
                    *error = "--col takes torchinfo's column names (" + std::string(convlab::torch_column_names()) + "), not '" + name + "'";
                    return false;
                }
                o->torchinfo.columns.push_back(column);
            }
            if (o->torchinfo.columns.empty()) {
                *error = std::string("--col takes torchinfo's column names (") + convlab::torch_column_names() + ")";
                return false;
            }
        } else if (a == "--depth" || a == "--col-width") {
            if (!value(&v)) return false;
            if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos || (a == "--col-width" && std::stoi(v) < 1)) {
                *error = a + " takes a whole number" + (a == "--col-width" ? " from 1" : "") + " (torchinfo's " + std::string(a == "--depth" ? "depth" : "col_width") + "), not '" + v + "'";
                return false;
            }
            (a == "--depth" ? o->torchinfo.depth : o->torchinfo.col_width) = std::stoi(v);
            o->torchinfo_given = true;
        } else if (a == "--input-size") {
            if (!value(&v)) return false;
            std::istringstream in(v);
            std::string part;
            o->input_size.clear();
            while (std::getline(in, part, ',')) {
                if (part.empty() || part.size() > 7 || part.find_first_not_of("0123456789") != std::string::npos || std::stoll(part) < 1) {
                    o->input_size.clear();
                    break;
                }
                o->input_size.push_back(std::stoll(part));
            }
            if (o->input_size.size() != 4 && o->input_size.size() != 3 && o->input_size.size() != 2) {
                *error = "--input-size takes N,C,H,W, N,C,L or N,F, torchinfo's order (e.g. 1,1,28,28), not '" + v + "'";
                return false;
            }
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            *error = "unknown option " + a;
            return false;
        } else if (o->model_path.empty()) {
            o->model_path = a;
        } else {
            *error = "more than one MODEL given ('" + o->model_path + "' and '" + a + "')";
            return false;
        }
    }
    if (o->model_path.empty() && o->preset.empty()) { *error = "no MODEL given"; return false; }
    if (!o->model_path.empty() && !o->preset.empty()) { *error = "give a MODEL or --preset, not both"; return false; }
    // Keras 2.2's summary had no expand_nested: the option means Keras 3's table.
    if (o->expand_nested && o->style_given && o->style == "keras2") {
        *error = "--expand-nested prints Keras 3's table (Keras 2.2 had no expand_nested); use --style keras3 or leave --style out";
        return false;
    }
    if (o->expand_nested) o->style = "keras3";
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    // convlab presets: the networks --preset takes, each named with its framework
    // (keras:ResNet50, torchvision:resnet18), and --source NAME prints one's code.
    if (argc >= 2 && std::string(argv[1]) == "presets") {
        if (argc == 4 && std::string(argv[2]) == "--source") {
            const std::string name = argv[3];
            const convlab::Application* app = name.rfind("torchvision:", 0) == 0 ? nullptr : convlab::find_application(name);
            const convlab::TorchvisionApplication* torch_app =
                name.rfind("keras:", 0) == 0 ? nullptr : convlab::find_torchvision_application(name);
            if (!app && !torch_app) return usage_error("no preset '" + name + "'; `convlab presets` lists them");
            std::fputs(app ? convlab::application_source(*app).c_str() : convlab::torchvision_source(*torch_app).c_str(), stdout);
            return kExitOk;
        }
        if (argc != 2) return usage_error("presets takes no arguments but --source NAME");
        for (const convlab::Application& app : convlab::applications()) std::printf("keras:%s\n", app.name);
        for (const convlab::TorchvisionApplication& app : convlab::torchvision_applications())
            std::printf("torchvision:%s\n", app.name);
        return kExitOk;
    }
    // train and bench parse their own options.
    if (argc >= 2 && std::string(argv[1]) == "train") return convlab::run_train(argc - 1, argv + 1);
    if (argc >= 2 && std::string(argv[1]) == "bench") return convlab::run_bench(argc, argv);
    Options o;
    std::string error;
    if (!parse_args(argc, argv, &o, &error)) return usage_error(error);
    if (o.command != "summary" && o.command != "explain" && o.command != "export")
        return usage_error("unknown command '" + o.command + "'");
    if (o.command == "export" && o.export_to.empty()) return usage_error("export needs --keras or --pytorch");

    std::string text;
    if (!o.preset.empty()) {
        // --preset ResNet50, or with arguments: --preset "ResNet50(include_top=False, pooling='avg')";
        // --preset resnet18 (torchvision's, at its defaults and its input size). The prefixes
        // keras: and torchvision: choose the table; a bare name is in at most one of them.
        const size_t open = o.preset.find('(');
        const std::string name = o.preset.substr(0, open);
        const convlab::Application* app = name.rfind("torchvision:", 0) == 0 ? nullptr : convlab::find_application(name);
        const convlab::TorchvisionApplication* torch_app =
            name.rfind("keras:", 0) == 0 ? nullptr : convlab::find_torchvision_application(name);
        if (!app && !torch_app)
            return usage_error("no preset '" + name +
                               "'; `convlab presets` lists them (names are case-sensitive: Keras's ResNet50, torchvision's resnet50)");
        std::string arguments;
        if (open != std::string::npos) {
            if (o.preset.back() != ')') return usage_error("--preset " + o.preset + ": the arguments end with ')'");
            arguments = o.preset.substr(open + 1, o.preset.size() - open - 2);
            if (torch_app) return usage_error("--preset " + o.preset + ": the torchvision presets take no arguments");
        }
        if (app) {
            text = convlab::application_script(*app, arguments);
            o.model_path = "keras:" + std::string(app->name);
        } else {
            text = convlab::torchvision_script(*torch_app);
            o.model_path = "torchvision:" + std::string(torch_app->name);
        }
    } else if (!read_input(o.model_path, &text, &error)) {
        std::fprintf(stderr, "convlab: %s\n", error.c_str());
        return kExitUsage;
    }
    // Each dialect's size flag is its own: Keras's (H,W,C) and torchinfo's (N,C,H,W) differ in order.
    const bool torch_code = convlab::python_imports_torch(text);
    if (torch_code && o.has_shape)
        return usage_error("--input-shape is Keras's (H,W,C); this is PyTorch code: give --input-size N,C,H,W (e.g. 1,1,28,28)");
    if (!torch_code && o.torchinfo_given)
        return usage_error("--col, --depth and --col-width are torchinfo's options, for PyTorch code; this is not PyTorch code");
    if (!torch_code && !o.input_size.empty())
        return usage_error("--input-size is PyTorch's (N,C,H,W); this is not PyTorch code: give --input-shape H,W,C (e.g. 28,28,1)");
    const convlab::ImportResult imported = convlab::import_model_text(
        text, o.has_shape ? &o.input_shape : nullptr, o.settings, o.input_size.empty() ? nullptr : &o.input_size);
    if (!imported.ok && torch_code) {
        std::fprintf(stderr, "%s\n", convlab::cli_import_error(o.lang, o.model_path, imported).c_str());
        if (imported.missing_input_shape) std::fprintf(stderr, "convlab: give the input size with --input-size N,C,H,W (e.g. --input-size 1,1,28,28)\n");
        // PyTorch's own errors are found while reading: the model is invalid (exit 1), not the input.
        const convlab::MsgCode c = imported.message.code;
        const bool invalid = c == convlab::MsgCode::TorchLinearInFeatures || c == convlab::MsgCode::TorchInChannels ||
                             c == convlab::MsgCode::TorchSameStride || c == convlab::MsgCode::TorchInModule ||
                             c == convlab::MsgCode::TorchViewSize || c == convlab::MsgCode::TorchGroups ||
                             c == convlab::MsgCode::TorchUnflattenSize || c == convlab::MsgCode::TorchPoolPadding ||
                             c == convlab::MsgCode::TorchPaddingModeSize;
        return invalid ? kExitInvalidModel : kExitUsage;
    }
    if (!imported.ok) {
        std::fprintf(stderr, "%s\n", convlab::cli_import_error(o.lang, o.model_path, imported).c_str());
        if (imported.missing_input_shape) std::fprintf(stderr, "%s\n", tr_in(o.lang, Str::CliInputShapeHint));
        else if (convlab::import_wants_setting(imported)) std::fprintf(stderr, "%s\n", tr_in(o.lang, Str::CliSetHint));
        return kExitUsage;
    }

    const convlab::NamingStyle naming = o.style == "keras3" ? convlab::NamingStyle::Keras3 : convlab::NamingStyle::Keras2;
    convlab::ModelSummary summary;
    convlab::Problem problem;
    if (!convlab::summarize(imported.model, naming, &summary, &problem)) {
        const std::string why = convlab::cli_say(o.lang, problem.message, convlab::problem_message(problem));
        std::fprintf(stderr, "convlab: %s\n", convlab::cli_frame(o.lang, Str::CliInvalidModel, why).c_str());
        return kExitInvalidModel;
    }
    // Layers a Functional model leaves out, as Keras warns of them.
    for (const convlab::Problem& w : summary.warnings)
        std::fprintf(stderr, "convlab: %s\n", convlab::cli_say(o.lang, w.message, convlab::problem_message(w)).c_str());

    if (imported.model.dialect == convlab::Dialect::PyTorch) {
        if (o.command == "summary" && o.json) std::cout << convlab::format_summary_torch_json(imported.model, summary) << "\n";
        else if (o.command == "summary") std::cout << convlab::format_summary_torchinfo(imported.model, summary, o.torchinfo);
        else if (o.command == "explain") std::cout << convlab::format_explanation_torch(imported.model, summary, o.layer);
        else return usage_error("export reads Keras models; this is PyTorch code");
        return kExitOk;
    }
    if (o.command == "summary") {
        const std::vector<convlab::ReceptiveField> fields =
            o.receptive_field ? convlab::receptive_fields(imported.model, summary) : std::vector<convlab::ReceptiveField>{};
        if (o.json) {
            std::string json = convlab::format_summary_json(summary);
            // The fields join the summary's object as one more member.
            if (o.receptive_field) json.insert(json.size() - 1, ",\"receptive_fields\":" + convlab::format_receptive_fields_json(fields));
            std::cout << json << "\n";
        } else {
            if (naming == convlab::NamingStyle::Keras3) std::cout << convlab::format_summary_keras3(summary, 76, o.expand_nested);
            else std::cout << convlab::format_summary_keras2(summary);
            if (o.receptive_field) std::cout << "\n" << convlab::format_field_table(o.lang, summary, fields);
        }
    } else if (o.command == "explain") {
        if (o.layer >= int(summary.layers.size())) {
            std::fprintf(stderr, "convlab: --layer %d: the model has %zu layers (0 to %zu)\n", o.layer,
                         summary.layers.size(), summary.layers.size() - 1);
            return kExitUsage;
        }
        // --layer counts summary rows; the explanation takes the ModelSpec index
        // (they differ by one when the model starts with an InputLayer).
        const int spec_index = o.layer < 0 ? -1 : summary.layers[size_t(o.layer)].index;
        std::cout << convlab::format_explanation_en(summary, spec_index);
    } else if (o.export_to == "keras") {
        std::cout << convlab::export_keras_python(imported.model);
    } else {
        std::string export_error;
        convlab::Message refusal;
        const std::string code = convlab::export_pytorch(imported.model, &export_error, &refusal);
        if (!export_error.empty()) {
            const std::string why = convlab::cli_say(o.lang, export_error, refusal);
            std::fprintf(stderr, "convlab: %s\n", convlab::cli_frame(o.lang, Str::CliCannotExport, why).c_str());
            return kExitInvalidModel;
        }
        std::cout << code;
    }
    return kExitOk;
}
