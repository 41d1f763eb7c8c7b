// train_command.cpp: `convlab train MODEL`: imports the model, builds the
// network, trains it on the 8,000 training digits and evaluates it on the
// 2,000 held-out digits after every epoch, like Keras's model.fit with
// validation data. Not the training itself (src/core/train/) and not main.
#include "cli/train_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_lang.h"
#include "core/io/import.h"
#include "core/parallel/thread_pool.h"
#include "core/train/epoch_schedule.h"
#include "core/train/loss.h"
#include "core/train/mnist.h"
#include "core/train/network.h"

namespace convlab {
namespace {

constexpr int kExitOk = 0, kExitCannotTrain = 1, kExitUsage = 2;

const char* kTrainUsage =
    "usage: convlab train MODEL [--epochs E] [--batch B] [--optimizer NAME] [--lr X]\n"
    "                           [--seed S] [--threads T] [--data PATH] [--input-shape H,W,C] [--lang en|zh]\n"
    "  MODEL        Keras model JSON or Python code (- for stdin)\n"
    "  --epochs     passes over the 8,000 training digits (default 5)\n"
    "  --batch      examples per update (default 128)\n"
    "  --optimizer  sgd, adam, rmsprop, adadelta (Keras 2.3: lr 1.0) or adadelta-tf\n"
    "               (tf.keras: lr 0.001); default: the model's compile(), else adadelta\n"
    "  --lr         learning rate (default: the optimizer's Keras default)\n"
    "  --seed       weights, dropout and shuffling (default 1)\n"
    "  --threads    threads for the convolutions and dense products, 1 to 8 (default: every core,\n"
    "               up to 8); the results are the same, bit for bit, for any count\n"
    "  --data       the digits file from tools/make_mnist.mjs (default: the build's data/mnist.bin)\n"
    "  --input-shape  when the code leaves it undefined (default 28,28,1)\n"
    "  --lang       why a model cannot train, in English (the default) or Chinese\n";

int usage(const std::string& message) {
    std::fprintf(stderr, "convlab train: %s\n%s", message.c_str(), kTrainUsage);
    return kExitUsage;
}

bool parse_int(const std::string& s, int64_t lo, int64_t hi, int64_t* out) {
    if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    const int64_t v = std::stoll(s);
    if (v < lo || v > hi) return false;
    *out = v;
    return true;
}

bool parse_double(const std::string& s, double* out) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !(v > 0.0) || v > 1e6) return false;
    *out = v;
    return true;
}

bool parse_shape(const std::string& s, Shape* out) {
    std::vector<int64_t> dims;
    std::stringstream in(s);
    std::string part;
    while (std::getline(in, part, ',')) {
        int64_t v = 0;
        if (!parse_int(part, 1, 1 << 20, &v)) return false;
        dims.push_back(v);
    }
    if (dims.size() == 3) *out = Shape::image(dims[0], dims[1], dims[2]);
    else if (dims.size() == 1) *out = Shape::vector(dims[0]);
    else return false;
    return true;
}

bool read_text(const std::string& path, std::string* text) {
    std::ostringstream buf;
    if (path == "-") {
        buf << std::cin.rdbuf();
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) return false;
        buf << in.rdbuf();
    }
    *text = buf.str();
    return text->size() <= 16 * 1024 * 1024;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Accuracy of the network in inference mode on a whole set, batch by batch.
double evaluate(Network* net, const MnistSet& set, std::vector<float>* x, std::vector<int32_t>* labels) {
    int64_t correct = 0;
    for (int64_t at = 0; at < set.count; at += net->batch) {
        const int64_t n = std::min(net->batch, set.count - at);
        mnist_to_float(set, at, n, x->data());
        for (int64_t i = 0; i < n; ++i) (*labels)[size_t(i)] = set.labels[size_t(at + i)];
        network_forward(net, x->data(), n, false);
        correct += count_correct(network_probabilities(*net), labels->data(), n, net->classes);
    }
    return 100.0 * static_cast<double>(correct) / static_cast<double>(set.count);
}

}  // namespace

