// backends/gemmini/gemmini_backend.cc — the gemmini Backend (see
// gemmini_backend.h): checks and cross-compiles candidates, links them with
// the problem's harness, and has the trusted simulator decide (correctness
// against a separately linked reference, instructions from solution's entry
// to its return); a real Spike or FireSim runs beside it (docs/gemmini.md).
#include "gemmini_backend.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/backend_options.h"
#include "model/gemmini_hardware.h"
#include "common/asm_directives.h"
#include "common/compile_log.h"
#include "common/include_check.h"
#include "common/elf_object.h"
#include "common/file_text.h"
#include "common/hashing.h"
#include "common/helper_binary.h"
#include "common/object_rules.h"
#include "common/sandbox_outcome.h"
#include "common/tool_identity.h"
#include "common/trusted_cache.h"
#include "firesim_adapter.h"
#include "gemmini_problems.h"
#include "gemmini_tuner.h"
#include "sim/elf_image.h"
#include "sim/elf_patch.h"
#include "spike_adapter.h"

#ifndef AUTOCOMP_GEMMINI_SIM_BUILD_PATH
#define AUTOCOMP_GEMMINI_SIM_BUILD_PATH ""
#endif

namespace autocomp {
namespace {

namespace fs = std::filesystem;
using gemmini::FiresimAdapter;
using gemmini::SpikeAdapter;
using gemmini::SpikeRun;
using nlohmann::json;

constexpr const char* kDefaultPicolibc = "/usr/lib/picolibc/riscv64-unknown-elf";

enum class SimKind { kBuiltin, kSpikeMode, kRealSpike, kFiresim };

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// The model maps 2 GiB of DRAM: the simulator needs at least this much memory.
constexpr int64_t kSimulatorMemoryMb = 3072;

std::string Tail(const std::string& s, size_t n) { return s.size() <= n ? s : s.substr(s.size() - n); }

// The first line of `output` starting with `prefix`, or "".
std::string LineWith(const std::string& output, const std::string& prefix) {
  size_t at = output.find(prefix);
  if (at == std::string::npos) return "";
  size_t end = output.find('\n', at);
  return output.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// What a candidate's solution.o may contain (docs/evaluation.md): no
// constructors, only code and data sections, calls only into the C library's
// math, memory and printing functions and the compiler's runtime.
ObjectRules Rules() {
  ObjectRules r;
  r.solution = "solution";
  r.section_prefixes = {".text", ".rodata", ".srodata", ".data", ".sdata", ".bss", ".sbss", ".comment",
                        ".riscv.attributes", ".note.GNU-stack"};
  r.allowed_calls = std::regex(
      "(sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|exp|exp2|expm1|log|log2|log10|log1p|pow|sqrt|cbrt|hypot|"
      "fabs|floor|ceil|round|trunc|rint|nearbyint|lround|lrint|fmod|fma|fmin|fmax|copysign|frexp|ldexp|modf|"
      "scalbn|erf|erfc)[fl]?|abs|labs|llabs|memcpy|memmove|memset|memcmp|strlen|printf|puts|putchar|"
      "__(add|sub|mul|div|mod|udiv|umod|neg|cmp|ucmp|fix|fixuns|float|floatun|extend|trunc|eq|ne|lt|le|gt|ge|"
      "unord|pow|popcount|clz|ctz|ffs|bswap|ashl|ashr|lshr)[a-z0-9]*");
  r.allowed_calls_text = "math functions, memcpy/memset/memmove/memcmp, printf/puts/putchar, the compiler runtime";
  return r;
}

// The multiply-accumulates a problem needs, from its dimensions (0 = not stated).
double RequiredMacs(const Problem& problem) {
  const json& d = problem.spec.value("dims", json::object());
  const std::string kind = problem.spec.value("kind", "");
  auto dim = [&](const char* k) { return d.contains(k) ? d[k].get<double>() : 0.0; };
  if (kind == "gemm") return dim("I") * dim("K") * dim("J");
  if (kind == "conv") return dim("N") * dim("H") * dim("W") * dim("C") * dim("K") * 9.0;
  return 0;
}

uint64_t FreshSeed() {
  static std::random_device rd;
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  return ((uint64_t(rd()) << 32) | rd()) % 1000000007ULL + 1;
}

fs::path CacheRoot(const BackendContext& context) {
  return context.cache_dir.empty() ? fs::temp_directory_path() / "autocomp-gemmini" : context.cache_dir;
}

class GemminiBackend final : public Backend {
 public:
  GemminiBackend(BackendContext context, SimKind kind, std::string sim_arg, gemmini::GemminiHardware hardware,
                 bool score_cycles)
      : context_(std::move(context)),
        kind_(kind),
        sim_arg_(std::move(sim_arg)),
        hardware_(std::move(hardware)),
        hardware_json_(hardware_.ToJson().dump()),
        score_cycles_(score_cycles),
        tuner_(gemmini::MakeGemminiTuner()),
        cache_(CacheRoot(context_)) {
    gcc_ = EnvOr("AUTOCOMP_RISCV_GCC", "riscv64-unknown-elf-gcc");
    objcopy_ = gcc_.size() >= 3 && gcc_.compare(gcc_.size() - 3, 3, "gcc") == 0 ? gcc_.substr(0, gcc_.size() - 3) + "objcopy"
                                                                                 : "riscv64-unknown-elf-objcopy";
    picolibc_ = EnvOr("AUTOCOMP_PICOLIBC", kDefaultPicolibc);
    simulator_ = FindHelperBinary("autocomp-gemmini-sim", "AUTOCOMP_GEMMINI_SIM", AUTOCOMP_GEMMINI_SIM_BUILD_PATH);
    runtime_ = context_.home / "backends" / "gemmini" / "runtime";
    include_ = context_.home / "backends" / "gemmini" / "include";
    harness_ = context_.home / "backends" / "gemmini" / "harness";
    // Anything that can change a score: the header, the runtime, the harnesses,
    // the cross compiler and C library, the simulator's build and kind.
    for (const fs::path& dir : {include_, runtime_, harness_}) {
      std::error_code ec;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir, ec)) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) sources_ += f.filename().string() + "\n" + FileTextOrEmpty(f);
    }
    fingerprint_ = "sources " + Sha256Hex(sources_).substr(0, 16) + "\nsimulator " + SimName() + " " +
                   FileDigest(simulator_) + "\npicolibc " + picolibc_ + " " + FileDigest(PicolibcLib() / "libc.a") +
                   "\nhardware " + hardware_json_ + "\nscore " + (score_cycles_ ? "cycles (model)" : "instructions");
    if (context_.sandbox) fingerprint_ += "\n" + ToolVersionLine(*context_.sandbox, CacheRoot(context_), gcc_);
    if (kind_ == SimKind::kRealSpike || kind_ == SimKind::kFiresim) {
      const std::string tool = kind_ == SimKind::kRealSpike ? (sim_arg_.empty() ? "spike" : sim_arg_)
                                                           : EnvOr("AUTOCOMP_FIRESIM", "firesim");
      const std::string path = gemmini::FindInPath(tool);
      fingerprint_ += "\n" + tool + " " + (path.empty() ? "not found" : path + " " + FileDigest(path));
      if (kind_ == SimKind::kFiresim) fingerprint_ += "\nfiresim config " + sim_arg_;
      if (kind_ == SimKind::kRealSpike) fingerprint_ += "\nspike timed run through the debugger, judged on Spike too";
    }
    version_ = "gemmini-3-" + SimName() + "-" + Sha256Hex(fingerprint_).substr(0, 16);
  }

