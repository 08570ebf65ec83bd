// src/master/cli/eval_command.cc — `autocomp eval PROBLEM CODE`: one candidate, printed as JSON.
#include <algorithm>
#include <fstream>
#include <thread>
#include <iostream>
#include <sstream>

#include <spdlog/spdlog.h>

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
  config.backend = backend;
  if (std::count(id_text.begin(), id_text.end(), '/') == 1) id_text = backend + "/" + id_text;
  auto id = ProblemId::Parse(id_text);
  if (!id.ok()) return fail(id.status());
  if (id->backend != backend) {
    return fail(InvalidArgumentError("problem " + id_text + " is not a " + backend + " problem"));
  }
  std::ifstream in(args.code_file);
  if (!in) return fail(NotFoundError("cannot read " + args.code_file));
  std::ostringstream code;
  code << in.rdbuf();

  Evaluator evaluator = SetUpEvaluator(EvaluatorOptionsFrom(config), SingleProcessPlacement(), 0);
  if (!evaluator.hello.healthy) return fail(FailedPreconditionError(evaluator.hello.error));
  auto problem = evaluator.backend->LoadProblem(*id);
  if (!problem.ok()) return fail(problem.status());

  evaluator.engine->Submit(EvalTask{1, *id, code.str()});
  std::vector<ResultMsg> results;
  while ((results = evaluator.engine->TakeResults()).empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const EvalResult& r = results[0].result;
  nlohmann::json out = ToJson(r);
  out["problem"] = id->ToString();
  out["description"] = problem->description;
  out["score_unit"] = problem->score_unit;
  out["resource"] = evaluator.hello.resource.description;
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return r.correct() ? kExitOk : kExitFailed;
}

}  // namespace autocomp
