// strings.h: every text the page shows, in every language, from one table.
// UI code asks tr(lang, Str::X), lang being the language the page shows
// (app.language.shown), and never writes a user-visible literal. Widget labels
// carry a stable ImGui ID after "###" (tr_id), so switching language does not
// reset the widget's state.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

#include "core/message/message_codes.h"

enum class Lang : uint8_t { En, Zh, Count };

enum class Str : uint16_t {
    AppTitle,
    MenuView, MenuLanguage, MenuHelp,
    LangEnglish, LangChinese,
    PanelSummary, PanelArithmetic, PanelModel,
    TabSummary, TabConvolution, TabTraining,
    ColLayer, ColOutputShape, ColParams, ColFlops, ColMemory,
    TotalParams, TrainableParams, NonTrainableParams,
    ShowCost,
    SelectRowHint,
    ParamsOf, OutputSizeOf, CommonMistake, NoParams,
    ModelInvalid,
    NoticeBadUrl, NoticeBadLang, NoticeBadChapter,
    Dismiss,
    Loading,
    RoleNone, RoleKernelH, RoleKernelW, RoleInChannels, RoleOutChannels, RoleBias, RoleDepthMultiplier,
    RoleUnits, RoleInFeatures, RoleInputSize, RoleStride, RolePadding, RoleDilation, RoleKernelReach,
    RoleOutputSize, RolePoolSize, RoleHeight, RoleWidth, RoleChannels, RoleFieldSize, RoleJump,
    // One per convlab::MistakeKind, in the same order.
    MistakeForgotInChannels, MistakeForgotBias, MistakeForgotBoth, MistakeSwappedInOut,
    MistakeCountedPoolingParams, MistakePaddingOffByOne, MistakeStrideIgnored, MistakeFlattenAsLastAxis,
    MistakeCountedMovingStats, MistakeDilationIgnored, MistakeDepthwiseAsFull, MistakeFullAsDepthwise,
    MistakeOutputChannelsWrong, MistakeSameRoundedDown, MistakeConcatChannelsAsParams, MistakeConcatOneBranch,
    MistakeSharedCountedTwice, MistakeAddAsConcatenate, MistakeShortcutProjectionForgotten,
    // The model editor (editor_panel.cpp, model_edit.cpp). ProblemWhere* say where
    // a convlab::Problem is; its sentence is a core message (Msg* below).
    EditorUndo, EditorRedo, EditorAddLayer, EditorAddLayerHint, EditorMoveUp, EditorMoveDown,
    EditorDuplicate, EditorRemove, EditorDragHint, MenuPresets, PresetSeed, PresetLeNet5, PresetMnistConvnet,
    PresetTiny, PresetDepthwise, PresetSmallResNet, PresetSmallInception, PresetSmallDenseNet, MenuImportExport, ImportOpen, CopyKeras, CopyPytorch, SaveModelFile, Copied,
    Saved, ExportImpossible, ImportTitle, ImportHelp, ImportButton, ImportPaste, Cancel, ImportErrorAt,
    ImportMissingShape, ImportWithShape, ImportWantsSetting, ImportSettingsHint, ImportWithSettings, ImportSettingBad, InvalidKeepsLast, ProblemWhereField, ProblemWhereLayer,
    CardNoOutput, EmptyModel,
    // Training (training_panel.cpp, training_session.cpp). Rows with %s / %d
    // are printf formats: every language keeps the same slots in the same order.
    TrainCannotBuild, TrainWrongInput, TrainWrongClasses, TrainModelInvalid, TrainDataFailed, TrainDiverged,
    TrainStart, TrainResume, TrainPause, TrainStep, TrainReset, TrainResetAsk, TrainResetAskRestored, TrainResetYes, TrainResetNo, TrainEpochs, TrainBatch, TrainOptimizer,
    TrainLearningRate, TrainSeed, TrainMomentum, TrainNesterov, TrainRho, TrainBeta1, TrainBeta2, TrainEpsilon,
    OptSgd, OptAdam, OptRmsprop, OptAdadeltaKeras, OptAdadeltaTf, TrainSettingsHeader,
    TrainStatusReady, TrainStatusLoading, TrainStatusRunning, TrainStatusEvaluating, TrainStatusPaused,
    TrainStatusFinished, TrainProgress, TrainSpeed, TrainRestored, TrainModeThread, TrainModeFrames, TrainModeWorker, TrainThreads, TrainThreadsTip, TrainUnavailableTitle,
    TrainTabCurves, TrainTabTestDigits, TrainTabDraw, TrainTabInside,
    PlotLoss, PlotLossRaw, PlotLossSmoothed, PlotAccuracy, LegendTrain, LegendTest, PlotEmpty,
    ConfusionTitle, ConfusionNone, TestDigitsHint, TestDigitsNone, DrawHint, DrawClear, DrawSeen,
    DrawProbabilities, DrawNoDigit, InsideLayer, InsideFilters, InsideInputChannel, InsideMaps, InsideNoDigit,
    InsideNoFilters, InsideUntrained, SaveConvlab, SaveTfjs, TrainSettingsLocked, CurrentDigit,
    PlotAccuracyEmpty, PlotBatchesAxis, TrainAccuracyNote,
    // The convolution view (conv_view_*.cpp).
    ConvStepBack, ConvStepForward, ConvPlay, ConvPause, ConvReplay, ConvSpeedLabel, ConvStepLabel,
    ConvLayerCombo, ConvToy, ConvPlayground, ConvMistake, ConvResetView, ConvModeWalk, ConvModeSlide,
    ConvModeAll, ConvTitleInput, ConvTitleFilter, ConvTitleOutput, ConvAxisH, ConvAxisW, ConvAxisC, ConvAxisCin,
    ConvAxisSlice, ConvAxisKh, ConvAxisKw, ConvAxisHo, ConvAxisWo, ConvAxisCout, ConvWeightsMet,
    ConvRunningTotal, ConvProducts, ConvSum, ConvBias, ConvOutputValue, ConvAfterActivation, ConvStepChannel,
    ConvStepBias, ConvStepPosition, ConvStepFilter, ConvStepPadding, ConvStepPoolMax, ConvStepPoolMean,
    ConvInputDigit, ConvInputDigits, ConvInputActivations, ConvLoadingDigits, ConvDigitsFailed,
    ConvWeightsSeeded, ConvWeightsTrained, ConvMistakeTitle, ConvMistakeWhy, ConvMistakeDepthwise,
    ConvRealCount, ConvWrongCount, ConvPerFilter, ConvMistakePart1, ConvMistakePart2, ConvIgnoredSlices,
    ConvMistakeIgnores, ConvMistakeSeePart2, ConvValueField, ConvFieldsTitle, ConvFieldCin, ConvFieldKh, ConvFieldKw,
    ConvFieldCout, ConvFieldStride, ConvFieldDilation, ConvFieldPadding, ConvRefused, ConvPoolMaxTitle,
    ConvPoolMeanTitle, ConvPoolWhy, ConvDenseTitle, ConvDenseFlatten, ConvDenseWhy, ConvOtherLayer, ConvLegend,
    ConvNoModel, ConvRendererFailed, ConvHint, ConvPaddingSame,
    // SeparableConv2D's two stages (depthwise, then 1×1 pointwise).
    ConvStageDepthwise, ConvStagePointwise, ConvStageStep, ConvTitleMid, ConvSeparableTitle, ConvSeparableStage1,
    ConvSeparableStage2, ConvSeparableStage2NoBias, ConvSeparableTotal, ConvSeparableFull,
    // A graph's merges (Concatenate, Add, ...) and a convolution reading a Concatenate.
    ConvBranchChannels, ConvConcatTitle, ConvConcatSum, ConvConcatWhy, ConvStepConcat, ConvMergeTitle, ConvMergeAt,
    ConvStepMerge, ConvMergeWhy, ConvMergeValues,
    // Conv2DTranspose as the convolution over its spread input.
    ConvTitleSpread, ConvTransposeTitle, ConvTransposeSpread,
    // UpSampling2D (nearest), drawn as pooling's picture.
    ConvUpsampleTitle, ConvStepUpsample, ConvUpsampleWhy,
    ConvConv1DNote,  // Conv1D drawn as the 2D case with height 1
    // The language (language.cpp). Shown in English while the Chinese font is not there.
    ChineseFontLoading, ChineseFontFailed,
    ConvPadCell,  // a pooling window cell that falls on padding
    DurationSeconds,  // "%d s": the time left in training, under a minute
    // The guided lesson (lesson_panel.cpp, lesson_answers.cpp). {0}, {1}, ... are
    // filled with the core's numbers and names; every language keeps each slot.
    MenuLesson, LessonTitle, LessonChapterTitle, LessonBack, LessonNext, LessonCheck, LessonYourWorking,
    LessonRightWorking, LessonTryAgain, LessonShowRight, LessonRight, LessonNotKnown, LessonParseEmpty, LessonParseNotCount, LessonParseTooLarge,
    LessonParseNotShape, LessonParseRank, LessonParseZero, LessonCountHint, LessonShapeHint, LessonNotSeed,
    LessonLoadSeed, LessonWorkingHidden, LessonCh1Title, LessonCh2Title, LessonCh3Title, LessonCh4Title,
    LessonCh5Title, LessonCh6Title, LessonCh1Text, LessonCh1Do, LessonCh1Success, LessonCh2Text, LessonCh2Do,
    LessonCh3Text, LessonCh3Toy, LessonCh3Do, LessonCh3Reveal,
    // The output-size chapter (between counting and practice).
    LessonSizeTitle, LessonSizeText, LessonSizeValid, LessonSizeSame, LessonSizeDilation, LessonSizePool, LessonSizeDo,
    LessonSizeQuestion, LessonSizeCountToo, LessonSizePadding, LessonSizeNext, LessonSizeDone,
    LessonCh4Text, LessonCh4Do, LessonNextExercise,
    LessonSkipExercise, LessonStreak, LessonCh4Five, LessonCh5Text, LessonCh5Share, LessonCh5Gap, LessonCh5Do,
    LessonCh5Swap, LessonCh5Undo, LessonCh6Text, LessonCh6Do, LessonCh6Start, LessonCh6Filters, LessonCh6Draw,
    LessonShowEditor,
    // The keyboard shortcuts window (keys_window.cpp): each Keys* combo row is
    // followed by what it does.
    MenuKeys, KeysTitle, KeysUndo, KeysUndoWhat, KeysRedo, KeysRedoWhat, KeysPlay, KeysPlayWhat, KeysStep,
    KeysStepWhat, KeysOrbit, KeysOrbitWhat, KeysPaste, KeysPasteWhat, KeysHelp, KeysHelpWhat,
    TrainWeightsMismatch,  // "%s": a model file's weights that do not fit the network built for it
    // The convlab CLI's own words around a core sentence (src/cli/, --lang).
    CliInvalidModel, CliCannotExport, CliInputShapeHint, CliSetHint,
    // Receptive fields (core/analysis/receptive_field.h): the summary's column,
    // the arithmetic panel's section and the CLI's --receptive-field table;
    // {0} slots as in fill_slots.
    ShowField, ColField, ColFieldSize, ColFieldJump, ColFieldStart, FieldWhole, FieldVaries, FieldTooLarge,
    FieldSees, FieldSeesSequence, FieldSeesItself, FieldWholeWhy, FieldVariesWhy, FieldTooLargeWhy, FieldUnion, FieldNotAligned,
    FieldSizeStep, FieldJumpStep, CliFieldTitle, CliFieldHow,
    // The page's screen-reader region (screen_reader.cpp): plain text, {0} slots.
    SrSummaryTitle, SrCountsHidden, SrTrainLoading, SrTrainEpochDone,
    CliTrainWrongData,  // {0} the model's input shape, {1} its number of classes
    CliTrainEpochFailed,  // {0} the epoch, {1} the core's sentence
    // Graphs in the page: the editor's graph view (editor_graph.cpp, editor_panel.cpp),
    // the summary's "Connected to" column, keras.applications in the presets.
    GraphLeftOut, GraphInsertAfter, GraphInsertOn, GraphInsertEveryPath, GraphInsertOnePath, GraphCannotMoveUp, GraphCannotMoveDown, GraphJoinBreaks, GraphBranch, GraphJoin, GraphJoinHint, GraphJoinAdd, GraphJoinConcatenate,
    GraphJoinDirect, GraphJoinProjection, GraphJoinCannot, GraphZoomOut, GraphZoomIn, GraphZoomFit, GraphNavHint,
    GraphSelected, ShowConnected, ColConnected, MenuApplications, ApplicationsHint,
    ArithMergeElementwise, ArithMergeConcat, ArithCinFromConcat,
    // The lesson's Branches chapter (lesson_panel.cpp); the kinds in BranchQuestion's order.
    LessonBranchesTitle, LessonBranchesText, LessonBranchesBottleneck, LessonBranchesDo, LessonBranchesSee,
    LessonBranchKindAdd, LessonBranchKindConcatenate, LessonBranchKindConvAfter, LessonBranchKindShared,
    LessonBranchKindBottleneck, LessonBranchesQuestion,
    // Exercise links and worksheets (lesson_worksheet.cpp, teach_window.cpp), embed mode.
    NoticeBadExercise, SheetTitle, SheetIntro, SheetAskShape, SheetAskParams, SheetAskBoth, SheetCodeIntro, SheetShowHint, SheetHint, SheetPrevious, SheetNext, SheetRightCount, SheetDone, SheetLeave, SheetModelBroken, SheetWaits, SheetIntroOne, SheetBackToQuestion, SheetSeeEmbedded, LessonShapeHintVector, TeachDuplicate, MenuTeach, TeachTitle, TeachIntro, TeachLayer, TeachNoLayer, TeachAsk, TeachAskBoth, TeachHint, TeachCopyLink, TeachAdd, TeachSheet, TeachRemove, TeachCopySheet, TeachTry, TeachClear, TeachCopied, TeachSheetFull, OpenInConvLab,
    // PyTorch code in the page (issue 21): its input size, and the summary's PyTorch view.
    ImportMissingTorchSize, ImportWithTorchSize, TorchSizeCount, TorchSizeNotNumber, TorchSizeTooSmall, TorchDimBatch, TorchDimChannels,
    TorchDimHeight, TorchDimWidth, ViewAs, ViewKeras, ViewPytorch, TorchViewUnavailable, TorchViewNote, TorchArithTitle, TorchArithContainer, TorchArithNoRow,
    // The core's sentences about import, PyTorch export and training: one key
    // per convlab::MsgCode, in its order, MsgText first (strings_messages.cpp).
#define CONVLAB_MSG_KEY(name, en) Msg##name,
    CONVLAB_MESSAGES(CONVLAB_MSG_KEY)
#undef CONVLAB_MSG_KEY
    Count
};

const char* language_code(Lang lang);            // "en", "zh"
bool parse_language(const char* code, Lang* out); // accepts "en", "zh", "zh-CN", ...

// The text as the page shows it (Chinese carries invisible line-break marks,
// U+3000, see strings.cpp).
const char* tr(Lang lang, Str s);
// The table's own text, without those marks (the CLI, tests, mirrors).
const char* tr_in(Lang lang, Str s);

// Where tr_id keeps its labels; the App owns one. tr_id fills the strings in
// turn and frame_labels_rewind, at the start of each frame, starts again from
// the first, so a label lives until the frame it was made for is drawn and a
// frame allocates nothing once the list is as long as a frame needs.
struct FrameLabels {
    std::deque<std::string> built;  // a deque: adding one never moves the others
    size_t used = 0;
};
void frame_labels_rewind(FrameLabels& labels);
// "Summary###summary": the label as tr gives it, with a fixed ID.
const char* tr_id(FrameLabels& labels, Lang lang, Str s, const char* id);
// For tests: every row sits at its key's index and has a non-empty text in
// every language; returns the first key that does not, or Str::Count.
Str first_bad_string_row();