  std::string name() const override { return "gemmini"; }
  std::string version() const override { return version_; }
  std::string version_details() const override { return fingerprint_; }

  Status CheckEnvironment() const override {
    if (!context_.sandbox) return FailedPreconditionError("gemmini backend needs a sandbox (autocomp-sandbox)");
    if (gemmini::FindInPath(gcc_).empty()) {
      return FailedPreconditionError("RISC-V cross compiler '" + gcc_ +
                                     "' not found (install gcc-riscv64-unknown-elf, or set AUTOCOMP_RISCV_GCC)");
    }
    if (gemmini::FindInPath(objcopy_).empty()) {
      return FailedPreconditionError("'" + objcopy_ + "' not found (install binutils-riscv64-unknown-elf)");
    }
    if (!fs::exists(fs::path(picolibc_) / "include" / "stdio.h") || !fs::exists(PicolibcLib() / "libc.a")) {
      return FailedPreconditionError("picolibc not found under '" + picolibc_ +
                                     "' (install picolibc-riscv64-unknown-elf, or set AUTOCOMP_PICOLIBC)");
    }
    for (const fs::path& p : {runtime_ / "crt0.S", include_ / "gemmini.h", harness_}) {
      if (!fs::exists(p)) return FailedPreconditionError("gemmini backend file missing: " + p.string());
    }
    if (simulator_.empty() || access(simulator_.c_str(), X_OK) != 0) {
      return FailedPreconditionError("autocomp-gemmini-sim not found (build it, or set AUTOCOMP_GEMMINI_SIM)");
    }
    switch (kind_) {
      case SimKind::kBuiltin:
      case SimKind::kSpikeMode: return Status::Ok();
      case SimKind::kRealSpike: return SpikeAdapter::Create(sim_arg_).status();
      case SimKind::kFiresim: return FiresimAdapter::Create(EnvOr("AUTOCOMP_FIRESIM", "firesim"), sim_arg_).status();
    }
    return Status::Ok();
  }

  Result<std::vector<ProblemInfo>> ListProblems() const override { return gemmini::ListGemminiProblems(context_.home); }
  Result<Problem> LoadProblem(const ProblemId& id) const override {
    AUTOCOMP_ASSIGN_OR_RETURN(Problem p, gemmini::LoadGemminiProblem(context_.home, id));
    p.score_unit = ScoreUnit();
    return p;
  }
  const OfflineTuner* offline_tuner() const override { return tuner_.get(); }

