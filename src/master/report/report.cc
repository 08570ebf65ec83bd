// src/master/report/report.cc — run summaries as JSON and text.
#include "master/report/report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "common/verification.h"

namespace autocomp {

using nlohmann::json;

namespace {

// A unit such as "cycles (model)": the backend estimated the score with a
// model instead of measuring it (docs/schema.md, score_unit).
bool ScoreIsModelled(const std::string& unit) {
  return unit.size() >= 7 && unit.compare(unit.size() - 7, 7, "(model)") == 0;
}

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// Best correct score among candidates of iteration <= i, per iteration.
std::vector<double> BestByIteration(const ProblemState& p) {
  int last = 0;
  for (const auto& c : p.candidates) last = std::max(last, c.candidate.iteration);
  std::vector<double> best(static_cast<size_t>(last) + 1, std::nan(""));
  double running = std::nan("");
  for (int i = 0; i <= last; ++i) {
    for (const auto& c : p.candidates) {
      if (c.candidate.iteration == i && c.correct() && (std::isnan(running) || *c.result->score < running)) {
        running = *c.result->score;
      }
    }
    best[static_cast<size_t>(i)] = running;
  }
  return best;
}

// Ids from the baseline to `id`.
std::vector<uint64_t> Chain(const ProblemState& p, uint64_t id) {
  std::vector<uint64_t> chain;
  std::optional<uint64_t> at = id;
  while (at && *at < p.candidates.size() && chain.size() <= p.candidates.size()) {
    chain.push_back(*at);
    at = p.candidates[*at].candidate.parent;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// The shortest time the problem's search could have taken with unlimited
// workers: per iteration the longest chain plan → code → build → run of one
// of its candidates (reused results cost no evaluation), summed over the
// iterations, which follow each other.
double CriticalPathSeconds(const ProblemState& p) {
  std::map<int, double> longest;
  for (const auto& c : p.candidates) {
    double chain = c.candidate.plan_seconds + c.candidate.code_seconds;
    if (c.result && !c.reused) chain += c.result->build_seconds + c.result->run_seconds;
    longest[c.candidate.iteration] = std::max(longest[c.candidate.iteration], chain);
  }
  double total = 0;
  for (const auto& [iteration, seconds] : longest) total += seconds;
  return total;
}

// Whether the best result's speedup was re-verified at the end of its search
// (docs/evaluation.md, item 7), and if not, why not.
json VerificationOf(const ProblemState& p, const CandidateRecord* best, const RunInfo& info) {
  if (!best) return {{"verified", false}, {"why", "no correct candidate"}};
  if (best->candidate.id == 0) return {{"verified", false}, {"why", "the baseline is the best: no speedup to verify"}};
  if (const json* last = LastVerification(*best->result, EvalPurpose::kFinal)) {
    if (last->value("status", "") == EvalStatusName(EvalStatus::kOk)) {
      return {{"verified", true}, {"rounds", last->value("rounds", 0)}, {"first_score", last->value("first_score", 0.0)},
              {"score", last->value("score", 0.0)}};
    }
    return {{"verified", false}, {"why", "the re-verification could not run: " + last->value("message", "")}};
  }
  int failed = 0;
  for (const auto& c : p.candidates) {
    if (c.result && LastVerification(*c.result, EvalPurpose::kFinal) && !PassedVerification(*c.result, EvalPurpose::kFinal)) ++failed;
  }
  if (failed > 0 && p.summary.state == ProblemPhase::kDone) {
    return {{"verified", false}, {"why", std::to_string(failed) + " better candidates failed re-verification; out of tries"}};
  }
  if (p.summary.state != ProblemPhase::kDone || info.status != RunStatus::kFinished) {
    return {{"verified", false}, {"why", "the run ended before the final re-verification"}};
  }
  return {{"verified", false}, {"why", "not re-verified"}};
}

std::string VerificationText(const json& v) {
  if (v.value("verified", false)) {
    return "re-verified (" + std::to_string(v.value("rounds", 0)) + " more rounds of fresh inputs, every output checked)";
  }
  return "NOT re-verified: " + v.value("why", std::string("unknown"));
}

// The best correct candidate other than the baseline: the search's own kernel, if any.
const CandidateRecord* BestKernel(const ProblemState& p) {
  const CandidateRecord* best = nullptr;
  for (const auto& c : p.candidates) {
    if (c.candidate.id == 0 || !c.correct()) continue;
    if (!best || *c.result->score < *best->result->score) best = &c;
  }
  return best;
}

// Reference scores a backend measured beside a candidate (metrics "references": {"eager": s,
// "torch.compile": s}, in the score's unit), taken from the baseline's result.
std::map<std::string, double> References(const ProblemState& p) {
  std::map<std::string, double> refs;
  for (const auto& c : p.candidates) {
    if (!c.correct() || !c.result->metrics.contains("references")) continue;
    for (const auto& [name, value] : c.result->metrics["references"].items()) {
      if (value.is_number() && value.get<double>() > 0 && !refs.count(name)) refs[name] = value.get<double>();
    }
    if (c.candidate.id == 0) break;
  }
  return refs;
}

// KernelBench's figures per reference: fast_p = the share of problems whose search found a correct
// kernel of its own that is more than p times faster than the reference (fast_0: correct at all),
// and the geometric mean over problems of the best speedup over the reference.
json ReferenceFigures(const RunState& state) {
  std::map<std::string, std::array<int, 3>> fast;
  std::map<std::string, std::pair<double, int>> logs;
  for (const auto& [id, p] : state.problems) {
    const CandidateRecord* kernel = BestKernel(p);
    const CandidateRecord* best = p.Best();
    for (const auto& [name, ref] : References(p)) {
      auto& f = fast[name];
      if (kernel) {
        const double s = ref / *kernel->result->score;
        f[0] += 1;
        f[1] += s > 1;
        f[2] += s > 2;
      }
      if (best) {
        logs[name].first += std::log(ref / *best->result->score);
        logs[name].second += 1;
      }
    }
  }
  json out = json::object();
  for (const auto& [name, f] : fast) {
    const int n = logs[name].second;
    out[name] = {{"problems", n},
                 {"fast_0", n ? static_cast<double>(f[0]) / n : 0.0},
                 {"fast_1", n ? static_cast<double>(f[1]) / n : 0.0},
                 {"fast_2", n ? static_cast<double>(f[2]) / n : 0.0},
                 {"geomean_speedup", n ? std::exp(logs[name].first / n) : 0.0}};
  }
  return out;
}

}  // namespace

json ReportJson(const RunState& state) {
  json problems = json::array();
  size_t total_candidates = 0;
  double critical_path = 0, run_s = 0, build_s = 0;
  std::map<std::string, json> per_worker;
  for (const auto& [id, p] : state.problems) {
    std::map<std::string, int> by_status;
    for (const auto& c : p.candidates) ++by_status[c.status_name()];
    total_candidates += p.candidates.size();
    json entry = {{"problem", id.ToString()},        {"description", p.summary.description},
                  {"state", NameOf(p.summary.state)}, {"message", p.summary.message},
                  {"score_unit", p.summary.score_unit}, {"score_estimated", ScoreIsModelled(p.summary.score_unit)},
                  {"iterations_done", p.summary.iterations_done},
                  {"candidates", p.candidates.size()}, {"candidates_by_status", by_status}};
    auto base = p.BaselineScore();
    const CandidateRecord* best = p.Best();
    entry["baseline_score"] = base ? json(*base) : json(nullptr);
    entry["best_score"] = best ? json(*best->result->score) : json(nullptr);
    entry["best_candidate"] = best ? json(best->candidate.id) : json(nullptr);
    entry["speedup"] = (base && best && *best->result->score > 0) ? json(*base / *best->result->score) : json(nullptr);
    json over = json::object();
    for (const auto& [name, ref] : References(p)) {
      if (best) over[name] = ref / *best->result->score;
    }
    if (!over.empty()) entry["speedup_over"] = over;
    entry["verification"] = VerificationOf(p, best, state.info);
    entry["verified"] = entry["verification"]["verified"];
    entry["candidates_failed_verification"] = 0;
    for (const auto& c : p.candidates) {
      if (c.result && LastVerification(*c.result, std::nullopt) && !c.correct()) {
        entry["candidates_failed_verification"] = entry["candidates_failed_verification"].get<int>() + 1;
      }
    }
    json best_by_iteration = json::array();
    for (double v : BestByIteration(p)) best_by_iteration.push_back(std::isnan(v) ? json(nullptr) : json(v));
    entry["best_score_by_iteration"] = best_by_iteration;
    if (best) {
      json chain = json::array();
      for (uint64_t c : Chain(p, best->candidate.id)) {
        const auto& rec = p.candidates[c];
        chain.push_back({{"candidate", c}, {"iteration", rec.candidate.iteration}, {"origin", rec.candidate.origin},
                         {"plan", rec.candidate.plan},
                         {"score", rec.correct() ? json(*rec.result->score) : json(nullptr)}});
      }
      entry["best_chain"] = chain;
    }
    entry["critical_path_s"] = CriticalPathSeconds(p);
    critical_path = std::max(critical_path, CriticalPathSeconds(p));
    for (const auto& c : p.candidates) {
      if (!c.result || c.reused) continue;
      run_s += c.result->run_seconds;
      build_s += c.result->build_seconds;
      json& w = per_worker[std::to_string(c.result->worker)];
      if (w.is_null()) w = {{"run_s", 0.0}, {"build_s", 0.0}, {"evaluated", 0}};
      w["run_s"] = w["run_s"].get<double>() + c.result->run_seconds;
      w["build_s"] = w["build_s"].get<double>() + c.result->build_seconds;
      w["evaluated"] = w["evaluated"].get<int>() + 1;
    }
    problems.push_back(entry);
  }
  int64_t prompt_tokens = 0, completion_tokens = 0, paid_calls = 0;
  double cost = 0;
  json by_model = json::object(), by_status = json::object();
  for (const LlmCallInfo& c : state.llm_calls) {
    prompt_tokens += c.cached ? 0 : c.prompt_tokens;
    completion_tokens += c.cached ? 0 : c.completion_tokens;
    cost += c.cost_usd;
    if (!c.cached && LlmCallWasSent(c.status)) ++paid_calls;
    json& m = by_model[c.model];
    if (m.is_null()) m = {{"calls", 0}, {"cost_usd", 0.0}};
    m["calls"] = m["calls"].get<int>() + 1;
    m["cost_usd"] = m["cost_usd"].get<double>() + c.cost_usd;
    by_status[NameOf(c.status)] = by_status.value(NameOf(c.status), 0) + 1;
  }
  json totals = {{"problems", state.problems.size()},
                 {"candidates", total_candidates},
                 {"llm_calls", state.llm_calls.size()},
                 {"llm_calls_sent", paid_calls},
                 {"llm_calls_by_status", by_status},
                 {"llm_calls_by_model", by_model},
                 {"prompt_tokens", prompt_tokens},
                 {"completion_tokens", completion_tokens},
                 {"cost_usd", cost}};
  json timing = {{"critical_path_s", critical_path}, {"run_s", run_s}, {"build_s", build_s},
                 {"per_worker", per_worker}};
  return {{"run",
           {{"status", NameOf(state.info.status)},
            {"stop_reason", state.info.stop_reason},
            {"start_time", state.info.start_time},
            {"end_time", state.info.end_time},
            {"sessions", state.info.sessions},
            {"program_version", state.info.program_version},
            {"proposer", state.info.proposer},
            {"synthetic", state.info.synthetic},
            {"hosts", state.Hosts()}}},
          {"problems", problems},
          {"reference_figures", ReferenceFigures(state)},
          {"timing", timing},
          {"totals", totals}};
}

std::string ReportText(const RunState& state, bool show_code) {
  std::string out;
  const RunInfo& info = state.info;
  out += std::string("autocomp run: ") + NameOf(info.status) + (info.stop_reason.empty() ? "" : " (" + info.stop_reason + ")") + "\n";
  out += "  started " + info.start_time + (info.end_time.empty() ? "" : ", ended " + info.end_time) + ", " +
         std::to_string(info.sessions) + " session(s), hosts: " + (state.Hosts().empty() ? "-" : state.Hosts()) + "\n";
  out += "  proposer: " + info.proposer + "\n";
  if (!state.llm_calls.empty()) {
    int64_t tokens_in = 0, tokens_out = 0, cached = 0;
    double cost = 0;
    for (const LlmCallInfo& c : state.llm_calls) {
      cost += c.cost_usd;
      if (c.cached) ++cached;
      else tokens_in += c.prompt_tokens, tokens_out += c.completion_tokens;
    }
    out += "  LLM calls: " + std::to_string(state.llm_calls.size()) + " (" + std::to_string(cached) +
           " answered from the cache), tokens " + std::to_string(tokens_in) + " in / " + std::to_string(tokens_out) +
           " out, cost $" + Fmt("%.4f", cost) + "\n";
  }
  if (info.synthetic) out += "  SYNTHETIC BENCHMARK RUN: scores are generated, not measured\n";
  if (info.status == RunStatus::kRunning) {
    out += "  (the run is still going or was killed; `autocomp run --resume` continues it)\n";
  }
  for (const auto& [id, p] : state.problems) {
    out += "\n" + id.ToString() + "  " + p.summary.description + "  [" + NameOf(p.summary.state) + "]\n";
    if (!p.summary.message.empty()) out += "  " + p.summary.message + "\n";
    auto base = p.BaselineScore();
    const CandidateRecord* best = p.Best();
    const std::string unit = p.summary.score_unit;
    if (ScoreIsModelled(unit)) out += "  scores: " + unit + ", estimated by the calibrated model, not measured\n";
    out += "  baseline: " + (base ? Fmt("%.6g", *base) + " " + unit : std::string("none")) + "\n";
    if (best && base) {
      out += "  best:     " + Fmt("%.6g", *best->result->score) + " " + unit + " (candidate " +
             std::to_string(best->candidate.id) + ", iteration " + std::to_string(best->candidate.iteration) +
             ")  speedup " + Fmt("%.2f", *base / *best->result->score) + "x\n";
      out += "            " + VerificationText(VerificationOf(p, best, info)) + "\n";
      std::string over;
      for (const auto& [name, ref] : References(p)) {
        over += (over.empty() ? "" : ", ") + Fmt("%.2fx", ref / *best->result->score) + " over " + name;
      }
      if (!over.empty()) out += "            " + over + " (references measured beside it)\n";
    }
    std::map<std::string, int> by_status;
    for (const auto& c : p.candidates) ++by_status[c.status_name()];
    out += "  candidates: " + std::to_string(p.candidates.size());
    for (const auto& [status, n] : by_status) out += "  " + status + "=" + std::to_string(n);
    out += "\n";
    std::vector<double> curve = BestByIteration(p);
    if (base && !curve.empty()) {
      out += "  speedup by iteration:";
      for (size_t i = 0; i < curve.size(); ++i) {
        out += " " + std::to_string(i) + ":" + (std::isnan(curve[i]) ? std::string("-") : Fmt("%.2fx", *base / curve[i]));
      }
      out += "\n";
      // A bar per iteration, scaled to the final speedup.
      const double top = *base / curve.back();
      for (size_t i = 0; i < curve.size(); ++i) {
        if (std::isnan(curve[i])) continue;
        const double s = *base / curve[i];
        const int width = top > 0 ? static_cast<int>(std::lround(40.0 * s / top)) : 0;
        out += "    it " + std::to_string(i) + " |" + std::string(static_cast<size_t>(std::max(width, 1)), '#') + " " +
               Fmt("%.2fx", s) + "\n";
      }
    }
    if (best && best->candidate.id != 0) {
      out += "  winning plan chain:\n";
      for (uint64_t c : Chain(p, best->candidate.id)) {
        const auto& rec = p.candidates[c];
        if (c == 0) continue;
        out += "    it " + std::to_string(rec.candidate.iteration) + " [" + rec.candidate.origin + "] " +
               FirstLine(rec.candidate.plan) +
               (rec.correct() ? "  -> " + Fmt("%.6g", *rec.result->score) + " " + unit : "") + "\n";
      }
      if (show_code) out += "  best code:\n" + best->candidate.code + "\n";
    }
  }
  const json figures = ReferenceFigures(state);
  for (const auto& [name, f] : figures.items()) {
    out += "\nover " + name + " (" + std::to_string(f["problems"].get<int>()) + " problems): fast_0 " +
           Fmt("%.2f", f["fast_0"].get<double>()) + ", fast_1 " + Fmt("%.2f", f["fast_1"].get<double>()) + ", fast_2 " +
           Fmt("%.2f", f["fast_2"].get<double>()) + ", geometric-mean speedup " +
           Fmt("%.2fx", f["geomean_speedup"].get<double>()) + "\n";
  }
  return out;
}

}  // namespace autocomp
