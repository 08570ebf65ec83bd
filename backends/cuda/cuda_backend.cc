// backends/cuda/cuda_backend.cc — KernelBench-style problems: builds on CPU
// cores, measurement through a trusted judge per device (docs/cuda.md).
#include "cuda/cuda_backend.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>

#include "common/candidate.h"
#include "common/file_text.h"
#include "common/hashing.h"
#include "common/sandbox_outcome.h"
#include "cuda/cuda_options.h"
#include "cuda/cuda_problems.h"
#include "cuda/cuda_tuner.h"
#include "cuda/judge_process.h"

namespace autocomp {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kHarnessFiles[] = {"kb_common.py", "cuda_judge.py", "candidate_host.py", "candidate_build.py",
                                         "static_check.py"};
constexpr double kProbeTimeoutS = 300;
constexpr const char* kProblemCopy = "problem_reference.py";

// The first line of a build log that names a compiler error; else the last
// line of a Python traceback; else "".
std::string FirstError(const std::string& log) {
  std::istringstream in(log);
  std::string line, last;
  while (std::getline(in, line)) {
    if (line.find("error:") != std::string::npos || line.find("error ") == 0) {
      return line.size() > 300 ? line.substr(0, 300) : line;
    }
    if (!line.empty() && line.find_first_not_of(" \t") != std::string::npos) last = line;
  }
  return last.size() > 300 ? last.substr(0, 300) : last;
}

// The last line of `output` that parses as a JSON object.
json LastJsonLine(const std::string& output) {
  std::istringstream in(output);
  std::string line;
  json found;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, false);
    if (j.is_object()) found = std::move(j);
  }
  return found;
}

class CudaBackend final : public Backend {
 public:
  CudaBackend(BackendContext context, cuda::CudaOptions options)
      : context_(std::move(context)),
        options_(std::move(options)),
        harness_(context_.home / "backends/cuda/harness"),
        tuner_(context_.home) {}

  ~CudaBackend() override {
    std::lock_guard<std::mutex> lock(judge_mu_);
    for (auto& [key, judge] : judges_) {
      judge.reset();  // stops the judge and its host
      std::error_code ec;
      fs::remove_all(HostDir(key), ec);
    }
  }

  std::string name() const override { return "cuda"; }

  std::string version() const override {
    Probe();
    return version_;
  }
  std::string version_details() const override {
    Probe();
    return fingerprint_;
  }

  Status CheckEnvironment() const override {
    for (const char* file : kHarnessFiles) {
      if (!fs::is_regular_file(harness_ / file)) {
        return NotFoundError("cuda harness file " + (harness_ / file).string() +
                             " is missing (set AUTOCOMP_HOME to the autocomp checkout)");
      }
    }
    Probe();
    if (!probe_error_.empty()) return FailedPreconditionError(probe_error_);
    if (options_.device == "cuda" && device_ != "cuda") {
      return FailedPreconditionError("backend_options.device is \"cuda\", but torch sees no GPU here (" +
                                     probe_.value("reason", std::string("torch.cuda.is_available() is false")) + ")");
    }
    return Status::Ok();
  }

  Result<std::vector<ProblemInfo>> ListProblems() const override {
    std::vector<ProblemInfo> all;
    for (const auto& set : cuda::ProblemSets(context_.home, options_.kernelbench_dir)) {
      AUTOCOMP_ASSIGN_OR_RETURN(auto problems, cuda::LoadSet(set, SmallSizes()));
      for (const auto& p : problems) all.push_back({p.id, p.description});
    }
    return all;
  }

  Result<Problem> LoadProblem(const ProblemId& id) const override {
    AUTOCOMP_ASSIGN_OR_RETURN(auto set, cuda::FindSet(cuda::ProblemSets(context_.home, options_.kernelbench_dir), id.set));
    AUTOCOMP_ASSIGN_OR_RETURN(auto problems, cuda::LoadSet(set, SmallSizes()));
    std::string known;
    for (auto& p : problems) {
      if (p.id.index == id.index) return p;
      known += (known.empty() ? "" : ", ") + std::to_string(p.id.index);
    }
    return NotFoundError("cuda/" + id.set + " has no problem " + std::to_string(id.index) + " (known: " + known + ")");
  }

