// src/common/run_event.cc — applying events, and their JSON form.
#include "common/run_event.h"

namespace autocomp {

using nlohmann::json;

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

ProblemId ProblemIdFromJson(const json& j) {
  return {j.at("backend").get<std::string>(), j.at("set").get<std::string>(), j.at("index").get<int>()};
}

ProblemState& Ensure(RunState& state, const ProblemId& id) {
  ProblemState& p = state.problems[id];
  if (p.summary.id.backend.empty()) p.summary.id = id;
  return p;
}

}  // namespace

json ToJson(const ProblemId& id) { return {{"backend", id.backend}, {"set", id.set}, {"index", id.index}}; }

json ToJson(const EvalResult& r) {
  json j = {{"status", EvalStatusName(r.status)}, {"message", r.message},   {"trace", r.trace},
            {"metrics", r.metrics},                {"build_s", r.build_seconds}, {"run_s", r.run_seconds},
            {"worker", r.worker},                  {"host", r.host}};
  if (r.score) j["score"] = *r.score;
  return j;
}

EvalResult EvalResultFromJson(const json& j) {
  EvalResult r;
  r.status = ParseEvalStatus(j.value("status", "infra_error")).value_or(EvalStatus::kInfraError);
  if (j.contains("score") && j["score"].is_number()) r.score = j["score"].get<double>();
  r.message = j.value("message", "");
  r.trace = j.value("trace", "");
  r.metrics = j.value("metrics", json::object());
  r.build_seconds = j.value("build_s", 0.0);
  r.run_seconds = j.value("run_s", 0.0);
  r.worker = j.value("worker", -1);
  r.host = j.value("host", "");
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
            state.info.status = "running";
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
            c.status = e.status;
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

json ToJson(const RunEvent& event) {
  return std::visit(
      Overloaded{
          [](const SessionStartedEvent& e) -> json {
            return {{"e", "session"}, {"session", e.session}, {"time", e.time},
                    {"program_version", e.program_version}, {"config", e.config},
                    {"proposer", e.proposer}, {"synthetic", e.synthetic}};
          },
          [](const WorkerEvent& e) -> json {
            const WorkerInfo& w = e.worker;
            return {{"e", "worker"}, {"session", w.session}, {"rank", w.rank}, {"host", w.host},
                    {"local_rank", w.local_rank}, {"resource", w.resource}, {"isolation", w.isolation},
                    {"slots", w.slots}};
          },
          [](const ProblemEvent& e) -> json {
            const ProblemSummary& s = e.summary;
            return {{"e", "problem"}, {"problem", ToJson(s.id)}, {"description", s.description},
                    {"score_unit", s.score_unit}, {"state", s.state}, {"message", s.message},
                    {"iterations_done", s.iterations_done}, {"seeded_from", s.seeded_from}};
          },
          [](const CandidateEvent& e) -> json {
            const Candidate& c = e.candidate;
            json j = {{"e", "candidate"}, {"problem", ToJson(c.problem)}, {"id", c.id},
                      {"iteration", c.iteration}, {"plan_slot", c.plan_slot}, {"impl_slot", c.impl_slot},
                      {"plan", c.plan}, {"code", c.code}, {"origin", c.origin},
                      {"lineage_key", c.lineage_key}, {"code_key", e.code_key},
                      {"plan_s", c.plan_seconds}, {"code_s", c.code_seconds}};
            if (c.parent) j["parent"] = *c.parent;
            return j;
          },
          [](const ResultEvent& e) -> json {
            return {{"e", "result"}, {"problem", ToJson(e.problem)}, {"id", e.id}, {"status", e.status},
                    {"result", ToJson(e.result)}, {"session", e.session}, {"reused", e.reused}};
          },
          [](const BeamEvent& e) -> json {
            return {{"e", "beam"}, {"problem", ToJson(e.problem)}, {"iteration", e.beam.iteration},
                    {"ids", e.beam.ids}};
          },
          [](const LlmCallEvent& e) -> json {
            const LlmCallInfo& c = e.call;
            return {{"e", "llm_call"}, {"session", c.session}, {"problem", ToJson(c.problem)},
                    {"start", c.start_time_unix}, {"provider", c.provider}, {"model", c.model}, {"phase", c.phase},
                    {"prompt_tokens", c.prompt_tokens}, {"completion_tokens", c.completion_tokens},
                    {"latency_s", c.latency_s}, {"cost_usd", c.cost_usd}, {"price_known", c.price_known},
                    {"status", c.status}, {"http_status", c.http_status}, {"retries", c.retries},
                    {"request_hash", c.request_hash}, {"prompt_hash", c.prompt_hash},
                    {"finish_reason", c.finish_reason}, {"dropped_params", c.dropped_params}, {"error", c.error},
                    {"cached", c.cached}};
          },
          [](const LlmCacheEvent& e) -> json {
            return {{"e", "llm_cache"}, {"request_hash", e.request_hash}, {"text", e.text}};
          },
          [](const PromptEvent& e) -> json {
            return {{"e", "prompt"}, {"prompt_hash", e.prompt_hash}, {"system", e.prompt.system},
                    {"user", e.prompt.user}};
          },
          [](const SessionEndedEvent& e) -> json {
            return {{"e", "ended"}, {"status", e.status}, {"reason", e.reason}, {"time", e.time}};
          },
      },
      event);
}

Result<RunEvent> EventFromJson(const json& j) {
  try {
    const std::string type = j.at("e").get<std::string>();
    if (type == "session") {
      return RunEvent(SessionStartedEvent{j.at("session").get<int>(), j.at("time").get<std::string>(),
                                          j.at("program_version").get<std::string>(), j.at("config"),
                                          j.at("proposer").get<std::string>(), j.value("synthetic", false)});
    }
    if (type == "worker") {
      WorkerInfo w{j.at("session").get<int>(), j.at("rank").get<int>(), j.at("host").get<std::string>(),
                   j.at("local_rank").get<int>(), j.at("resource").get<std::string>(),
                   j.at("isolation").get<std::string>(), j.at("slots").get<int>()};
      return RunEvent(WorkerEvent{w});
    }
    if (type == "problem") {
      ProblemSummary s{ProblemIdFromJson(j.at("problem")), j.at("description").get<std::string>(),
                       j.at("score_unit").get<std::string>(), j.at("state").get<std::string>(),
                       j.at("message").get<std::string>(), j.at("iterations_done").get<int>(),
                       j.value("seeded_from", "")};
      return RunEvent(ProblemEvent{s});
    }
    if (type == "candidate") {
      Candidate c;
      c.problem = ProblemIdFromJson(j.at("problem"));
      c.id = j.at("id").get<uint64_t>();
      if (j.contains("parent")) c.parent = j.at("parent").get<uint64_t>();
      c.iteration = j.at("iteration").get<int>();
      c.plan_slot = j.at("plan_slot").get<int>();
      c.impl_slot = j.at("impl_slot").get<int>();
      c.plan = j.at("plan").get<std::string>();
      c.code = j.at("code").get<std::string>();
      c.origin = j.at("origin").get<std::string>();
      c.lineage_key = j.at("lineage_key").get<std::string>();
      c.plan_seconds = j.value("plan_s", 0.0);
      c.code_seconds = j.value("code_s", 0.0);
      return RunEvent(CandidateEvent{c, j.at("code_key").get<std::string>()});
    }
    if (type == "result") {
      return RunEvent(ResultEvent{ProblemIdFromJson(j.at("problem")), j.at("id").get<uint64_t>(),
                                  j.at("status").get<std::string>(), EvalResultFromJson(j.at("result")),
                                  j.at("session").get<int>(), j.value("reused", false)});
    }
    if (type == "beam") {
      return RunEvent(BeamEvent{ProblemIdFromJson(j.at("problem")),
                                Beam{j.at("iteration").get<int>(), j.at("ids").get<std::vector<uint64_t>>()}});
    }
    if (type == "llm_call") {
      LlmCallInfo c;
      c.session = j.at("session").get<int>();
      c.problem = ProblemIdFromJson(j.at("problem"));
      c.start_time_unix = j.at("start").get<double>();
      c.provider = j.at("provider").get<std::string>();
      c.model = j.at("model").get<std::string>();
      c.phase = j.at("phase").get<std::string>();
      c.prompt_tokens = j.at("prompt_tokens").get<int64_t>();
      c.completion_tokens = j.at("completion_tokens").get<int64_t>();
      c.latency_s = j.at("latency_s").get<double>();
      c.cost_usd = j.at("cost_usd").get<double>();
      c.price_known = j.value("price_known", false);
      c.status = j.at("status").get<std::string>();
      c.http_status = j.value("http_status", 0);
      c.retries = j.value("retries", 0);
      c.request_hash = j.at("request_hash").get<std::string>();
      c.prompt_hash = j.value("prompt_hash", "");
      c.finish_reason = j.value("finish_reason", "");
      c.dropped_params = j.value("dropped_params", "");
      c.error = j.value("error", "");
      c.cached = j.value("cached", false);
      return RunEvent(LlmCallEvent{c});
    }
    if (type == "llm_cache") {
      return RunEvent(LlmCacheEvent{j.at("request_hash").get<std::string>(), j.at("text").get<std::string>()});
    }
    if (type == "prompt") {
      return RunEvent(PromptEvent{j.at("prompt_hash").get<std::string>(),
                                  PromptText{j.at("system").get<std::string>(), j.at("user").get<std::string>()}});
    }
    if (type == "ended") {
      return RunEvent(SessionEndedEvent{j.at("status").get<std::string>(), j.at("reason").get<std::string>(),
                                        j.at("time").get<std::string>()});
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
      if (c.status != "pending") {
        events.push_back(ResultEvent{id, c.candidate.id, c.status, c.result.value_or(EvalResult{}), c.session,
                                     c.reused});
      }
    }
    for (const auto& b : p.beams) events.push_back(BeamEvent{id, b});
  }
  for (const auto& hash : state.prompt_order) events.push_back(PromptEvent{hash, state.prompts.at(hash)});
  for (const auto& hash : state.llm_cache_order) events.push_back(LlmCacheEvent{hash, state.llm_cache.at(hash)});
  for (const auto& call : state.llm_calls) events.push_back(LlmCallEvent{call});
  if (state.info.status != "running") {
    events.push_back(SessionEndedEvent{state.info.status, state.info.stop_reason, state.info.end_time});
  }
  return events;
}

}  // namespace autocomp