  BuildResult Prepare(const Problem& problem, const std::string& code, const fs::path& scratch) const override {
    BuildResult build;
    auto failed = [&build](EvalStatus status, std::string message) {
      build.status = status;
      build.message = std::move(message);
      return build;
    };
    if (!context_.sandbox) return failed(EvalStatus::kInfraError, "gemmini backend has no sandbox");
    auto files = Harness(problem);
    if (!files.ok()) return failed(EvalStatus::kInfraError, files.status().ToString());
    std::ofstream(scratch / "solution.c") << "/* candidate code; the gemmini API comes from gemmini.h */\n"
                                             "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
                                             "#include \"gemmini.h\"\n#line 1 \"solution.c\"\n"
                                          << code << "\n";
    std::vector<std::string> compile = CompileFlags(problem);
    compile.insert(compile.begin(), gcc_);
    // What the source includes, before anything of it can reach a log.
    std::vector<std::string> deps = compile;
    deps.insert(deps.end(), {"-M", "-MF", "deps.d", "solution.c"});
    ProcessOutcome o = RunBuild(scratch, deps, {include_, runtime_, harness_}, &build);
    if (o.Succeeded()) {
      std::vector<fs::path> roots = SystemHeaderRoots();
      roots.insert(roots.end(), {fs::path(picolibc_), include_});
      if (auto foreign = ForeignInclude(FileTextOrEmpty(scratch / "deps.d"), scratch, roots)) {
        build.log.clear();
        return failed(EvalStatus::kRejected, "the candidate " + *foreign);
      }
    }
    build.log.clear();
    compile.insert(compile.end(), {"-S", "solution.c", "-o", "solution.s"});
    o = RunBuild(scratch, compile, {include_, runtime_, harness_}, &build);
    const std::set<std::string> own = {"solution.c", (include_ / "gemmini.h").string(),
                                       (include_ / "gemmini_short_api.h").string()};
    build.log = OwnDiagnosticsOnly(build.log, own);
    if (!o.Succeeded() || !fs::exists(scratch / "solution.s")) {
      EvalResult f = FailedStepResult(o, "build");
      return failed(f.status == EvalStatus::kRuntimeError ? EvalStatus::kCompileError : f.status,
                    o.kind == ProcessOutcome::Kind::kExited ? "did not compile: " + FirstError(build.log) : f.message);
    }
    // Assembly first: it must not pull host files in or build directives from macros.
    if (auto bad = ForbiddenAsmDirective(FileTextOrEmpty(scratch / "solution.s"))) {
      return failed(EvalStatus::kRejected, "the candidate " + *bad);
    }
    const std::string source_log = build.log;
    o = RunBuild(scratch, {gcc_, "-march=rv64gc", "-mabi=lp64d", "-c", "solution.s", "-o", "solution.o"}, {}, &build);
    if (!o.Succeeded() || !fs::exists(scratch / "solution.o")) {
      build.log = source_log + OwnDiagnosticsOnly(build.log.substr(source_log.size()), {"solution.s"});
      return failed(EvalStatus::kCompileError, "did not assemble");
    }
    build.log = source_log;
    const ObjectRules rules = Rules();
    auto object = ReadElfObject(scratch / "solution.o");
    if (!object.ok()) return failed(EvalStatus::kRejected, "the compiled object is unreadable: " + object.status().message());
    if (auto broken = CheckObject(*object, rules)) return failed(EvalStatus::kRejected, "the candidate " + *broken);
    // Only `solution` stays global: nothing of the candidate can stand in for
    // a harness, runtime or library symbol. Then one static executable.
    o = RunBuild(scratch, {objcopy_, "--keep-global-symbol=solution", "solution.o", "solution-local.o"}, {}, &build);
    auto local = o.Succeeded() ? ReadElfObject(scratch / "solution-local.o") : Result<ElfObject>(InternalError(o.Describe()));
    if (!local.ok()) return failed(EvalStatus::kInfraError, "localizing the candidate's symbols failed: " + local.status().message());
    if (auto extra = OnlyGlobalDefinition(*local, rules.solution)) return failed(EvalStatus::kRejected, "the candidate " + *extra);
    std::vector<std::string> link = CompileFlags(problem);
    link.insert(link.begin(), gcc_);
    for (const char* f : {"crt0.o", "syscalls.o", "harness.o"}) link.push_back((files->dir / f).string());
    link.push_back("solution-local.o");
    for (const std::string& l : LinkFlags()) link.push_back(l);
    link.insert(link.end(), {"-o", "prog.elf"});
    const std::string compile_log = build.log;
    o = RunBuild(scratch, link, {files->dir, runtime_}, &build);
    if (!o.Succeeded() || !fs::exists(scratch / "prog.elf")) {
      const std::string link_log = OwnDiagnosticsOnly(build.log, own);
      build.log = compile_log + link_log;
      EvalResult f = FailedStepResult(o, "link");
      return failed(f.status == EvalStatus::kRuntimeError ? EvalStatus::kCompileError : f.status,
                    o.kind == ProcessOutcome::Kind::kExited ? "did not link: " + FirstError(link_log) : f.message);
    }
    build.log = compile_log;
    build.ok = true;
    return build;
  }

