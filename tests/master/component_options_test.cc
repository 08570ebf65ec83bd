// tests/master/component_options_test.cc — every documented config key reaches a component.
//
// The keys are read from docs/config.md itself, so a key documented there
// without a case here fails, and a case whose key no longer changes what a
// component receives (a parsed-but-dropped setting) fails too.
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "master/component_options.h"

namespace autocomp {
namespace {

using nlohmann::json;

// "search.beam_size", "backend", ... for every table row of docs/config.md.
std::set<std::string> DocumentedKeys() {
  std::ifstream in(std::string(AUTOCOMP_SOURCE_DIR) + "/docs/config.md");
  std::set<std::string> keys;
  std::string line, section;
  const std::regex heading("^## (.+)$"), row("^\\| `([a-z_]+)` \\|");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, heading)) section = m[1] == "Top level" ? "" : std::string(m[1]);
    else if (std::regex_search(line, m, row)) keys.insert(section.empty() ? std::string(m[1]) : section + "." + std::string(m[1]));
  }
  return keys;
}

// An LLM run, so that the proposer's and the LLM layer's options are built too.
json BaseConfig() {
  return {{"backend", "cpu"}, {"problems", {{"set", "gemm"}, {"ids", {0}}}}, {"models", {"openai/o3-mini"}}};
}

void Set(json& config, const std::string& dotted, const json& value) {
  json* at = &config;
  std::stringstream parts(dotted);
  std::string part, next;
  std::getline(parts, part, '.');
  while (std::getline(parts, next, '.')) {
    at = &(*at)[part];
    part = next;
  }
  (*at)[part] = value;
}

ComponentOptions Build(const json& config) {
  auto parsed = ParseConfig(config, "test.json");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto built = ComponentOptionsFrom(*parsed);
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  return *built;
}

struct Case {
  std::string key;    // where the value goes (may be below the documented key)
  json value;         // a valid value that is not the default
  std::function<bool(const ComponentOptions&)> took_effect;
};

