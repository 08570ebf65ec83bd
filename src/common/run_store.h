// src/common/run_store.h
//
// The single writer of a run's record. Every change is a RunEvent passed to
// Record(), which applies it to the in-memory RunState and (for the HDF5
// store) appends it to the journal. Sync() pushes the journal to the
// kernel on every call and brings the HDF5 run file up to date when
// `flush_seconds` have passed or when forced (end of an iteration, exit).
//
//   Hdf5RunStore::Create  a new run; refuses to overwrite an existing file
//   Hdf5RunStore::Resume  continue a run: journal (if the run died) or run
//                         file (if it closed cleanly) → state; the run file is
//                         rewritten whole from that state, atomically
//   MemoryRunStore        same interface, nothing on disk (tests)
//
// A run file that cannot be opened for writing (a reader holds it) is not
// an error: the journal keeps everything and the write is retried later.
// Thread-safety: none; the master's event loop owns the store.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "common/hdf5_run_file.h"
#include "common/run_event.h"
#include "common/run_journal.h"
#include "common/run_state.h"
#include "common/status.h"

namespace autocomp {

class RunStore {
 public:
  virtual ~RunStore() = default;
  virtual Status Record(const RunEvent& event) = 0;
  virtual const RunState& state() const = 0;
  virtual Status Sync(bool force) = 0;
  // Records the end of the session, writes everything, and (HDF5) removes the journal.
  virtual Status Close(const SessionEndedEvent& end) = 0;
  // Where the record lives, for messages ("" for memory).
  virtual std::string path() const = 0;
};

class MemoryRunStore final : public RunStore {
 public:
  Status Record(const RunEvent& event) override { return Apply(state_, event); }
  const RunState& state() const override { return state_; }
  Status Sync(bool) override { return Status::Ok(); }
  Status Close(const SessionEndedEvent& end) override { return Apply(state_, end); }
  std::string path() const override { return ""; }

 private:
  RunState state_;
};

class Hdf5RunStore final : public RunStore {
 public:
  static Result<std::unique_ptr<Hdf5RunStore>> Create(const std::string& path, double flush_seconds);
  static Result<std::unique_ptr<Hdf5RunStore>> Resume(const std::string& path, double flush_seconds);

  Status Record(const RunEvent& event) override;
  const RunState& state() const override { return state_; }
  Status Sync(bool force) override;
  Status Close(const SessionEndedEvent& end) override;
  std::string path() const override { return path_; }

  static std::string JournalPath(const std::string& run_path) { return run_path + ".journal"; }
  // Number of failed run-file writes in a row (a reader holding the file).
  int pending_file_failures() const { return file_failures_; }

 private:
  Hdf5RunStore(std::string path, double flush_seconds, JournalWriter journal)
      : path_(std::move(path)), flush_seconds_(flush_seconds), journal_(std::move(journal)) {}
  Status WriteFile();

  std::string path_;
  double flush_seconds_;
  JournalWriter journal_;
  RunState state_;
  Hdf5WriteMark mark_;
  std::chrono::steady_clock::time_point last_write_{};
  bool dirty_ = false;
  int file_failures_ = 0;
};

// The freshest complete view of a run, for readers: the journal when one
// exists (the run is going or died), else the run file.
Result<RunState> LoadRun(const std::string& path);

}  // namespace autocomp