  int measure_batch_size() const override { return kind_ == SimKind::kFiresim ? 8 : 1; }

  std::vector<EvalResult> MeasureBatch(const std::vector<MeasureItem>& items, const Resource& resource) const override {
    if (kind_ == SimKind::kFiresim) return MeasureFiresimBatch(items, resource);
    return Backend::MeasureBatch(items, resource);
  }

  EvalResult Measure(const Problem& problem, const fs::path& scratch, const Resource& resource,
                     const MeasureOptions& options) const override {
    std::vector<uint64_t> seeds;
    for (int i = 0; i < std::max(1, options.rounds); ++i) seeds.push_back(FreshSeed());
    EvalResult r = TrustedCheck(problem, scratch, resource, seeds);
    if (r.correct() && kind_ != SimKind::kFiresim) {
      json refs = ReferenceScores(problem, scratch, resource);
      if (!refs.empty()) r.metrics["references"] = std::move(refs);
    }
    if (kind_ == SimKind::kRealSpike) return WithRealSpike(problem, scratch, resource, seeds.front(), std::move(r));
    if (!r.correct()) return r;
    if (kind_ == SimKind::kFiresim) return MeasureFiresimBatch({{&problem, scratch, options}}, resource).front();
    return r;
  }

 private:
  struct HarnessFiles {
    fs::path dir;  // crt0.o, syscalls.o, harness.o, reference.elf; read-only, checksummed
    fs::path reference() const { return dir / "reference.elf"; }
  };

  // The problem's hand-tuned (tuned.c) and vendor-library (library.c)
  // versions, built and checked like a candidate, in the score's unit: the
  // report's "speedup over" figures. Measured once per problem by this
  // backend (the built-in model is deterministic); a version that fails is
  // left out.
  json ReferenceScores(const Problem& problem, const fs::path& scratch, const Resource& resource) const {
    const std::string key = problem.id.ToString();
    {
      std::lock_guard<std::mutex> lock(references_mu_);
      auto it = references_.find(key);
      if (it != references_.end()) return it->second;
    }
    json refs = json::object();
    for (const auto& [name, file] : {std::pair{"hand-tuned", "tuned.c"}, std::pair{"library", "library.c"}}) {
      const fs::path source = problem.dir / file;
      if (!fs::exists(source)) continue;
      std::error_code ec;
      const fs::path dir = scratch.parent_path() / (scratch.filename().string() + "-ref-" + file);
      fs::remove_all(dir, ec);
      fs::create_directories(dir, ec);
      fs::permissions(dir, fs::status(scratch, ec).permissions(), ec);
      BuildResult b = Prepare(problem, FileTextOrEmpty(source), dir);
      if (b.ok) {
        EvalResult r = TrustedCheck(problem, dir, resource, {FreshSeed()});
        if (r.correct() && r.score) refs[name] = *r.score;
      }
      fs::remove_all(dir, ec);
    }
    std::lock_guard<std::mutex> lock(references_mu_);
    references_[key] = refs;
    return refs;
  }

