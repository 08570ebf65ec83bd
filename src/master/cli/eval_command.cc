// src/master/cli/eval_command.cc — `autocomp eval PROBLEM CODE...`: candidates of one problem, printed as JSON.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <iostream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "common/backend_registry.h"
#include "common/exit_codes.h"
#include "common/logging.h"
#include "common/run_event.h"
#include "master/cli/commands.h"
#include "worker/evaluator_setup.h"

namespace autocomp {

int EvalCommand(const EvalArgs& args) {
  SetUpLogging(0, "warn", false);
  auto fail = [](const Status& s) {
    std::cerr << "autocomp eval: " << s.ToString() << "\n";
    return ExitCodeFor(s);
  };
  Config config;
  if (!args.config.empty()) {
    auto loaded = LoadConfigFile(args.config);
    if (!loaded.ok()) return fail(loaded.status());
    config = *loaded;
  }
  if (args.repeats > 0) config.eval.repeats = args.repeats;
  config.source = args.config.empty() ? "command line" : args.config;

  // The backend: --backend, else the one a full id names, else the config's, else cpu.
  std::string id_text = args.problem;
  const bool full_id = std::count(id_text.begin(), id_text.end(), '/') == 2;
  std::string backend = args.backend;
  if (backend.empty()) backend = full_id ? id_text.substr(0, id_text.find('/')) : config.backend;
  if (backend.empty()) backend = "cpu";
  const auto& known = RegisteredBackends();
  if (std::none_of(known.begin(), known.end(), [&](const BackendEntry& e) { return e.name == backend; })) {
    return fail(InvalidArgumentError("unknown backend '" + backend + "' (known: " + BackendNames() + ")"));
  }
  config.backend = backend;
  if (std::count(id_text.begin(), id_text.end(), '/') == 1) id_text = backend + "/" + id_text;
  auto id = ProblemId::Parse(id_text);
  if (!id.ok()) return fail(id.status());
  if (id->backend != backend) {
    return fail(InvalidArgumentError("problem " + id_text + " is not a " + backend + " problem"));
  }
  std::vector<std::string> codes;
  for (const std::string& file : args.code_files) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) return fail(InvalidArgumentError(file + " is a directory, not a code file"));
    std::ifstream in(file);
    if (!in) return fail(NotFoundError("cannot read " + file));
    std::ostringstream code;
    code << in.rdbuf();
    codes.push_back(code.str());
  }

  Evaluator evaluator = SetUpEvaluator(EvaluatorOptionsFrom(config), SingleProcessPlacement(), 0);
  if (!evaluator.hello.healthy) return fail(FailedPreconditionError(evaluator.hello.error));
  auto problem = evaluator.backend->LoadProblem(*id);
  if (!problem.ok()) return fail(problem.status());

  // All at once: the engine builds them in parallel and measures one at a time, as a worker does.
  for (size_t i = 0; i < codes.size(); ++i) evaluator.engine->Submit(EvalTask{i + 1, *id, codes[i]});
  std::map<uint64_t, EvalResult> results;
  while (results.size() < codes.size()) {
    for (ResultMsg& m : evaluator.engine->TakeResults()) results[m.task_id] = std::move(m.result);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  nlohmann::json all = nlohmann::json::array();
  bool every_one_correct = true;
  for (size_t i = 0; i < codes.size(); ++i) {
    const EvalResult& r = results.at(i + 1);
    nlohmann::json out = ToJson(r);
    out["problem"] = id->ToString();
    out["description"] = problem->description;
    out["score_unit"] = problem->score_unit;
    out["resource"] = evaluator.hello.resource.description;
    if (codes.size() > 1) out["file"] = args.code_files[i];
    every_one_correct = every_one_correct && r.correct();
    all.push_back(std::move(out));
  }
  const nlohmann::json& printed = codes.size() == 1 ? all[0] : all;
  std::cout << printed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return every_one_correct ? kExitOk : kExitFailed;
}

}  // namespace autocomp
