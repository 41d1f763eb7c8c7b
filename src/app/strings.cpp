// strings.cpp: the string table. One row per key, English then Simplified
// Chinese. Deep-learning terms follow common Chinese textbook usage
// (卷积层, 输入通道, 卷积核, 参数数量, 偏置).
#include "strings.h"

#include <cstring>
#include <string>

namespace {

struct Row {
    Str key;
    const char* text[size_t(Lang::Count)];
};

const Row kRows[] = {
    {Str::AppTitle, {"ConvLab", "ConvLab"}},
    {Str::MenuView, {"View", "视图"}},
    {Str::MenuLanguage, {"Language", "语言"}},
    {Str::MenuHelp, {"Help", "帮助"}},
    {Str::LangEnglish, {"English", "English"}},
    {Str::LangChinese, {"简体中文", "简体中文"}},
    {Str::PanelSummary, {"Model summary", "模型摘要"}},
    {Str::PanelArithmetic, {"The arithmetic", "计算过程"}},
    {Str::PanelModel, {"Model", "模型"}},
    {Str::TabSummary, {"Summary", "摘要"}},
    {Str::TabConvolution, {"Convolution", "卷积"}},
    {Str::TabTraining, {"Training", "训练"}},
    {Str::ColLayer, {"Layer (type)", "层 (类型)"}},
    {Str::ColOutputShape, {"Output Shape", "输出形状"}},
    {Str::ColParams, {"Param #", "参数数量"}},
    {Str::ColFlops, {"FLOPs", "浮点运算数"}},
    {Str::ColMemory, {"Activations", "激活内存"}},
    {Str::TotalParams, {"Total params", "参数总数"}},
    {Str::TrainableParams, {"Trainable params", "可训练参数"}},
    {Str::NonTrainableParams, {"Non-trainable params", "不可训练参数"}},
    {Str::ShowCost, {"Show FLOPs and memory", "显示运算量与内存"}},
    {Str::SelectRowHint, {"Select a layer in the summary to see where its numbers come from.",
                          "在摘要中选择一层，查看其数字从何而来。"}},
    {Str::ParamsOf, {"Parameters", "参数数量"}},
    {Str::OutputSizeOf, {"Output size", "输出尺寸"}},
    {Str::CommonMistake, {"Common wrong answers", "常见的错误答案"}},
    {Str::NoParams, {"This layer has no weights: Param # is 0.", "该层没有权重：参数数量为 0。"}},
    {Str::ModelInvalid, {"This model cannot be built", "该模型无法构建"}},
    {Str::NoticeBadUrl, {"The model in the link could not be read, so the default model is shown.",
                         "无法读取链接中的模型，已显示默认模型。"}},
    {Str::NoticeBadLang, {"Unknown language in the link; using English.", "链接中的语言无法识别，已使用英文。"}},
    {Str::NoticeBadChapter, {"Unknown lesson chapter in the link; starting at chapter 1.",
                             "链接中的课程章节无效，已从第 1 章开始。"}},
    {Str::Dismiss, {"Dismiss", "关闭"}},
    {Str::Loading, {"Loading…", "加载中…"}},
    {Str::RoleNone, {"", ""}},
    {Str::RoleKernelH, {"kernel height", "卷积核高度"}},
    {Str::RoleKernelW, {"kernel width", "卷积核宽度"}},
    {Str::RoleInChannels, {"input channels", "输入通道数"}},
    {Str::RoleOutChannels, {"filters (output channels)", "卷积核个数（输出通道数）"}},
    {Str::RoleBias, {"bias", "偏置"}},
    {Str::RoleDepthMultiplier, {"depth multiplier", "深度乘数"}},
    {Str::RoleUnits, {"units", "神经元个数"}},
    {Str::RoleInFeatures, {"input features", "输入特征数"}},
    {Str::RoleInputSize, {"input size", "输入尺寸"}},
    {Str::RoleStride, {"stride", "步幅"}},
    {Str::RolePadding, {"padding", "填充"}},
    {Str::RoleDilation, {"dilation", "膨胀率"}},
    {Str::RoleKernelReach, {"kernel reach", "卷积核覆盖范围"}},
    {Str::RoleOutputSize, {"output size", "输出尺寸"}},
    {Str::RolePoolSize, {"pool size", "池化窗口"}},
    {Str::RoleHeight, {"height", "高度"}},
    {Str::RoleWidth, {"width", "宽度"}},
    {Str::RoleChannels, {"channels", "通道数"}},
    {Str::MistakeForgotInChannels,
     {"Not this: it forgets the input channels. Each filter spans all of them, not one slice.",
      "不是这样：它漏掉了输入通道。每个卷积核覆盖全部输入通道，而不只是一个切片。"}},
    {Str::MistakeForgotBias, {"Not this: it forgets the bias, one per filter (or unit).",
                              "不是这样：它漏掉了偏置，每个卷积核（或神经元）各有一个。"}},
    {Str::MistakeForgotBoth, {"Not this: it forgets both the input channels and the bias.",
                              "不是这样：它同时漏掉了输入通道和偏置。"}},
    {Str::MistakeSwappedInOut, {"Not this: it swaps the input and output channels.",
                                "不是这样：它把输入通道和输出通道弄反了。"}},
    {Str::MistakeCountedPoolingParams, {"Not this: pooling has no weights. It only takes a max or a mean.",
                                        "不是这样：池化层没有权重，它只取最大值或平均值。"}},
    {Str::MistakePaddingOffByOne, {"Not this: the padding or the + 1 for the first window position is off.",
                                   "不是这样：填充算错了，或者第一个窗口位置的那个 + 1 没算对。"}},
    {Str::MistakeStrideIgnored, {"Not this: it ignores the stride.", "不是这样：它忽略了步幅。"}},
    {Str::MistakeFlattenAsLastAxis, {"Not this: Flatten keeps every value, H × W × C, not only the channels.",
                                     "不是这样：Flatten 保留全部数值，即 H × W × C，而不只是通道数。"}},
    {Str::MistakeCountedMovingStats,
     {"Not this: the moving mean and variance are in Param # but are not trained.",
      "不是这样：移动均值和移动方差虽然计入参数数量，但不可训练。"}},
    {Str::MistakeDilationIgnored,
     {"Not this: it ignores the dilation. A dilated kernel reaches (K − 1) × D + 1 cells.",
      "不是这样：它忽略了膨胀率。膨胀后的卷积核覆盖 (K − 1) × D + 1 个格子。"}},
    {Str::MistakeDepthwiseAsFull,
     {"Not this: a depthwise kernel sees one input channel, not all of them.",
      "不是这样：逐通道卷积（depthwise）的每个卷积核只看一个输入通道，而不是全部。"}},
    {Str::MistakeFullAsDepthwise,
     {"Not this: Conv2D is not depthwise. Each filter spans all input channels, and there is one per output channel.",
      "不是这样：Conv2D 不是逐通道卷积。每个卷积核覆盖全部输入通道，每个输出通道对应一个卷积核。"}},
    {Str::MistakeOutputChannelsWrong,
     {"Not this: the output channels come from the layer (filters or units), not from the input.",
      "不是这样：输出通道数由该层决定（卷积核数或神经元数），而不是来自输入。"}},
    {Str::EditorUndo,
     {"Undo",
      "撤销"}},
    {Str::EditorRedo,
     {"Redo",
      "重做"}},
    {Str::EditorAddLayer,
     {"Add layer",
      "添加层"}},
    {Str::EditorAddLayerHint,
     {"The new layer goes right after the selected one.",
      "新层会插入到所选层之后。"}},
    {Str::EditorMoveUp,
     {"Move up",
      "上移"}},
    {Str::EditorMoveDown,
     {"Move down",
      "下移"}},
    {Str::EditorDuplicate,
     {"Duplicate",
      "复制此层"}},
    {Str::EditorRemove,
     {"Remove",
      "删除"}},
    {Str::EditorDragHint,
     {"Drag a layer's title to move it.",
      "拖动层的标题可以移动它。"}},
    {Str::MenuPresets,
     {"Presets",
      "预设模型"}},
    {Str::PresetSeed,
     {"The seed question (two Conv2D, 1,181,161 params)",
      "最初的那个问题（两个 Conv2D，1,181,161 个参数）"}},
    {Str::PresetLeNet5,
     {"LeNet-5 (LeCun et al., 1998)",
      "LeNet-5（LeCun 等，1998）"}},
    {Str::PresetMnistConvnet,
     {"Keras example: mnist_convnet",
      "Keras 示例：mnist_convnet"}},
    {Str::PresetTiny,
     {"A tiny network (one Conv2D)",
      "极小网络（一个 Conv2D）"}},
    {Str::PresetDepthwise,
     {"Depthwise separable block",
      "深度可分离卷积块"}},
    {Str::MenuImportExport,
     {"File",
      "文件"}},
    {Str::ImportOpen,
     {"Import a model…",
      "导入模型…"}},
    {Str::CopyKeras,
     {"Copy as Keras code",
      "复制为 Keras 代码"}},
    {Str::CopyPytorch,
     {"Copy as PyTorch code",
      "复制为 PyTorch 代码"}},
    {Str::SaveModelFile,
     {"Save model file",
      "保存模型文件"}},
    {Str::Copied,
     {"Copied to the clipboard.",
      "已复制到剪贴板。"}},
    {Str::Saved,
     {"Saved as convlab-model.json.",
      "已保存为 convlab-model.json。"}},
    {Str::ExportImpossible,
     {"PyTorch code cannot be written for this model:",
      "无法为此模型生成 PyTorch 代码："}},
    {Str::ImportTitle,
     {"Import a model",
      "导入模型"}},
    {Str::ImportHelp,
     {"Paste Keras code (Sequential), a Keras model JSON or a saved ConvLab model file here, or drop the file onto the page.",
      "在此粘贴 Keras 代码（Sequential）、Keras 模型 JSON 或已保存的 ConvLab 模型文件，也可以把文件拖放到页面上。"}},
    {Str::ImportButton,
     {"Import",
      "导入"}},
    {Str::ImportPaste,
     {"Paste",
      "粘贴"}},
    {Str::Cancel,
     {"Cancel",
      "取消"}},
    {Str::ImportErrorAt,
     {"Line {0}, column {1}: {2}",
      "第 {0} 行，第 {1} 列：{2}"}},
    {Str::ImportMissingShape,
     {"This code never says what one input looks like. Give its shape (height, width, channels):",
      "这段代码没有给出输入的形状。请填写单个输入样本的形状（高度、宽度、通道数）："}},
    {Str::ImportWithShape,
     {"Import with this input shape",
      "用这个输入形状导入"}},
    {Str::InvalidKeepsLast,
     {"Until this is fixed, the summary shows the last model that worked.",
      "修正之前，摘要显示的是上一个可用的模型。"}},
    {Str::ProblemWhereField,
     {"Layer {0} '{1}' ({2}), {3}: ",
      "第 {0} 层 '{1}'（{2}），{3}："}},
    {Str::ProblemWhereLayer,
     {"Layer {0} '{1}' ({2}): ",
      "第 {0} 层 '{1}'（{2}）："}},
    {Str::ProblemNone,
     {"no problem",
      "没有问题"}},
    {Str::ProblemNoLayers,
     {"the model has no layers",
      "模型里还没有任何层"}},
    {Str::ProblemNoInputShape,
     {"the first layer has no input shape: give it input_shape=(H, W, C) or start with an InputLayer",
      "第一层没有输入形状：请给它 input_shape=(H, W, C)，或以 InputLayer 开头"}},
    {Str::ProblemNotPositive,
     {"must be at least {1}, but is {0}",
      "至少应为 {1}，但现在是 {0}"}},
    {Str::ProblemKernelLargerThanInput,
     {"the {0}×{1} {6} is larger than its {4}×{5} input (padding='valid')",
      "{0}×{1} 的{6}比它 {4}×{5} 的输入还大（padding='valid'）"}},
    {Str::ProblemStridesWithDilation,
     {"strides {0} cannot be combined with dilation_rate {1}: Keras supports strides > 1 only when dilation_rate is 1",
      "strides {0} 不能与 dilation_rate {1} 同时使用：只有 dilation_rate 为 1 时，Keras 才支持大于 1 的步幅"}},
    {Str::ProblemNeedsImageInput,
     {"{0} needs an image input (None, H, W, C), but its input is {1}",
      "{0} 需要图像输入 (None, H, W, C)，但它的输入是 {1}"}},
    {Str::ProblemNeedsVectorInput,
     {"{0} needs a vector input (None, F), but its input is {1}",
      "{0} 需要向量输入 (None, F)，但它的输入是 {1}"}},
    {Str::ProblemRateOutOfRange,
     {"the dropout rate must be at least 0 and below 1, but is {0}",
      "dropout 比例必须大于等于 0 且小于 1，但现在是 {0}"}},
    {Str::ProblemTooLarge,
     {"the {0} {1} is larger than ConvLab's limit of {2}",
      "{0} {1} 超过了 ConvLab 的上限 {2}"}},
    {Str::ProblemInputLayerNotFirst,
     {"an InputLayer can only be the first layer",
      "InputLayer 只能是第一层"}},
    {Str::ProblemBadInputShape,
     {"the input shape {0} is not (H, W, C) or (F) with every size at least 1",
      "输入形状 {0} 不是每个尺寸都至少为 1 的 (H, W, C) 或 (F)"}},
    {Str::ProblemKernelReach,
     {"the {0}×{1} {6} reaches {2}×{3} with its dilation, larger than its {4}×{5} input (padding='valid')",
      "{0}×{1} 的{6}膨胀后覆盖 {2}×{3}，比它 {4}×{5} 的输入还大（padding='valid'）"}},
    {Str::WordKernel,
     {"kernel",
      "卷积核"}},
    {Str::WordPoolingWindow,
     {"pooling window",
      "池化窗口"}},
    {Str::CardNoOutput,
     {"no output: a layer above it cannot be built",
      "没有输出：它上面的某一层无法构建"}},
    {Str::EmptyModel,
     {"No layers yet. Add one, or pick a preset.",
      "还没有任何层。请添加一层，或选择一个预设模型。"}},
    {Str::TrainCannotBuild,
     {"This model cannot be trained here: %s",
      "此模型无法在这里训练：%s"}},
    {Str::TrainWrongInput,
     {"The digits are 28 × 28 grey images, shape (28, 28, 1), but this model's input is %s. Set the input shape to (28, 28, 1) to train it on MNIST.",
      "手写数字是 28 × 28 的灰度图像，形状为 (28, 28, 1)，但此模型的输入是 %s。请把输入形状设为 (28, 28, 1)，才能在 MNIST 上训练。"}},
    {Str::TrainWrongClasses,
     {"MNIST has 10 classes (the digits 0 to 9), but the last layer gives %s. Set the last Dense layer to 10 units with activation='softmax'.",
      "MNIST 有 10 个类别（数字 0 到 9），但最后一层输出 %s 个。请把最后的 Dense 层设为 10 个神经元，并使用 activation='softmax'。"}},
    {Str::TrainModelInvalid,
     {"Fix the model first: %s",
      "请先修正模型：%s"}},
    {Str::TrainDataFailed,
     {"The digits (mnist.bin) could not be loaded: %s. Check the connection, then press Start again.",
      "无法加载手写数字数据 (mnist.bin)：%s。请检查网络连接，然后再次点击“开始”。"}},
    {Str::TrainDiverged,
     {"Training stopped: %s",
      "训练已停止：%s"}},
    {Str::TrainStart, {"Start", "开始"}},
    {Str::TrainResume, {"Resume", "继续"}},
    {Str::TrainPause, {"Pause", "暂停"}},
    {Str::TrainStep, {"Step one batch", "只训练一个批次"}},
    {Str::TrainReset, {"Reset weights", "重置权重"}},
    {Str::TrainEpochs, {"Epochs", "轮数 (epochs)"}},
    {Str::TrainBatch, {"Batch size", "批大小"}},
    {Str::TrainOptimizer, {"Optimizer", "优化器"}},
    {Str::TrainLearningRate, {"Learning rate", "学习率"}},
    {Str::TrainSeed, {"Seed", "随机种子"}},
    {Str::TrainMomentum, {"Momentum", "动量"}},
    {Str::TrainNesterov, {"Nesterov momentum", "Nesterov 动量"}},
    {Str::TrainRho, {"rho (decay of the running averages)", "rho（滑动平均的衰减率）"}},
    {Str::TrainBeta1, {"beta_1 (decay of the mean)", "beta_1（一阶矩的衰减率）"}},
    {Str::TrainBeta2, {"beta_2 (decay of the variance)", "beta_2（二阶矩的衰减率）"}},
    {Str::TrainEpsilon, {"epsilon", "epsilon"}},
    {Str::OptSgd, {"SGD", "SGD（随机梯度下降）"}},
    {Str::OptAdam, {"Adam", "Adam"}},
    {Str::OptRmsprop, {"RMSprop", "RMSprop"}},
    {Str::OptAdadeltaKeras, {"Adadelta (Keras 2.3, lr 1.0)", "Adadelta（Keras 2.3，lr 1.0）"}},
    {Str::OptAdadeltaTf, {"Adadelta (tf.keras, lr 0.001)", "Adadelta（tf.keras，lr 0.001）"}},
    {Str::TrainSettingsHeader, {"Optimizer settings", "优化器设置"}},
    {Str::TrainStatusReady,
     {"Ready. Start trains on 8,000 handwritten digits; 2,000 more are kept aside to test it.",
      "准备就绪。点击“开始”后将用 8,000 个手写数字训练，另外 2,000 个留作测试。"}},
    {Str::TrainStatusLoading, {"Loading the digits… %s", "正在加载手写数字… %s"}},
    {Str::TrainStatusRunning, {"Training", "训练中"}},
    {Str::TrainStatusEvaluating, {"Testing on the 2,000 held-out digits…", "正在用预留的 2,000 个数字测试…"}},
    {Str::TrainStatusPaused, {"Paused", "已暂停"}},
    {Str::TrainStatusFinished, {"Finished", "已完成"}},
    {Str::TrainProgress, {"Epoch %d of %d · batch %lld of %lld", "第 %d / %d 轮 · 第 %lld / %lld 批"}},
    {Str::TrainSpeed, {"%.0f examples/s · about %s left", "每秒 %.0f 个样本 · 约剩 %s"}},
    {Str::TrainRestored,
     {"Weights restored from this browser (trained for %d epochs).",
      "已从本浏览器恢复权重（已训练 %d 轮）。"}},
    {Str::TrainUnavailableTitle, {"Training is not available for this model", "此模型无法训练"}},
    {Str::TrainTabCurves, {"Curves", "曲线"}},
    {Str::TrainTabTestDigits, {"Test digits", "测试数字"}},
    {Str::TrainTabDraw, {"Draw a digit", "手写一个数字"}},
    {Str::TrainTabInside, {"Look inside", "看看内部"}},
    {Str::PlotLoss, {"Loss (cross-entropy) per batch", "每批的损失（交叉熵）"}},
    {Str::PlotLossRaw, {"each batch", "每一批"}},
    {Str::PlotLossSmoothed, {"smoothed", "平滑后"}},
    {Str::PlotAccuracy, {"Accuracy per epoch (%)", "每轮的准确率 (%)"}},
    {Str::LegendTrain, {"training digits", "训练集"}},
    {Str::LegendTest, {"test digits", "测试集"}},
    {Str::PlotEmpty, {"Nothing yet: press Start.", "暂无数据：请点击“开始”。"}},
    {Str::ConfusionTitle,
     {"Confusion matrix: rows are the true digit, columns the network's answer",
      "混淆矩阵：行是真实数字，列是网络的回答"}},
    {Str::ConfusionNone,
     {"The confusion matrix appears when the first epoch has been tested.",
      "第一轮测试完成后，这里会显示混淆矩阵。"}},
    {Str::TestDigitsHint,
     {"Test digits, mistakes first (the most confident mistakes first). Red ones are wrong: the network's answer, then the true digit. Click one to look inside.",
      "测试数字，错误的排在前面（最自信的错误最先）。红色表示答错：先是网络的回答，再是真实数字。点击一个数字可查看内部。"}},
    {Str::TestDigitsNone,
     {"The test digits appear when the first epoch has been tested.",
      "第一轮测试完成后，这里会显示测试数字。"}},
    {Str::DrawHint,
     {"Draw a digit with the mouse or a finger. Like MNIST's digits, it is scaled to fit 20 × 20 pixels and centred in 28 × 28 before the network sees it.",
      "用鼠标或手指写一个数字。和 MNIST 的数字一样，它会先缩放到 20 × 20 像素，再居中放进 28 × 28 的图像，然后交给网络。"}},
    {Str::DrawClear, {"Clear", "清除"}},
    {Str::DrawSeen, {"What the network sees (28 × 28)", "网络看到的图像 (28 × 28)"}},
    {Str::DrawProbabilities, {"Class probabilities (softmax output)", "各类别的概率（softmax 输出）"}},
    {Str::DrawNoDigit, {"Draw a digit to see what the network thinks.", "写一个数字，看看网络怎么判断。"}},
    {Str::InsideLayer, {"Layer", "层"}},
    {Str::InsideFilters,
     {"Filters of %s: %d filters of %d × %d weights (input channel %d)",
      "%s 的卷积核：%d 个 %d × %d 的权重（输入通道 %d）"}},
    {Str::InsideInputChannel, {"Input channel", "输入通道"}},
    {Str::InsideMaps,
     {"Feature maps of %s for the current digit: %d channels of %d × %d",
      "当前数字在 %s 的特征图：%d 个通道，每个 %d × %d"}},
    {Str::InsideNoDigit,
     {"Draw a digit or click a test digit to see its feature maps.",
      "写一个数字或点击一个测试数字，查看它的特征图。"}},
    {Str::InsideNoFilters,
     {"This layer has no filters to show: only Conv2D layers have them.",
      "此层没有可显示的卷积核：只有 Conv2D 层才有。"}},
    {Str::InsideUntrained,
     {"These are the random starting weights: train, and watch the filters take shape.",
      "这些是随机的初始权重：开始训练，看看卷积核如何逐渐成形。"}},
    {Str::SaveConvlab, {"Save ConvLab file (with weights)", "保存 ConvLab 文件（含权重）"}},
    {Str::SaveTfjs, {"Save for TF.js (model.json + weights.bin)", "保存为 TF.js 格式 (model.json + weights.bin)"}},
    {Str::TrainSettingsLocked, {"Pause to change the settings.", "暂停后才能修改设置。"}},
    {Str::CurrentDigit, {"Current digit", "当前数字"}},
    {Str::PlotAccuracyEmpty,
     {"The first points appear when the first epoch has been tested.",
      "第一轮训练并测试完成后，这里会出现第一个点。"}},
    {Str::PlotBatchesAxis, {"%zu batches", "%zu 批"}},
    {Str::TrainAccuracyNote,
     {"Training accuracy is averaged over the epoch while the weights were still learning, with dropout on (as Keras reports it), so it can sit below test accuracy.",
      "训练准确率是在这一轮中边学习边统计的平均值，且开启了 dropout（与 Keras 的报告方式相同），所以可能低于测试准确率。"}},
    {Str::ConvStepBack, {"← Step", "← 上一步"}},
    {Str::ConvStepForward, {"Step →", "下一步 →"}},
    {Str::ConvPlay, {"▶ Play", "▶ 播放"}},
    {Str::ConvPause, {"Pause", "暂停"}},
    {Str::ConvReplay, {"▶ Replay", "▶ 重播"}},
    {Str::ConvSpeedFormat, {"%.1f steps/s", "%.1f 步/秒"}},
    {Str::ConvStepFormat, {"step %d", "第 %d 步"}},
    {Str::ConvLayerCombo, {"Layer", "层"}},
    {Str::ConvToy, {"Seed answer's example", "原回答里的例子"}},
    {Str::ConvPlayground, {"Your layer", "你的层"}},
    {Str::ConvMistake, {"Show the common mistake", "显示常见错误"}},
    {Str::ConvResetView, {"Reset view", "重置视角"}},
    {Str::ConvModeWalk, {"1 · One output value", "1 · 一个输出值"}},
    {Str::ConvModeSlide, {"2 · Slide", "2 · 滑动"}},
    {Str::ConvModeAll, {"3 · All filters", "3 · 所有卷积核"}},
    {Str::ConvTitleInput, {"Input", "输入"}},
    {Str::ConvTitleFilter, {"One filter", "一个卷积核"}},
    {Str::ConvTitleOutput, {"Output", "输出"}},
    {Str::ConvAxisH, {"H", "H"}},
    {Str::ConvAxisW, {"W", "W"}},
    {Str::ConvAxisC, {"C", "C"}},
    {Str::ConvAxisCin, {"Cin", "Cin"}},
    {Str::ConvAxisSlice, {"slices", "切片"}},
    {Str::ConvAxisKh, {"Kh", "Kh"}},
    {Str::ConvAxisKw, {"Kw", "Kw"}},
    {Str::ConvAxisHo, {"Ho", "Ho"}},
    {Str::ConvAxisWo, {"Wo", "Wo"}},
    {Str::ConvAxisCout, {"Cout", "Cout"}},
    {Str::ConvWeightsMet, {"weights met so far / where the count ends", "已用到的权重 / 最终总数"}},
    {Str::ConvRunningTotal, {"Running total", "累计"}},
    {Str::ConvProducts, {"Products x · w", "乘积 x · w"}},
    {Str::ConvSum, {"Sum", "求和"}},
    {Str::ConvBias, {"Bias", "偏置"}},
    {Str::ConvOutputValue, {"Output value", "输出值"}},
    {Str::ConvAfterActivation, {"then {0} → {1}", "再经过 {0} → {1}"}},
    {Str::ConvStepChannel, {"Slice {0} of {1} (input channel {2}): the {3}×{4} patch times the filter's slice, summed, gives {5}. Running total {6}. Weights met: {7}.", "第 {0}/{1} 个切片（输入通道 {2}）：{3}×{4} 的输入块与卷积核切片逐元素相乘再求和，得 {5}。累计 {6}。已用到的权重：{7}。"}},
    {Str::ConvStepBias, {"Add the bias {0}: the output value is {1}. Weights met: {2} (Kh·Kw·Cin + 1).", "加上偏置 {0}：输出值为 {1}。已用到的权重：{2}（Kh·Kw·Cin + 1）。"}},
    {Str::ConvStepPosition, {"Position ({0}, {1}) of map {2}: the same {3} weights give {4}.", "第 {2} 张特征图的位置 ({0}, {1})：同样的 {3} 个权重得到 {4}。"}},
    {Str::ConvStepFilter, {"Filter {0} of {1} at ({2}, {3}) gives {4}, a value of output map {0}. Weights met: {5}.", "第 {0}/{1} 个卷积核在 ({2}, {3}) 处得到 {4}，即第 {0} 张输出特征图的一个值。已用到的权重：{5}。"}},
    {Str::ConvStepPadding, {"{0} of the window's cells are padding zeros.", "窗口中有 {0} 个格子是填充的零。"}},
    {Str::ConvStepPoolMax, {"Window ({0}, {1}) of channel {2}: the largest of its {3}×{4} values is {5}.", "通道 {2} 的窗口 ({0}, {1})：{3}×{4} 个值中最大的是 {5}。"}},
    {Str::ConvStepPoolMean, {"Window ({0}, {1}) of channel {2}: the mean of its {3} values is {4}.", "通道 {2} 的窗口 ({0}, {1})：{3} 个值的平均为 {4}。"}},
    {Str::ConvInputDigit, {"Input: a real MNIST test digit (a {0}).", "输入：一张真实的 MNIST 测试数字（{0}）。"}},
    {Str::ConvInputDigits, {"Input: real MNIST test digits, one per channel.", "输入：真实的 MNIST 测试数字，每个通道一张。"}},
    {Str::ConvInputActivations, {"Input: the real output of {0} for an MNIST test digit (a {1}).", "输入：{0} 对一张 MNIST 测试数字（{1}）的真实输出。"}},
    {Str::ConvLoadingDigits, {"Loading MNIST digits…", "正在加载 MNIST 数字…"}},
    {Str::ConvDigitsFailed, {"The MNIST digits could not be loaded, so the input is zeros.", "无法加载 MNIST 数字，输入为零。"}},
    {Str::ConvWeightsSeeded, {"Weights: Keras's initial values (glorot_uniform, seed {0}; biases start at 0). Train the model to see learned ones.", "权重：Keras 的初始值（glorot_uniform，种子 {0}；偏置从 0 开始）。训练模型后可看到学到的权重。"}},
    {Str::ConvWeightsTrained, {"Weights: the trained model's.", "权重：训练后的模型权重。"}},
    {Str::ConvMistakeTitle, {"The common mistake: filters only Kh×Kw", "常见错误：以为卷积核只有 Kh×Kw"}},
    {Str::ConvMistakeWhy, {"That is not Conv2D. A filter of one Kh×Kw slice sees one input channel, so nothing would combine the channels. A Conv2D filter spans all Cin of them.", "那不是 Conv2D。只有一个 Kh×Kw 切片的卷积核只能看到一个输入通道，通道之间就不会被组合。Conv2D 的卷积核覆盖全部 Cin 个输入通道。"}},
    {Str::ConvMistakeDepthwise, {"DepthwiseConv2D works that way: one Kh×Kw slice per input channel, never mixing channels. Drawn here with depth_multiplier 2: {0} channels give {1} maps from {2} parameters.", "DepthwiseConv2D 就是这样工作的：每个输入通道一个 Kh×Kw 切片，通道之间从不混合。这里 depth_multiplier 为 2：{0} 个通道得到 {1} 张特征图，共 {2} 个参数。"}},
    {Str::ConvRealCount, {"Conv2D, the real count:", "Conv2D 的真实参数数量："}},
    {Str::ConvWrongCount, {"If each filter were only Kh×Kw:", "如果每个卷积核只有 Kh×Kw："}},
    {Str::ConvPerFilter, {"Conv2D: {0} weights per filter (Kh·Kw·Cin + 1)", "Conv2D：每个卷积核 {0} 个参数（Kh·Kw·Cin + 1）"}},
    {Str::ConvFieldsTitle, {"Change the layer (the core recomputes every number)", "修改这一层（每个数字都由 ConvLab 的核心库重新计算）"}},
    {Str::ConvFieldCin, {"Cin", "Cin"}},
    {Str::ConvFieldKh, {"Kh", "Kh"}},
    {Str::ConvFieldKw, {"Kw", "Kw"}},
    {Str::ConvFieldCout, {"Cout", "Cout"}},
    {Str::ConvFieldStride, {"stride", "步幅"}},
    {Str::ConvFieldDilation, {"dilation", "膨胀率"}},
    {Str::ConvFieldPadding, {"padding", "填充"}},
    {Str::ConvRefused, {"Refused:", "无法这样设置："}},
    {Str::ConvPoolMaxTitle, {"The max of each window", "每个窗口取最大值"}},
    {Str::ConvPoolMeanTitle, {"The mean of each window", "每个窗口取平均值"}},
    {Str::ConvPoolWhy, {"Pooling has no weights: each output is just the max (or the mean) of its window, so Param # is 0.", "池化层没有权重：每个输出只是其窗口的最大值（或平均值），所以参数数量为 0。"}},
    {Str::ConvDenseTitle, {"Flatten → Dense", "Flatten → Dense"}},
    {Str::ConvDenseFlatten, {"Flatten lays every value of the feature maps out in one row:", "Flatten 把特征图的每个值排成一行："}},
    {Str::ConvDenseWhy, {"Each of the {1} units has one weight for each of the {0} values, plus one bias:", "{1} 个神经元中，每个都对这 {0} 个值各有一个权重，再加一个偏置："}},
    {Str::ConvOtherLayer, {"This layer has no window to animate. Pick a Conv2D, DepthwiseConv2D, pooling, Flatten or Dense layer, or the seed answer's example.", "这一层没有可演示的窗口。请选择 Conv2D、DepthwiseConv2D、池化、Flatten 或 Dense 层，或原回答里的例子。"}},
    {Str::ConvLegend, {"Striped: padding zeros. Small grey dots: cells that dilation skips. Grey: not computed yet.", "条纹：填充的零。灰色小点：膨胀跳过的格子。灰色：尚未计算。"}},
    {Str::ConvNoModel, {"The model cannot be built yet: fix it in the editor, or open the seed answer's example.", "模型暂时无法构建：请在编辑器中修正，或打开原回答里的例子。"}},
    {Str::ConvRendererFailed, {"This browser could not compile the 3D view's shaders.", "此浏览器无法编译三维视图的着色器。"}},
    {Str::ConvHint, {"Drag to turn · wheel to zoom · Space plays, ← → step", "拖动旋转 · 滚轮缩放 · 空格播放，← → 单步"}},
    {Str::ConvPaddingSame, {"'same' padding adds {0} row(s) on top and {1} at the bottom, {2} column(s) left and {3} right (an odd total puts the extra one after, as Keras does).", "'same' 填充在上方加 {0} 行、下方 {1} 行，左侧 {2} 列、右侧 {3} 列（总数为奇数时，多出的一行/列放在后面，与 Keras 相同）。"}},
    {Str::ChineseFontLoading, {"Loading the Chinese font…", "正在加载中文字体…"}},
    {Str::ChineseFontFailed,
     {"The Chinese font could not be loaded, so the page stays in English.", "无法加载中文字体，页面保持英文。"}},
    {Str::ConvPadCell, {"pad", "填充"}},
};
static_assert(sizeof(kRows) / sizeof(kRows[0]) == size_t(Str::Count), "one row per key");

Lang g_lang = Lang::En;  // UI state, not core state: the core never reads it

}  // namespace