  // The unit every gemmini score carries (docs/gemmini.md, "Scores").
  std::string ScoreUnit() const {
    if (kind_ == SimKind::kFiresim) return "cycles (FireSim, guest-reported)";
    return score_cycles_ ? "cycles (model)" : "instructions";
  }

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
                                  "-I", include_.string(), "-I", runtime_.string(), "-I", harness_.string()};
    if (problem.spec.value("config", "int8") == "fp32") f.push_back("-DGEMMINI_FP32");
    for (const std::string& d : gemmini::ProblemDefines(problem)) f.push_back(d);
    // The configured capacities, so the library helpers tile for them.
    gemmini::GemminiConfig config = *gemmini::GemminiConfig::ByName(problem.spec.value("config", "int8"));
    gemmini::GemminiHardware hw = hardware_;
    if (hw.Resolve(&config).ok()) {
      f.push_back("-DBANK_NUM=" + std::to_string(config.sp_banks));
      f.push_back("-DBANK_ROWS=" + std::to_string(config.sp_bank_rows));
      f.push_back("-DACC_ROWS=" + std::to_string(config.acc_rows));
      f.push_back("-DACC_BANKS=" + std::to_string(config.acc_banks));
      f.push_back("-DMAX_BYTES=" + std::to_string(config.max_bytes));
    }
    return f;
  }

  std::vector<std::string> LinkFlags() const {
    return {"-T", (runtime_ / "link.ld").string(), "-L", PicolibcLib().string(), "-lc", "-lm", "-lgcc",
            "-Wl,--no-warn-rwx-segments"};
  }

  // One sandboxed build step of candidate code; its output is appended to build->log.
  ProcessOutcome RunBuild(const fs::path& scratch, std::vector<std::string> argv, std::vector<fs::path> read_only,
                          BuildResult* build) const {
    SandboxSpec spec;
    spec.workdir = scratch;
    spec.isolate = context_.eval.isolate;
    spec.limits = CandidateLimits(context_.eval, context_.eval.build_timeout_s, kSimulatorMemoryMb);
    spec.argv = std::move(argv);
    spec.read_only_paths = std::move(read_only);
    ProcessOutcome o = context_.sandbox->Run(spec);
    build->seconds += o.wall_seconds;
    build->log += o.Tail(kTraceBytes);
    return o;
  }

  // The problem's trusted objects and reference program, built once per content (docs/evaluation.md, item 5).
  Result<HarnessFiles> Harness(const Problem& problem) const {
    const std::string harness = problem.spec.value("harness", "");
    std::string key = sources_ + harness + problem.spec.value("config", "int8") + hardware_json_;
    for (const std::string& d : gemmini::ProblemDefines(problem)) key += " " + d;
    const std::string name = "gemmini-harness-" + harness + "-" + Sha256Hex(key).substr(0, 20);
    const std::vector<std::string> files = {"crt0.o", "syscalls.o", "harness.o", "reference.o", "reference.elf"};
    auto dir = cache_.Get(name, files, [&](const fs::path& tmp) -> Status {
      const std::vector<std::pair<fs::path, std::vector<std::string>>> units = {
          {runtime_ / "crt0.S", {"-o", "crt0.o"}},
          {runtime_ / "syscalls.c", {"-o", "syscalls.o"}},
          {harness_ / (harness + "_harness.c"), {"-o", "harness.o"}},
          {harness_ / (harness + "_reference.c"), {"-Dreference=solution", "-o", "reference.o"}},
      };
      std::vector<std::vector<std::string>> steps;
      for (const auto& [src, out] : units) {
        if (!fs::exists(src)) return FailedPreconditionError("harness file missing: " + src.string());
        std::vector<std::string> argv = CompileFlags(problem);
        argv.insert(argv.begin(), gcc_);
        argv.insert(argv.end(), {"-c", src.string()});
        argv.insert(argv.end(), out.begin(), out.end());
        steps.push_back(argv);
      }
      std::vector<std::string> link = CompileFlags(problem);
      link.insert(link.begin(), gcc_);
      link.insert(link.end(), {"crt0.o", "syscalls.o", "harness.o", "reference.o"});
      for (const std::string& l : LinkFlags()) link.push_back(l);
      link.insert(link.end(), {"-o", "reference.elf"});
      steps.push_back(link);
      for (const auto& argv : steps) {
        SandboxSpec spec;
        spec.workdir = tmp;
        spec.isolate = false;  // our own sources
        spec.limits = CandidateLimits(context_.eval, std::max(300.0, context_.eval.build_timeout_s), kSimulatorMemoryMb);
        spec.argv = argv;
        ProcessOutcome o = context_.sandbox->Run(spec);
        if (!o.Succeeded()) {
          return InternalError("building the " + harness + " harness of " + problem.id.ToString() + " failed: " +
                               o.Describe() + "\n" + o.Tail(2000));
        }
      }
      return Status::Ok();
    });
    if (!dir.ok()) return dir.status();
    return HarnessFiles{*dir};
  }

  // The verdict: the trusted simulator runs the reference and the candidate
  // with each seed and compares (sim/reference_check.h).
  EvalResult TrustedCheck(const Problem& problem, const fs::path& scratch, const Resource& resource,
                          const std::vector<uint64_t>& seeds) const {
    EvalResult r;
    auto files = Harness(problem);
    if (!files.ok()) {
      r.status = EvalStatus::kInfraError;
      r.message = files.status().ToString();
      return r;
    }
    std::string seed_list;
    for (uint64_t s : seeds) seed_list += (seed_list.empty() ? "" : ",") + std::to_string(s);
    SandboxSpec spec;
    spec.workdir = scratch;
    spec.isolate = context_.eval.isolate;
    spec.cpus = resource.cpus;
    spec.verdict_channel = true;
    spec.read_only_paths = {files->dir, fs::path(simulator_).parent_path()};
    spec.limits = CandidateLimits(context_.eval, context_.eval.run_timeout_s * 2.0 * double(seeds.size()), kSimulatorMemoryMb);
    spec.argv = {simulator_, "--quiet", "--config", problem.spec.value("config", "int8"), "--reference",
                 files->reference().string(), "--seeds", seed_list, "--verdict-fd", "3"};
    if (kind_ == SimKind::kSpikeMode) spec.argv.push_back("--spike-log");
    spec.argv.insert(spec.argv.end(), {"--hardware", hardware_json_, "prog.elf"});
    ProcessOutcome o = context_.sandbox->Run(spec);
    r.run_seconds = o.wall_seconds;
    json v = json::parse(o.verdict, nullptr, false);
    if (!v.is_object() || !v.contains("status")) {
      EvalResult f = FailedStepResult(o, "simulator");
      if (f.status == EvalStatus::kRuntimeError || o.Succeeded()) {
        f.status = EvalStatus::kInfraError;
        f.message = "the simulator gave no verdict (" + o.Describe() + ")";
      }
      f.run_seconds = o.wall_seconds;
      return f;
    }
    const std::string status = v.value("status", "");
    r.status = ParseEvalStatus(status).value_or(EvalStatus::kInfraError);
    r.message = v.value("message", "");
    r.trace = v.value("output_tail", "");
    if (v.contains("run")) FillMetrics(v["run"], &r);
    r.trace = Tail(r.trace, kTraceBytes);
    r.metrics["seeds"] = v.value("seeds", json::array());
    r.metrics["verdict_by"] = "autocomp-gemmini-sim (reference run + comparison of every harness array)";
    if (r.status != EvalStatus::kOk) return r;
    const uint64_t instructions = v.value("instructions", 0ULL);
    const uint64_t cycles = v.value("cycle_estimate", 0ULL);
    r.metrics["timed_instructions"] = instructions;
    r.metrics["instructions_per_seed"] = v.value("instructions_per_seed", json::array());
    r.metrics["cycles_estimate"] = cycles;  // the calibrated model's estimate, not a measurement
    r.metrics["score_kind"] = score_cycles_ ? "cycles (model)" : "instructions";
    r.score = score_cycles_ ? double(cycles) : double(instructions);
    // Item 7: no schedule beats DIM x DIM multiply-accumulates per cycle.
    const double macs = RequiredMacs(problem);
    const double dim = problem.spec.value("config", "int8") == "fp32" ? 4 : 16;
    if (macs > 0) {
      r.metrics["required_macs"] = macs;
      // How much of the array's peak the estimate uses (the plan prompt's
      // utilization feedback, as the original gives it).
      if (cycles > 0) r.metrics["array_utilization"] = std::min(1.0, macs / (dim * dim * double(cycles)));
      if (double(cycles) * dim * dim < macs) {
        r.status = EvalStatus::kImplausible;
        r.message = "implausible: an estimated " + std::to_string(cycles) + " cycles for " + std::to_string(macs) +
                    " multiply-accumulates is more than DIM^2 = " + std::to_string(int(dim * dim)) + " per cycle";
        r.metrics["measured_score"] = *r.score;
        r.score.reset();
        return r;
      }
    }
    r.message = "correct; " + std::to_string(cycles) + " cycles (estimated by the calibrated model, not measured), " +
                std::to_string(instructions) + " instructions in solution (counted by the simulator), " +
                std::to_string(seeds.size()) + " seed(s); score: " + ScoreUnit();
    return r;
  }

  static std::string FirstError(const std::string& log) {
    std::string line = LineWith(log, "error:");
    if (line.empty()) return Tail(log, 300);
    size_t start = log.rfind('\n', log.find(line));
    return log.substr(start == std::string::npos ? 0 : start + 1, log.find('\n', log.find(line)) - (start == std::string::npos ? 0 : start + 1));
  }

  static void FillMetrics(const json& report, EvalResult* r) {
    json& m = r->metrics;
    m["instructions_total"] = report.value("instructions", 0ULL);
    // The timed count and estimate also for answers that turn out wrong.
    if (report.contains("measured_call") && report["measured_call"].value("returned", false)) {
      m["timed_instructions"] = report["measured_call"].value("instructions", 0ULL);
      m["cycles_estimate"] = report["measured_call"].value("cycle_estimate", 0ULL);
    }
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
    for (const auto& d : report.value("diagnostics", json::array())) {
      r->trace += std::string(d.value("fatal", false) ? "gemmini error: " : "gemmini warning: ") +
                  d.value("message", "") + "\n";
    }
  }

  // A real Spike runs the reference and the candidate with the trusted
  // check's first seed, each stopped at solution's return through Spike's
  // debugger (spike_adapter.h): its own verdict from the harness objects, and
  // the instructions it logged from entry to return. Run for candidates the
  // built-in found returning (correct, wrong or implausible), so wrong answers
  // get Spike's count too. A candidate passes only if both pass; the score
  // stays the built-in's (docs/gemmini.md).
  EvalResult WithRealSpike(const Problem& problem, const fs::path& scratch, const Resource& resource, uint64_t seed,
                           EvalResult r) const {
    if (r.status != EvalStatus::kOk && r.status != EvalStatus::kWrongAnswer && r.status != EvalStatus::kImplausible) return r;
    auto infra = [&r](const std::string& why) {
      r.status = EvalStatus::kInfraError;
      r.message = why;
      r.score.reset();
      return r;
    };
    auto spike = SpikeAdapter::Create(sim_arg_);
    if (!spike.ok()) return infra(spike.status().ToString());
    auto files = Harness(problem);
    if (!files.ok()) return infra(files.status().ToString());
    const fs::path prog = scratch / "prog-seeded.elf", ref = scratch / "reference-seeded.elf";
    for (const auto& [in, out] : {std::pair{scratch / "prog.elf", prog}, std::pair{files->reference(), ref}}) {
      Status patched = gemmini::PatchSymbol(in, out, "autocomp_seed_value", seed);
      if (!patched.ok()) return infra("cannot seed " + in.filename().string() + " for Spike: " + patched.message());
    }
    auto prog_image = gemmini::ElfImage::Load(prog.string());
    auto ref_image = gemmini::ElfImage::Load(ref.string());
    if (!prog_image.ok() || !ref_image.ok()) return infra("cannot read the programs for Spike");
    auto ref_plan = gemmini::PlanTimedRun(*ref_image);
    if (!ref_plan.ok()) return infra("reference on Spike: " + ref_plan.status().message());
    ref_plan->count_timed = false;  // only its objects matter
    auto prog_plan = gemmini::PlanTimedRun(*prog_image);
    if (!prog_plan.ok()) return infra("candidate on Spike: " + prog_plan.status().message());
    SandboxSpec spec;
    spec.workdir = scratch;
    spec.isolate = context_.eval.isolate;
    spec.cpus = resource.cpus;
    // Spike's debugger steps one instruction at a time: slower than a plain run.
    spec.limits = CandidateLimits(context_.eval, std::max(120.0, context_.eval.run_timeout_s * 4), kSimulatorMemoryMb);
    gemmini::SpikeTimedRun want = spike->RunTimed(*context_.sandbox, spec, ref, *ref_plan);
    gemmini::SpikeTimedRun got = spike->RunTimed(*context_.sandbox, spec, prog, *prog_plan);
    r.run_seconds += want.outcome.wall_seconds + got.outcome.wall_seconds;
    const bool fp32 = problem.spec.value("config", "int8") == "fp32";
    gemmini::SpikeVerdict v = gemmini::JudgeSpikeRun(got, want, *prog_plan, *ref_plan, fp32);
    json& m = r.metrics;
    m["spike_verdict"] = v.status;
    m["spike_message"] = v.message;
    m["mvin_lines"] = got.output.mvin_lines;  // every line of the run, counted as it streamed
    m["mvout_lines"] = got.output.mvout_lines;
    if (got.output.any_spad) m["spike_scratchpad_utilization"] = double(got.output.max_spad_row + 1) / 16384.0;
    if (got.output.any_acc) m["spike_accumulator_utilization"] = double(got.output.max_acc_row + 1) / 1024.0;
    if (got.output.guest_cycles) m["spike_guest_cycles"] = *got.output.guest_cycles;  // guest-reported: a cross-check
    std::string count_note;
    if (got.returned) {
      m["spike_timed_instructions"] = got.timed_instructions;
      if (got.minstret_delta) m["spike_minstret_delta"] = *got.minstret_delta;
      if (m.contains("timed_instructions")) {
        const uint64_t builtin = m["timed_instructions"].get<uint64_t>();
        m["spike_count_equal"] = builtin == got.timed_instructions;
        if (builtin != got.timed_instructions) {
          count_note = "; real Spike counts " + std::to_string(got.timed_instructions) + " instructions, the built-in " +
                       std::to_string(builtin) + ": they differ";
        }
      }
    }
    if (v.status != "ok") r.trace += "\n[spike]\n" + got.debug_tail + Tail(got.output.program_output, 2000);
    r.metrics["verdict_by"] = "autocomp-gemmini-sim and real Spike (" + spike->spike().string() + "): both must pass";
    if (r.status != EvalStatus::kOk) {
      r.message += "; real Spike: " + v.message +
                   (got.returned ? " (" + std::to_string(got.timed_instructions) + " instructions)" : std::string());
      return r;
    }
    if (v.status == "ok") {
      r.message += "; real Spike agrees (" + std::to_string(got.timed_instructions) + " instructions" + count_note + ")";
      return r;
    }
    r.status = ParseEvalStatus(v.status).value_or(EvalStatus::kInfraError);
    r.message = "real Spike: " + v.message + " (the built-in check passed it: the two disagree)";
    r.score.reset();
    return r;
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
      spec.limits = CandidateLimits(context_.eval, context_.eval.run_timeout_s * static_cast<double>(jobs.size()), kSimulatorMemoryMb);
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
        uarts[it->path().parent_path().filename().string()] = FileTextOrEmpty(it->path());
      }
    }
    return uarts;
  }

  // FireSim's figure comes from guest code on real hardware, where nothing
  // trusted watches the call: the harness prints `autocomp: cycles N` after
  // solution returns. Correctness and the instruction count come from the
  // trusted check; the cycles must be exactly one line (a candidate that
  // prints one is rejected) and are bounded below by the trusted count
  // (Rocket retires at most one instruction per cycle) and by DIM^2 MACs
  // per cycle.
  EvalResult FromUartLog(const std::string& uart, const std::string& fallback_log, EvalResult trusted,
                         const Problem& problem) const {
    EvalResult r = std::move(trusted);
    r.trace = Tail(uart.empty() ? fallback_log : uart, kTraceBytes);
    const int lines = gemmini::CountGuestCycleLines(uart);
    auto cycles = gemmini::GuestCycles(uart);
    if (uart.empty()) {
      r.status = EvalStatus::kInfraError;
      r.message = "no FireSim UART log for this candidate";
    } else if (lines > 1) {
      r.status = EvalStatus::kRejected;
      r.message = "the FireSim log has " + std::to_string(lines) + " cycles lines ('autocomp: cycles N' or 'Generated implementation latency: N cycles'): the candidate printed one";
    } else if (!cycles) {
      r.status = EvalStatus::kTimeout;  // the job never reported: it hung and the run was ended
      r.message = "no result in the UART log (the job did not finish)";
    } else {
      const double counted = r.metrics.value("timed_instructions", 0.0);
      const double dim = problem.spec.value("config", "int8") == "fp32" ? 4 : 16;
      const double floor = std::max(counted, RequiredMacs(problem) / (dim * dim));
      r.metrics["cycles"] = *cycles;  // guest-reported (docs/gemmini.md)
      if (double(*cycles) < floor) {
        r.status = EvalStatus::kImplausible;
        r.message = "implausible: FireSim reported " + std::to_string(*cycles) + " cycles, fewer than the " +
                    std::to_string(uint64_t(floor)) + " the trusted count allows";
      } else {
        r.score = double(*cycles);
        r.message = "correct (trusted simulator); FireSim cycles " + std::to_string(*cycles) + " (guest-reported)";
        return r;
      }
    }
    r.score.reset();
    return r;
  }

  // Several candidates in one FireSim workload (its start-up is paid once);
  // jobs that did not finish are run again one at a time, so a hang costs
  // only itself. Each is checked by the trusted simulator first.
  std::vector<EvalResult> MeasureFiresimBatch(const std::vector<MeasureItem>& items, const Resource& resource) const {
    std::vector<EvalResult> results(items.size()), trusted(items.size());
    auto fsim = FiresimAdapter::Create(EnvOr("AUTOCOMP_FIRESIM", "firesim"), sim_arg_);
    if (!fsim.ok()) {
      for (auto& r : results) {
        r.status = EvalStatus::kInfraError;
        r.message = fsim.status().ToString();
      }
      return results;
    }
    std::vector<gemmini::FiresimJob> jobs;
    std::vector<bool> done(items.size(), false);
    for (size_t i = 0; i < items.size(); ++i) {
      const uint64_t seed = FreshSeed();
      trusted[i] = TrustedCheck(*items[i].problem, items[i].scratch, resource, {seed});
      const fs::path seeded = items[i].scratch / "prog-seeded.elf";
      Status patched = trusted[i].correct()
                           ? gemmini::PatchSymbol(items[i].scratch / "prog.elf", seeded, "autocomp_seed_value", seed)
                           : Status::Ok();
      if (!trusted[i].correct() || !patched.ok()) {
        results[i] = trusted[i];
        if (!patched.ok()) {
          results[i].status = EvalStatus::kInfraError;
          results[i].message = "cannot seed the program for FireSim: " + patched.message();
          results[i].score.reset();
        }
        done[i] = true;
      }
      jobs.push_back({"cand" + std::to_string(i), seeded});
    }
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
          results[i] = FromUartLog(uart == uarts->end() ? "" : uart->second, log, trusted[i], *items[i].problem);
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
  mutable TrustedCache cache_;
  gemmini::GemminiHardware hardware_;
  std::string hardware_json_;
  mutable std::mutex references_mu_;
  mutable std::map<std::string, json> references_;  // problem id -> ReferenceScores
  bool score_cycles_ = true;
  std::string gcc_, objcopy_, picolibc_, simulator_, version_, sources_, fingerprint_;
  fs::path runtime_, include_, harness_;
};

}  // namespace

