// src/common/mpi_channel.h
//
// The two MPI moves the master and the workers both make: sending an
// encoded message without blocking (its buffer lives until MPI is done with
// it) and receiving a message that MPI_Iprobe has announced. Messages are
// wire.h encodings carried as MPI_BYTE, one tag per message type.
//
// Thread-safety: one thread (MPI_THREAD_FUNNELED).
#pragma once

#include <mpi.h>

#include <list>
#include <string>

#include "common/wire.h"

namespace autocomp {

class MpiSender {
 public:
  explicit MpiSender(MPI_Comm comm) : comm_(comm) {}
  ~MpiSender() { CancelAll(); }
  MpiSender(const MpiSender&) = delete;
  MpiSender& operator=(const MpiSender&) = delete;

  void Send(int rank, Tag tag, std::string bytes);
  // Frees the buffers of completed sends.
  void Progress();
  // Blocks until every send has completed.
  void WaitAll();
  // Cancels what has not completed (the receiver is gone or will never ask).
  void CancelAll();

 private:
  struct Pending {
    MPI_Request request;
    std::string buffer;
  };
  MPI_Comm comm_;
  std::list<Pending> sends_;  // a list: a buffer never moves while MPI holds it
};

// Receives the message `status` (from MPI_Iprobe) describes.
std::string ReceiveAnnounced(MPI_Comm comm, const MPI_Status& status);

}  // namespace autocomp