void set_language(Lang lang) { g_lang = lang; }
Lang language() { return g_lang; }
const char* language_code(Lang lang) { return lang == Lang::Zh ? "zh" : "en"; }

bool parse_language(const char* code, Lang* out) {
    if (!code) return false;
    if (std::strncmp(code, "zh", 2) == 0) { *out = Lang::Zh; return true; }
    if (std::strncmp(code, "en", 2) == 0) { *out = Lang::En; return true; }
    return false;
}

const char* tr_in(Lang lang, Str s) {
    const Row& row = kRows[size_t(s)];
    return row.text[size_t(lang)];
}

namespace {

uint32_t next_codepoint(const std::string& s, size_t* i) {
    const unsigned char c = static_cast<unsigned char>(s[*i]);
    const int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    uint32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1Fu) : extra == 2 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k <= extra && *i + size_t(k) < s.size(); ++k) cp = (cp << 6) | (s[*i + size_t(k)] & 0x3Fu);
    *i += size_t(extra) + 1;
    return cp;
}

bool is_cjk(uint32_t c) { return c >= 0x2E80 && c != 0x3000; }  // ideographs, CJK and full-width punctuation
bool no_break_before(uint32_t c) {
    for (uint32_t p : {0xFF0Cu, 0x3002u, 0xFF1Au, 0xFF1Bu, 0xFF01u, 0xFF1Fu, 0xFF09u, 0x3001u, 0x201Du, 0x2019u,
                       0x300Du, 0x300Bu, 0x2026u, 0x3011u})  // ，。：；！？）、”’」》…】
        if (c == p) return true;
    return false;
}
bool no_break_after(uint32_t c) {
    for (uint32_t p : {0xFF08u, 0x201Cu, 0x2018u, 0x300Cu, 0x300Au, 0x3010u})  // （“‘「《【
        if (c == p) return true;
    return false;
}

