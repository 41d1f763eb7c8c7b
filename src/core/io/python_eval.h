// python_eval.h: runs python_parser's tree over values: numbers, strings,
// tuples and lists, None and bools, names bound by assignment, imported module
// aliases, calls, and the code that builds real networks: `def` functions
// (called with positional, keyword and default arguments, returning values),
// `for` over range/enumerate/zip and lists, `while`, `if` on values known when
// the code runs, comparisons and boolean logic, subscripts, f-strings and
// str()/int(). Not a Python interpreter and not Keras-aware: what it cannot
// know (a data loader, a file) stays Unknown, a loop or branch over such a
// value runs Uncertain (names assigned there become Unknown), exception
// handlers never run, and what a call to a library's name gives is the host's
// business (PyHost: import_keras_python.cpp's Keras mapping plugs in there).
// With PyHost::classes, `class` statements make classes whose instances keep
// their own attributes (`self.conv1 = ...`), with __init__, methods, super()
// and inheritance from the script's own classes; without it a class body runs
// where it is written (the Keras mapping's way). Every run is bounded: steps,
// call depth, sizes, objects. Reference: the Python 3 data model for int
// (exact, floor division) and float arithmetic, and for classes (attribute
// lookup: the instance, then its class, then the bases depth first).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/io/python_parser.h"
#include "core/message/message.h"

