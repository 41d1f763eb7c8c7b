// message_codes.h: every sentence the core can say to a learner about text it
// cannot import, a model it cannot build, export or train, as a code and its English
// template. One X(Name, "English with {0}, {1} slots") per code; message.h makes
// the enum MsgCode from this list and message.cpp the English table, and the
// page's string table (src/app/text/strings_messages.cpp) has a row per code, in this
// order, with the same slots in English and Chinese. Codes whose template has no
// slot are phrases other messages embed ("a string", "a value").
//
// Append new codes at the end of their group; the string table follows this order.
#pragma once

// clang-format off
#define CONVLAB_MESSAGES(X) \
    X(Text, "{0}") \
    /* Pieces many sentences share. */ \
    X(Field, "{0}: {1}")                      /* a field (a Keras keyword) and what is wrong with it */ \
    X(Byte, "byte {0}")                       /* a byte that is not printable ASCII: "byte 0x1F", "byte 200" */ \
    /* json.cpp: the JSON reader. */ \
    X(JsonTooLong, "the text is {0} bytes; the limit is {1}") \
    X(JsonAfterEnd, "unexpected {0} after the end of the JSON value") \
    X(JsonUnexpectedEnd, "unexpected end of input: expected {0}") \
    X(JsonUnexpected, "unexpected {0}: expected {1}") \
    X(JsonWantValue, "a value") \
    X(JsonWantArrayNext, "',' or ']' after an array element") \
    X(JsonWantKey, "a string key in double quotes") \
    X(JsonWantColon, "':' after an object key") \
    X(JsonWantObjectNext, "',' or '}' after an object member") \
    X(JsonWantDigit, "a digit") \
    X(JsonWantDigitAfterPoint, "a digit after '.'") \
    X(JsonWantExponentDigit, "a digit in the exponent") \
    X(JsonTooManyValues, "more than {0} values") \
    X(JsonBadLiteral, "invalid literal: expected '{0}'") \
    X(JsonTooDeep, "arrays and objects nested deeper than {0} levels") \
    X(JsonEndInEscape, "unexpected end of input inside a \\u escape") \
    X(JsonEscapeHex, "a \\u escape needs four hex digits, got {0}") \
    X(JsonLoneLowSurrogate, "a \\u escape is a lone low surrogate") \
    X(JsonHighSurrogateAlone, "a \\u escape is a high surrogate without its low half") \
    X(JsonEndInString, "unexpected end of input inside a string") \
    X(JsonControlChar, "a string contains a raw control character ({0}); write it as an escape such as \\n") \
    X(JsonUnknownEscape, "unknown escape \\{0}") \
    X(JsonBadUtf8, "a string is not valid UTF-8 ({0})") \
    X(JsonLeadingZero, "a number cannot start with 0") \
    X(JsonNumberTooLong, "a number is longer than {0} characters") \
    X(JsonNumberTooLarge, "the number {0} is too large") \
    X(JsonNull, "null") \
    X(JsonArray, "an array") \
    X(JsonObject, "an object") \
    /* Where in a model a problem is. */ \
    X(Located, "{0}, {1}")                    /* {0} a Where* below, {1} the sentence */ \
    X(WhereLayer, "layer {0}") \
    X(WhereLayerClass, "layer {0} ({1})") \
    X(WhereLayerNamed, "layer {0} '{1}' ({2})") \
    /* analysis/: why a model cannot be built (problem.h). problem_message() puts the sentence after */ \
    /* its location: Located(WhereLayerNamed, Field(keyword, sentence)), or ProblemAtLayer without a field. */ \
    X(ProblemAtLayer, "{0}: {1}")             /* {0} a WhereLayerNamed, {1} the sentence */ \
    X(ProblemNoLayers, "the model has no layers") \
    X(ProblemNoInputShape, "the first layer has no input shape: give it input_shape=(H, W, C) or start with an InputLayer") \
    X(ProblemNotPositive, "must be at least {1}, but is {0}")  /* {0} the value, {1} the smallest allowed */ \
    /* {0}x{1} the kernel, {2}x{3} its reach with dilation, {4}x{5} the input, {6} ProblemKernel or ProblemPoolingWindow. */ \
    X(ProblemKernelLargerThanInput, "the {0}×{1} {6} is larger than its {4}×{5} input (padding='valid')") \
    X(ProblemKernelReachLargerThanInput, "the {0}×{1} {6} reaches {2}×{3} with its dilation, larger than its {4}×{5} input (padding='valid')") \
    X(ProblemKernel, "kernel") \
    X(ProblemPoolingWindow, "pooling window") \
    X(ProblemStridesWithDilation, "strides {0} cannot be combined with dilation_rate {1}: Keras supports strides > 1 only when dilation_rate is 1") \
    X(ProblemNeedsImageInput, "{0} needs an image input (None, H, W, C), but its input is {1}") \
    X(ProblemNeedsSequenceInput, "{0} needs a sequence input (None, steps, C), but its input is {1}") \
    X(ProblemNeedsVectorInput, "{0} needs a vector input (None, F), but its input is {1}")  /* for layers that take only (F) */ \
    X(ProblemRateOutOfRange, "the dropout rate must be at least 0 and below 1, but is {0}") \
    X(ProblemTooLarge, "the {0} {1} is larger than ConvLab's limit of {2}") \
    X(ProblemInputLayerNotFirst, "an InputLayer can only be the first layer") \
    X(ProblemBadInputShape, "the input shape {0} is not (H, W, C), (steps, F) or (F) with every size at least 1") \
    /* What ProblemTooLarge says is too large: {0} one of these, {1} its value or its factors. */ \
    X(ProblemFieldValue, "{0} value")         /* {0} a field's keyword: "kernel_size value" */ \
    X(ProblemOutputSize, "output size") \
    X(ProblemKernelReach, "kernel reach") \
    X(ProblemParameterCount, "parameter count") \
    X(ProblemMultiplyAddCount, "multiply-add count") \
    X(ProblemFlattenedSize, "flattened size") \
    X(ProblemOutputChannelCount, "output channel count") \
    X(ProblemIntermediateChannelCount, "intermediate channel count") \
    X(ProblemPaddedHeight, "padded height") \
    X(ProblemPaddedWidth, "padded width") \
    X(ProblemModelTotalCount, "model's total count") \
    X(ProblemAfterThisLayer, "after this layer")  /* {1} of ProblemModelTotalCount: the sum itself is not formed */ \
    /* merge.cpp and model_graph.cpp: Functional models. {0} of the merge codes is the class name. */ \
    X(ProblemMergeNeedsTwo, "{0} needs at least 2 inputs, but it is called on {1}") \
    X(ProblemMergeNeedsExactlyTwo, "{0} needs exactly 2 inputs, but it is called on {1}") \
    X(ProblemMergeShapes, "{0} needs equal shapes (a size of 1 may stretch to the other's): {1} gives {2}, {3} gives {4}") \
    X(ProblemConcatAxis, "axis {0} is not an axis along which inputs {1} can be joined: it must be 1 to {2}, or -1 to -{2} (axis 0 is the batch)") \
    X(ProblemConcatShapes, "Concatenate joins along axis {0}, so every other size must be equal: {1} gives {2}, {3} gives {4}") \
    X(ProblemGraphNoInputs, "the model has no inputs") \
    X(ProblemGraphNoOutputs, "the model has no outputs") \
    X(ProblemGraphInputNotInputLayer, "the model's input '{0}' is a {1}, not an InputLayer") \
    X(ProblemGraphInputCalled, "an InputLayer is not called on anything, but '{0}' is") \
    X(ProblemGraphOutputIsInput, "the model's output '{0}' is one of its inputs, with no layer between them") \
    X(ProblemGraphDisconnected, "Graph disconnected: this layer needs '{0}', which is not one of the model's inputs ({1})") \
    X(ProblemGraphCycle, "the layers form a cycle: {0}") \
    X(ProblemGraphNotCalled, "the model uses this layer's output, but the layer is never called on an input") \
    X(ProblemGraphOneInput, "{0} takes one input, but call {1} gives it {2}") \
    X(ProblemGraphSharedWeights, "a layer called more than once shares its weights, but call 1 needs {0} parameters and call {1} needs {2}") \
    X(ProblemGraphTooDeep, "the graph is more than {0} layers deep") \
    X(WarnLayerUnused, "'{0}' is not on any path from the inputs to the outputs: like Keras, ConvLab leaves it out of the model") \
    X(ProblemReshapeRank, "target_shape {0} has {1} sizes; ConvLab takes (H, W, C) images, (steps, F) sequences and (F) vectors") \
    X(ProblemReshapeTwoUnknown, "target_shape {0} has more than one -1; Keras can infer only one size") \
    X(ProblemReshapeCount, "target_shape {0} cannot hold the {2} values of its input {1}") \
    X(ProblemCroppedAway, "cropping {0} rows and {1} columns leaves nothing of its {2}×{3} input") \
    X(ProblemOutputPaddingBelowStrides, "output_padding {0} must be smaller than strides {1} in each direction, as Keras requires") \
    X(ProblemTransposeNoOutput, "the output would be {0}×{1}: with padding='same', output_padding and this kernel, nothing is left") \
    X(ProblemPermuteDims, "dims {0} must name each of the input's {1} axes once, counting from 1 (axis 0 is the batch); its input is {2}") \
    X(ProblemNestedEmpty, "this layer stands for a model, but holds none") \
    X(ProblemNestedEnds, "ConvLab reads a model used as a layer when it has one input and one output; this one has {0} inputs and {1} outputs") \
    X(ProblemNestedInputShape, "this model takes {0}, but it is called on {1}") \
    X(ProblemInNested, "inside this model: {0}") \
    X(ProblemNormalizationAxis, "axis {0} is not one ConvLab reads for Normalization: -1 (a mean and variance per channel) or None (one for everything)") \
    /* import_keras_json.cpp: Keras model JSON. {0} of a Kj*Got is the value as written, or a Json* kind. */ \
    X(ImportEmpty, "the text is empty: paste Keras code or a model's JSON") \
    X(ImportTooLarge, "this text is larger than 64 MB, the most ConvLab reads as a model") \
    X(ImportLayerNotInPage, "layer {0} '{1}' ({2}) {3}: ConvLab's summary and CLI read it, but the page does not edit it yet; `convlab summary` prints this model") \
    X(NotInPageKind, "is a kind of layer the page's editor does not offer") \
    X(NotInPageKeepdims, "keeps its axes (keepdims=True)") \
    X(NotInPageSequence, "takes a (steps, features) input") \
    X(NotInPageFrozen, "is frozen (trainable=False)") \
    X(NotInPageSetting, "has a setting its kind does not use, which the page does not keep") \
    X(ImportFunctionalInPage, "this is a Functional model (a graph of {0} layers); the page edits Sequential models so far, and `convlab summary` prints this one's summary with \"Connected to\"") \
    X(JsonSyntax, "JSON: {0}") \
    X(JsonSyntaxQuoted, "JSON (inside the quoted string): {0}") \
    X(InQuotedString, "{0} (positions are inside the quoted string)") \
    X(KjWantWhole, "expected a whole number, got {0}") \
    X(KjOverLimit, "{0} is larger than the limit {1}") \
    X(KjBelowMin, "{0} is less than {1}") \
    X(KjWantPair, "expected a number or [height, width], got {0}") \
    X(KjWantPairItems, "expected a number or [height, width], got {0} of {1} items") \
    X(KjWantSize, "expected a number or [size], got {0}") \
    X(KjWantZeroPadding, "expected a number, [rows, columns] or [[top, bottom], [left, right]], got {0}") \
    X(KjWantBool, "expected true or false, got {0}") \
    X(KjWantNumber, "expected a number, got {0}") \
    X(KjWantShapeList, "expected a list of sizes, got {0}") \
    X(KjShapeRank, "ConvLab takes (height, width, channels) images, (steps, features) sequences or (features) vectors; this shape has {0} sizes after the batch axis") \
    X(KjBatchSize, "the batch size must be null or a number, got {0}") \
    X(KjSizeNone, "size {0} is None: ConvLab needs every size except the batch to be known") \
    X(KjDataFormat, "ConvLab works in channels_last (height, width, channels) like Keras's default; this layer says {0}") \
    X(KjGroups, "ConvLab supports groups=1 only; this layer says {0}") \
    X(KjAxis, "ConvLab normalizes the channels axis only (-1 or 3); this layer says {0}") \
    X(KjNormalizationAxis, "ConvLab reads Normalization with axis -1 (per channel) or null (axis=None); this layer says {0}") \
    X(KjNormalizationGiven, "ConvLab reads a Normalization whose mean and variance come from adapt() (null here); values written into the config are not read yet") \
    X(KjNoiseShape, "ConvLab supports noise_shape=None only; this layer says {0}") \
    X(KjWantPadding, "expected \"valid\" or \"same\", got {0}") \
    X(KjUnknownActivation, "{0} is not one ConvLab knows ({1})") \
    X(KjWantString, "expected a string, got {0}") \
    X(KjNameTooLong, "longer than {0} bytes") \
    X(KjNameControl, "contains a control character") \
    X(KjWantLayerObject, "expected an object {\"class_name\": ..., \"config\": {...}}, got {0}") \
    X(KjMissing, "missing") \
    X(KjUnknownLayer, "{0} is not a layer ConvLab supports (it supports {1})") \
    X(KjWantObject, "expected an object, got {0}") \
    X(KjInputLayerNoShape, "missing (an InputLayer needs its shape)") \
    X(KjWantModel, "expected a Keras model object {\"class_name\": \"Sequential\", ...}, got {0}") \
    X(KjNoClassName, "no \"class_name\": this does not look like a Keras model's JSON") \
    X(KjNotSequential, "ConvLab imports Sequential and Functional models; class_name is {0}") \
    X(KjNoConfig, "the model has no \"config\"") \
    X(KjNoLayersKey, "the model's config has no \"layers\"") \
    X(KjWantConfig, "expected an object or a list of layers, got {0}") \
    X(KjWantLayerList, "expected a list of layers, got {0}") \
    X(KjNoLayers, "the model has no layers") \
    X(KjTooManyLayers, "the model has {0} layers; ConvLab shows at most {1}") \
    X(KjNoInputShape, "the model never says its input shape: the first layer has no batch_input_shape and there is no InputLayer") \
    X(KjWantTensorRef, "expected a tensor [layer name, node index, tensor index] (or Keras 3's __keras_tensor__), got {0}") \
    X(KjUnknownLayerRef, "'{0}' is not the name of a layer of this model") \
    X(KjDuplicateName, "the name '{0}' is already layer {1}'s: layer names must be unique") \
    X(KjNoSuchCall, "'{0}' is called {1} time(s), so it has no node {2}") \
    X(KjTensorIndex, "'{0}' has one output, so it has no tensor {1}") \
    X(KjWantCallList, "expected a list of calls (inbound_nodes), got {0}") \
    X(KjWantInboundList, "expected the list of tensors one call receives, got {0}") \
    X(KjNestedTooDeep, "models are nested here more than {0} deep, ConvLab's limit (keras.applications nest one deep)") \
    X(KjTooManyCalls, "the layer is called {0} times; ConvLab reads at most {1}") \
    X(KjWantInterpolation, "expected \"nearest\" or \"bilinear\", got {0}") \
    /* model_file.cpp: ConvLab's own model file. */ \
    X(FileNotConvlab, "this is not a ConvLab model file: it has no \"format\": \"convlab-model\"") \
    X(FileVersion, "this ConvLab model file has a version this page cannot read (it reads version 1)") \
    X(FileNoModel, "the ConvLab model file has no \"model\" text") \
    X(FileBadModel, "the model in the file cannot be read: {0}") \
    X(FileWeightsNotText, "the ConvLab model file's \"weights\" is not base64 text") \
    /* model_url.cpp: the model code in a link or a model file. */ \
    X(UrlPrefix, "model link: {0}") \
    X(UrlWhereLayer, "layer {0}: {1}") \
    X(UrlWhereCompile, "compile settings: {0}") \
    X(UrlTooLong, "it is {0} characters long; the limit is {1}") \
    X(UrlNotLink, "not a ConvLab model link (it should start with \"v1.\" or \"v2.\")") \
    X(UrlVersion, "version \"{0}\" is not one this ConvLab reads (it reads v1 and v2)") \
    X(UrlBadChar, "character {0} ({1}) is not part of a model link") \
    X(UrlBadEnd, "the link's last character is not one ConvLab writes (was the link cut or changed?)") \
    X(UrlTooManyLayers, "it has {0} layers; ConvLab shows at most {1}") \
    X(UrlTrailing, "{0} unexpected bytes after the model") \
    X(UrlCut, "the link is cut short") \
    X(UrlNestedTooDeep, "its models are nested more than {0} deep") \
    X(UrlNumberTooLarge, "a number is too large") \
    X(UrlNumberPadded, "a number is written with extra bytes") \
    X(UrlOutOfRange, "{0} {1} is out of range (at most {2} in size)") \
    X(UrlNotFlag, "{0} is {1}, not 0 or 1") \
    X(UrlNotFinite, "{0} is not a finite number") \
    X(UrlUnknownWord, "{0} names word {1}, which this version of ConvLab does not have") \
    X(UrlFieldOptArgName, "optimizer argument name") \
    X(UrlFieldOptArg, "optimizer argument") \
    X(UrlStringTooLong, "{0} is longer than {1} bytes") \
    X(UrlNotUtf8, "{0} is not valid UTF-8") \
    X(UrlControlChar, "{0} contains a control character") \
    X(UrlBadKind, "kind {0} is not a layer kind") \
    X(UrlUnknownField, "names a field this version of ConvLab does not have") \
    X(UrlBadPadding, "padding {0} is not valid or same") \
    X(UrlBadActivation, "activation {0} is not an activation") \
    X(UrlShapeRank, "the input shape has {0} sizes, not 1 or 3") \
    X(UrlCompileFlag, "the compile flag is {0}, not 0 or 1") \
    X(UrlTooManyArgs, "the optimizer has {0} arguments; at most {1}") \
    /* export_code.cpp: why PyTorch code cannot be written. */ \
    X(ExportAtLayer, "layer {0} '{1}' ({2}): {3}") \
    X(ExportGraphToPytorch, "PyTorch's nn.Sequential is a chain and this Functional model is a graph; ConvLab does not write it as an nn.Module yet") \
    X(ExportNoTorchModule, "PyTorch has no module that does exactly what this layer does with these arguments") \
    X(ExportSamePooling, "'same' average pooling that pads one side more with stride 1 has no exact PyTorch equivalent (AvgPool2d pads both sides alike)") \
    X(ExportDenseOnImage, "Dense on an (H, W, C) input acts on the channel axis in Keras; nn.Linear would act on W in PyTorch's (N, C, H, W): add a Flatten first") \
    X(ExportBatchNormAffine, "PyTorch's BatchNorm has both gamma and beta (affine=True) or neither; center and scale must agree") \
    /* train/network.cpp: why a model cannot be trained. Sizes are "12.3 MB". */ \
    X(TrainNoLayers, "the model has no layers to train") \
    X(TrainGraphEnds, "ConvLab trains a model with one input (the digits) and one output (their classes); this one has {0} inputs and {1} outputs") \
    X(TrainMergeBroadcast, "'{0}' merges inputs of different shapes (a size of 1 stretched); ConvLab trains merges of equal shapes only") \
    X(TrainBatchSize, "the batch size must be at least 1") \
    X(TrainLoss, "ConvLab trains with categorical cross-entropy only; the model is compiled with loss '{0}'") \
    X(TrainLastLayer, "the last layer '{0}' must give class probabilities: a Dense (or Activation) layer with activation='softmax' and a (None, K) output, for categorical cross-entropy") \
    X(TrainMemory, "training this model at batch size {0} needs {1} (weights {2}, gradients {3}, optimizer slots {4}, activations {5}), more than the budget of {6}: use a smaller batch size, fewer filters or units, or more pooling") \
    /* train/mnist.cpp: the digits file the page downloads (load_file is CLI only). */ \
    X(MnistShort, "the digits file is {0} bytes, shorter than its 12-byte header") \
    X(MnistMagic, "the digits file does not start with \"CLMN\": it is not made by tools/make_mnist.mjs") \
    X(MnistVersion, "the digits file has version {0}; ConvLab reads version 1") \
    X(MnistCount, "the digits file says it holds {0} digits; expected 1 to {1}") \
    X(MnistSize, "the digits file is {0} bytes; {1} digits need exactly {2}") \
    X(MnistLabel, "digit {0} in the digits file has label {1}; labels are 0 to 9") \
    /* python_lexer.cpp: Python source that is not even tokens. */ \
    X(PyTooLong, "the code is longer than {0} bytes") \
    X(PyNeverClosed, "'{0}' is never closed") \
    X(PyStrayBackslash, "a backslash outside a string must end its line") \
    X(PyTripleStringOpen, "this triple-quoted string is never closed") \
    X(PyStringOpen, "this string is never closed") \
    X(PyStringOpenOnLine, "this string is never closed on its line") \
    X(PyTooDeep, "brackets nest deeper than {0} levels") \
    X(PyIndentTooDeep, "blocks are indented deeper than {0} levels") \
    X(PyCloseUnopened, "'{0}' closes a bracket that was never opened") \
    X(PyMismatch, "'{0}' does not match '{1}' opened at line {2}, column {3}") \
    X(PyBadChar, "'{0}' is not allowed here in Python") \
    X(PyBadByte, "the byte {0} is not allowed here in Python") \
    X(PyAt, "line {0}, column {1}: {2}")      /* the CLI's position prefix; the page shows its own */ \
    /* import_keras_python.cpp: the parser. */ \
    X(PyNestedTooDeep, "the expression is nested too deeply") \
    X(PyWantElse, "expected 'else' in this conditional expression") \
    X(PyWantNameAfterDot, "expected a name after '.'") \
    X(PyBracketNotClosed, "this '{0}' is not closed in the statement") \
    X(PyWantCommaParen, "expected ',' or ')' in this call") \
    X(PyWantCommaOr, "expected ',' or '{0}'") \
    X(PyWantValue, "expected a value here") \
    X(PyCannotStart, "'{0}' cannot start a value") \
    X(PyUnexpectedHere, "unexpected '{0}' here") \
    /* What ConvLab skips without evaluating: {0} of PyNoEval. */ \
    X(PyNoEval, "ConvLab does not evaluate {0}") \
    X(PyOpLambda, "a lambda") \
    X(PyOpYield, "a yield or await") \
    X(PyOpConditional, "a conditional expression (`a if c else b`)") \
    X(PyOpWalrus, "an assignment expression (`:=`)") \
    X(PyOpBoolean, "a boolean expression") \
    X(PyOpComparison, "a comparison") \
    X(PyOpSubscript, "a slice inside a tuple index (`x[1:, 0]`)") \
    X(PyOpFString, "an f-string with a format spec or conversion (`{x:.2f}`, `{x!r}`)") \
    X(PyOpArgUnpack, "argument unpacking (`*args`, `**kwargs`)") \
    X(PyOpUnpack, "unpacking (`*x`)") \
    X(PyOpComprehension, "a comprehension") \
    X(PyOpDict, "a dict or set") \
    X(PyOpEllipsis, "an ellipsis") \
    X(PyOpGenerator, "a generator expression") \
    /* Blocks whose statements may or may not run: {1} of PyAssignedInBlock and PyUncertain*. */ \
    X(PyBlockFor, "`for` loop") \
    X(PyBlockWhile, "`while` loop") \
    X(PyBlockExcept, "`except` clause") \
    X(PyBlockMatch, "`match` or unpaired clause") \
    X(PyBlockIf, "`if`") \
    /* Values as a sentence names them (describe). */ \
    X(PyDescFloat, "a float") \
    X(PyDescString, "the string '{0}'") \
    X(PyDescList, "a list") \
    X(PyDescTuple, "a tuple") \
    X(PyDescUnknown, "a value ConvLab cannot evaluate") \
    X(PyDescCall, "the result of `{0}(...)`") \
    X(PyDescLayer, "a layer") \
    X(PyDescModel, "a model") \
    X(PyDescTensor, "a tensor") \
    X(PyDescNothing, "nothing") \
    X(PyDescFunction, "a function") \
    X(PyDescValue, "a value") \
    /* The interpreter. */ \
    X(PyCannotRead, "ConvLab cannot read this line: {0}") \
    X(PyStepLimit, "the code runs more than {0} steps, ConvLab's limit for model code: is there a loop that never ends, such as `while True:`?") \
    X(PyCallDepth, "functions call each other more than {0} deep, ConvLab's limit: is there a recursion that never ends?") \
    X(PyFunctionArgs, "{0}() takes no {1} here") \
    X(PyFunctionMissing, "{0}() is called without its argument '{1}', which has no default") \
    X(PyNoEvalTruth, "ConvLab cannot tell whether {0} is true") \
    X(PyNoEvalFormat, "an f-string puts {0} into text, which ConvLab does not format") \
    X(PyIndexRange, "index {0} is out of range for {1} items") \
    X(PyNoEvalIndex, "ConvLab does not index {0} with {1}") \
    X(PyBuiltinArgs, "{0}() is called with arguments ConvLab does not evaluate") \
    X(PyInApplication, "in ConvLab's keras.applications.{0}: {1}") \
    X(PyDuplicateName, "the name '{0}' is already the name of the layer made at line {1}; Keras requires every layer of a model to have its own name") \
    X(PySettingValue, "--set {0}={1}: the value is not a Python literal ConvLab reads (a number, a string, None or a tuple of them)") \
    X(PySubclassedModel, "class {0} subclasses keras.Model and builds its layers in call(), which ConvLab does not run; write it as Functional code (inputs = keras.Input(...), x = layers.Conv2D(...)(inputs), ..., keras.Model(inputs, outputs)) or as a Sequential") \
    X(PyTupleTooLarge, "this tuple or list is larger than ConvLab evaluates") \
    X(PyNoUnpacking, "ConvLab does not evaluate unpacking {0}") \
    X(PyAssignedInBlock, "`{0}` is assigned inside the {1} at line {2}, and ConvLab cannot tell whether that runs") \
    X(PyComesFrom, "`{0}` comes from line {1}, where {2}") \
    X(PyComplex, "ConvLab does not evaluate complex numbers") \
    X(PyBadNumber, "`{0}` is not a valid number") \
    X(PyNumberRange, "the number {0} is out of range") \
    X(PyIntTooLarge, "the number {0} is too large (ConvLab reads integers up to 2^63 - 1)") \
    X(PyNoEvalOpHere, "ConvLab does not evaluate `{0}` here") \
    X(PyIntOverflow, "`{0}` gives a result that is not an integer ConvLab can hold (too large, or a division by zero)") \
    X(PyNoEvalThisOp, "ConvLab does not evaluate this `{0}`") \
    X(PyFloatRange, "`{0}` gives a number out of range") \
    X(PyNoEvalBetween, "ConvLab does not evaluate `{0}` between {1} and {2}") \
    X(PyLongString, "ConvLab does not keep strings longer than {0} characters") \
    X(PyNoEvalAttr, "ConvLab does not evaluate `.{0}` of {1}") \
    X(PyNoEvalOf, "ConvLab does not evaluate `{0}` of {1}") \
    X(PyNoEvalModelMethod, "ConvLab does not evaluate `.{0}(...)` of a model") \
    X(PyNoEvalCall, "ConvLab does not evaluate the result of this call") \
    X(PyUncertainIf, "{0} is inside the {1} at line {2}, whose condition ConvLab cannot decide (it decides only K.image_data_format() and __name__ tests), so it cannot tell which layers the model gets; write them out one by one") \
    X(PyUncertainLoop, "{0} is inside the {1} at line {2}, and ConvLab does not run loops or exception handlers, so it cannot tell which layers the model gets; write them out one by one") \
    X(PyUndefined, "`{0}` is used but never defined in this code") \
    X(PyNotALayer, "`{0}` is not a layer ConvLab knows; it knows {1}") \
    X(PyUnknownCall, "ConvLab cannot tell what `{0}(...)` returns; write the layer itself in {1}") \
    X(PyNeedsLayer, "{0} needs a layer, not {1}") \
    X(PyTooManyLayers, "the model has more than {0} layers") \
    X(PySeqUnpacking, "Sequential(...) with argument unpacking is something ConvLab does not evaluate") \
    X(PySeqArg, "Sequential has no argument `{0}` that ConvLab knows") \
    X(PySeqList, "Sequential(...) takes a list of layers, not {0}") \
    X(PyAddOne, "model.add(...) takes exactly one layer") \
    /* A layer's arguments. {0} of PyMust* is the Keras keyword. */ \
    X(PyNot, "{0}, not {1}") \
    X(PyMustInt, "{0} must be an integer") \
    X(PyMustPair, "{0} must be an integer or a tuple of 2 integers") \
    X(PyMustNumber, "{0} must be a number") \
    X(PyMustBool, "{0} must be True or False") \
    X(PyMustActivationName, "activation must be a name such as 'relu'") \
    X(PyUnknownActivation, "activation '{0}' is not one ConvLab knows; it knows relu, sigmoid, tanh, softmax and linear") \
    X(PyMustZeroPadding, "padding must be an integer, (rows, cols) or ((top, bottom), (left, right))") \
    X(PyShapeUnknown, "{0}, so the model's input shape is unknown: give it, e.g. --input-shape 28,28,1") \
    X(PyMustShapeTuple, "the input shape must be a tuple such as (28, 28, 1)") \
    X(PyNoneDim, "ConvLab needs every dimension of the input shape; None leaves one open") \
    X(PyMustDimInt, "an input dimension must be an integer") \
    X(PyShapeRank, "the input shape has {0} dimensions; ConvLab takes (height, width, channels), (steps, features) or (features,)") \
    X(PyArgUnpacking, "argument unpacking (`*args`, `**kwargs`) is something ConvLab does not evaluate") \
    X(PyTooManyPositional, "takes at most {0} positional arguments ({1}); pass the others by keyword") \
    X(PyUnknownArg, "`{0}` is not an argument ConvLab knows (it would not know what it does to the shapes)") \
    X(PyTwoValues, "got two values for `{0}`") \
    X(PyMustPadding, "padding must be 'valid' or 'same'") \
    X(PyMustTargetShape, "{0} must be a tuple of one to three integers, such as (1, 1, 64) or (-1,)") \
    X(PyMustInterpolation, "interpolation must be 'nearest' or 'bilinear'") \
    X(PyMustSharedAxes, "shared_axes must be None or a list of axes from 1 to 3, such as [1, 2]") \
    X(PyBadPadding, "padding '{0}' is not supported; ConvLab takes 'valid' or 'same'") \
    X(PyMustName, "name must be a string") \
    X(PyChannelsFirst, "data_format='channels_first' is not supported: ConvLab works in channels_last (NHWC), Keras's default") \
    X(PyMustDataFormat, "data_format must be 'channels_last' or None") \
    X(PyGroups, "ConvLab supports only groups=1") \
    X(PyAxis, "ConvLab normalizes only the last axis: axis must be -1 (or 3)") \
    X(PyNoiseShape, "ConvLab supports only noise_shape=None") \
    X(PyNeeds, "needs `{0}`") \
    /* The whole script. */ \
    X(PyNoModel, "no Sequential model found: ConvLab reads `model = Sequential()` followed by `model.add(...)`, or `Sequential([...])`") \
    X(PyNoModelFunctional, "no model found: this code calls layers on tensors, but no `keras.Model(inputs, outputs)` joins them into a model") \
    X(PyCallNeedsTensor, "a layer is called on a tensor (keras.Input(...) or a layer's output) or a list of them, not {0}") \
    X(PyInputNotLayer, "keras.Input(...) makes a tensor to call layers on; it is not itself called") \
    X(PyTensorNotCallable, "a tensor is not called: call a layer on it, as in layers.Dense(10)(x)") \
    X(PyModelNeedsEnds, "keras.Model(...) needs its inputs and outputs: keras.Model(inputs, outputs), each a tensor or a list of tensors") \
    X(PyTensorOperator, "ConvLab reads +, - and * between two tensors (as Add, Subtract and Multiply layers), and +, -, * and / between a tensor and a number other than a division by the tensor or by 0 (as TFOpLambda layers); this is `{0}`") \
    X(PyNoLayers, "this Sequential model gets no layers") \
    X(PySecondModel, "this is a second Sequential model with layers (the first is at line {0}); ConvLab imports one model at a time") \
    X(PyNoInputShape, "the model never says its input shape (no keras.Input(shape=...) and no input_shape= on its first layer): give it, e.g. --input-shape 28,28,1") \
    /* graph_edit.cpp: the page's edits of a graph. */ \
    X(GraphEditNoLayer, "there is no layer {0}") \
    X(GraphEditInputOnlyFirst, "an InputLayer starts a model; it is not put after another layer") \
    X(GraphEditRemoveInput, "the InputLayer is where the model begins; it cannot be removed") \
    X(GraphEditRemoveLast, "removing it would leave no layer between the input and the output") \
    X(GraphEditProjectionNotImage, "a 1×1 Conv2D cannot turn {0} into {1}: both must be (height, width, channels)") \
    X(GraphEditProjectionStride, "a 1×1 Conv2D cannot bring {0} to {1}: its stride would be {0} ÷ {1}, not a whole number") \
    X(GraphEditSkipSame, "a skip connection joins two different layers") \
    X(GraphEditSkipCycle, "layer {0} is computed from layer {1}, so joining them would feed the merge its own output; pick a shortcut from before layer {1}") \
    X(GraphEditMoveUp, "this layer is not in a chain with the one before it (a merge or a branch is there), so it cannot move up") \
    X(GraphEditMoveDown, "this layer is not in a chain with the one after it (a merge or a branch is there), so it cannot move down") \
    X(GraphEditNoEdge, "layer {1} does not read layer {0}, so there is no edge between them to put a layer on") \
    /* python_eval.cpp: classes (PyHost::classes, the PyTorch mapping). */ \
    X(PyDescClass, "the class {0}") \
    X(PyDescInstance, "a {0} object") \
    X(PyTooManyClasses, "the code defines more than {0} classes, ConvLab's limit") \
    X(PyTooManyInstances, "the code makes more than {0} objects of its own classes, ConvLab's limit") \
    /* import_torch_python.cpp: PyTorch code. */ \
    X(TorchNoModel, "no PyTorch model found: the code makes no object of an nn.Module class and no nn.Sequential; add a line that makes one after the class, such as `model = Net()`") \
    X(TorchNoInputSize, "the code never says its input size (no summary(model, input_size=(N, C, H, W)), no summary(model, (C, H, W)), no model(torch.randn(N, C, H, W))): give it, e.g. --input-size 1,1,28,28") \
    X(TorchNotYet, "{0} is not something ConvLab reads in PyTorch code yet") \
    X(TorchArgument, "{0}: {1} must be {2}") \
    X(TorchUnknownArgument, "{0} takes no argument {1}") \
    X(TorchMissingArgument, "{0} needs its argument {1}") \
    X(TorchLinearInFeatures, "{0} (Linear) has in_features={1}, but each example reaching it has {2} features: {3}; write nn.Linear({2}, {4})") \
    X(TorchFlattenedFrom, "{0} = {1} × {2} × {3}, the channels × height × width that {4} give, flattened") \
    X(TorchFeaturesFrom, "the features that {0} give") \
    X(TorchInChannels, "{0} ({1}) has {2}={3}, but the tensor reaching it has {4} channels, from {5}; write {4} there") \
    X(TorchSameStride, "{0} ({3}) has padding='same' with stride {1}: PyTorch refuses it (\"padding='same' is not supported for strided convolutions\"); write the padding as a number, e.g. padding={2}") \
    X(TorchNeedsTensor, "{0} is called with {1}, not a tensor") \
    X(TorchViewSize, "{0}: PyTorch refuses it (\"shape '{1}' is invalid for input of size {2}\"): the tensor reaching it is {3}, {2} values in all, and {4}") \
    X(TorchReshapeProduct, "the sizes written multiply to {0}") \
    X(TorchReshapeInfer, "the sizes other than -1 multiply to {0}, which does not divide {1}, so no whole number fits the -1") \
    X(TorchUnflattenSize, "{0} (Unflatten): PyTorch refuses it (\"unflatten: Provided sizes {1} don't multiply up to the size of dim {2} ({3}) in the input tensor\"): the tensor reaching it is {4}") \
    X(TorchUncertainFreeze, "the requires_grad change at line {0} is on parameters ConvLab cannot follow (a loop or condition over something it does not evaluate), so the trainable count would be a guess; loop over model.parameters(), model.named_parameters(), model.modules() or a module's own, testing names with in, ==, startswith or endswith") \
    X(TorchPoolPadding, "{0} ({1}) has padding={2} with kernel_size={3}: PyTorch refuses it (\"pad should be at most half of kernel size\"); write padding={4} or less") \
    X(TorchPaddingModeSize, "{0} ({1}) pads {2} on each side with padding_mode='{3}', but the input reaching it is {4}: PyTorch refuses it (\"{5}\")") \
    X(TorchInputSizeRank, "the input size {0} is not (N, C, H, W), (N, C, L) or (N, F)") \
    X(TorchInModule, "in {0}: {1}") \
    /* layer_normalization.cpp: PyTorch's LayerNorm over its last dims. */ \
    X(ProblemNormalizedDims, "normalized_shape covers the last {0} dims, but its input {1} has only {2}") \
    /* import_torch_python.cpp: normalization modules. */ \
    X(TorchGroupNormGroups, "{0} (GroupNorm) has num_channels={1} and num_groups={2}: PyTorch refuses it (\"num_channels must be divisible by num_groups\"); pick a number of groups that divides {1}") \
    X(TorchLayerNormShape, "{0} (LayerNorm) has normalized_shape={1}, but the tensor reaching it is {2}: PyTorch expects its last dims to be {1}; write nn.LayerNorm({3})") \
    /* conv2d_transpose.cpp: PyTorch's ConvTranspose2d. */ \
    X(ProblemOutputPaddingTorch, "output_padding {0} must be smaller than either stride {1} or dilation {2} in each direction, as PyTorch requires") \
    /* conv2d.cpp, conv2d_transpose.cpp, import_torch_python.cpp: PyTorch's groups. */ \
    X(ProblemGroups, "groups={0} must divide both its {1} input channels and its {2} output channels") \
    X(TorchGroups, "{0} ({1}) has {2}={3} and groups={4}: PyTorch refuses it (\"{2} must be divisible by groups\"); pick groups that divide both in_channels and out_channels") \
    /* network.cpp: the training kernels have no grouped convolution (depthwise is its own layer). */ \
    X(TrainGroups, "'{0}' is a grouped convolution (groups={1}); ConvLab counts and shows it, but its training kernels do not compute one yet") \
// clang-format on
