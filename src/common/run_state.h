// src/common/run_state.h
//
// Everything a run has recorded, in memory: the run's own facts, workers,
// and per problem its candidates (with results), beams and summary. The
// state changes only by applying RunEvents (run_event.h) — the same events
// the journal stores and the HDF5 file mirrors — so a state rebuilt from
// the journal or the file is the state the run had.
//
// Thread-safety: none; owned by the master's one thread (or a reader).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/candidate.h"
#include "common/eval_result.h"
#include "common/problem.h"
#include "common/record_states.h"

namespace autocomp {

constexpr int kRunFormatVersion = 1;

struct CandidateRecord {
  Candidate candidate;
  std::string code_key;
  std::optional<EvalResult> result;  // absent while pending; kNoCode when the proposal held no code
  int session = -1;  // which session (0 = first start, 1 = first resume, ...) produced the result
  bool reused = false;  // result copied from an identical earlier candidate, not measured again
  int revision = 0;     // how many results were recorded for it (a re-verification records another)

  bool pending() const { return !result; }
  bool correct() const { return result && result->correct(); }
  // "pending" or the result's EvalStatus name: the run file's status column.
  const char* status_name() const { return result ? EvalStatusName(result->status) : "pending"; }
};

struct ProblemSummary {
  ProblemId id;
  std::string description;
  std::string score_unit;
  ProblemPhase state = ProblemPhase::kPending;
  std::string message;            // why it failed, or how it ended
  int iterations_done = 0;
  // Schedule reuse: "cpu/gemm/0: candidates 5, 16, 33" — whose winning chain of
  // plans seeded this search ("" when none).
  std::string seeded_from;
};

struct Beam {
  int iteration = 0;
  std::vector<uint64_t> ids;
};

struct WorkerInfo {
  int session = 0;
  int rank = 0;
  std::string host;
  int local_rank = 0;
  std::string resource;
  std::string isolation;
  int slots = 0;
};

struct ProblemState {
  ProblemSummary summary;
  std::vector<CandidateRecord> candidates;  // index == candidate id
  std::vector<Beam> beams;
  std::unordered_map<std::string, uint64_t> by_lineage;

  // The baseline's score, if it was measured correct.
  std::optional<double> BaselineScore() const;
  // The best correct candidate (lowest score; earliest id on ties).
  const CandidateRecord* Best() const;
};

// How one LLM call went, as the LLM layer reports it.
struct LlmCallRecord {
  double start_time_unix = 0;  // first attempt sent (Submit time if never sent)
  std::string provider;        // "openai", "anthropic", "gemini", "together", server name
  std::string model;           // full name, "openai/o3-mini"
  std::string phase;
  int64_t prompt_tokens = 0;      // from the provider's usage fields
  int64_t completion_tokens = 0;  // includes reasoning/thinking tokens
  double latency_s = 0;           // first send to final answer, retries included
  double cost_usd = 0;            // 0 for cached replies and unpriced models
  bool price_known = false;       // the price table had this model
  LlmCallStatus status = LlmCallStatus::kFailed;
  int http_status = 0;            // of the last attempt; 0 if none completed
  int retries = 0;                // re-sends after the first attempt
  std::string request_hash;       // LlmRequestHash(); the cache key
  std::string finish_reason;      // provider's own word: "stop", "length", "end_turn", …
  std::string dropped_params;     // comma-separated parameters dropped for this model
  bool cached = false;            // answered from the response cache, nothing sent
  std::string error;              // why it is not "ok"; never contains a key
};

// One LLM call, as the run file keeps it: the LLM layer's record plus where
// it belongs. Never holds a key.
struct LlmCallInfo : LlmCallRecord {
  int session = 0;
  ProblemId problem;
  std::string prompt_hash;  // key into the prompts table
};

struct PromptText {
  std::string system, user;
};

struct RunInfo {
  int format_version = kRunFormatVersion;
  std::string program_version;
  nlohmann::json config;
  std::string start_time;   // of the first session, ISO 8601 UTC
  std::string proposer;     // "offline (no LLM)" or the model list
  bool synthetic = false;   // benchmark run: scores are not measurements
  int sessions = 0;         // starts including resumes
  RunStatus status = RunStatus::kRunning;
  std::string stop_reason;
  std::string end_time;
};

class RunState {
 public:
  RunInfo info;
  std::vector<WorkerInfo> workers;
  std::map<ProblemId, ProblemState> problems;
  std::vector<LlmCallInfo> llm_calls;
  std::map<std::string, std::string> llm_cache;  // request hash → recorded completion
  std::map<std::string, PromptText> prompts;     // prompt hash → the prompt sent (deduplicated)
  // Insertion order of the cache and prompt tables, for append-only writes.
  std::vector<std::string> llm_cache_order, prompt_order;

  ProblemState* Find(const ProblemId& id);
  const ProblemState* Find(const ProblemId& id) const;
  const CandidateRecord* FindCandidate(const ProblemId& id, uint64_t candidate) const;
  // Hosts seen in HELLOs, comma-separated, in order of first appearance.
  std::string Hosts() const;
};

}  // namespace autocomp
