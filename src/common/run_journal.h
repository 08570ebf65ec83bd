// src/common/run_journal.h
//
// The run's write-ahead journal: every RunEvent as one JSON line, appended
// beside the run file (<run>.h5.journal) before the HDF5 file is updated.
// While a run is going the journal is the complete record (a resumed run
// starts its journal with a checkpoint of the run file), so a master killed
// at any moment — even in the middle of an HDF5 write — loses nothing that
// reached the journal. It is removed when the run file is closed cleanly.
//
// Append() buffers; Flush() hands the buffer to the kernel (survives a
// killed process); Sync() also fdatasyncs (survives a crashed node).
// Thread-safety: none; one writer.
#pragma once

#include <string>
#include <vector>

#include "common/run_event.h"
#include "common/status.h"

namespace autocomp {

class JournalWriter {
 public:
  // Opens `path` for appending, creating it if needed.
  static Result<JournalWriter> Open(const std::string& path);
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&& other) noexcept;
  JournalWriter(const JournalWriter&) = delete;
  ~JournalWriter();

  void Append(const RunEvent& event);
  Status Flush();
  Status Sync();
  const std::string& path() const { return path_; }

 private:
  JournalWriter(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
};

// Writes `events` as a new journal at `path` atomically (temporary file,
// fsync, rename): either the old journal or the complete new one exists.
Status WriteJournalAtomically(const std::string& path, const std::vector<RunEvent>& events);

// Reads every event. A torn last line (the writer was killed mid-line) is
// dropped and counted in *dropped_tail; damage anywhere else is DataLoss.
Result<std::vector<RunEvent>> ReadJournal(const std::string& path, int* dropped_tail = nullptr);

}  // namespace autocomp
