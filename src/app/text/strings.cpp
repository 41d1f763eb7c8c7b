// strings.cpp: the string table. One row per key, English then Simplified
// Chinese. Deep-learning terms follow common Chinese textbook usage
// (卷积层, 输入通道, 卷积核, 参数数量, 偏置).
#include "app/text/strings.h"

#include <cstring>
#include <string>

#include "app/text/strings_row.h"

namespace {

using Row = StringRow;

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
    {Str::CardNoOutput,
     {"no output: a layer above it cannot be built",
      "没有输出：它上面的某一层无法构建"}},
    {Str::EmptyModel,
     {"No layers yet. Add one, or pick a preset.",
      "还没有任何层。请添加一层，或选择一个预设模型。"}},
    {Str::TrainCannotBuild,
     {"This model cannot be trained here: {0}",
      "此模型无法在这里训练：{0}"}},
    {Str::TrainWrongInput,
     {"The digits are 28 × 28 grey images, shape (28, 28, 1), but this model's input is {0}. Set the input shape to (28, 28, 1) to train it on MNIST.",
      "手写数字是 28 × 28 的灰度图像，形状为 (28, 28, 1)，但此模型的输入是 {0}。请把输入形状设为 (28, 28, 1)，才能在 MNIST 上训练。"}},
    {Str::TrainWrongClasses,
     {"MNIST has 10 classes (the digits 0 to 9), but the last layer gives {0}. Set the last Dense layer to 10 units with activation='softmax'.",
      "MNIST 有 10 个类别（数字 0 到 9），但最后一层输出 {0} 个。请把最后的 Dense 层设为 10 个神经元，并使用 activation='softmax'。"}},
    {Str::TrainModelInvalid,
     {"Fix the model first: {0}",
      "请先修正模型：{0}"}},
    {Str::TrainDataFailed,
     {"The digits (mnist.bin) could not be loaded: {0}. Check the connection, then press Start again.",
      "无法加载手写数字数据 (mnist.bin)：{0}。请检查网络连接，然后再次点击“开始”。"}},
    {Str::TrainDiverged,
     {"Training stopped at update {0}: the loss or the weights became NaN or infinite, so training diverged. The weights from before that update are kept. Lower the learning rate (it is {1}) and press Start again.",
      "训练在第 {0} 次更新时停止：损失或权重变成了 NaN 或无穷大，训练发散了。权重已恢复为该次更新之前的值。请调低学习率（当前为 {1}），然后再次点击“开始”。"}},
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
    {Str::OptAdadeltaKeras, {"Adadelta (Keras 2.3, lr 1.0)", "Adadelta (Keras 2.3, lr 1.0)"}},
    {Str::OptAdadeltaTf, {"Adadelta (tf.keras, lr 0.001)", "Adadelta (tf.keras, lr 0.001)"}},
    {Str::TrainSettingsHeader, {"Optimizer settings", "优化器设置"}},
    {Str::TrainStatusReady,
     {"Ready. Start trains on 8,000 handwritten digits; 2,000 more are kept aside to test it.",
      "准备就绪。点击“开始”后将用 8,000 个手写数字训练，另外 2,000 个留作测试。"}},
    {Str::TrainStatusLoading, {"Loading the digits… {0}", "正在加载手写数字… {0}"}},
    {Str::TrainStatusRunning, {"Training", "训练中"}},
    {Str::TrainStatusEvaluating, {"Testing on the 2,000 held-out digits…", "正在用预留的 2,000 个数字测试…"}},
    {Str::TrainStatusPaused, {"Paused", "已暂停"}},
    {Str::TrainStatusFinished, {"Finished", "已完成"}},
    {Str::TrainProgress, {"Epoch {0} of {1} · batch {2} of {3}", "第 {0} / {1} 轮 · 第 {2} / {3} 批"}},
    {Str::TrainSpeed, {"{0} examples/s · about {1} left", "每秒 {0} 个样本 · 约剩 {1}"}},
    {Str::TrainRestored,
     {"Weights and curves restored from this browser (epochs trained: {0}).",
      "已从本浏览器恢复权重和曲线（已训练轮数：{0}）。"}},
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
     {"Filters of {0}: {1} filters of {2} × {3} weights (input channel {4})",
      "{0} 的卷积核：{1} 个 {2} × {3} 的权重（输入通道 {4}）"}},
    {Str::InsideInputChannel, {"Input channel", "输入通道"}},
    {Str::InsideMaps,
     {"Feature maps of {0} for the current digit: {1} channels of {2} × {3}",
      "当前数字在 {0} 的特征图：{1} 个通道，每个 {2} × {3}"}},
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
    {Str::PlotBatchesAxis, {"{0} batches", "{0} 批"}},
    {Str::TrainAccuracyNote,
     {"Training accuracy is averaged over the epoch while the weights were still learning, with dropout on (as Keras reports it), so it can sit below test accuracy.",
      "训练准确率是在这一轮中边学习边统计的平均值，且开启了 dropout（与 Keras 的报告方式相同），所以可能低于测试准确率。"}},
    {Str::ConvStepBack, {"← Step", "← 上一步"}},
    {Str::ConvStepForward, {"Step →", "下一步 →"}},
    {Str::ConvPlay, {"▶ Play", "▶ 播放"}},
    {Str::ConvPause, {"Pause", "暂停"}},
    {Str::ConvReplay, {"▶ Replay", "▶ 重播"}},
    {Str::ConvSpeedLabel, {"{0} steps/s", "{0} 步/秒"}},
    {Str::ConvStepLabel, {"step {0}", "第 {0} 步"}},
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
    {Str::ConvOtherLayer, {"This layer has no window to animate. Pick a Conv2D, DepthwiseConv2D, SeparableConv2D, pooling, Flatten or Dense layer, or the seed answer's example.", "这一层没有可演示的窗口。请选择 Conv2D、DepthwiseConv2D、SeparableConv2D、池化、Flatten 或 Dense 层，或原回答里的例子。"}},
    {Str::ConvLegend, {"Striped: padding zeros. Small grey dots: cells that dilation skips. Grey: not computed yet.", "条纹：填充的零。灰色小点：膨胀跳过的格子。灰色：尚未计算。"}},
    {Str::ConvNoModel, {"The model cannot be built yet: fix it in the editor, or open the seed answer's example.", "模型暂时无法构建：请在编辑器中修正，或打开原回答里的例子。"}},
    {Str::ConvRendererFailed, {"This browser could not compile the 3D view's shaders.", "此浏览器无法编译三维视图的着色器。"}},
    {Str::ConvHint, {"Drag to turn · wheel to zoom · Space plays, ← → step", "拖动旋转 · 滚轮缩放 · 空格播放，← → 单步"}},
    {Str::ConvPaddingSame, {"'same' padding adds {0} row(s) on top and {1} at the bottom, {2} column(s) left and {3} right (an odd total puts the extra one after, as Keras does).", "'same' 填充在上方加 {0} 行、下方 {1} 行，左侧 {2} 列、右侧 {3} 列（总数为奇数时，多出的一行/列放在后面，与 Keras 相同）。"}},
    {Str::ConvStageDepthwise, {"Stage 1 · depthwise", "阶段 1 · 逐通道卷积"}},
    {Str::ConvStagePointwise, {"Stage 2 · pointwise 1×1", "阶段 2 · 逐点 1×1 卷积"}},
    {Str::ConvStageStep, {"Stage {0} of 2.", "阶段 {0}/2。"}},
    {Str::ConvTitleMid, {"Stage 1's output", "阶段 1 的输出"}},
    {Str::ConvSeparableTitle, {"SeparableConv2D: two convolutions in a row", "SeparableConv2D：连续两次卷积"}},
    {Str::ConvSeparableStage1, {"Stage 1, depthwise: {0} filters, each a single {1}×{2} slice over one input channel, with no bias: {3} weights.", "阶段 1，逐通道卷积：{0} 个卷积核，每个只是一个 {1}×{2} 切片，只作用于一个输入通道，没有偏置：{3} 个权重。"}},
    {Str::ConvSeparableStage2, {"Stage 2, pointwise: {0} filters, each 1×1 but through all {1} channels of stage 1's output, plus a bias: {2} weights.", "阶段 2，逐点卷积：{0} 个卷积核，每个只有 1×1，却贯穿阶段 1 输出的全部 {1} 个通道，再加一个偏置：{2} 个权重。"}},
    {Str::ConvSeparableStage2NoBias, {"Stage 2, pointwise: {0} filters, each 1×1 but through all {1} channels of stage 1's output (use_bias=False): {2} weights.", "阶段 2，逐点卷积：{0} 个卷积核，每个只有 1×1，却贯穿阶段 1 输出的全部 {1} 个通道（use_bias=False）：{2} 个权重。"}},
    {Str::ConvSeparableTotal, {"Together {0} + {1} = {2}, the summary's Param #.", "合计 {0} + {1} = {2}，即摘要表中的参数数量。"}},
    {Str::ConvSeparableFull, {"A Conv2D with the same kernel and filters mixes space and channels in one step, and costs:", "同样卷积核大小和数量的 Conv2D 一步同时混合空间和通道，参数数量为："}},
    {Str::ChineseFontLoading, {"Loading the Chinese font…", "正在加载中文字体…"}},
    {Str::ChineseFontFailed,
     {"The Chinese font could not be loaded, so the page stays in English.", "无法加载中文字体，页面保持英文。"}},
    {Str::ConvPadCell, {"pad", "填充"}},
    {Str::DurationSeconds, {"{0} s", "{0} 秒"}},
    // The guided lesson.
    {Str::MenuLesson, {"Lesson", "课程"}},
    {Str::LessonTitle, {"Lesson", "课程"}},
    {Str::LessonChapterTitle, {"Chapter {0}: {1}", "第 {0} 章：{1}"}},
    {Str::LessonBack, {"← Back", "← 上一章"}},
    {Str::LessonNext, {"Next →", "下一章 →"}},
    {Str::LessonCheck, {"Check", "检查"}},
    {Str::LessonYourWorking, {"Your answer's working:", "你的算式："}},
    {Str::LessonRightWorking, {"The right working:", "正确的算式："}},
    {Str::LessonRight, {"Right!", "正确！"}},
    {Str::LessonNotKnown, {"Not quite, and not one of the usual slips. Compare with the right working:", "不对，而且不属于常见的错误。请对照正确的算式："}},
    {Str::LessonParseEmpty, {"Type an answer first.", "请先输入答案。"}},
    {Str::LessonParseNotCount, {"“{0}” is not a whole number. Type digits only, like 1234 or 1,234.", "“{0}”不是一个整数。请只输入数字，例如 1234 或 1,234。"}},
    {Str::LessonParseTooLarge, {"“{0}” is far too large for one layer's parameter count.", "“{0}”太大了，不可能是一层的参数数量。"}},
    {Str::LessonParseNotShape, {"“{0}” is not a size. Write a shape as whole numbers, like (None, 24, 24, 63) or 24, 24, 63.", "“{0}”不是一个尺寸。形状请写成整数，例如 (None, 24, 24, 63) 或 24, 24, 63。"}},
    {Str::LessonParseRank, {"That shape has {0} sizes. Give 3 (height, width, channels), or 1 for a vector; None in front is optional.", "这个形状有 {0} 个尺寸。请给出 3 个（高度、宽度、通道数），向量则给 1 个；前面的 None 可写可不写。"}},
    {Str::LessonParseZero, {"A size of 0 is impossible: every axis holds at least one value.", "尺寸不可能为 0：每个轴至少有一个值。"}},
    {Str::LessonCountHint, {"a whole number", "一个整数"}},
    {Str::LessonShapeHint, {"(None, H, W, C)", "(None, H, W, C)"}},
    {Str::LessonNotSeed, {"This chapter is about the seed question's model, but the editor holds another one.", "本章讲的是开头问题中的模型，但编辑器里现在是另一个模型。"}},
    {Str::LessonLoadSeed, {"Load that model (Undo brings yours back)", "载入该模型（撤销即可恢复你的模型）"}},
    {Str::LessonWorkingHidden, {"The working stays hidden until you have typed your count in the lesson.", "在课程中输入你的答案之前，计算过程先隐藏。"}},
    {Str::LessonCh1Title, {"The question", "问题"}},
    {Str::LessonCh2Title, {"One filter, all channels", "一个卷积核，全部通道"}},
    {Str::LessonCh3Title, {"Count it", "数一数"}},
    {Str::LessonCh4Title, {"Your turn", "轮到你了"}},
    {Str::LessonCh5Title, {"Why Dense is big", "为什么全连接层这么大"}},
    {Str::LessonCh6Title, {"Train it", "训练它"}},
    {Str::LessonCh1Text, {"Someone built this model in Keras, and model.summary() printed {0} parameters for {1}, the row selected in the summary. They expected far fewer: {1} has {2} filters of {3} × {4}, and its input is {5}. So where does {0} come from?", "有人用 Keras 搭建了这个模型，model.summary() 显示 {1}（摘要中选中的那一行）有 {0} 个参数。他原本以为会少得多：{1} 有 {2} 个 {3} × {4} 的卷积核，输入形状是 {5}。那么 {0} 是怎么来的？"}},
    {Str::LessonCh1Do, {"Before you see the working: how many parameters would you count for {0}? Type your count, even if it is not {1}.", "先别看计算过程：你会算出 {0} 有多少个参数？输入你的答案，即使它不是 {1} 也没关系。"}},
    {Str::LessonCh1Success, {"That is it: each of the {0} filters spans all {1} input channels, so a filter is a whole block of weights, not one small square. The next chapter shows one filter at work.", "正是如此：{0} 个卷积核中的每一个都覆盖全部 {1} 个输入通道，所以一个卷积核是一整块权重，而不只是一个小方块。下一章会展示一个卷积核如何工作。"}},
    {Str::LessonCh2Text, {"The Convolution tab now shows {0} computing one output value. Its filter is not a flat {1} × {2} square: it is {1} × {2} × {3}, one {1} × {2} slice for each of the {3} input channels. The animation walks the channels one at a time: each slice multiplies the patch under it, the products join a running total, and one bias is added at the end.", "“卷积”标签页现在展示 {0} 如何计算一个输出值。它的卷积核不是一个扁平的 {1} × {2} 方块，而是 {1} × {2} × {3}：{3} 个输入通道各对应一个 {1} × {2} 切片。动画逐个通道进行：每个切片与其下方的区域逐元素相乘，乘积累加到总和中，最后再加上一个偏置。"}},
    {Str::LessonCh2Do, {"Press Play (or step with →) and watch the running total grow channel by channel.", "点击“播放”（或按 → 单步），看着累加和一个通道一个通道地增长。"}},
    {Str::LessonCh3Text, {"So one filter holds Kh × Kw × Cin weights plus one bias, and a layer has Cout filters: (Kh × Kw × Cin + 1) × Cout. Here is {0}'s count, each term coloured by what it stands for:", "所以一个卷积核有 Kh × Kw × Cin 个权重，外加一个偏置；一层共有 Cout 个卷积核：(Kh × Kw × Cin + 1) × Cout。下面是 {0} 的参数数量，每一项按其含义着色："}},
    {Str::LessonCh3Toy, {"Now a toy layer: {0} filters of {1} × {2} on an input with {3} channels, like an RGB picture.", "现在看一个小例子：在有 {3} 个输入通道的输入（比如一张 RGB 图片）上使用 {0} 个 {1} × {2} 的卷积核。"}},
    {Str::LessonCh3Do, {"Predict its parameter count and press Check. Then the Convolution tab shows this layer.", "预测它的参数数量并点击“检查”。之后“卷积”标签页会展示这一层。"}},
    {Str::LessonCh3Reveal, {"The Convolution tab now shows the toy layer: step through one output value and count the weights it meets.", "“卷积”标签页现在展示这个小例子：单步查看一个输出值，数一数它用到的权重。"}},
    {Str::LessonCh4Text, {"Here is a layer and its input, written as Keras code. Predict the last layer's output shape and its parameter count. When an answer is off, the feedback names the slip and shows its working beside the right one. Every three right in a row, the layers get harder.", "下面用 Keras 代码给出一层及其输入。预测最后一层的输出形状和参数数量。答案有误时，反馈会指出具体的错误，并把你的算式与正确的算式并排列出。每连续答对三题，题目就会变难一些。"}},
    {Str::LessonCh4Do, {"Fill in both answers and press Check. Can you get five in a row?", "填写两个答案并点击“检查”。你能连续答对五题吗？"}},
    {Str::LessonNextExercise, {"Next exercise", "下一题"}},
    {Str::LessonSkipExercise, {"Another one", "换一题"}},
    {Str::LessonStreak, {"In a row: {0} · best: {1} · level {2} of {3}", "连续答对：{0} · 最佳：{1} · 难度 {2}/{3}"}},
    {Str::LessonCh4Five, {"Five in a row! You can count these layers now. Keep going: the layers keep getting harder.", "连续答对五题！这些层你都会算了。继续挑战：题目会越来越难。"}},
    {Str::LessonCh5Text, {"Flatten lays the {0} block out as one vector of {1} values. The Dense layer after it connects every one of them to each of its {2} units, plus one bias per unit:", "Flatten 把 {0} 的数据块展开成一个含 {1} 个值的向量。其后的全连接层把其中每一个值都连接到它的 {2} 个神经元上，每个神经元再加一个偏置："}},
    {Str::LessonCh5Share, {"That one layer holds {0} of the model's {1} parameters.", "仅这一层就占了模型 {1} 个参数中的 {0} 个。"}},
    {Str::LessonCh5Gap, {"GlobalAveragePooling2D in place of Flatten keeps one average per channel, {0} values, so the Dense layer would need only {1} parameters and the whole model {2}.", "如果用 GlobalAveragePooling2D（全局平均池化层）代替 Flatten，每个通道只保留一个平均值，共 {0} 个值；全连接层就只需要 {1} 个参数，整个模型共 {2} 个。"}},
    {Str::LessonCh5Do, {"Try it in the model and watch the summary change.", "在模型中试一试，观察摘要的变化。"}},
    {Str::LessonCh5Swap, {"Use GlobalAveragePooling2D instead of Flatten", "用 GlobalAveragePooling2D 代替 Flatten"}},
    {Str::LessonCh5Undo, {"Put Flatten back (Undo)", "换回 Flatten（撤销）"}},
    {Str::LessonCh6Text, {"So far every weight was random. Training shows the network thousands of handwritten digits and nudges all {0} parameters to make fewer mistakes. In Look inside, the first layer's filters turn from noise into strokes and edges as it learns.", "到目前为止，所有权重都是随机的。训练时，网络会看到成千上万个手写数字，并不断微调全部 {0} 个参数，让错误越来越少。在“看看内部”中，你会看到第一层的卷积核从杂乱的噪声逐渐变成笔画和边缘。"}},
    {Str::LessonCh6Do, {"Start training and watch the filters form; then draw a digit and see what the network says.", "开始训练，观察卷积核逐渐成形；然后写一个数字，看看网络怎么判断。"}},
    {Str::LessonCh6Start, {"Start training and look inside", "开始训练并查看内部"}},
    {Str::LessonCh6Filters, {"The first layer's filters", "第一层的卷积核"}},
    {Str::LessonCh6Draw, {"Draw a digit", "手写一个数字"}},
    {Str::LessonShowEditor, {"Model editor", "模型编辑器"}},
    {Str::MenuKeys, {"Keys (?)", "快捷键 (?)"}},
    {Str::KeysTitle, {"Keyboard shortcuts", "键盘快捷键"}},
    {Str::KeysUndo, {"Ctrl+Z", "Ctrl+Z"}},
    {Str::KeysUndoWhat, {"Undo the last change to the model", "撤销对模型的上一次修改"}},
    {Str::KeysRedo, {"Ctrl+Shift+Z or Ctrl+Y", "Ctrl+Shift+Z 或 Ctrl+Y"}},
    {Str::KeysRedoWhat, {"Redo it", "重做"}},
    {Str::KeysPlay, {"Space", "空格"}},
    {Str::KeysPlayWhat, {"Play or pause the convolution animation (Convolution tab)", "播放或暂停卷积动画（卷积页）"}},
    {Str::KeysStep, {"← / →", "← / →"}},
    {Str::KeysStepWhat, {"One step back or forward in the animation", "动画后退或前进一步"}},
    {Str::KeysOrbit, {"Drag / mouse wheel", "拖动 / 鼠标滚轮"}},
    {Str::KeysOrbitWhat, {"Turn / zoom the 3D view", "旋转 / 缩放三维视图"}},
    {Str::KeysPaste, {"Ctrl+V or drop a file", "Ctrl+V 或拖入文件"}},
    {Str::KeysPasteWhat, {"Import a model: Keras code, Keras JSON or a ConvLab file", "导入模型：Keras 代码、Keras JSON 或 ConvLab 文件"}},
    {Str::KeysHelp, {"?", "?"}},
    {Str::KeysHelpWhat, {"Show or hide this list", "显示或隐藏此列表"}},
    {Str::TrainWeightsMismatch,
     {"The weights in the model file do not fit this model ({0} float32 values expected), so it keeps its own weights.",
      "模型文件中的权重与此模型不符（应为 {0} 个 float32 数值），因此保留了模型自己的权重。"}},
    {Str::CliInvalidModel, {"invalid model: {0}", "模型无效：{0}"}},
    {Str::CliCannotExport, {"cannot export to PyTorch: {0}", "无法导出为 PyTorch：{0}"}},
    {Str::CliInputShapeHint,
     {"hint: give the input shape, e.g. --input-shape 28,28,1 for MNIST",
      "提示：请给出输入形状，例如 MNIST 用 --input-shape 28,28,1"}},
    {Str::CliTrainWrongData,
     {"the digits are (28, 28, 1) images in 10 classes; this model takes {0} and gives {1} classes",
      "手写数字是 (28, 28, 1) 的图像，共 10 个类别；此模型的输入是 {0}，输出 {1} 个类别"}},
    {Str::CliTrainEpochFailed, {"epoch {0}: {1}", "第 {0} 轮：{1}"}},
};
static_assert(sizeof(kRows) / sizeof(kRows[0]) == size_t(Str::MsgText), "one row per key up to the core's sentences");

// The row of a key, from this file's table or the core sentences' one.
const Row& row_of(size_t i) { return i < size_t(Str::MsgText) ? kRows[i] : kMessageRows[i - size_t(Str::MsgText)]; }

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
    return row_of(size_t(s)).text[size_t(lang)];
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
        const Row& row = row_of(i);
        if (size_t(row.key) != i) return Str(i);
        if (row.key == Str::RoleNone) continue;  // the one deliberately empty label
        for (size_t l = 0; l < size_t(Lang::Count); ++l)
            if (!row.text[l] || !*row.text[l]) return Str(i);
    }
    return Str::Count;
}
