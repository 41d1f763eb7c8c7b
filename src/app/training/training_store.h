// training_store.h: the training progress kept in this browser: the key it is
// kept under and autosave, which writes it there in the CLW2 stored form
// (training_store_format.h, which also reads it back). Not the session's state
// machine, which decides when to save and what a restore puts back
// (training_session.cpp), and not the model files a user downloads.
#pragma once
#include <string>

#include "app/training/training_session.h"
#include "app/training/training_store_format.h"

// The key the progress of t's architecture is kept under ("weights.<FNV-1a of arch_key>").
std::string training_storage_key(const TrainingSession& t);
// Writes t's progress (after at least one update) under its key.
void training_autosave(TrainingSession& t);