Result<std::unique_ptr<Backend>> MakeGemminiBackend(const BackendContext& context) {
  const std::string where = (context.config_source.empty() ? std::string("config") : context.config_source) +
                            ": backend_options";
  gemmini::GemminiHardware hardware = gemmini::GemminiHardware::Default();
  if (!context.options.is_null()) {
    if (!context.options.is_object()) return InvalidArgumentError(where + ": must be an object");
    for (const auto& [key, value] : context.options.items()) {
      if (key != "hardware") {
        return InvalidArgumentError(where + "." + key + ": unknown gemmini option (known: hardware)");
      }
      AUTOCOMP_ASSIGN_OR_RETURN(hardware, gemmini::GemminiHardware::FromJson(value, where + ".hardware"));
    }
  }
  // Both configurations must fit the parameters.
  for (const char* name : {"int8", "fp32"}) {
    gemmini::GemminiConfig config = *gemmini::GemminiConfig::ByName(name);
    gemmini::GemminiHardware hw = hardware;
    Status st = hw.Resolve(&config);
    if (!st.ok()) return InvalidArgumentError(where + ".hardware: " + st.message() + " (" + name + " configuration)");
  }
  const std::string& score = context.eval.score;
  if (!score.empty() && score != "cycles" && score != "instructions") {
    return InvalidArgumentError("eval.score must be \"cycles\" or \"instructions\" for the gemmini backend, not \"" +
                                score + "\"");
  }
  const bool score_cycles = score != "instructions";
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
  return std::unique_ptr<Backend>(new GemminiBackend(context, kind, arg, hardware, score_cycles));
}

}  // namespace autocomp
