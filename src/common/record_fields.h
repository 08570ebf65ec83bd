// src/common/record_fields.h
//
// Each record's fields, listed once. Fields(record, visit) calls
//   visit(name, member)                 or
//   visit(name, member, journal_name)   where the journal spells it differently
// for every field, in order. The run file's tables (hdf5_run_file.cc), the
// journal's JSON (run_event.cc, record_json.h) and the wire (wire.cc) are all
// written against these lists, so a new field is one line here plus its
// line in docs/hdf5-schema.md.
//
// Member types the layers know: int, int64_t, uint64_t, double, bool,
// std::string, std::optional<uint64_t>, std::optional<double>, ProblemId,
// nlohmann::json and the enums with EnumNames (eval_result.h, record_states.h).
#pragma once

#include <concepts>
#include <type_traits>

#include "common/run_state.h"

namespace autocomp {

// R is T or const T: one list serves reading and writing.
template <class R, class T>
concept RecordOf = std::same_as<std::remove_const_t<R>, T>;

template <RecordOf<WorkerInfo> R, class V>
void Fields(R& w, V&& v) {
  v("session", w.session);
  v("rank", w.rank);
  v("host", w.host);
  v("local_rank", w.local_rank);
  v("resource", w.resource);
  v("isolation", w.isolation);
  v("slots", w.slots);
}

// The problem group's attributes; "problem" is the id ("cpu/gemm/0").
template <RecordOf<ProblemSummary> R, class V>
void Fields(R& s, V&& v) {
  v("problem", s.id);
  v("description", s.description);
  v("score_unit", s.score_unit);
  v("state", s.state);
  v("message", s.message);
  v("iterations_done", s.iterations_done);
  v("seeded_from", s.seeded_from);
}

// Where a candidate came from (its problem is its table's group).
template <RecordOf<Candidate> R, class V>
void Fields(R& c, V&& v) {
  v("id", c.id);
  v("parent", c.parent);
  v("iteration", c.iteration);
  v("plan_slot", c.plan_slot);
  v("impl_slot", c.impl_slot);
  v("origin", c.origin);
  v("plan_s", c.plan_seconds);
  v("code_s", c.code_seconds);
  v("lineage_key", c.lineage_key);
  v("plan", c.plan);
  v("code", c.code);
}

template <RecordOf<EvalResult> R, class V>
void Fields(R& r, V&& v) {
  v("status", r.status);
  v("score", r.score);
  v("build_s", r.build_seconds);
  v("run_s", r.run_seconds);
  v("worker", r.worker);
  v("host", r.host);
  v("message", r.message);
  v("metrics", r.metrics);
  v("trace", r.trace);
}

// A candidate record's own fields, beside its Candidate and its EvalResult.
template <RecordOf<CandidateRecord> R, class V>
void Fields(R& c, V&& v) {
  v("code_key", c.code_key);
  v("session", c.session);
  v("reused", c.reused);
}

template <RecordOf<Beam> R, class V>
void Fields(R& b, V&& v) {
  v("iteration", b.iteration);
  v("ids", b.ids);
}

template <RecordOf<LlmCallInfo> R, class V>
void Fields(R& c, V&& v) {
  v("session", c.session);
  v("problem", c.problem);
  v("start_time_unix", c.start_time_unix, "start");
  v("provider", c.provider);
  v("model", c.model);
  v("phase", c.phase);
  v("prompt_tokens", c.prompt_tokens);
  v("completion_tokens", c.completion_tokens);
  v("latency_s", c.latency_s);
  v("cost_usd", c.cost_usd);
  v("price_known", c.price_known);
  v("status", c.status);
  v("http_status", c.http_status);
  v("retries", c.retries);
  v("request_hash", c.request_hash);
  v("prompt_hash", c.prompt_hash);
  v("finish_reason", c.finish_reason);
  v("dropped_params", c.dropped_params);
  v("error", c.error);
  v("cached", c.cached);
}

template <RecordOf<PromptText> R, class V>
void Fields(R& p, V&& v) {
  v("system", p.system);
  v("user", p.user);
}

// The run file's root attributes ("hosts" is derived from the workers table).
template <RecordOf<RunInfo> R, class V>
void Fields(R& i, V&& v) {
  v("format_version", i.format_version);
  v("program_version", i.program_version);
  v("config_json", i.config);
  v("start_time", i.start_time);
  v("proposer", i.proposer);
  v("synthetic", i.synthetic);
  v("sessions", i.sessions);
  v("status", i.status);
  v("stop_reason", i.stop_reason);
  v("end_time", i.end_time);
}

}  // namespace autocomp