  BuildResult Prepare(const Problem& problem, const std::string& code, const fs::path& scratch) const override {
    BuildResult build;
    const auto start = std::chrono::steady_clock::now();
    auto done = [&](BuildResult& b) -> BuildResult& {
      b.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return b;
    };
    const fs::path file = scratch / problem.solution.file_name;
    {
      std::ofstream out(file);
      out << code;
      if (!out) return done(FailBuild(build, EvalStatus::kInfraError, "cannot write " + file.string()));
    }
    // The host reads the problem's get_inputs() from a copy beside the candidate: the
    // checkout itself may lie where the sandbox shows nothing (a home directory, /tmp).
    std::error_code copy_error;
    fs::copy_file(problem.spec.value("file", ""), scratch / kProblemCopy, fs::copy_options::overwrite_existing,
                  copy_error);
    if (copy_error) {
      return done(FailBuild(build, EvalStatus::kInfraError, "cannot copy the problem file: " + copy_error.message()));
    }
    // 1. Static rules, by our checker reading the text (nothing of the candidate runs).
    SandboxSpec check = BuildSpec(scratch, 60);
    check.argv = {options_.python, (harness_ / "static_check.py").string(), file.string()};
    // The problem's own start point is the reference itself: it may call torch's operators.
    if (options_.allow_torch_ops || NormalizeCode(code) == NormalizeCode(problem.baseline_code)) {
      check.argv.push_back("--allow-torch-ops");
    }
    ProcessOutcome checked = context_.sandbox->Run(check);
    const json verdict = LastJsonLine(checked.output);
    if (!checked.Succeeded() || !verdict.contains("ok")) {
      EvalResult failed = FailedStepResult(checked, "static check");
      build.log = checked.Tail(kTraceBytes);
      return done(FailBuild(build, failed.status == EvalStatus::kRuntimeError ? EvalStatus::kInfraError : failed.status,
                         failed.message));
    }
    if (!verdict.value("ok", false)) {
      std::string problems;
      for (const auto& p : verdict.value("problems", json::array())) problems += (problems.empty() ? "" : "; ") + p.get<std::string>();
      const EvalStatus status = verdict.value("syntax", false) ? EvalStatus::kCompileError : EvalStatus::kRejected;
      return done(FailBuild(build, status, (status == EvalStatus::kRejected ? "broke a cuda rule: " : "") + problems));
    }
    // 2. The build: import the candidate once, so its load_inline extensions
    // compile into its own folder, on CPU cores only.
    SandboxSpec spec = BuildSpec(scratch, context_.eval.build_timeout_s);
    spec.argv = {options_.python, (harness_ / "candidate_build.py").string(), file.string(), device_};
    spec.env["TORCH_EXTENSIONS_DIR"] = (scratch / "torch_ext").string();
    spec.env["MAX_JOBS"] = std::to_string(options_.build_jobs);
    spec.env["CUDA_VISIBLE_DEVICES"] = "";
    if (!capability_.empty()) spec.env["TORCH_CUDA_ARCH_LIST"] = capability_;
    ProcessOutcome o = context_.sandbox->Run(spec);
    build.log = o.Tail(kTraceBytes);
    if (!o.Succeeded()) {
      EvalResult failed = FailedStepResult(o, "build");
      const EvalStatus status = failed.status == EvalStatus::kRuntimeError ? EvalStatus::kCompileError : failed.status;
      const std::string first = FirstError(o.output);
      return done(FailBuild(build, status, o.kind == ProcessOutcome::Kind::kExited
                                            ? "did not build: " + (first.empty() ? o.Describe() : first)
                                            : failed.message));
    }
    build.ok = true;
    return done(build);
  }