namespace convlab {

// ---------------------------------------------------------------------------
// [SECTION] Values: what an expression evaluates to. Immutable and shared, so
// copying a variable costs the same however big its value is.
// ---------------------------------------------------------------------------

enum class PyValueKind : uint8_t {
    None, Bool, Int, Float, Str, Seq,
    Ref,      // a name the code never assigned (an imported module or class, or an undefined variable): s = dotted name
    Unknown,  // something ConvLab does not evaluate: why says what
    Call,     // a call the host did not take (an optimizer, a loss, a data loader): s = callee
    Object,   // something the host made (a layer, a model): see object_class
    Function, // a `def` of the script: object = its index in the evaluator's table; a method taken from an
              // instance is bound (b true, i = the instance), so calling it passes the instance as `self`
    // PyHost::classes only: a `class` of the script (object = its index, s = its name), and an object
    // made by calling one (object = its index, s = its class's name). super() is an Instance too, with
    // b true and i = the class whose bases its lookups start from.
    Class, Instance,
};

struct PyFailure {
    Message message;
    int line = 0, column = 0;
};

struct PyValue;
using PyItems = std::shared_ptr<const std::vector<PyValue>>;
using PyKeywords = std::shared_ptr<const std::vector<std::pair<std::string, PyValue>>>;

struct PyValue {
    PyValueKind kind = PyValueKind::Unknown;
    bool b = false;
    int64_t i = 0;
    double f = 0;
    std::string s;                       // Str, Ref, Call as above; Unknown: message_en(*why), whose length caps nesting
    std::shared_ptr<const Message> why;  // Unknown: why, as data
    PyItems items;                       // Seq: items; Call: positional arguments (null past kMaxValueWeight)
    PyKeywords keywords;                 // Call: keyword arguments in order (null past kMaxValueWeight)
    bool is_list = false;                // Seq: a list rather than a tuple
    int weight = 1, depth = 1;           // node count and nesting, both capped
    // Object: the host's own numbering of what it made (object_class) and its
    // index in the host's table (object); described_as is how a sentence names it.
    int object_class = -1, object = -1;
    MsgCode described_as = MsgCode::PyDescValue;
    int line = 0, column = 0;            // where it was written (for Unknown: where the problem is)
};

// Caps that keep hostile code cheap: `a = a + a` or `a = (a, a)` in a run of
// statements stops growing here (the value becomes Unknown).
constexpr int kMaxValueWeight = 1024;
constexpr int kMaxValueDepth = 32;
constexpr size_t kMaxStringValue = 4096;
// The longest dotted name, or reason carried from line to line, that is kept.
constexpr size_t kMaxReasonLength = 400;
// A run stops with a message naming the limit past this many statements and
// loop turns (`while True:`), or this many nested calls (recursion).
constexpr int64_t kMaxPythonSteps = 500000;
constexpr int kMaxCallDepth = 64;
// PyHost::classes: the most classes and objects of them one run makes (a
// ResNet-152 makes a few hundred modules).
constexpr int kMaxPythonClasses = 256;
constexpr int kMaxPythonInstances = 4096;

PyValue py_unknown(Message why, int line, int column);
PyValue py_none();
// A Python literal as written on a command line ("25", "0.5", "'relu'",
// "(28, 28, 1)", "None"): false when the text is not one.
bool py_literal(const std::string& text, PyValue* out);
// A tuple or list, or Unknown (PyTupleTooLarge) past the caps.
PyValue py_seq(std::vector<PyValue> items, bool is_list, int line, int column);
// A value as a sentence names it: literals as written, kinds as words.
Message py_describe(const PyValue& v);
// "keras.layers.Conv2D" -> "Conv2D".
std::string py_last_component(const std::string& dotted);

// ---------------------------------------------------------------------------
// [SECTION] Blocks: how the statement being run relates to the code around it.
// ---------------------------------------------------------------------------

// Skip: a branch known not to run (the channels_first one). Uncertain: a loop
// body, an except clause, or a branch of an `if` ConvLab cannot decide: names
// assigned there lose their value, and a host may refuse to act there.
enum class PyRunMode : uint8_t { Run, Skip, Uncertain };
struct PyBlockMode {
    PyRunMode mode = PyRunMode::Run;
    int line = 0;                  // of the block's header
    MsgCode what = MsgCode::Text;  // PyBlockIf, PyBlockFor, ...
};

// ---------------------------------------------------------------------------
// [SECTION] The host: what a library's mapping adds. Every member may be empty.
// ---------------------------------------------------------------------------

class PyEvaluator;

struct PyHost {
    // A call of a name the code never assigned, by the dotted path it resolves
    // to through imports (`keras.layers.Conv2D`, `Sequential`); call is the
    // Call node. True with *result set when the host knows the name; otherwise
    // the result is a Call value keeping the evaluated arguments.
    std::function<bool(PyEvaluator&, const std::string& callee, int call, PyValue* result)> call_name;
    // `object.method(...)` on an Object the host made. False: not the host's
    // (the result is Unknown, after evaluating the arguments).
    std::function<bool(PyEvaluator&, const PyValue& object, const std::string& method, int call, PyValue* result)>
        call_method;
    // `object(...)` on an Object the host made (a Keras layer applied to a
    // tensor). True with *result set when the host takes the call; otherwise
    // the result is Unknown.
    std::function<bool(PyEvaluator&, const PyValue& object, int call, PyValue* result)> call_object;
    // `a op b` (and `a op= b`) when either side is an Object the host made: x + y
    // between tensors. True with *result set when the host takes it.
    std::function<bool(PyEvaluator&, const std::string& op, const PyValue& a, const PyValue& b, const PyNode& at,
                       PyValue* result)>
        binary_object;
    // Whether a statement over tokens [begin, end) matters enough that it must
    // parse: if not, its error is the run's failure; any other statement that
    // does not parse is stepped over (an assignment's name becomes Unknown).
    std::function<bool(const std::vector<PyToken>& tokens, size_t begin, size_t end)> must_parse;
    // Decides a PyStringTest the evaluator does not (it decides
    // `__name__ == '__main__'` itself): 1 true, 0 false, -1 undecided.
    std::function<int(const PyStringTest&)> decide;
    // `object.name` on an Object the host made (x.shape, model.output). True
    // with *result set when the host knows it.
    std::function<bool(PyEvaluator&, const PyValue& object, const std::string& name, const PyNode& at, PyValue* result)>
        get_attribute;
    // `class Name(bases):` met: the host may refuse it (a subclassed keras.Model).
    std::function<void(PyEvaluator&, const PyClause& cls, const std::vector<std::string>& bases)> class_defined;
    // Whether the functions the script defines but never calls should still be
    // run, once, at the end (the host has found no model yet): true if empty.
    std::function<bool()> wants_uncalled;
    // `object.name = value` on an Object the host made (base.trainable = False).
    std::function<void(PyEvaluator&, const PyValue& object, const std::string& name, const PyValue& value)>
        set_attribute;
    // Whether `class` statements make classes (instances, methods, super()).
    // False: a class body runs where it is written, as it always has for Keras.
    bool classes = false;
    // `instance(...)` on an Instance of the script's classes (an nn.Module
    // called on a tensor runs its forward). False: its __call__ runs, if any.
    std::function<bool(PyEvaluator&, const PyValue& instance, int call, PyValue* result)> call_instance;
    // `instance.method(...)` for a method no class of the script defines
    // (`model.to(device)`, `model.eval()`, from a library's base class).
    std::function<bool(PyEvaluator&, const PyValue& instance, const std::string& method, int call, PyValue* result)>
        instance_method;
    // `for item in object:` over an Object the host made (an nn.Sequential or
    // nn.ModuleList iterated in forward()). True with *items a Seq of what it
    // holds; otherwise the loop runs Uncertain, as over any unknown value.
    std::function<bool(PyEvaluator&, const PyValue& object, PyValue* items)> iterate;
};

// ---------------------------------------------------------------------------
// [SECTION] The evaluator
// ---------------------------------------------------------------------------

class PyEvaluator {
public:
    PyEvaluator(const PyModule& module, PyHost host) : m_(module), host_(std::move(host)) {}

