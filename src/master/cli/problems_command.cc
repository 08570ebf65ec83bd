// src/master/cli/problems_command.cc — `autocomp problems BACKEND`.
#include <cstdio>
#include <iostream>

#include "common/exit_codes.h"
#include "common/logging.h"
#include "master/cli/commands.h"
#include "worker/evaluator_setup.h"

namespace autocomp {

int ProblemsCommand(const std::string& backend_name, const std::string& config_file, bool json) {
  SetUpLogging(0, "warn", false);
  Config config;
  if (!config_file.empty()) {
    auto loaded = LoadConfigFile(config_file);
    if (!loaded.ok()) {
      std::cerr << "autocomp problems: " << loaded.status().ToString() << "\n";
      return ExitCodeFor(loaded.status());
    }
    config = *loaded;
  }
  config.backend = backend_name;
  auto sandbox = Sandbox::Create();
  if (!sandbox.ok()) {
    std::cerr << "autocomp problems: " << sandbox.status().ToString() << "\n";
    return ExitCodeFor(sandbox.status());
  }
  auto backend = CreateBackendFor(EvaluatorOptionsFrom(config), *sandbox);
  if (!backend.ok()) {
    std::cerr << "autocomp problems: " << backend.status().ToString() << "\n";
    return ExitCodeFor(backend.status());
  }
  auto problems = (*backend)->ListProblems();
  if (!problems.ok()) {
    std::cerr << "autocomp problems: " << problems.status().ToString() << "\n";
    return ExitCodeFor(problems.status());
  }
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : *problems) out.push_back({{"problem", p.id.ToString()}, {"description", p.description}});
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& p : *problems) std::printf("%-22s %s\n", p.id.ToString().c_str(), p.description.c_str());
  return kExitOk;
}

}  // namespace autocomp