  EvalResult Measure(const Problem& problem, const fs::path& scratch, const Resource& resource,
                     const MeasureOptions& options) const override {
    Probe();
    if (!probe_error_.empty()) return InfraErrorResult(probe_error_);
    std::lock_guard<std::mutex> lock(judge_mu_);
    const std::string key = resource.device_id.empty() ? std::to_string(resource.index) : resource.device_id;
    std::unique_ptr<cuda::JudgeProcess>& judge = judges_[key];
    if (!judge || !judge->alive()) {
      judge.reset();
      std::map<std::string, std::string> env = {
          {"PYTHONDONTWRITEBYTECODE", "1"},
          {"OMP_NUM_THREADS", std::to_string(std::max<size_t>(1, resource.cpus.size()))}};
      if (device_ == "cuda") env["CUDA_VISIBLE_DEVICES"] = resource.device_id.empty() ? "0" : resource.device_id;
      fs::create_directories(context_.cache_dir);
      auto started = cuda::JudgeProcess::Start({options_.python, (harness_ / "cuda_judge.py").string(), device_}, env,
                                               context_.cache_dir / ("cuda-judge-" + key + ".log"), resource.cpus);
      if (!started.ok()) return InfraErrorResult(started.status().message());
      judge = std::move(*started);
    }
    const double timeout = options_.measure_timeout_s * std::max(1, options.rounds);
    json request = {
        {"op", "measure"},
        {"problem", problem.spec.value("file", "")},
        {"host_problem", (scratch / kProblemCopy).string()},
        {"sizes", problem.spec.value("sizes", json::object())},
        {"candidate", (scratch / problem.solution.file_name).string()},
        {"ext_dir", (scratch / "torch_ext").string()},
        {"rounds", std::max(1, options.rounds)},
        {"correctness_trials", options_.correctness_trials},
        {"warmup_trials", options_.warmup_trials},
        {"timed_trials", options_.timed_trials},
        {"sampled_checks", options_.sampled_checks},
        {"timeout_s", timeout},
        {"host_reuse", options_.host_reuse},
        {"host_start_timeout_s", options_.host_start_timeout_s},
        {"host_command", HostCommand(resource, key)},
        {"fifo_dir", HostDir(key).string()},
        {"bandwidth_bytes_s", probe_.value("bandwidth_bytes_s", json())},
        {"reference_cache", (context_.cache_dir / "cuda-reference-times.json").string()},
    };
    const json tolerance = problem.spec.value("tolerance", json::object());
    request["atol"] = tolerance.value("atol", json());
    request["rtol"] = tolerance.value("rtol", json());
    const auto start = std::chrono::steady_clock::now();
    auto reply = judge->Call(request, timeout + options_.host_start_timeout_s + 120);
    if (!reply.ok()) return InfraErrorResult(reply.status().message());
    EvalResult result = ResultFrom(*reply);
    result.run_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  }

  bool measurement_needs_quiet_node() const override {
    Probe();
    return device_ != "cuda";  // a CPU run times the node's own cores
  }
  std::string resource_kind() const override {
    Probe();
    return device_ == "cuda" ? "gpu" : "cpu";
  }
  const OfflineTuner* offline_tuner() const override { return &tuner_; }

 private:

  // "auto": the small sizes on a CPU, the full ones on a GPU (needs the probe).
  bool SmallSizes() const {
    Probe();
    return SmallSizesFor(device_);
  }
  bool SmallSizesFor(const std::string& device) const {
    return options_.size == "auto" ? device != "cuda" : options_.size == "ci";
  }

  SandboxSpec BuildSpec(const fs::path& scratch, double wall_seconds) const {
    SandboxSpec spec;
    spec.workdir = scratch;
    spec.isolate = context_.eval.isolate;
    spec.limits = CandidateLimits(context_.eval, wall_seconds);
    spec.limits.memory_bytes = static_cast<int64_t>(options_.memory_gb * (1 << 30));
    spec.limits.memory_cgroup_bytes = spec.limits.memory_bytes;
    spec.limits.max_processes = std::max(spec.limits.max_processes, 512);
    spec.gpus = std::vector<int>{};  // a build never sees a GPU
    spec.read_only_paths = {harness_};  // our scripts, wherever the checkout is (even under /tmp)
    spec.env["PYTHONDONTWRITEBYTECODE"] = "1";
    spec.env["OMP_NUM_THREADS"] = "1";
    return spec;
  }

  fs::path HostDir(const std::string& key) const {
    return context_.cache_dir.parent_path() / ("cuda-host-" + key + "-" + std::to_string(getpid()));
  }

  // The sandboxed command the judge starts the candidate host with.
  std::vector<std::string> HostCommand(const Resource& resource, const std::string& key) const {
    SandboxSpec spec;
    spec.workdir = HostDir(key);
    spec.isolate = context_.eval.isolate;
    spec.argv = {options_.python, (harness_ / "candidate_host.py").string(), HostDir(key).string(),
                 device_ == "cuda" ? "cuda:0" : "cpu"};
    spec.limits.wall_seconds = 30 * 24 * 3600;  // it lives as long as the worker; the judge times each call
    spec.limits.cpu_seconds = 1e9;
    spec.limits.max_processes = 4096;          // torch's threads count against it
    spec.limits.file_size_bytes = 1LL << 30;
    spec.limits.output_bytes = context_.eval.output_limit_mb << 20;
    const int64_t memory = static_cast<int64_t>(options_.memory_gb * (1 << 30));
    spec.limits.memory_cgroup_bytes = memory;
    spec.limits.memory_bytes = device_ == "cuda" ? 0 : memory;  // RLIMIT_AS would break the CUDA driver
    spec.cpus = resource.cpus;
    spec.shm_mb = 1024;
    // The candidates' build folders (under the scratch root) stay readable behind the private /tmp.
    spec.read_only_paths = {context_.cache_dir.parent_path(), harness_};
    spec.env["PYTHONDONTWRITEBYTECODE"] = "1";
    spec.env["OMP_NUM_THREADS"] = std::to_string(std::max<size_t>(1, resource.cpus.size()));
    if (device_ == "cuda") {
      spec.env["CUDA_VISIBLE_DEVICES"] = resource.device_id.empty() ? "0" : resource.device_id;
      if (probe_.contains("minor")) spec.gpus = std::vector<int>{probe_["minor"].get<int>()};
    } else {
      spec.gpus = std::vector<int>{};
    }
    return context_.sandbox->CommandLine(spec);
  }