    // Runs the statements top to bottom, blocks as their PyBlockMode says;
    // stops at the first failure. A module runs once per evaluator.
    void run();
    bool failed() const { return failed_; }
    const PyFailure& failure() const { return failure_; }
    // A variable's value after run(), or null if the code never bound the name.
    const PyValue* variable(const std::string& dotted_name) const;
    // Before run(): name holds value for the whole run; the script's own
    // assignments to it are passed over (--set num_classes=25).
    void pin(const std::string& name, PyValue value);

    // For a host while a call runs:
    const PyNode& node(int n) const { return m_.nodes[size_t(n)]; }
    PyValue eval(int n);
    // Records a failure; the first one is kept and the run stops after it.
    void fail(Message message, int line, int column);
    // Fails with an Unknown's reason, at its place.
    void fail_with(const PyValue& unknown);
    // The block the statement being run is in, when ConvLab cannot tell
    // whether it runs; null otherwise.
    const PyBlockMode* uncertain_block() const { return uncertain_; }
    // Calls a function this evaluator's module defined, with values another
    // evaluator computed (keras.applications.ResNet50(...) in a learner's code
    // runs ConvLab's own ResNet50 source). False, with the failure recorded,
    // when it does not exist or fails.
    bool call_defined(const std::string& name, std::vector<PyValue> positional,
                      std::vector<std::pair<std::string, PyValue>> keywords, int line, int column, PyValue* result);

    // Classes and objects (PyHost::classes). Indices are PyValue::object of
    // Class and Instance values; attributes are in the order first assigned.
    int instance_count() const { return int(instances_.size()); }
    int instance_class(int instance) const { return instances_[size_t(instance)].cls; }
    const std::string& class_name(int cls) const { return classes_[size_t(cls)].name; }
    // The bases as written, evaluated: script classes are Class values,
    // library ones Refs (`torch.nn.Module` through `import torch.nn as nn`).
    const std::vector<PyValue>& class_bases(int cls) const { return classes_[size_t(cls)].bases; }
    const std::vector<std::pair<std::string, PyValue>>& instance_attributes(int instance) const {
        return instances_[size_t(instance)].attributes;
    }
    // The instance a Class or Instance value stands for: an Instance value with b false.
    PyValue instance_value(int instance) const;
    // Runs an instance's method (its class's or a base class's) with values,
    // or with the arguments of call node `call` (for PyHost::call_instance).
    // False when it has no such method, or the call failed (failure recorded).
    bool call_method(const PyValue& instance, const std::string& method, std::vector<PyValue> positional,
                     int line, int column, PyValue* result);
    bool call_method_at(const PyValue& instance, const std::string& method, int call, PyValue* result);
    // After run(): an instance of a Class value, its __init__ run with no
    // arguments (the host found the class a script defines but never makes).
    // Unknown, with the failure recorded, when that fails.
    PyValue new_instance(const PyValue& cls, int line, int column);
    // Sets an instance's attribute as `self.name = value` would (for a host's
    // nn.Module.add_module(name, module), whose name is a value, not written).
    void set_instance_attribute(const PyValue& instance, const std::string& name, const PyValue& value);

private:
    const PyModule& m_;
    PyHost host_;
    std::map<std::string, PyValue> vars_;
    std::map<std::string, PyValue> pinned_;
    const PyBlockMode* uncertain_ = nullptr;
    bool failed_ = false;
    PyFailure failure_;

