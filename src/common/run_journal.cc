// src/common/run_journal.cc — JSON-lines journal of run events.
#include "common/run_journal.h"

#include "common/json_bounded.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace autocomp {

namespace {

Status WriteAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return FailedPreconditionError("cannot write journal " + path + ": " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

std::string Line(const RunEvent& event) {
  return ToJson(event).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

Result<JournalWriter> JournalWriter::Open(const std::string& path) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return FailedPreconditionError("cannot open journal " + path + ": " + std::strerror(errno));
  return JournalWriter(path, fd);
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), buffer_(std::move(other.buffer_)) {
  other.fd_ = -1;
}

JournalWriter& JournalWriter::operator=(JournalWriter&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    path_ = std::move(other.path_);
    fd_ = other.fd_;
    buffer_ = std::move(other.buffer_);
    other.fd_ = -1;
  }
  return *this;
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) {
    (void)Flush();
    close(fd_);
  }
}

void JournalWriter::Append(const RunEvent& event) { buffer_ += Line(event); }

Status JournalWriter::Flush() {
  if (buffer_.empty()) return Status::Ok();
  Status s = WriteAll(fd_, buffer_, path_);
  if (s.ok()) buffer_.clear();
  return s;
}

Status JournalWriter::Sync() {
  AUTOCOMP_RETURN_IF_ERROR(Flush());
  if (fdatasync(fd_) != 0) return FailedPreconditionError("cannot sync journal " + path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

Status WriteJournalAtomically(const std::string& path, const std::vector<RunEvent>& events) {
  const std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return FailedPreconditionError("cannot create " + tmp + ": " + std::strerror(errno));
  std::string data;
  for (const auto& e : events) data += Line(e);
  Status s = WriteAll(fd, data, tmp);
  if (s.ok() && fsync(fd) != 0) s = FailedPreconditionError("cannot sync " + tmp + ": " + std::strerror(errno));
  close(fd);
  if (s.ok() && rename(tmp.c_str(), path.c_str()) != 0) {
    s = FailedPreconditionError("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
  if (!s.ok()) unlink(tmp.c_str());
  return s;
}

Result<std::vector<RunEvent>> ReadJournal(const std::string& path, int* dropped_tail) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read journal " + path);
  std::vector<std::string> lines;
  std::string line;
  bool last_complete = true;
  while (std::getline(in, line)) {
    lines.push_back(line);
    last_complete = !in.eof();
  }
  if (dropped_tail) *dropped_tail = 0;
  std::vector<RunEvent> events;
  for (size_t i = 0; i < lines.size(); ++i) {
    const bool last = i + 1 == lines.size();
    if (lines[i].empty() && last) break;
    std::string why;
    nlohmann::json j = ParseBoundedJson(lines[i], &why);
    Result<RunEvent> event = j.is_discarded() ? Result<RunEvent>(DataLossError(why)) : EventFromJson(j);
    if (!event.ok()) {
      if (last && (!last_complete || j.is_discarded())) {  // torn final write
        if (dropped_tail) *dropped_tail = 1;
        break;
      }
      return DataLossError(path + ":" + std::to_string(i + 1) + ": " + event.status().message());
    }
    events.push_back(std::move(*event));
  }
  return events;
}

}  // namespace autocomp
