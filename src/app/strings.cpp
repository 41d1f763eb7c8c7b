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
    {Str::ColFlops, {"FLOPs", "浮点运算"}},
    {Str::ColMemory, {"Activations", "激活内存"}},
    {Str::TotalParams, {"Total params", "总参数"}},
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
    {Str::RoleOutChannels, {"filters (output channels)", "卷积核个数 (输出通道数)"}},
    {Str::RoleBias, {"bias", "偏置"}},
    {Str::RoleDepthMultiplier, {"depth multiplier", "深度乘数"}},
    {Str::RoleUnits, {"units", "神经元个数"}},
    {Str::RoleInFeatures, {"input features", "输入特征数"}},
    {Str::RoleInputSize, {"input size", "输入尺寸"}},
    {Str::RoleStride, {"stride", "步长"}},
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
                                   "不是这样：填充或第一个窗口位置的 + 1 算错了。"}},
    {Str::MistakeStrideIgnored, {"Not this: it ignores the stride.", "不是这样：它忽略了步长。"}},
    {Str::MistakeFlattenAsLastAxis, {"Not this: Flatten keeps every value, H × W × C, not only the channels.",
                                     "不是这样：Flatten 保留全部数值，即 H × W × C，而不只是通道数。"}},
    {Str::MistakeCountedMovingStats,
     {"Not this: the moving mean and variance are in Param # but are not trained.",
      "不是这样：移动均值和方差计入参数数量，但不参与训练。"}},
    {Str::MistakeDilationIgnored,
     {"Not this: it ignores the dilation. A dilated kernel reaches (K − 1) × D + 1 cells.",
      "不是这样：它忽略了膨胀率。膨胀后的卷积核覆盖 (K − 1) × D + 1 个格子。"}},
    {Str::MistakeDepthwiseAsFull,
     {"Not this: a depthwise kernel sees one input channel, not all of them.",
      "不是这样：逐深度卷积的每个卷积核只看一个输入通道，而不是全部。"}},
    {Str::MistakeFullAsDepthwise,
     {"Not this: Conv2D is not depthwise. Each filter spans all input channels, and there is one per output channel.",
      "不是这样：Conv2D 不是逐深度卷积。每个卷积核覆盖全部输入通道，每个输出通道各有一个。"}},
    {Str::MistakeOutputChannelsWrong,
     {"Not this: the output channels come from the layer (filters or units), not from the input.",
      "不是这样：输出通道数由该层决定（卷积核数或神经元数），而不是来自输入。"}},
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
    {Str::TrainStep, {"Step one batch", "单步训练一个批次"}},
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
    {Str::OptAdadeltaKeras, {"Adadelta (Keras 2.3, lr 1.0)", "Adadelta（Keras 2.3，学习率 1.0）"}},
    {Str::OptAdadeltaTf, {"Adadelta (tf.keras, lr 0.001)", "Adadelta（tf.keras，学习率 0.001）"}},
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

const char* tr(Str s) { return tr_in(g_lang, s); }

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