    // Functions: each `def` met, its defaults evaluated where it was written.
    struct Function {
        const PyClause* def = nullptr;
        std::vector<PyValue> defaults;  // per parameter; Unknown kind with empty s where there is none
        bool top_level = false, called = false;
        int owner_class = -1;  // a method: the class whose body defined it
    };
    std::vector<Function> functions_;
    // Classes: each `class` met, its body's names (methods, class attributes)
    // kept as its namespace. Instances: their class and own attributes.
    struct ClassDef {
        std::string name;
        std::vector<PyValue> bases;
        std::map<std::string, PyValue> names;
    };
    struct Instance {
        int cls = -1;
        std::vector<std::pair<std::string, PyValue>> attributes;
    };
    std::vector<ClassDef> classes_;
    std::vector<Instance> instances_;
    int defining_class_ = -1;  // the class whose body is running: its defs are its methods
    // The methods running, innermost last: their class and `self`, for super().
    std::vector<std::pair<int, PyValue>> methods_;
    std::vector<std::map<std::string, PyValue>> frames_;  // the calls running, innermost last
    enum class Flow : uint8_t { Normal, Return, Break, Continue };
    Flow flow_ = Flow::Normal;
    PyValue return_value_;
    int64_t steps_ = 0;

    bool step(int line, int column);  // counts one step; false (failed) past kMaxPythonSteps
    std::map<std::string, PyValue>& scope() { return frames_.empty() ? vars_ : frames_.back(); }
    const PyValue* find_var(const std::string& path) const;
    void define_function(const PyStatement& s, const PyBlockMode& mode);
    PyValue call_function(const PyValue& f, int n);
    bool call_arguments(int n, std::vector<PyValue>* positional, std::vector<std::pair<std::string, PyValue>>* keywords,
                        std::vector<std::pair<int, int>>* where);
    void define_class(const PyStatement& s, const PyBlockMode& mode);
    bool class_member(int cls, const std::string& name, int depth, PyValue* out) const;
    bool member(const PyValue& base, const std::string& name, PyValue* out) const;
    void set_member(const PyValue& base, const std::string& name, const PyValue& value);
    PyValue call_value(const PyValue& f, int n);
    PyValue call_member(const PyValue& base, const std::string& name, int n);
    PyValue instantiate(const PyValue& cls, int n);
    PyValue make_super(int n);
    PyValue call_with(Function& f, std::vector<PyValue> positional, std::vector<std::pair<std::string, PyValue>> keywords,
                      std::vector<std::pair<int, int>> where, int line, int column);
    void run_for(const PyStatement& s, const PyBlockMode& mode);
    void run_while(const PyStatement& s, const PyBlockMode& mode);
    PyValue builtin(const std::string& name, int n, bool* taken);
    PyValue compare(const PyNode& x);
    PyValue subscript(const PyValue& base, const PyValue& index, const PyNode& at) const;

    void run_block(const std::vector<PyStatement>& body, const PyBlockMode& mode);
    void run_statement(const PyStatement& s, const PyBlockMode& mode);
    void run_if(const PyStatement& s, const PyBlockMode& mode);
    void run_simple(const PyStatement& s, const PyBlockMode& mode);
    int decide(const PyStringTest& test) const;
    void assign(int target, const PyValue& value, const PyBlockMode& mode);

    PyValue lookup(const std::string& path, const PyNode& at) const;
    PyValue eval_number(const PyNode& n) const;
    PyValue binary(const std::string& op, const PyValue& a, const PyValue& b, const PyNode& at) const;
    PyValue eval_call(int n);
    PyValue generic_call(const std::string& callee, int n);
};

}  // namespace convlab
