// src/common/wire.h
//
// The messages between master (rank 0) and workers, and their encoding:
// Boost.Serialization binary archives carried as MPI_BYTE. Each message type
// has its own MPI tag. Candidate code travels in EVAL_BATCH; problems are
// named by ProblemId and read by the worker from the shared filesystem.
//
//   HELLO       worker → master   once at start: who it is, what it owns
//   EVAL_BATCH  master → worker   candidates to build, check and measure
//   RESULT      worker → master   one per candidate, as soon as it is done
//   HEARTBEAT   worker → master   periodically, so silence means trouble
//   SHUTDOWN    master → worker   stop: kill running candidates and exit
//
// Encode never fails; Decode returns DataLoss for a malformed buffer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/eval_result.h"
#include "common/problem.h"
#include "common/resource.h"
#include "common/status.h"

namespace autocomp {

enum class Tag : int { kHello = 1, kEvalBatch = 2, kResult = 3, kHeartbeat = 4, kShutdown = 5 };

struct HelloMsg {
  int rank = 0;
  std::string host;
  int local_rank = 0;
  Resource resource;
  int slots = 1;                 // candidates it can hold at once (builds + measure queue)
  int build_threads = 1;
  std::string backend_version;
  std::string backend_version_details;  // Backend::version_details(): what the version is made of
  std::string isolation;         // what the sandbox achieves on this node
  bool healthy = true;
  std::string error;             // why not healthy
};

struct EvalTask {
  uint64_t task_id = 0;          // master-assigned, unique within the run
  ProblemId problem;
  std::string code;
  int priority = 0;              // lower goes first (the candidate's iteration); master-side only
  int rounds = 1;                // MeasureOptions::rounds: > 1 re-verifies a result with fresh inputs
  // A correct score below this (0: none) is suspicious — more than 10x better
  // than the problem's best so far — and is measured again with fresh inputs
  // before it is reported (docs/evaluation.md, contract item 7).
  double recheck_below = 0;
  EvalPurpose purpose = EvalPurpose::kSearch;  // kFinal: the end-of-run re-verification
};

struct EvalBatchMsg {
  std::vector<EvalTask> tasks;
};

struct ResultMsg {
  uint64_t task_id = 0;
  EvalResult result;
};

struct HeartbeatMsg {
  int rank = 0;
  int building = 0;
  int measuring = 0;
  int queued = 0;
};

struct ShutdownMsg {
  std::string reason;
};

std::string Encode(const HelloMsg& m);
std::string Encode(const EvalBatchMsg& m);
std::string Encode(const ResultMsg& m);
std::string Encode(const HeartbeatMsg& m);
std::string Encode(const ShutdownMsg& m);

Status Decode(const std::string& bytes, HelloMsg* m);
Status Decode(const std::string& bytes, EvalBatchMsg* m);
Status Decode(const std::string& bytes, ResultMsg* m);
Status Decode(const std::string& bytes, HeartbeatMsg* m);
Status Decode(const std::string& bytes, ShutdownMsg* m);

}  // namespace autocomp