// Chinese is written without spaces, and ImGui 1.86 wraps lines only at blanks
// (' ', '\t' and U+3000). So the Chinese text the page shows carries a U+3000
// wherever a Chinese line may break (between two CJK characters, never before
// a closing mark such as ，or after an opening one such as （); theme.cpp gives
// U+3000 no width, so it is invisible and only lets TextWrapped break there.
// tr_in keeps the table's own text (tests, the font subset).
std::string with_break_marks(const char* text) {
    const std::string s = text;
    std::string out;
    uint32_t prev = 0;
    for (size_t i = 0; i < s.size();) {
        const size_t start = i;
        const uint32_t c = next_codepoint(s, &i);
        if (is_cjk(prev) && is_cjk(c) && !no_break_before(c) && !no_break_after(prev)) out += "\xE3\x80\x80";
        out.append(s, start, i - start);
        prev = c;
    }
    return out;
}

}  // namespace

const char* tr(Str s) {
    if (g_lang != Lang::Zh) return tr_in(g_lang, s);
    static std::string shown[size_t(Str::Count)];
    static bool built = false;
    if (!built) {
        for (size_t i = 0; i < size_t(Str::Count); ++i) shown[i] = with_break_marks(tr_in(Lang::Zh, Str(i)));
        built = true;
    }
    return shown[size_t(s)].c_str();
}

const char* tr_id(Str s, const char* id) {
    // A few labels are alive at once in one frame; a small ring of buffers keeps
    // each returned pointer valid until the frame is done with it.
    static std::string ring[16];
    static int next = 0;
    std::string& out = ring[next];
    next = (next + 1) % 16;
    out = tr(s);
    out += "###";
    out += id;
    return out.c_str();
}

Str first_bad_string_row() {
    for (size_t i = 0; i < size_t(Str::Count); ++i) {
        if (size_t(kRows[i].key) != i) return Str(i);
        if (kRows[i].key == Str::RoleNone) continue;  // the one deliberately empty label
        for (size_t l = 0; l < size_t(Lang::Count); ++l)
            if (!kRows[i].text[l] || !*kRows[i].text[l]) return Str(i);
    }
    return Str::Count;
}
