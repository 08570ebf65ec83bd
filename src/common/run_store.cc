// src/common/run_store.cc — journal + HDF5 run file, kept in step.
#include "common/run_store.h"

#include <cstdio>
#include <filesystem>

#include <spdlog/spdlog.h>

namespace autocomp {

namespace fs = std::filesystem;

namespace {

// Writes `state` into a fresh file next to `path`, then renames it over `path`.
Status RewriteRunFile(const std::string& path, const RunState& state, Hdf5WriteMark& mark) {
  const std::string tmp = path + ".rewrite";
  Hdf5WriteMark fresh;
  Status s = WriteRunFile(tmp, state, fresh);
  if (s.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    s = FailedPreconditionError("cannot replace " + path);
  }
  if (!s.ok()) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return s;
  }
  mark = std::move(fresh);
  return Status::Ok();
}

Result<RunState> StateFromEvents(const std::vector<RunEvent>& events, const std::string& source) {
  RunState state;
  for (size_t i = 0; i < events.size(); ++i) {
    Status s = Apply(state, events[i]);
    if (!s.ok()) return s.WithContext(source + " event " + std::to_string(i + 1));
  }
  return state;
}

}  // namespace

Result<std::unique_ptr<Hdf5RunStore>> Hdf5RunStore::Create(const std::string& path, double flush_seconds) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    return InvalidArgumentError(path + " already exists; continue it with --resume " + path +
                                   " or choose another --out");
  }
  if (fs::exists(JournalPath(path), ec)) {
    return FailedPreconditionError(JournalPath(path) + " exists (a run that died before creating " + path +
                                   "?); resume it with --resume " + path + " or remove the journal");
  }
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  AUTOCOMP_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Open(JournalPath(path)));
  std::unique_ptr<Hdf5RunStore> store(new Hdf5RunStore(path, flush_seconds, std::move(journal)));
  Status s = WriteRunFile(path, store->state_, store->mark_);
  if (!s.ok()) {
    fs::remove(JournalPath(path), ec);
    return s;
  }
  return store;
}

Result<std::unique_ptr<Hdf5RunStore>> Hdf5RunStore::Resume(const std::string& path, double flush_seconds) {
  std::error_code ec;
  const std::string journal_path = JournalPath(path);
  RunState state;
  if (fs::exists(journal_path, ec)) {
    int dropped = 0;
    AUTOCOMP_ASSIGN_OR_RETURN(auto events, ReadJournal(journal_path, &dropped));
    if (dropped) spdlog::warn("journal {}: dropped a torn last line (the master was killed mid-write)", journal_path);
    AUTOCOMP_ASSIGN_OR_RETURN(state, StateFromEvents(events, journal_path));
    // Rewrite the journal without the torn line, so appends start on a line boundary.
    AUTOCOMP_RETURN_IF_ERROR(WriteJournalAtomically(journal_path, EventsFor(state)));
  } else {
    if (!fs::exists(path, ec)) return NotFoundError(path + " does not exist (nothing to resume)");
    AUTOCOMP_ASSIGN_OR_RETURN(state, ReadRunFile(path));
    AUTOCOMP_RETURN_IF_ERROR(WriteJournalAtomically(journal_path, EventsFor(state)));
  }
  AUTOCOMP_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Open(journal_path));
  std::unique_ptr<Hdf5RunStore> store(new Hdf5RunStore(path, flush_seconds, std::move(journal)));
  store->state_ = std::move(state);
  AUTOCOMP_RETURN_IF_ERROR(RewriteRunFile(path, store->state_, store->mark_));
  store->last_write_ = std::chrono::steady_clock::now();
  return store;
}

Status Hdf5RunStore::Record(const RunEvent& event) {
  AUTOCOMP_RETURN_IF_ERROR(Apply(state_, event));
  journal_.Append(event);
  dirty_ = true;
  return Status::Ok();
}

Status Hdf5RunStore::WriteFile() {
  Status s = WriteRunFile(path_, state_, mark_);
  if (!s.ok()) {
    ++file_failures_;
    if (file_failures_ == 1 || file_failures_ % 30 == 0) {
      spdlog::warn("{} (attempt {}); everything is kept in {} and the write will be retried", s.message(),
                   file_failures_, journal_.path());
    }
    return s;
  }
  file_failures_ = 0;
  dirty_ = false;
  last_write_ = std::chrono::steady_clock::now();
  return Status::Ok();
}

Status Hdf5RunStore::Sync(bool force) {
  AUTOCOMP_RETURN_IF_ERROR(journal_.Flush());
  const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_write_).count();
  if (dirty_ && (force || since >= flush_seconds_)) {
    AUTOCOMP_RETURN_IF_ERROR(journal_.Sync());
    (void)WriteFile();  // a failure is retried; the journal has it all
  }
  return Status::Ok();
}

Status Hdf5RunStore::Close(const SessionEndedEvent& end) {
  AUTOCOMP_RETURN_IF_ERROR(Record(end));
  AUTOCOMP_RETURN_IF_ERROR(journal_.Sync());
  Status s = WriteFile();
  for (int attempt = 0; !s.ok() && attempt < 10; ++attempt) {
    struct timespec pause {0, 200000000};
    nanosleep(&pause, nullptr);
    s = WriteFile();
  }
  if (!s.ok()) {
    return s.WithContext("the run is safe in " + journal_.path() + "; `--resume " + path_ + "` will finish writing it");
  }
  std::error_code ec;
  fs::remove(journal_.path(), ec);
  return Status::Ok();
}

Result<RunState> LoadRun(const std::string& path) {
  std::error_code ec;
  const std::string journal = Hdf5RunStore::JournalPath(path);
  if (fs::exists(journal, ec)) {
    AUTOCOMP_ASSIGN_OR_RETURN(auto events, ReadJournal(journal));
    return StateFromEvents(events, journal);
  }
  if (!fs::exists(path, ec)) return NotFoundError(path + " does not exist");
  return ReadRunFile(path);
}

}  // namespace autocomp
