// src/common/run_event.h
//
// The changes a run makes to its record, one event each. The master
// records events; RunState applies them; the journal stores them as JSON
// lines; the HDF5 file mirrors the state they produce. Applying the same
// sequence always yields the same state.
//
// Apply() checks consistency (a result for an unknown candidate is
// DataLoss) and never partially applies an event.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/record_json.h"
#include "common/run_state.h"
#include "common/status.h"

namespace autocomp {

struct SessionStartedEvent {
  int session = 0;
  std::string time;
  std::string program_version;
  nlohmann::json config;
  std::string proposer;
  bool synthetic = false;
};

struct WorkerEvent {
  WorkerInfo worker;
};

struct ProblemEvent {
  ProblemSummary summary;
};

struct CandidateEvent {
  Candidate candidate;
  std::string code_key;
};

struct ResultEvent {
  ProblemId problem;
  uint64_t id = 0;
  EvalResult result;
  int session = 0;
  bool reused = false;
};

struct BeamEvent {
  ProblemId problem;
  Beam beam;
};

struct LlmCallEvent {
  LlmCallInfo call;
};

// A completion worth keeping: --resume and --replay answer from it.
struct LlmCacheEvent {
  std::string request_hash;
  std::string text;
};

struct PromptEvent {
  std::string prompt_hash;
  PromptText prompt;
};

struct SessionEndedEvent {
  RunStatus status = RunStatus::kFinished;
  std::string reason;
  std::string time;
};

using RunEvent = std::variant<SessionStartedEvent, WorkerEvent, ProblemEvent, CandidateEvent, ResultEvent,
                              BeamEvent, LlmCallEvent, LlmCacheEvent, PromptEvent, SessionEndedEvent>;

Status Apply(RunState& state, const RunEvent& event);

nlohmann::json ToJson(const RunEvent& event);
Result<RunEvent> EventFromJson(const nlohmann::json& j);

// Events that rebuild `state` from nothing (used to start a journal from a run file).
std::vector<RunEvent> EventsFor(const RunState& state);

// JSON forms of the records, shared with reports (ProblemId: record_json.h).
nlohmann::json ToJson(const EvalResult& result);
EvalResult EvalResultFromJson(const nlohmann::json& j);

}  // namespace autocomp
