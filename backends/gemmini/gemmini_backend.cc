// backends/gemmini/gemmini_backend.cc — the gemmini Backend (see
// gemmini_backend.h): cross-compiles candidates with the problem's harness
// and measures them on the built-in model, a real Spike or FireSim.
#include "gemmini_backend.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "firesim_adapter.h"
#include "gemmini_problems.h"
#include "gemmini_tuner.h"
#include "spike_adapter.h"

namespace autocomp {
namespace {

namespace fs = std::filesystem;
using gemmini::FiresimAdapter;
using gemmini::SpikeAdapter;
using gemmini::SpikeRun;
using nlohmann::json;

constexpr size_t kTraceBytes = 8000;
constexpr const char* kDefaultPicolibc = "/usr/lib/picolibc/riscv64-unknown-elf";

enum class SimKind { kBuiltin, kSpikeMode, kRealSpike, kFiresim };

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Finds the simulator binary: $AUTOCOMP_GEMMINI_SIM, next to this program, the build tree.
std::string FindSimulator() {
  std::string env = EnvOr("AUTOCOMP_GEMMINI_SIM", "");
  if (!env.empty()) return env;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path cand : {self.parent_path() / "autocomp-gemmini-sim",
                          self.parent_path() / "backends" / "gemmini" / "autocomp-gemmini-sim",
                          self.parent_path().parent_path() / "backends" / "gemmini" / "autocomp-gemmini-sim"}) {
      if (access(cand.c_str(), X_OK) == 0) return cand.string();
    }
  }
#ifdef AUTOCOMP_GEMMINI_SIM_BUILD_PATH
  if (access(AUTOCOMP_GEMMINI_SIM_BUILD_PATH, X_OK) == 0) return AUTOCOMP_GEMMINI_SIM_BUILD_PATH;
#endif
  return "";
}

SandboxLimits LimitsFrom(const EvalOptions& eval, double wall) {
  SandboxLimits limits;
  limits.wall_seconds = wall;
  limits.memory_bytes = std::max<int64_t>(eval.memory_limit_mb, 3072) << 20;  // the model maps 2 GiB of DRAM
  limits.output_bytes = eval.output_limit_mb << 20;
  limits.file_size_bytes = eval.file_size_limit_mb << 20;
  limits.max_processes = eval.max_processes;
  return limits;
}

EvalResult FromFailedRun(const ProcessOutcome& o, const std::string& stage) {
  EvalResult r;
  r.trace = o.Tail(kTraceBytes);
  r.message = stage + ": " + o.Describe();
  switch (o.kind) {
    case ProcessOutcome::Kind::kFailedToStart: r.status = EvalStatus::kInfraError; break;
    case ProcessOutcome::Kind::kTimedOut: r.status = EvalStatus::kTimeout; break;
    case ProcessOutcome::Kind::kOutputLimit: r.status = EvalStatus::kResourceLimit; break;
    default:
      r.status = (o.memory_limit || o.cpu_limit || o.file_size_limit) ? EvalStatus::kResourceLimit
                                                                        : EvalStatus::kRuntimeError;
  }
  return r;
}

std::string Tail(const std::string& s, size_t n) { return s.size() <= n ? s : s.substr(s.size() - n); }

