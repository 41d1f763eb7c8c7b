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
