// status.h: errors as values. A Status is either ok or carries one message that
// names what is wrong and where (layer index and name, field, constraint), ready
// to show to a learner as it is. Not an exception type: the core never throws
// for control flow, so the UI and the CLI can show the message and keep going.
#pragma once
#include <string>
#include <utility>

#include "core/message/message.h"

namespace convlab {

struct Status {
    std::string error;  // empty means ok; English, as the CLI prints it
    Message message;    // the same as data, for the page to say in the learner's language
    bool ok() const { return error.empty(); }
    static Status success() { return {}; }
    // For sentences no learner should see (internal checks): kept verbatim.
    static Status fail(std::string text) { return fail(as_is(std::move(text))); }
    static Status fail(Message m) {
        Status s;
        s.error = message_en(m);
        s.message = std::move(m);
        return s;
    }
};

// A value or the reason there is none: a Status (error, message, ok()) that,
// when ok, carries the value.
template <class T>
struct Result : Status {
    T value{};
    static Result success(T v) { Result r; r.value = std::move(v); return r; }
    static Result fail(std::string text) { return fail(as_is(std::move(text))); }
    static Result fail(Message m) {
        Result r;
        static_cast<Status&>(r) = Status::fail(std::move(m));
        return r;
    }
};

}  // namespace convlab
