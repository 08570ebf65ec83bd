// backends/cpu/runner/runner_main.cc — autocomp-cpu-runner, the trusted
// side of every cpu measurement (kernel_runner.h). The worker starts it in
// the sandbox as a trusted parent, in the candidate's scratch dir:
//
//   autocomp-cpu-runner --kind gemm --reference reference.so --dims 512,512,512
//       [--mode time|count] [--calls N] [--threads] [--deadline S] [--seed N] [--child cand]
//
// --reference is the problem set's reference.c built into a shared library
// on the node (the backend's harness cache); it is trusted problem code.
// The verdict (one JSON line) goes to fd 3 when the sandbox opened it,
// else to stdout. Exit status 0 whenever a verdict was written, 2 on bad
// arguments.
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "kernel_runner.h"

int main(int argc, char** argv) {
  // The child must never reach the verdict channel, nor our memory.
  int verdict_fd = fcntl(3, F_DUPFD_CLOEXEC, 200);
  if (verdict_fd >= 0) close(3);
  prctl(PR_SET_DUMPABLE, 0);
  signal(SIGPIPE, SIG_IGN);

  autocomp::cpu_harness::RunnerOptions o;
  std::string dims, kind_name, reference;
  uint64_t seed = 0;
  CLI::App app{"autocomp cpu runner: measures one candidate executable"};
  app.add_option("--kind", kind_name, "the problem kind (gemm, conv2d, softmax)")->required();
  app.add_option("--reference", reference, "shared library with the problem set's reference function")->required();
  app.add_option("--dims", dims, "the problem's dims, comma-separated")->required();
  app.add_option("--mode", o.mode, "time or count")->check(CLI::IsMember({"time", "count"}));
  app.add_option("--calls", o.calls, "measured calls, each checked")->check(CLI::Range(1, 100000));
  app.add_flag("--threads", o.threads, "the problem allows threads");
  app.add_option("--deadline", o.deadline_s, "seconds for everything the candidate does")->check(CLI::PositiveNumber);
  auto* seed_option = app.add_option("--seed", seed, "fixed first seed (tests)");
  app.add_option("--child", o.child, "the candidate executable");
  app.add_option("--calibration", o.calibration, "count mode: the stub with an empty solution, whose count is subtracted");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (*seed_option) o.seed = seed;

  for (size_t p = 0; p < dims.size();) {
    size_t q = dims.find(',', p);
    if (q == std::string::npos) q = dims.size();
    try {
      o.dims.push_back(std::stol(dims.substr(p, q - p)));
    } catch (...) {
      std::fprintf(stderr, "autocomp-cpu-runner: --dims must be comma-separated integers, not '%s'\n", dims.c_str());
      return 2;
    }
    p = q + 1;
  }
  nlohmann::json verdict;
  std::string error;
  void* library = dlopen(reference.c_str(), RTLD_NOW | RTLD_LOCAL);
  auto kind = autocomp::cpu_harness::MakeKernelKind(kind_name, library, &error);
  if (!library) error = std::string("cannot load the reference: ") + dlerror();
  if (kind) {
    verdict = autocomp::cpu_harness::RunKernel(*kind, o);
  } else {
    verdict = {{"status", "infra_error"}, {"message", error}};
  }
  const std::string text = verdict.dump() + "\n";
  const int fd = verdict_fd >= 0 ? verdict_fd : 1;
  return write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) ? 0 : 1;
}