int run_train(int argc, char** argv) {
    std::string model_path, optimizer_name, data_path = CONVLAB_DEFAULT_MNIST_PATH;
    int64_t epochs = 5, batch = 128, seed = 1, threads = hardware_thread_count();
    double lr = 0.0;
    Shape input_shape = Shape::image(28, 28, 1);
    Lang lang = Lang::En;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= argc) return false;
            *out = argv[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            std::fputs(kTrainUsage, stdout);
            return kExitOk;
        } else if (a == "--epochs") {
            if (!value(&v) || !parse_int(v, 1, 1000, &epochs)) return usage("--epochs needs a whole number from 1 to 1000");
        } else if (a == "--batch") {
            if (!value(&v) || !parse_int(v, 1, 8192, &batch)) return usage("--batch needs a whole number from 1 to 8192");
        } else if (a == "--seed") {
            if (!value(&v) || !parse_int(v, 0, int64_t(1) << 40, &seed)) return usage("--seed needs a whole number");
        } else if (a == "--threads") {
            if (!value(&v) || !parse_int(v, 1, 8, &threads)) return usage("--threads needs a whole number from 1 to 8");
        } else if (a == "--lr") {
            if (!value(&v) || !parse_double(v, &lr)) return usage("--lr needs a positive number");
        } else if (a == "--optimizer") {
            if (!value(&optimizer_name)) return usage("--optimizer needs a name");
        } else if (a == "--data") {
            if (!value(&data_path)) return usage("--data needs a path");
        } else if (a == "--input-shape") {
            if (!value(&v) || !parse_shape(v, &input_shape)) return usage("--input-shape needs H,W,C such as 28,28,1");
        } else if (a == "--lang") {
            std::string error = "--lang needs en or zh";
            if (!value(&v) || !cli_parse_lang(v, &lang, &error)) return usage(error);
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return usage("unknown option '" + a + "'");
        } else if (model_path.empty()) {
            model_path = a;
        } else {
            return usage("only one MODEL, got '" + model_path + "' and '" + a + "'");
        }
    }
    if (model_path.empty()) return usage("no MODEL given");

    std::string text;
    if (!read_text(model_path, &text)) {
        std::fprintf(stderr, "convlab train: cannot read '%s'\n", model_path.c_str());
        return kExitUsage;
    }
    ImportResult imported = import_model_text(text, &input_shape);
    if (!imported.ok) {
        std::fprintf(stderr, "convlab train: %s\n", cli_import_error(lang, model_path, imported).c_str());
        return kExitCannotTrain;
    }
    // PyTorch code is read for its shapes and counts; its padding and ceil_mode are not in the trainer yet.
    if (imported.model.dialect == Dialect::PyTorch) {
        std::fprintf(stderr, "convlab train: '%s' is PyTorch code; ConvLab trains Keras models only (summary and explain read it)\n",
                     model_path.c_str());
        return kExitCannotTrain;
    }

    Result<OptimizerConfig> opt = optimizer_name.empty() ? optimizer_from_compile(imported.model.compile)
                                                         : optimizer_from_name(optimizer_name);
    if (!opt.ok()) return usage(cli_say(lang, opt.error, opt.message));
    if (lr > 0.0) opt.value.learning_rate = lr;

    NetworkOptions options;
    options.batch_size = batch;
    options.seed = static_cast<uint64_t>(seed);
    options.optimizer = opt.value;
    Network net;
    Status built = network_build(imported.model, options, &net);
    if (!built.ok()) {
        std::fprintf(stderr, "convlab train: %s\n", cli_say(lang, built.error, built.message).c_str());
        return kExitCannotTrain;
    }
    // The digits' 784 pixels, row by row, are any of these three shapes in memory.
    const Shape& in = net.summary.input;
    const bool digits = in == Shape::image(28, 28, 1) || in == Shape::sequence(28, 28) || in == Shape::vector(784);
    if (!digits || net.classes != 10) {
        const std::string why = fill_slots(tr_in(lang, Str::CliTrainWrongData),
                                           {net.summary.input.to_string(), std::to_string(net.classes)});
        std::fprintf(stderr, "convlab train: %s\n", why.c_str());
        return kExitCannotTrain;
    }

    Result<MnistSet> all = mnist_load_file(data_path);
    if (!all.ok()) {
        std::fprintf(stderr, "convlab train: %s\n", cli_say(lang, all.error, all.message).c_str());
        return kExitUsage;
    }
    const MnistSplit split = mnist_split(all.value, kMnistTrainCount);

    const int threads_used = set_thread_count(int(threads));
    std::printf("model: %s, %lld parameters; %s; batch %lld, seed %lld, %d thread%s\n", model_path.c_str(),
                static_cast<long long>(net.summary.total_params), optimizer_description(opt.value).c_str(),
                static_cast<long long>(batch), static_cast<long long>(seed), threads_used,
                threads_used == 1 ? "" : "s");
    std::printf("data: %lld training digits, %lld test digits; training memory %.1f MB\n",
                static_cast<long long>(split.train.count), static_cast<long long>(split.test.count),
                static_cast<double>(net.memory.total()) / (1024.0 * 1024.0));

    std::vector<float> x(size_t(batch * net.input_size));
    std::vector<int32_t> labels(static_cast<size_t>(batch));
    EpochSchedule schedule = epoch_schedule_start(split.train.count, static_cast<uint64_t>(seed));

    while (schedule.epoch < epochs) {
        const int64_t epoch = schedule.epoch + 1;
        const auto start = std::chrono::steady_clock::now();
        double loss_sum = 0.0;
        int64_t correct = 0;
        while (!schedule.evaluation_due) {
            const EpochBatch b = epoch_schedule_batch(&schedule, batch);
            for (int64_t i = 0; i < b.count; ++i) {
                const int64_t k = b.examples[i];
                mnist_to_float(split.train, k, 1, x.data() + i * net.input_size);
                labels[size_t(i)] = split.train.labels[size_t(k)];
            }
            StepStats stats;
            Status step = network_train_batch(&net, x.data(), labels.data(), b.count, &stats);
            if (!step.ok()) {
                const std::string why = fill_slots(tr_in(lang, Str::CliTrainEpochFailed),
                                                   {std::to_string(epoch), cli_say(lang, step.error, step.message)});
                std::fprintf(stderr, "convlab train: %s\n", why.c_str());
                return kExitCannotTrain;
            }
            loss_sum += stats.loss * static_cast<double>(b.count);
            correct += stats.correct;
            epoch_schedule_batch_done(&schedule, batch);
        }
        const double seconds = seconds_since(start);
        const double test_accuracy = evaluate(&net, split.test, &x, &labels);
        const double train_count = static_cast<double>(split.train.count);
        std::printf("epoch %lld/%lld  loss %.4f  train acc %.2f%%  test acc %.2f%%  %.0f examples/s (%.1f s)\n",
                    static_cast<long long>(epoch), static_cast<long long>(epochs), loss_sum / train_count,
                    100.0 * static_cast<double>(correct) / train_count, test_accuracy, train_count / seconds, seconds);
        std::fflush(stdout);
        epoch_schedule_evaluated(&schedule);
    }
    return kExitOk;
}

}  // namespace convlab
