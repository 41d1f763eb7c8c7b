// train_command.h: `convlab train`, which trains a model on the MNIST digits
// and prints per-epoch loss, train and test accuracy and examples per second.
// main.cpp dispatches here; the training itself is src/core/train/.
#pragma once

namespace convlab {

// argv[0] is the command name ("train"): main passes argc − 1, argv + 1.
//   convlab train MODEL [--epochs E] [--batch B] [--optimizer NAME] [--lr X]
//                       [--seed S] [--data PATH] [--input-shape H,W,C] [--lang en|zh]
// Exit codes: 0 trained, 1 the model cannot be trained or training diverged,
// 2 usage error or unreadable input.
int run_train(int argc, char** argv);

}  // namespace convlab
