// src/common/config.cc — validation of the run configuration.
#include "common/config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/config_reader.h"
#include "common/json_bounded.h"

namespace autocomp {

using nlohmann::json;

namespace {

Status ParseSelection(const json& j, const std::string& key, const std::string& source,
                      ProblemSelection* out) {
  ConfigReader s(j, key, source);
  AUTOCOMP_RETURN_IF_ERROR(s.CheckObject());
  AUTOCOMP_RETURN_IF_ERROR(s.Required("set"));
  AUTOCOMP_RETURN_IF_ERROR(s.String("set", &out->set));
  if (!s.Has("ids")) return s.Error(key + ".ids", "is required (a list of indices or \"all\")");
  const json& ids = s.Raw("ids");
  if (ids.is_string() && ids.get<std::string>() == "all") {
    out->all = true;
  } else if (ids.is_array() && !ids.empty()) {
    for (const auto& id : ids) {
      if (!id.is_number_integer() || id.get<long>() < 0) {
        return s.Error(key + ".ids", "must be \"all\" or a list of non-negative integers");
      }
      out->ids.push_back(id.get<int>());
    }
  } else {
    return s.Error(key + ".ids", "must be \"all\" or a non-empty list of non-negative integers");
  }
  return s.NoUnknownKeys();
}

}  // namespace

Status ApplySearchPreset(const std::string& name, SearchOptions* o) {
  if (name == "paper") {  // the paper's experiments
    o->beam_size = 6;
    o->plans_per_candidate = 12;
    o->impls_per_plan = 4;
    o->menu_keep_probability = 0.3;
    o->iterations = 10;
  } else if (name == "newer") {  // the later public code's defaults
    o->beam_size = 4;
    o->plans_per_candidate = 4;
    o->impls_per_plan = 2;
    o->menu_keep_probability = 0.25;
    o->iterations = 8;
  } else {
    return InvalidArgumentError("unknown search preset '" + name + "' (known: paper, newer)");
  }
  o->preset = name;
  return Status::Ok();
}

Result<Config> ParseConfig(const json& j, const std::string& source) {
  Config c;
  c.source = source;
  c.raw = j;
  ConfigReader root(j, "", source);
  AUTOCOMP_RETURN_IF_ERROR(root.CheckObject());

  AUTOCOMP_RETURN_IF_ERROR(root.Required("backend"));
  AUTOCOMP_RETURN_IF_ERROR(root.String("backend", &c.backend));
  AUTOCOMP_RETURN_IF_ERROR(root.String("simulator", &c.simulator));
  if (root.Has("backend_options")) {
    if (!root.Raw("backend_options").is_object()) return root.Error("backend_options", "must be an object");
    c.backend_options = root.Raw("backend_options");
  }

  AUTOCOMP_RETURN_IF_ERROR(root.Required("problems"));
  const json& problems = root.Raw("problems");
  if (problems.is_array()) {
    if (problems.empty()) return root.Error("problems", "must not be empty");
    for (size_t i = 0; i < problems.size(); ++i) {
      ProblemSelection sel;
      AUTOCOMP_RETURN_IF_ERROR(ParseSelection(problems[i], "problems[" + std::to_string(i) + "]", source, &sel));
      c.problems.push_back(sel);
    }
  } else {
    ProblemSelection sel;
    AUTOCOMP_RETURN_IF_ERROR(ParseSelection(problems, "problems", source, &sel));
    c.problems.push_back(sel);
  }

  c.models = {"offline"};
  if (root.Has("models")) {
    const json& models = root.Raw("models");
    if (!models.is_array() || models.empty()) return root.Error("models", "must be a non-empty list of model names");
    c.models.clear();
    for (const auto& m : models) {
      if (!m.is_string() || m.get<std::string>().empty()) return root.Error("models", "must contain only model names (strings)");
      c.models.push_back(m.get<std::string>());
    }
    for (const auto& m : c.models) {
      if (m == "offline" && c.models.size() > 1) {
        return root.Error("models", "\"offline\" cannot be combined with LLM models");
      }
    }
  }

  if (root.Has("llm")) {
    if (!root.Raw("llm").is_object()) return root.Error("llm", "must be an object");
    if (root.Raw("llm").contains("models")) {
      return root.Error("llm.models", "the ensemble is the top-level \"models\" key; remove llm.models");
    }
    c.llm = root.Raw("llm");
  }

  if (root.Has("search")) {
    ConfigReader s = root.Child("search");
    AUTOCOMP_RETURN_IF_ERROR(s.CheckObject());
    std::string preset;
    AUTOCOMP_RETURN_IF_ERROR(s.String("preset", &preset, {"newer", "paper"}));
    if (!preset.empty()) AUTOCOMP_RETURN_IF_ERROR(ApplySearchPreset(preset, &c.search));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("iterations", &c.search.iterations, 0, 1000));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("beam_size", &c.search.beam_size, 1, 1000));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("plans_per_candidate", &c.search.plans_per_candidate, 1, 1000));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("impls_per_plan", &c.search.impls_per_plan, 1, 1000));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("menu_keep_probability", &c.search.menu_keep_probability, 0.0, 1.0));
    AUTOCOMP_RETURN_IF_ERROR(s.Uint64("seed", &c.search.seed));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("max_concurrent_problems", &c.search.max_concurrent_problems, 1, 100000));
    AUTOCOMP_RETURN_IF_ERROR(s.String("mode", &c.search.mode, {"pipelined", "phase_synchronous"}));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("keep_factor_early", &c.search.keep_factor_early, 0.0, 100.0));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("keep_factor_early_iterations", &c.search.keep_factor_early_iterations, 0, 1000));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("keep_factor", &c.search.keep_factor, 0.0, 100.0));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("duplicate_filter", &c.search.duplicate_filter, 0, 2));
    AUTOCOMP_RETURN_IF_ERROR(s.Bool("reimplement_failed", &c.search.reimplement_failed));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("early_stop_window", &c.search.early_stop_window, 0, 1000));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("early_stop_threshold", &c.search.early_stop_threshold, 0.0, 10.0));
    AUTOCOMP_RETURN_IF_ERROR(s.Bool("schedule_reuse", &c.search.schedule_reuse));
    AUTOCOMP_RETURN_IF_ERROR(s.Bool("examples_in_plan", &c.search.examples_in_plan));
    if (s.Has("feedback")) {
      ConfigReader f = s.Child("feedback");
      AUTOCOMP_RETURN_IF_ERROR(f.CheckObject());
      AUTOCOMP_RETURN_IF_ERROR(f.Number("score", &c.search.feedback_score, 0.0, 1.0));
      AUTOCOMP_RETURN_IF_ERROR(f.Number("utilization", &c.search.feedback_utilization, 0.0, 1.0));
      AUTOCOMP_RETURN_IF_ERROR(f.Number("hardware", &c.search.feedback_hardware, 0.0, 1.0));
      AUTOCOMP_RETURN_IF_ERROR(f.NoUnknownKeys());
    }
    AUTOCOMP_RETURN_IF_ERROR(s.NoUnknownKeys());
  }

  if (root.Has("eval")) {
    ConfigReader s = root.Child("eval");
    AUTOCOMP_RETURN_IF_ERROR(s.CheckObject());
    EvalOptions& e = c.eval;
    AUTOCOMP_RETURN_IF_ERROR(s.Number("build_timeout_s", &e.build_timeout_s, 0.1, 86400));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("run_timeout_s", &e.run_timeout_s, 0.1, 86400));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("warmup", &e.warmup, 0, 1000));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("repeats", &e.repeats, 1, 100000));
    AUTOCOMP_RETURN_IF_ERROR(s.String("score", &e.score));
    AUTOCOMP_RETURN_IF_ERROR(s.Int64("memory_limit_mb", &e.memory_limit_mb, 16));
    AUTOCOMP_RETURN_IF_ERROR(s.Int64("output_limit_mb", &e.output_limit_mb, 1));
    AUTOCOMP_RETURN_IF_ERROR(s.Int64("file_size_limit_mb", &e.file_size_limit_mb, 1));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("max_processes", &e.max_processes, 1, 100000));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("build_threads", &e.build_threads, 0, 1024));
    AUTOCOMP_RETURN_IF_ERROR(s.Bool("isolate", &e.isolate));
    AUTOCOMP_RETURN_IF_ERROR(s.Bool("quiet_node", &e.quiet_node));
    AUTOCOMP_RETURN_IF_ERROR(s.NoUnknownKeys());
  }

  if (root.Has("output")) {
    ConfigReader s = root.Child("output");
    AUTOCOMP_RETURN_IF_ERROR(s.CheckObject());
    AUTOCOMP_RETURN_IF_ERROR(s.String("path", &c.output.path));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("flush_seconds", &c.output.flush_seconds, 0.0, 3600));
    AUTOCOMP_RETURN_IF_ERROR(s.String("scratch_dir", &c.output.scratch_dir));
    AUTOCOMP_RETURN_IF_ERROR(s.NoUnknownKeys());
  }

  if (root.Has("workers")) {
    ConfigReader s = root.Child("workers");
    AUTOCOMP_RETURN_IF_ERROR(s.CheckObject());
    AUTOCOMP_RETURN_IF_ERROR(s.Number("heartbeat_s", &c.workers.heartbeat_s, 0.1, 3600));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("lost_after_s", &c.workers.lost_after_s, 1, 86400));
    AUTOCOMP_RETURN_IF_ERROR(s.Number("hello_timeout_s", &c.workers.hello_timeout_s, 1, 86400));
    AUTOCOMP_RETURN_IF_ERROR(s.NoUnknownKeys());
    if (c.workers.lost_after_s <= 2 * c.workers.heartbeat_s) {
      return s.Error("workers.lost_after_s", "must be more than twice workers.heartbeat_s");
    }
  }

  if (root.Has("bench")) {
    ConfigReader s = root.Child("bench");
    AUTOCOMP_RETURN_IF_ERROR(s.CheckObject());
    if (s.Has("proposal_latency_s")) {
      const json& range = s.Raw("proposal_latency_s");
      if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number() ||
          range[0].get<double>() < 0 || range[1].get<double>() < range[0].get<double>()) {
        return s.Error("bench.proposal_latency_s", "must be [min, max] seconds with 0 <= min <= max");
      }
      c.bench.proposal_latency_min_s = range[0].get<double>();
      c.bench.proposal_latency_max_s = range[1].get<double>();
    }
    AUTOCOMP_RETURN_IF_ERROR(s.NoUnknownKeys());
  }

  AUTOCOMP_RETURN_IF_ERROR(root.NoUnknownKeys());
  return c;
}

Result<Config> LoadConfigFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return InvalidArgumentError(path + ": is a directory, not a config file");
  std::ifstream in(path);
  if (!in) return NotFoundError(path + ": cannot open the config file");
  std::ostringstream text;
  text << in.rdbuf();
  std::string error;
  const json j = ParseBoundedJson(text.str(), &error, /*ignore_comments=*/true);
  if (j.is_discarded()) return InvalidArgumentError(path + ": " + error);
  return ParseConfig(j, path);
}

}  // namespace autocomp