// Documented key → how to see that it arrived.
std::map<std::string, Case> Cases() {
  using O = const ComponentOptions&;
  std::map<std::string, Case> c;
  auto add = [&](const std::string& documented, Case k) { c[documented] = std::move(k); };
  add("backend", {"backend", "gemmini", [](O o) { return o.evaluator.backend == "gemmini"; }});
  add("simulator", {"simulator", "spike", [](O o) { return o.evaluator.context.simulator == "spike"; }});
  add("backend_options", {"backend_options", {{"size", "ci"}}, [](O o) {
        return o.evaluator.context.options.value("size", "") == "ci" && !o.evaluator.context.config_source.empty(); }});
  add("problems", {"problems", {{"set", "softmax"}, {"ids", "all"}},
                   [](O o) { return o.problems.size() == 1 && o.problems[0].set == "softmax" && o.problems[0].all; }});
  add("problems.set", {"problems.set", "conv2d", [](O o) { return o.problems[0].set == "conv2d"; }});
  add("problems.ids", {"problems.ids", {0, 2}, [](O o) { return o.problems[0].ids == std::vector<int>{0, 2}; }});
  add("models", {"models", {"offline"}, [](O o) { return o.offline && o.run_loop.model == "offline"; }});
  add("llm", {"llm.timeout_s", 12, [](O o) { return o.llm.timeout_s == 12; }});
  add("search", {"search.beam_size", 9, [](O o) { return o.run_loop.search.beam_size == 9; }});
  add("eval", {"eval.repeats", 9, [](O o) { return o.evaluator.context.eval.repeats == 9; }});
  add("output", {"output.flush_seconds", 9, [](O o) { return o.flush_seconds == 9; }});
  add("workers", {"workers.hello_timeout_s", 9, [](O o) { return o.scheduler.hello_timeout_s == 9; }});
  add("bench", {"bench.proposal_latency_s", {1, 2}, [](O o) { return o.bench.delayed(); }});

  add("search.iterations", {"search.iterations", 9, [](O o) { return o.run_loop.search.iterations == 9; }});
  add("search.beam_size", {"search.beam_size", 9, [](O o) { return o.run_loop.search.beam_size == 9; }});
  add("search.plans_per_candidate", {"search.plans_per_candidate", 9, [](O o) {
        return o.run_loop.search.plans_per_candidate == 9 && o.proposer.plans_per_candidate == 9; }});
  add("search.impls_per_plan", {"search.impls_per_plan", 9, [](O o) {
        return o.run_loop.search.impls_per_plan == 9 && o.proposer.impls_per_plan == 9; }});
  add("search.menu_keep_probability", {"search.menu_keep_probability", 0.25,
                                       [](O o) { return o.run_loop.search.menu_keep_probability == 0.25; }});
  add("search.seed", {"search.seed", 77, [](O o) { return o.run_loop.search.seed == 77; }});
  add("search.max_concurrent_problems", {"search.max_concurrent_problems", 3,
                                         [](O o) { return o.run_loop.search.max_concurrent_problems == 3; }});
  add("search.preset", {"search.preset", "paper", [](O o) {
        return o.run_loop.search.preset == "paper" && o.run_loop.search.beam_size == 6; }});
  add("search.keep_factor_early", {"search.keep_factor_early", 1.5,
                                   [](O o) { return o.run_loop.search.keep_factor_early == 1.5; }});
  add("search.keep_factor_early_iterations", {"search.keep_factor_early_iterations", 5,
                                              [](O o) { return o.run_loop.search.keep_factor_early_iterations == 5; }});
  add("search.keep_factor", {"search.keep_factor", 1.5, [](O o) { return o.run_loop.search.keep_factor == 1.5; }});
  add("search.duplicate_filter", {"search.duplicate_filter", 2,
                                  [](O o) { return o.run_loop.search.duplicate_filter == 2; }});
  add("search.reimplement_failed", {"search.reimplement_failed", true,
                                    [](O o) { return o.run_loop.search.reimplement_failed; }});
  add("search.early_stop_window", {"search.early_stop_window", 3,
                                   [](O o) { return o.run_loop.search.early_stop_window == 3; }});
  add("search.early_stop_threshold", {"search.early_stop_threshold", 0.5,
                                      [](O o) { return o.run_loop.search.early_stop_threshold == 0.5; }});
  add("search.schedule_reuse", {"search.schedule_reuse", true,
                                [](O o) { return o.run_loop.search.schedule_reuse; }});
  add("search.feedback", {"search.feedback", {{"score", 0.5}, {"utilization", 0.25}, {"hardware", 0.125}},
                          [](O o) {
                            return o.proposer.feedback.score == 0.5 && o.proposer.feedback.utilization == 0.25 &&
                                   o.proposer.feedback.hardware == 0.125;
                          }});
  add("search.examples_in_plan", {"search.examples_in_plan", true, [](O o) { return o.proposer.examples_in_plan; }});
  add("search.mode", {"search.mode", "phase_synchronous",
                      [](O o) { return o.run_loop.search.mode == "phase_synchronous"; }});

  add("eval.build_timeout_s", {"eval.build_timeout_s", 7, [](O o) { return o.evaluator.context.eval.build_timeout_s == 7; }});
  add("eval.run_timeout_s", {"eval.run_timeout_s", 7, [](O o) { return o.evaluator.context.eval.run_timeout_s == 7; }});
  add("eval.warmup", {"eval.warmup", 7, [](O o) { return o.evaluator.context.eval.warmup == 7; }});
  add("eval.repeats", {"eval.repeats", 7, [](O o) { return o.evaluator.context.eval.repeats == 7; }});
  add("eval.score", {"eval.score", "instructions", [](O o) { return o.evaluator.context.eval.score == "instructions"; }});
  add("eval.memory_limit_mb", {"eval.memory_limit_mb", 77,
                               [](O o) { return o.evaluator.context.eval.memory_limit_mb == 77; }});
  add("eval.output_limit_mb", {"eval.output_limit_mb", 7,
                               [](O o) { return o.evaluator.context.eval.output_limit_mb == 7; }});
  add("eval.file_size_limit_mb", {"eval.file_size_limit_mb", 7,
                                  [](O o) { return o.evaluator.context.eval.file_size_limit_mb == 7; }});
  add("eval.max_processes", {"eval.max_processes", 7, [](O o) { return o.evaluator.context.eval.max_processes == 7; }});
  add("eval.build_threads", {"eval.build_threads", 3, [](O o) { return o.evaluator.build_threads == 3; }});
  add("eval.isolate", {"eval.isolate", false, [](O o) { return !o.evaluator.isolate && !o.evaluator.context.eval.isolate; }});
  add("eval.quiet_node", {"eval.quiet_node", false, [](O o) { return !o.evaluator.quiet_node; }});

  add("workers.heartbeat_s", {"workers.heartbeat_s", 2, [](O o) { return o.evaluator.heartbeat_s == 2; }});
  add("workers.lost_after_s", {"workers.lost_after_s", 33, [](O o) { return o.scheduler.lost_after_s == 33; }});
  add("workers.hello_timeout_s", {"workers.hello_timeout_s", 33, [](O o) { return o.scheduler.hello_timeout_s == 33; }});
  add("bench.proposal_latency_s", {"bench.proposal_latency_s", {0.5, 1.5}, [](O o) {
        return o.bench.proposal_latency_min_s == 0.5 && o.bench.proposal_latency_max_s == 1.5; }});
  add("output.path", {"output.path", "elsewhere.h5", [](O o) { return o.run_file == "elsewhere.h5"; }});
  add("output.flush_seconds", {"output.flush_seconds", 9, [](O o) { return o.flush_seconds == 9; }});
  add("output.scratch_dir", {"output.scratch_dir", "/tmp/elsewhere", [](O o) {
        return o.evaluator.scratch_root == "/tmp/elsewhere" && o.evaluator.context.cache_dir == "/tmp/elsewhere/cache"; }});
  return c;
}

