// src/common/run_event.cc — applying events, and their JSON form.
#include "common/run_event.h"

#include "common/record_fields.h"
#include "common/record_json.h"

namespace autocomp {

using nlohmann::json;

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

ProblemState& Ensure(RunState& state, const ProblemId& id) {
  ProblemState& p = state.problems[id];
  if (p.summary.id.backend.empty()) p.summary.id = id;
  return p;
}

}  // namespace

json ToJson(const EvalResult& r) { return RecordToJson(r); }

EvalResult EvalResultFromJson(const json& j) {
  EvalResult r;
  (void)RecordFromJson(j, r);  // a field of the wrong type keeps its default
  return r;
}

Status Apply(RunState& state, const RunEvent& event) {
  return std::visit(
      Overloaded{
          [&](const SessionStartedEvent& e) -> Status {
            if (state.info.sessions == 0) {
              state.info.start_time = e.time;
              state.info.config = e.config;
            }
            state.info.program_version = e.program_version;
            state.info.proposer = e.proposer;
            state.info.synthetic = e.synthetic;
            state.info.sessions = e.session + 1;
            state.info.status = RunStatus::kRunning;
            state.info.stop_reason.clear();
            state.info.end_time.clear();
            return Status::Ok();
          },
          [&](const WorkerEvent& e) -> Status {
            state.workers.push_back(e.worker);
            return Status::Ok();
          },
          [&](const ProblemEvent& e) -> Status {
            Ensure(state, e.summary.id).summary = e.summary;
            return Status::Ok();
          },
          [&](const CandidateEvent& e) -> Status {
            ProblemState& p = Ensure(state, e.candidate.problem);
            if (e.candidate.id != p.candidates.size()) {
              return DataLossError("candidate " + std::to_string(e.candidate.id) + " of " +
                                   e.candidate.problem.ToString() + " out of order (expected " +
                                   std::to_string(p.candidates.size()) + ")");
            }
            CandidateRecord record;
            record.candidate = e.candidate;
            record.code_key = e.code_key;
            p.by_lineage[e.candidate.lineage_key] = e.candidate.id;
            p.candidates.push_back(std::move(record));
            return Status::Ok();
          },
          [&](const ResultEvent& e) -> Status {
            ProblemState* p = state.Find(e.problem);
            if (!p || e.id >= p->candidates.size()) {
              return DataLossError("result for unknown candidate " + std::to_string(e.id) + " of " +
                                   e.problem.ToString());
            }
            CandidateRecord& c = p->candidates[e.id];
            c.result = e.result;
            c.session = e.session;
            c.reused = e.reused;
            ++c.revision;
            return Status::Ok();
          },
          [&](const BeamEvent& e) -> Status {
            ProblemState* p = state.Find(e.problem);
            if (!p) return DataLossError("beam for unknown problem " + e.problem.ToString());
            for (uint64_t id : e.beam.ids) {
              if (id >= p->candidates.size()) {
                return DataLossError("beam of " + e.problem.ToString() + " names unknown candidate " +
                                     std::to_string(id));
              }
            }
            auto it = std::find_if(p->beams.begin(), p->beams.end(),
                                   [&](const Beam& b) { return b.iteration == e.beam.iteration; });
            if (it != p->beams.end()) *it = e.beam;
            else p->beams.push_back(e.beam);
            return Status::Ok();
          },
          [&](const LlmCallEvent& e) -> Status {
            state.llm_calls.push_back(e.call);
            return Status::Ok();
          },
          [&](const LlmCacheEvent& e) -> Status {
            if (state.llm_cache.emplace(e.request_hash, e.text).second) state.llm_cache_order.push_back(e.request_hash);
            return Status::Ok();
          },
          [&](const PromptEvent& e) -> Status {
            if (state.prompts.emplace(e.prompt_hash, e.prompt).second) state.prompt_order.push_back(e.prompt_hash);
            return Status::Ok();
          },
          [&](const SessionEndedEvent& e) -> Status {
            state.info.status = e.status;
            state.info.stop_reason = e.reason;
            state.info.end_time = e.time;
            return Status::Ok();
          },
      },
      event);
}

namespace {

// {"e": type, ...extra, ...the record's fields}.
template <class R>
json EventJson(const char* type, const R& record, json extra = json::object()) {
  extra["e"] = type;
  AddFieldsToJson(extra, record);
  return extra;
}

}  // namespace

// The journal's event records: {"e": type, ...fields}. Field lists: record_fields.h.
json ToJson(const RunEvent& event) {
  return std::visit(
      Overloaded{
          [](const SessionStartedEvent& e) -> json {
            return {{"e", "session"}, {"session", e.session}, {"time", e.time},
                    {"program_version", e.program_version}, {"config", e.config},
                    {"proposer", e.proposer}, {"synthetic", e.synthetic}};
          },
          [](const WorkerEvent& e) -> json { return EventJson("worker", e.worker); },
          [](const ProblemEvent& e) -> json { return EventJson("problem", e.summary); },
          [](const CandidateEvent& e) -> json {
            return EventJson("candidate", e.candidate, {{"problem", ToJson(e.candidate.problem)}, {"code_key", e.code_key}});
          },
          [](const ResultEvent& e) -> json {
            return {{"e", "result"}, {"problem", ToJson(e.problem)}, {"id", e.id},
                    {"status", EvalStatusName(e.result.status)}, {"result", ToJson(e.result)},
                    {"session", e.session}, {"reused", e.reused}};
          },
          [](const BeamEvent& e) -> json { return EventJson("beam", e.beam, {{"problem", ToJson(e.problem)}}); },
          [](const LlmCallEvent& e) -> json { return EventJson("llm_call", e.call); },
          [](const LlmCacheEvent& e) -> json {
            return {{"e", "llm_cache"}, {"request_hash", e.request_hash}, {"text", e.text}};
          },
          [](const PromptEvent& e) -> json { return EventJson("prompt", e.prompt, {{"prompt_hash", e.prompt_hash}}); },
          [](const SessionEndedEvent& e) -> json {
            return {{"e", "ended"}, {"status", NameOf(e.status)}, {"reason", e.reason}, {"time", e.time}};
          },
      },
      event);
}

