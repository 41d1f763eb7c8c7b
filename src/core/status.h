// status.h: errors as values. A Status is either ok or carries one message that
// names what is wrong and where (layer index and name, field, constraint), ready
// to show to a learner as it is. Not an exception type: the core never throws
// for control flow, so the UI and the CLI can show the message and keep going.
#pragma once
#include <string>
#include <utility>

namespace convlab {

struct Status {
    std::string error;  // empty means ok
    bool ok() const { return error.empty(); }
    static Status success() { return {}; }
    static Status fail(std::string message) { return Status{std::move(message)}; }
};

// A value or the reason there is none.
template <class T>
struct Result {
    T value{};
    std::string error;  // empty means value is valid
    bool ok() const { return error.empty(); }
    static Result success(T v) { Result r; r.value = std::move(v); return r; }
    static Result fail(std::string message) { Result r; r.error = std::move(message); return r; }
};

}  // namespace convlab