TEST(ComponentOptionsTest, EveryDocumentedKeyHasACase) {
  const std::set<std::string> documented = DocumentedKeys();
  ASSERT_GT(documented.size(), 40u) << "docs/config.md tables were not found";
  const auto cases = Cases();
  for (const auto& key : documented) EXPECT_TRUE(cases.count(key)) << key << " is documented but has no case here";
  for (const auto& [key, c] : cases) EXPECT_TRUE(documented.count(key)) << key << " has a case but is not documented";
}

TEST(ComponentOptionsTest, EveryDocumentedKeyReachesItsComponent) {
  const ComponentOptions defaults = Build(BaseConfig());
  for (const auto& [documented, c] : Cases()) {
    SCOPED_TRACE(documented);
    EXPECT_FALSE(c.took_effect(defaults)) << "the case cannot tell its value from the default";
    json config = BaseConfig();
    Set(config, c.key, c.value);
    EXPECT_TRUE(c.took_effect(Build(config))) << c.key << " = " << c.value.dump() << " did not reach its component";
  }
}

TEST(ComponentOptionsTest, AnOfflineRunBuildsNoLlmOptions) {
  json config = BaseConfig();
  config["models"] = {"offline"};
  config["llm"] = {{"timeout_s", "not a number"}};  // unused with "offline", so never parsed
  auto parsed = ParseConfig(config, "test.json");
  ASSERT_TRUE(parsed.ok());
  auto built = ComponentOptionsFrom(*parsed);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_TRUE(built->offline);
}

TEST(ComponentOptionsTest, AnInvalidLlmSectionNamesTheKey) {
  json config = BaseConfig();
  config["llm"] = {{"timeout_s", "soon"}};
  auto parsed = ParseConfig(config, "test.json");
  ASSERT_TRUE(parsed.ok());
  auto built = ComponentOptionsFrom(*parsed);
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.status().message().find("llm.timeout_s"), std::string::npos) << built.status().ToString();
}

}  // namespace
}  // namespace autocomp