namespace {

Result<ProblemId> ProblemOf(const json& j) {
  auto id = j.contains("problem") ? ProblemIdFromJson(j.at("problem")) : std::nullopt;
  if (!id) return DataLossError("event without a valid \"problem\"");
  return *id;
}

template <class R>
Result<R> Record(const json& j) {
  R record;
  AUTOCOMP_RETURN_IF_ERROR(RecordFromJson(j, record));
  return record;
}

}  // namespace

Result<RunEvent> EventFromJson(const json& j) {
  try {
    const std::string type = j.at("e").get<std::string>();
    if (type == "session") {
      return RunEvent(SessionStartedEvent{j.at("session").get<int>(), j.at("time").get<std::string>(),
                                          j.at("program_version").get<std::string>(), j.at("config"),
                                          j.at("proposer").get<std::string>(), j.value("synthetic", false)});
    }
    if (type == "worker") {
      AUTOCOMP_ASSIGN_OR_RETURN(WorkerInfo w, Record<WorkerInfo>(j));
      return RunEvent(WorkerEvent{w});
    }
    if (type == "problem") {
      AUTOCOMP_ASSIGN_OR_RETURN(ProblemSummary s, Record<ProblemSummary>(j));
      AUTOCOMP_ASSIGN_OR_RETURN(s.id, ProblemOf(j));
      return RunEvent(ProblemEvent{s});
    }
    if (type == "candidate") {
      AUTOCOMP_ASSIGN_OR_RETURN(Candidate c, Record<Candidate>(j));
      AUTOCOMP_ASSIGN_OR_RETURN(c.problem, ProblemOf(j));
      return RunEvent(CandidateEvent{c, j.at("code_key").get<std::string>()});
    }
    if (type == "result") {
      AUTOCOMP_ASSIGN_OR_RETURN(ProblemId problem, ProblemOf(j));
      AUTOCOMP_ASSIGN_OR_RETURN(EvalResult result, Record<EvalResult>(j.at("result")));
      // Journals before kNoCode kept "no_code" only beside a compile_error result.
      if (j.value("status", "") == "no_code") result.status = EvalStatus::kNoCode;
      return RunEvent(ResultEvent{problem, j.at("id").get<uint64_t>(), result, j.at("session").get<int>(),
                                  j.value("reused", false)});
    }
    if (type == "beam") {
      AUTOCOMP_ASSIGN_OR_RETURN(ProblemId problem, ProblemOf(j));
      AUTOCOMP_ASSIGN_OR_RETURN(Beam beam, Record<Beam>(j));
      return RunEvent(BeamEvent{problem, beam});
    }
    if (type == "llm_call") {
      AUTOCOMP_ASSIGN_OR_RETURN(LlmCallInfo c, Record<LlmCallInfo>(j));
      return RunEvent(LlmCallEvent{c});
    }
    if (type == "llm_cache") {
      return RunEvent(LlmCacheEvent{j.at("request_hash").get<std::string>(), j.at("text").get<std::string>()});
    }
    if (type == "prompt") {
      AUTOCOMP_ASSIGN_OR_RETURN(PromptText p, Record<PromptText>(j));
      return RunEvent(PromptEvent{j.at("prompt_hash").get<std::string>(), p});
    }
    if (type == "ended") {
      auto status = FromName<RunStatus>(j.at("status").get<std::string>());
      if (!status) return DataLossError("unknown run status '" + j.at("status").get<std::string>() + "'");
      return RunEvent(SessionEndedEvent{*status, j.at("reason").get<std::string>(), j.at("time").get<std::string>()});
    }
    return DataLossError("unknown event type '" + type + "'");
  } catch (const json::exception& e) {
    return DataLossError(std::string("malformed event: ") + e.what());
  }
}

std::vector<RunEvent> EventsFor(const RunState& state) {
  std::vector<RunEvent> events;
  // Sessions before this one are summarized by one start event with the first start's time.
  SessionStartedEvent start{state.info.sessions - 1, state.info.start_time, state.info.program_version,
                            state.info.config, state.info.proposer, state.info.synthetic};
  events.push_back(start);
  for (const auto& w : state.workers) events.push_back(WorkerEvent{w});
  for (const auto& [id, p] : state.problems) {
    events.push_back(ProblemEvent{p.summary});
    for (const auto& c : p.candidates) events.push_back(CandidateEvent{c.candidate, c.code_key});
    for (const auto& c : p.candidates) {
      if (c.result) events.push_back(ResultEvent{id, c.candidate.id, *c.result, c.session, c.reused});
    }
    for (const auto& b : p.beams) events.push_back(BeamEvent{id, b});
  }
  for (const auto& hash : state.prompt_order) events.push_back(PromptEvent{hash, state.prompts.at(hash)});
  for (const auto& hash : state.llm_cache_order) events.push_back(LlmCacheEvent{hash, state.llm_cache.at(hash)});
  for (const auto& call : state.llm_calls) events.push_back(LlmCallEvent{call});
  if (state.info.status != RunStatus::kRunning) {
    events.push_back(SessionEndedEvent{state.info.status, state.info.stop_reason, state.info.end_time});
  }
  return events;
}

}  // namespace autocomp