// The first line of `output` starting with `prefix`, or "".
std::string LineWith(const std::string& output, const std::string& prefix) {
  size_t at = output.find(prefix);
  if (at == std::string::npos) return "";
  size_t end = output.find('\n', at);
  return output.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

class GemminiBackend final : public Backend {
 public:
  GemminiBackend(BackendContext context, SimKind kind, std::string sim_arg)
      : context_(std::move(context)), kind_(kind), sim_arg_(std::move(sim_arg)), tuner_(gemmini::MakeGemminiTuner()) {
    gcc_ = EnvOr("AUTOCOMP_RISCV_GCC", "riscv64-unknown-elf-gcc");
    picolibc_ = EnvOr("AUTOCOMP_PICOLIBC", kDefaultPicolibc);
    simulator_ = FindSimulator();
    runtime_ = context_.home / "backends" / "gemmini" / "runtime";
    include_ = context_.home / "backends" / "gemmini" / "include";
    harness_ = context_.home / "tests" / "gemmini" / "harness";
    std::random_device rd;
    nonce_ = (uint64_t(rd()) << 32 | rd()) % 1000000000000ULL + 1;
    // Anything that can change a score: the header, the runtime, the harnesses, the simulator kind.
    std::string blob;
    for (const fs::path& dir : {include_, runtime_, harness_}) {
      std::error_code ec;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir, ec)) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) blob += f.filename().string() + ReadFile(f);
    }
    char hex[32];
    std::snprintf(hex, sizeof(hex), "%016zx", std::hash<std::string>{}(blob));
    version_ = std::string("gemmini-1-") + hex + "-" + SimName();
  }

  std::string name() const override { return "gemmini"; }
  std::string version() const override { return version_; }

  Status CheckEnvironment() const override {
    if (!context_.sandbox) return FailedPreconditionError("gemmini backend needs a sandbox (autocomp-sandbox)");
    if (gemmini::FindInPath(gcc_).empty()) {
      return FailedPreconditionError("RISC-V cross compiler '" + gcc_ +
                                     "' not found (install gcc-riscv64-unknown-elf, or set AUTOCOMP_RISCV_GCC)");
    }
    if (!fs::exists(fs::path(picolibc_) / "include" / "stdio.h") || !fs::exists(PicolibcLib() / "libc.a")) {
      return FailedPreconditionError("picolibc not found under '" + picolibc_ +
                                     "' (install picolibc-riscv64-unknown-elf, or set AUTOCOMP_PICOLIBC)");
    }
    for (const fs::path& p : {runtime_ / "crt0.S", include_ / "gemmini.h", harness_}) {
      if (!fs::exists(p)) return FailedPreconditionError("gemmini backend file missing: " + p.string());
    }
    switch (kind_) {
      case SimKind::kBuiltin:
      case SimKind::kSpikeMode:
        if (simulator_.empty() || access(simulator_.c_str(), X_OK) != 0) {
          return FailedPreconditionError("autocomp-gemmini-sim not found (build it, or set AUTOCOMP_GEMMINI_SIM)");
        }
        return Status::Ok();
      case SimKind::kRealSpike: return SpikeAdapter::Create(sim_arg_).status().ok() ? Status::Ok() : SpikeAdapter::Create(sim_arg_).status();
      case SimKind::kFiresim: {
        auto f = FiresimAdapter::Create(EnvOr("AUTOCOMP_FIRESIM", "firesim"), sim_arg_);
        return f.ok() ? Status::Ok() : f.status();
      }
    }
    return Status::Ok();
  }

  Result<std::vector<ProblemInfo>> ListProblems() const override { return gemmini::ListGemminiProblems(context_.home); }
  Result<Problem> LoadProblem(const ProblemId& id) const override { return gemmini::LoadGemminiProblem(context_.home, id); }
  const OfflineTuner* offline_tuner() const override { return tuner_.get(); }

  BuildResult Prepare(const Problem& problem, const std::string& code, const fs::path& scratch) const override {
    BuildResult build;
    if (!context_.sandbox) {
      build.status = EvalStatus::kInfraError;
      build.message = "gemmini backend has no sandbox";
      return build;
    }
    auto objects = HarnessObjects(problem);
    if (!objects.ok()) {
      build.status = EvalStatus::kInfraError;
      build.message = objects.status().ToString();
      return build;
    }
    std::ofstream(scratch / "solution.c") << "/* candidate code; the gemmini API comes from gemmini.h */\n"
                                             "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
                                             "#include \"gemmini.h\"\n#line 1 \"solution.c\"\n"
                                          << code << "\n";
    std::vector<std::string> argv = CompileFlags(problem);
    argv.insert(argv.begin(), gcc_);
    argv.push_back("solution.c");
    for (const auto& o : *objects) argv.push_back(o.string());
    for (const std::string& l : LinkFlags()) argv.push_back(l);
    argv.push_back("-o");
    argv.push_back("prog.elf");
    SandboxSpec spec;
    spec.workdir = scratch;
    spec.isolate = context_.eval.isolate;
    spec.limits = LimitsFrom(context_.eval, context_.eval.build_timeout_s);
    spec.argv = argv;
    spec.read_only_paths = {objects->front().parent_path()};
    ProcessOutcome o = context_.sandbox->Run(spec);
    build.seconds = o.wall_seconds;
    build.log = o.Tail(kTraceBytes);
    if (o.Succeeded() && fs::exists(scratch / "prog.elf")) {
      build.ok = true;
      return build;
    }
    EvalResult failed = FromFailedRun(o, "build");
    build.status = failed.status == EvalStatus::kRuntimeError ? EvalStatus::kCompileError : failed.status;
    build.message = o.kind == ProcessOutcome::Kind::kExited ? "did not compile: " + FirstError(o.output) : failed.message;
    return build;
  }

  int measure_batch_size() const override { return kind_ == SimKind::kFiresim ? 8 : 1; }

  std::vector<EvalResult> MeasureBatch(const std::vector<MeasureItem>& items, const Resource& resource) const override {
    if (kind_ == SimKind::kFiresim) return MeasureFiresimBatch(items, resource);
    return Backend::MeasureBatch(items, resource);
  }

  EvalResult Measure(const Problem& problem, const fs::path& scratch, const Resource& resource,
                     const MeasureOptions& options) const override {
    if (kind_ == SimKind::kRealSpike) return MeasureSpike(problem, scratch, resource);
    if (kind_ == SimKind::kFiresim) return MeasureFiresim(problem, scratch, resource);
    SandboxSpec spec;
    spec.workdir = scratch;
    spec.isolate = context_.eval.isolate;
    spec.cpus = resource.cpus;
    spec.limits = LimitsFrom(context_.eval, context_.eval.run_timeout_s);
    spec.argv = {simulator_, "--json", "report.json", "--quiet", "--config", problem.spec.value("config", "int8")};
    if (kind_ == SimKind::kSpikeMode) spec.argv.push_back("--spike-log");
    spec.argv.push_back("prog.elf");
    std::error_code ec;
    fs::remove(scratch / "report.json", ec);
    ProcessOutcome o = context_.sandbox->Run(spec);
    EvalResult r;
    r.run_seconds = o.wall_seconds;
    json report;
    try {
      std::ifstream in(scratch / "report.json");
      if (in) report = json::parse(in);
    } catch (const json::exception& e) {
      report = json();
    }
    if (!report.is_object()) {
      if (o.kind == ProcessOutcome::Kind::kTimedOut || o.kind == ProcessOutcome::Kind::kOutputLimit ||
          o.memory_limit) {
        EvalResult f = FromFailedRun(o, "run");
        f.run_seconds = o.wall_seconds;
        return f;
      }
      r.status = EvalStatus::kInfraError;
      r.message = "simulator wrote no report: " + o.Describe();
      r.trace = o.Tail(kTraceBytes);
      return r;
    }
    const std::string output = report.value("output", "");
    SpikeRun h;
    ParseHarness(output, &h);
    r.trace = Tail(output, kTraceBytes);
    for (const auto& d : report.value("diagnostics", json::array())) {
      r.trace += std::string(d.value("fatal", false) ? "gemmini error: " : "gemmini warning: ") +
                 d.value("message", "") + "\n";
    }
    FillMetrics(report, h, &r);
    const std::string stop = report.value("stop", "");
    const int exit_code = report.value("exit_code", -1);
    if (stop == "exited" && exit_code == 0 && h.correct == true && h.timed) {
      r.status = EvalStatus::kOk;
      r.score = double(*h.timed);
      r.message = "correct; " + std::to_string(*h.timed) + " instructions in the timed region";
      return r;
    }
    if (h.correct == false) {
      r.status = EvalStatus::kWrongAnswer;
      r.message = "wrong answer: " + std::to_string(h.mismatches.value_or(-1)) + " elements differ from the reference";
      std::string first = LineWith(output, "mismatch at");
      if (!first.empty()) r.message += " (first: " + first + ")";
      return r;
    }
    if (stop == "gemmini_error") {
      r.status = EvalStatus::kRuntimeError;
      r.message = "gemmini error: " + report.value("message", "");
      return r;
    }
    if (stop == "instruction_limit") {
      r.status = EvalStatus::kTimeout;
      r.message = report.value("message", "instruction limit reached");
      return r;
    }
    r.status = EvalStatus::kRuntimeError;
    std::string trap = LineWith(output, "TRAP:");
    r.message = !trap.empty() ? "the program trapped: " + trap.substr(6)
                              : "the program ended (" + report.value("message", stop) + ") before reporting a result";
    return r;
  }

 private:
  std::string SimName() const {
    switch (kind_) {
      case SimKind::kBuiltin: return "builtin";
      case SimKind::kSpikeMode: return "spike";
      case SimKind::kRealSpike: return "spike-real";
      case SimKind::kFiresim: return "firesim";
    }
    return "?";
  }

  fs::path PicolibcLib() const { return fs::path(picolibc_) / "lib" / "rv64imafdc" / "lp64d"; }

  std::vector<std::string> CompileFlags(const Problem& problem) const {
    std::vector<std::string> f = {"-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany", "-O2", "-std=gnu11",
                                  "-fno-common", "-fno-tree-loop-distribute-patterns", "-static", "-nostdlib",
                                  "-nostartfiles", "-isystem", (fs::path(picolibc_) / "include").string(),
                                  "-I", include_.string(), "-I", runtime_.string()};
    if (problem.spec.value("config", "int8") == "fp32") f.push_back("-DGEMMINI_FP32");
    for (const std::string& d : gemmini::ProblemDefines(problem)) f.push_back(d);
    return f;
  }

  std::vector<std::string> LinkFlags() const {
    return {"-T", (runtime_ / "link.ld").string(), "-L", PicolibcLib().string(), "-lc", "-lm", "-lgcc",
            "-Wl,--no-warn-rwx-segments"};
  }

  // Builds (once per problem and backend instance) the runtime, harness and reference objects.
  Result<std::vector<fs::path>> HarnessObjects(const Problem& problem) const {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string key = problem.id.set + "-" + std::to_string(problem.id.index);
    auto it = objects_.find(key);
    if (it != objects_.end()) return it->second;
    fs::path root = context_.cache_dir.empty() ? fs::temp_directory_path() / "autocomp-gemmini" : context_.cache_dir;
    fs::path dir = root / ("gemmini-" + std::to_string(getpid()) + "-" + std::to_string(nonce_)) / key;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return InternalError("cannot create " + dir.string() + ": " + ec.message());
    const std::string harness = problem.spec.value("harness", "");
    std::vector<std::pair<fs::path, std::string>> units = {
        {runtime_ / "crt0.S", "crt0.o"},
        {runtime_ / "syscalls.c", "syscalls.o"},
        {harness_ / (harness + "_harness.c"), "harness.o"},
        {harness_ / (harness + "_reference.c"), "reference.o"},
    };
    std::vector<fs::path> out;
    for (const auto& [src, obj] : units) {
      if (!fs::exists(src)) return FailedPreconditionError("harness file missing: " + src.string());
      std::vector<std::string> argv = CompileFlags(problem);
      argv.insert(argv.begin(), gcc_);
      argv.push_back("-DAUTOCOMP_NONCE=" + std::to_string(nonce_) + "ULL");
      argv.insert(argv.end(), {"-c", src.string(), "-o", (dir / obj).string()});
      SandboxSpec spec;
      spec.workdir = dir;
      spec.isolate = context_.eval.isolate;
      spec.limits = LimitsFrom(context_.eval, context_.eval.build_timeout_s);
      spec.argv = argv;
      ProcessOutcome o = context_.sandbox->Run(spec);
      if (!o.Succeeded()) {
        return InternalError("building harness " + src.filename().string() + " for " + problem.id.ToString() +
                             " failed: " + o.Describe() + "\n" + o.Tail(2000));
      }
      out.push_back(dir / obj);
    }
    objects_[key] = out;
    return out;
  }

  void ParseHarness(const std::string& output, SpikeRun* h) const {
    // Only result lines carrying this backend's nonce count: a candidate cannot forge them.
    const std::string tag = "autocomp[" + std::to_string(nonce_) + "]: ";
    std::string filtered;
    std::stringstream ss(output);
    std::string line;
    while (std::getline(ss, line)) {
      if (line.rfind(tag, 0) == 0) filtered += "autocomp: " + line.substr(tag.size()) + "\n";
    }
    gemmini::ParseHarnessLines(filtered, h);
  }

  static std::string FirstError(const std::string& log) {
    std::string line = LineWith(log, "error:");
    if (line.empty()) return Tail(log, 300);
    size_t start = log.rfind('\n', log.find(line));
    return log.substr(start == std::string::npos ? 0 : start + 1, log.find('\n', log.find(line)) - (start == std::string::npos ? 0 : start + 1));
  }

  static void FillMetrics(const json& report, const SpikeRun& h, EvalResult* r) {
    json& m = r->metrics;
    m["instructions_total"] = report.value("instructions", 0ULL);
    if (h.timed) m["timed_instructions"] = *h.timed;
    if (report.contains("timed_region")) {
      m["cycles_estimate"] = report["timed_region"].value("cycle_estimate", 0ULL);  // an estimate, not a measurement
    }
    m["cycles_estimate_total"] = report.value("cycle_estimate", 0ULL);
    m["spike_log_lines"] = report.value("spike_log_lines", 0ULL);
    m["sim_mips"] = report.value("mips", 0.0);
    if (report.contains("gemmini")) {
      const json& g = report["gemmini"];
      m["gemmini_instructions"] = g.value("instructions", 0ULL);
      m["mvin_bytes"] = g.value("mvin_bytes", 0ULL);
      m["mvout_bytes"] = g.value("mvout_bytes", 0ULL);
      m["macs"] = g.value("macs", 0ULL);
      m["unwritten_reads"] = g.value("unwritten_reads", 0ULL);
      const double sp = g.value("scratchpad_rows", 1), acc = g.value("accumulator_rows", 1);
      m["scratchpad_utilization"] = g.value("scratchpad_rows_used", 0) / sp;
      m["accumulator_utilization"] = g.value("accumulator_rows_used", 0) / acc;
    }
  }

  EvalResult MeasureSpike(const Problem& problem, const fs::path& scratch, const Resource& resource) const {
    EvalResult r;
    auto spike = SpikeAdapter::Create(sim_arg_);
    if (!spike.ok()) {
      r.status = EvalStatus::kInfraError;
      r.message = spike.status().ToString();
      return r;
    }
    SandboxSpec spec;
    spec.workdir = scratch;
    spec.isolate = context_.eval.isolate;
    spec.cpus = resource.cpus;
    spec.limits = LimitsFrom(context_.eval, context_.eval.run_timeout_s);
    spec.argv = spike->Command(scratch / "prog.elf");
    ProcessOutcome o = context_.sandbox->Run(spec);
    r.run_seconds = o.wall_seconds;
    SpikeRun run = SpikeAdapter::Parse(o.output);
    SpikeRun h;
    ParseHarness(run.program_output, &h);
    r.trace = Tail(run.program_output, kTraceBytes);
    r.metrics["mvin_lines"] = run.mvin_lines;
    r.metrics["mvout_lines"] = run.mvout_lines;
    if (run.any_spad) r.metrics["scratchpad_utilization"] = double(run.max_spad_row + 1) / 16384.0;
    if (run.any_acc) r.metrics["accumulator_utilization"] = double(run.max_acc_row + 1) / 1024.0;
    if (o.Succeeded() && h.correct == true && h.timed) {
      r.status = EvalStatus::kOk;
      r.score = double(*h.timed);
      r.metrics["timed_instructions"] = *h.timed;
      r.message = "correct (real Spike)";
      return r;
    }
    if (h.correct == false) {
      r.status = EvalStatus::kWrongAnswer;
      r.message = "wrong answer on Spike";
      return r;
    }
    EvalResult f = FromFailedRun(o, "spike");
    if (o.Succeeded()) {
      f.status = EvalStatus::kRuntimeError;
      f.message = "spike: the program ended before reporting a result";
    }
    f.run_seconds = o.wall_seconds;
    return f;
  }

  EvalResult MeasureFiresim(const Problem& problem, const fs::path& scratch, const Resource& resource) const {
    return MeasureFiresimBatch({{&problem, scratch, MeasureOptions{}}}, resource).front();
  }

  // Runs one FireSim workload of `jobs` from `workdir`; the UART log of each
  // job that left one, by job name. A failed manager command is an error result.
  Result<std::map<std::string, std::string>> RunFiresimWorkload(const FiresimAdapter& fsim,
                                                                const std::vector<gemmini::FiresimJob>& jobs,
                                                                const fs::path& workdir, const Resource& resource,
                                                                std::string* log) const {
    static std::atomic<unsigned> runs{0};
    const std::string workload = "autocomp-" + workdir.filename().string() + "-" + std::to_string(runs++);
    auto wl = fsim.WriteWorkload(workdir, workload, jobs);
    if (!wl.ok()) return wl.status();
    for (const auto& argv : fsim.Commands(*wl)) {
      SandboxSpec spec;
      spec.workdir = workdir;
      spec.isolate = false;     // the FireSim manager needs the network and its own tree
      spec.inherit_env = true;  // ... and the user's environment (cloud credentials, RISCV, ...)
      spec.cpus = resource.cpus;
      spec.limits = LimitsFrom(context_.eval, context_.eval.run_timeout_s * static_cast<double>(jobs.size()));
      spec.argv = argv;
      ProcessOutcome o = context_.sandbox->Run(spec);
      *log += o.output;
      if (!o.Succeeded() && argv.size() > 1 && argv[1] != "terminaterunfarm") {
        return UnavailableError("firesim " + argv[1] + ": " + o.Describe());
      }
    }
    // FireSim copies results to deploy/results-workload/<date>-<workload>/<job>/uartlog.
    std::map<std::string, std::string> uarts;
    const fs::path results = fs::path(sim_arg_).parent_path() / "results-workload";
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(results, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
      if (it->path().filename() == "uartlog" && it->path().string().find(workload) != std::string::npos) {
        uarts[it->path().parent_path().filename().string()] = ReadFile(it->path());
      }
    }
    return uarts;
  }

  EvalResult FromUartLog(const std::string& uart, const std::string& fallback_log) const {
    EvalResult r;
    SpikeRun h;
    ParseHarness(uart, &h);
    r.trace = Tail(uart.empty() ? fallback_log : uart, kTraceBytes);
    if (h.correct == true && h.timed) {
      r.status = EvalStatus::kOk;
      r.score = double(*h.timed);
      r.metrics["cycles"] = *h.timed;
      r.message = "correct (FireSim cycles)";
    } else if (h.correct == false) {
      r.status = EvalStatus::kWrongAnswer;
      r.message = "wrong answer on FireSim";
    } else if (uart.empty()) {
      r.status = EvalStatus::kInfraError;
      r.message = "no FireSim UART log for this candidate";
    } else {
      r.status = EvalStatus::kTimeout;  // the job never reported: it hung and the run was ended
      r.message = "no result in the UART log (the job did not finish)";
    }
    return r;
  }

  // Several candidates in one FireSim workload (its start-up is paid once);
  // jobs that did not finish are run again one at a time, so a hang costs
  // only itself.
  std::vector<EvalResult> MeasureFiresimBatch(const std::vector<MeasureItem>& items, const Resource& resource) const {
    std::vector<EvalResult> results(items.size());
    auto fsim = FiresimAdapter::Create(EnvOr("AUTOCOMP_FIRESIM", "firesim"), sim_arg_);
    if (!fsim.ok()) {
      for (auto& r : results) {
        r.status = EvalStatus::kInfraError;
        r.message = fsim.status().ToString();
      }
      return results;
    }
    std::vector<gemmini::FiresimJob> jobs;
    for (size_t i = 0; i < items.size(); ++i) jobs.push_back({"cand" + std::to_string(i), items[i].scratch / "prog.elf"});
    std::vector<bool> done(items.size(), false);
    for (bool after_hang : {false, true}) {
      std::vector<gemmini::FiresimJob> todo;
      for (size_t i = 0; i < jobs.size(); ++i) {
        if (!done[i]) todo.push_back(jobs[i]);
      }
      if (todo.empty() || (after_hang && items.size() == 1)) break;
      for (const auto& run : FiresimAdapter::Batches(todo, after_hang)) {
        std::string log;
        auto uarts = RunFiresimWorkload(*fsim, run, items[0].scratch, resource, &log);
        for (const gemmini::FiresimJob& job : run) {
          const size_t i = std::stoul(job.name.substr(4));
          if (!uarts.ok()) {
            results[i].status = EvalStatus::kInfraError;
            results[i].message = uarts.status().ToString();
            results[i].trace = Tail(log, kTraceBytes);
            done[i] = true;
            continue;
          }
          auto uart = uarts->find(job.name);
          results[i] = FromUartLog(uart == uarts->end() ? "" : uart->second, log);
          done[i] = results[i].status != EvalStatus::kTimeout;  // only jobs that never reported run again
        }
      }
    }
    return results;
  }

  BackendContext context_;
  SimKind kind_;
  std::string sim_arg_;
  std::unique_ptr<OfflineTuner> tuner_;
  std::string gcc_, picolibc_, simulator_, version_;
  fs::path runtime_, include_, harness_;
  uint64_t nonce_ = 0;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::vector<fs::path>> objects_;  // guarded by mu_
};

}  // namespace

Result<std::unique_ptr<Backend>> MakeGemminiBackend(const BackendContext& context) {
  const std::string& sim = context.simulator;
  SimKind kind;
  std::string arg;
  if (sim.empty() || sim == "builtin") {
    kind = SimKind::kBuiltin;
  } else if (sim == "spike") {
    kind = SimKind::kSpikeMode;
  } else if (sim.rfind("spike@", 0) == 0) {
    kind = SimKind::kRealSpike;
    arg = sim.substr(6);
  } else if (sim.rfind("firesim@", 0) == 0) {
    kind = SimKind::kFiresim;
    arg = sim.substr(8);
  } else {
    return InvalidArgumentError("gemmini: unknown simulator '" + sim +
                                "' (use \"builtin\", \"spike\", \"spike@/path/to/spike\" or \"firesim@/path/to/config_runtime.yaml\")");
  }
  if ((kind == SimKind::kRealSpike || kind == SimKind::kFiresim) && arg.empty()) {
    return InvalidArgumentError("gemmini: simulator '" + sim + "' needs a path after '@'");
  }
  return std::unique_ptr<Backend>(new GemminiBackend(context, kind, arg));
}

}  // namespace autocomp
