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

namespace autocomp {

constexpr int kRunFormatVersion = 1;

struct CandidateRecord {
  Candidate candidate;
  std::string code_key;
  // "pending" until evaluated; then an EvalStatus name, or "no_code" when a
  // proposal contained no code to evaluate.
  std::string status = "pending";
  std::optional<EvalResult> result;
  int session = -1;  // which session (0 = first start, 1 = first resume, ...) produced the result
  bool reused = false;  // result copied from an identical earlier candidate, not measured again
  int revision = 0;     // how many results were recorded for it (a re-verification records another)

  bool correct() const { return result && result->correct() && status == "ok"; }
};

struct ProblemSummary {
  ProblemId id;
  std::string description;
  std::string score_unit;
  std::string state = "pending";  // pending, searching, done, failed
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

// One LLM call, as the run file keeps it (the LLM layer's LlmCallRecord,
// plus where it belongs). Never holds a key.
struct LlmCallInfo {
  int session = 0;
  ProblemId problem;
  double start_time_unix = 0;
  std::string provider, model, phase;
  int64_t prompt_tokens = 0, completion_tokens = 0;
  double latency_s = 0, cost_usd = 0;
  bool price_known = false;
  std::string status;        // ok, refused, empty, rejected, failed, timeout, budget, cancelled, uncached
  int http_status = 0, retries = 0;
  std::string request_hash;  // the response-cache key
  std::string prompt_hash;   // key into the prompts table
  std::string finish_reason, dropped_params, error;
  bool cached = false;       // answered from the response cache: nothing paid
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
  std::string status = "running";  // running, finished, stopped, failed
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
