// src/common/hdf5_run_file.h
//
// The run file: a RunState mirrored into HDF5 (layout in docs/schema.md).
// Written incrementally — new candidate rows appended, rows whose result
// arrived updated in place (only the result columns) — by opening the file,
// writing and closing it again, so that between writes h5py and
// `autocomp report` can open it. Read back into a RunState by Read().
//
// HDF5 errors are caught here and returned as Status (FailedPrecondition
// when the file cannot be opened for writing, e.g. while a reader holds
// it; DataLoss when it is not a readable run file).
// Thread-safety: none; HDF5 (serial build) is used from one thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/run_state.h"
#include "common/status.h"

namespace autocomp {

// What the file already holds, so a write only adds what changed.
struct Hdf5WriteMark {
  struct PerProblem {
    std::vector<std::string> written_status;  // status and revision of each row as last written
    size_t beams = 0;
  };
  std::map<ProblemId, PerProblem> problems;
  size_t workers = 0;
  size_t llm_calls = 0, llm_cache = 0, prompts = 0;
  bool created = false;
};

// Brings `path` up to date with `state`; creates the file when mark.created
// is false (replacing any file there). Updates `mark` only on success.
Status WriteRunFile(const std::string& path, const RunState& state, Hdf5WriteMark& mark);

// Reads a run file completely.
Result<RunState> ReadRunFile(const std::string& path);

}  // namespace autocomp
