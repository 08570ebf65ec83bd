// src/common/mpi_channel.cc — non-blocking sends and announced receives.
#include "common/mpi_channel.h"

namespace autocomp {

void MpiSender::Send(int rank, Tag tag, std::string bytes) {
  sends_.push_back({MPI_REQUEST_NULL, std::move(bytes)});
  Pending& s = sends_.back();
  MPI_Isend(s.buffer.data(), static_cast<int>(s.buffer.size()), MPI_BYTE, rank, static_cast<int>(tag), comm_,
            &s.request);
}

void MpiSender::Progress() {
  for (auto it = sends_.begin(); it != sends_.end();) {
    int done = 0;
    MPI_Test(&it->request, &done, MPI_STATUS_IGNORE);
    it = done ? sends_.erase(it) : std::next(it);
  }
}

void MpiSender::WaitAll() {
  for (Pending& s : sends_) MPI_Wait(&s.request, MPI_STATUS_IGNORE);
  sends_.clear();
}

void MpiSender::CancelAll() {
  for (Pending& s : sends_) {
    int done = 0;
    MPI_Test(&s.request, &done, MPI_STATUS_IGNORE);
    if (!done) {
      MPI_Cancel(&s.request);
      MPI_Wait(&s.request, MPI_STATUS_IGNORE);
    }
  }
  sends_.clear();
}

std::string ReceiveAnnounced(MPI_Comm comm, const MPI_Status& status) {
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  std::string bytes(static_cast<size_t>(count), '\0');
  MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, comm, MPI_STATUS_IGNORE);
  return bytes;
}

}  // namespace autocomp