  EvalResult ResultFrom(const json& reply) const {
    EvalResult r;
    r.status = ParseEvalStatus(reply.value("status", "infra_error")).value_or(EvalStatus::kInfraError);
    r.message = reply.value("message", "");
    r.trace = reply.value("trace", "");
    if (r.trace.size() > kTraceBytes) r.trace = r.trace.substr(r.trace.size() - kTraceBytes);
    r.metrics = reply.value("metrics", json::object());
    if (!r.metrics.contains("gpu")) r.metrics["gpu"] = probe_.value("gpu", std::string("none (cpu)"));
    if (r.status == EvalStatus::kOk) {
      if (!reply.contains("score") || !reply["score"].is_number()) return InfraErrorResult("the judge gave no score");
      r.score = reply["score"].get<double>();
    }
    return r;
  }

  // Asks the judge (once per process) what this node measures on: the
  // device, its model and the software versions; they make the version.
  void Probe() const {
    std::call_once(probe_once_, [this] {
      SandboxSpec spec;
      spec.workdir = context_.cache_dir;
      spec.isolate = false;  // our own script, with our environment (it must see the GPUs)
      spec.inherit_env = true;
      spec.limits.wall_seconds = kProbeTimeoutS;
      spec.limits.memory_bytes = 0;
      spec.limits.max_processes = 4096;
      spec.argv = {options_.python, (harness_ / "cuda_judge.py").string(), "probe", options_.device};
      std::error_code ec;
      fs::create_directories(context_.cache_dir, ec);
      ProcessOutcome o = context_.sandbox->Run(spec);
      probe_ = LastJsonLine(o.output);
      if (!o.Succeeded() || !probe_.contains("device")) {
        probe_error_ = "the cuda backend needs PyTorch for " + options_.python + " (scripts/setup.sh installs it): " +
                       FirstError(o.output);
        device_ = "cpu";
        version_ = "cuda-unavailable";
        fingerprint_ = probe_error_;
        return;
      }
      device_ = probe_.value("device", "cpu") == "cuda" ? "cuda" : "cpu";
      capability_ = probe_.value("capability", "");
      std::string harness;
      for (const char* file : kHarnessFiles) harness += FileTextOrEmpty(harness_ / file);
      // What can change a score: the harness, the device and its software,
      // the compiler, and the options that change what is measured.
      fingerprint_ = "harness " + Sha256Hex(harness).substr(0, 16) + "\ndevice " + device_ + "\n";
      for (const char* key : {"gpu", "capability", "driver", "cuda", "torch", "cpu", "compiler", "python"}) {
        if (probe_.contains(key)) fingerprint_ += std::string(key) + " " + probe_[key].dump() + "\n";
      }
      fingerprint_ += "sizes " + std::string(SmallSizesFor(device_) ? "ci" : "full") + "; trials " +
                      std::to_string(options_.correctness_trials) + "/" + std::to_string(options_.warmup_trials) +
                      "/" + std::to_string(options_.timed_trials) + (options_.allow_torch_ops ? "; torch ops allowed" : "");
      if (probe_.contains("uuid")) fingerprint_ += "\n(probed GPU " + probe_["uuid"].get<std::string>() + ")";
      const std::string keyed = fingerprint_.substr(0, fingerprint_.find("\n(probed"));
      version_ = "cuda-1+" + Sha256Hex(keyed).substr(0, 16);
    });
  }

  BackendContext context_;
  cuda::CudaOptions options_;
  fs::path harness_;
  cuda::CudaTuner tuner_;

  mutable std::once_flag probe_once_;
  mutable json probe_;
  mutable std::string probe_error_, device_ = "cpu", capability_, version_, fingerprint_;

  mutable std::mutex judge_mu_;
  mutable std::map<std::string, std::unique_ptr<cuda::JudgeProcess>> judges_;
};

}  // namespace

Result<std::unique_ptr<Backend>> MakeCudaBackend(const BackendContext& context) {
  AUTOCOMP_ASSIGN_OR_RETURN(cuda::CudaOptions options, cuda::ParseCudaOptions(context));
  return std::unique_ptr<Backend>(new CudaBackend(context, std::move(options)));
}

}  // namespace autocomp
