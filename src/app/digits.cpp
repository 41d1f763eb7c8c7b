// digits.cpp: the fetch of mnist.bin through the platform's loads, and its
// one parse and split by the core. Nothing here reads a pixel.
#include "app/digits.h"

#include <vector>

#include "app/text/message_text.h"
#include "platform/platform.h"

void digits_request(Digits& d) {
    if (d.state == DigitsState::Loading || d.state == DigitsState::Ready) return;
    d.state = DigitsState::Loading;
    d.error.clear();
    d.received = d.total = 0;
    d.request = platform_fetch_begin("mnist.bin");
}

void digits_poll(Digits& d, Lang lang) {
    if (d.state != DigitsState::Loading) return;
    std::vector<uint8_t> bytes;
    const PlatformLoad l = platform_load_poll(d.request, &bytes);
    d.received = l.received;
    d.total = l.total;
    if (l.state == 0) return;
    d.request = 0;
    if (l.state < 0) {
        d.error = l.error;
        d.state = DigitsState::Failed;
        return;
    }
    convlab::Result<convlab::MnistSet> all = convlab::mnist_parse(bytes.data(), int64_t(bytes.size()));
    if (!all.ok()) {
        d.error = message_text(lang, all.message);
        d.state = DigitsState::Failed;
        return;
    }
    d.split = convlab::mnist_split(all.value, convlab::kMnistTrainCount);
    d.state = DigitsState::Ready;
}
