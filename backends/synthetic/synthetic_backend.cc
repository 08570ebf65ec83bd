// backends/synthetic/synthetic_backend.cc — generated scores for benchmarks.
#include "synthetic_backend.h"

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/backend_options.h"
#include "common/number_text.h"
#include "common/hashing.h"
#include "common/offline_tuner.h"

namespace autocomp {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kMarker = "// move ";

double Fraction(const std::string& text) {
  return static_cast<double>(StableSeed(text) % 1000000) / 1000000.0;
}

class SyntheticTuner final : public OfflineTuner {
 public:
  std::vector<std::string> Menu(const Problem&) const override {
    return {"reorder loops", "tile for locality", "vectorize", "unroll", "fuse passes", "hoist invariants",
            "double-buffer transfers", "specialize shapes"};
  }
  std::vector<TunerMove> Moves(const Problem& problem, const std::string&, const std::vector<int>& kept) const override {
    std::vector<TunerMove> moves;
    const auto menu = Menu(problem);
    for (int i : kept) {
      if (i < 0 || i >= static_cast<int>(menu.size())) continue;
      moves.push_back({i, "Optimization " + std::to_string(i + 1) + ": " + menu[static_cast<size_t>(i)] +
                              "\nsynthetic-move: " + std::to_string(i)});
    }
    return moves;
  }
  Result<std::string> Implement(const Problem&, const std::string& parent, const std::string& plan,
                                int variant) const override {
    const double f = 0.75 + 0.5 * Fraction(parent + "|" + plan + "|" + std::to_string(variant));
    char line[96];
    std::snprintf(line, sizeof line, "%s%s/%d factor=%.6f\n", kMarker,
                  plan.substr(plan.rfind(' ') + 1).c_str(), variant, f);
    return parent + line;
  }
};

// "cost:S" or "cost:LO-HI" (seconds, 0 <= LO <= HI) → (LO, HI); nullopt for anything else.
std::optional<std::pair<double, double>> CostRange(const std::string& simulator) {
  if (simulator.rfind("cost:", 0) != 0) return std::nullopt;
  const std::string range = simulator.substr(5);
  const size_t dash = range.find('-');
  const auto lo = ParseNumber<double>(range.substr(0, dash));
  const auto hi = dash == std::string::npos ? lo : ParseNumber<double>(range.substr(dash + 1));
  if (!lo || !hi || *lo < 0 || *hi < *lo) return std::nullopt;
  return std::make_pair(*lo, *hi);
}

class SyntheticBackend final : public Backend {
 public:
  explicit SyntheticBackend(const BackendContext& context) : context_(context) {}

  std::string name() const override { return "synthetic"; }
  std::string version() const override { return "synthetic-1"; }
  bool synthetic() const override { return true; }
  Status CheckEnvironment() const override { return LoadAll().status(); }

  Result<std::vector<ProblemInfo>> ListProblems() const override {
    AUTOCOMP_ASSIGN_OR_RETURN(auto all, LoadAll());
    std::vector<ProblemInfo> out;
    for (const auto& p : all) out.push_back({p.id, p.description});
    return out;
  }

  Result<Problem> LoadProblem(const ProblemId& id) const override {
    AUTOCOMP_ASSIGN_OR_RETURN(auto all, LoadAll());
    for (auto& p : all) {
      if (p.id == id) return p;
    }
    return NotFoundError("synthetic has no problem " + id.ToString());
  }

  BuildResult Prepare(const Problem&, const std::string& code, const fs::path& scratch) const override {
    BuildResult b;
    if (StableSeed(code + "|build") % 30 == 0 && code.find(kMarker) != std::string::npos) {
      b.status = EvalStatus::kCompileError;
      b.message = "did not compile (synthetic)";
      return b;
    }
    std::ofstream(scratch / "code.txt") << code;
    b.ok = true;
    return b;
  }

  EvalResult Measure(const Problem& problem, const fs::path& scratch, const Resource&,
                     const MeasureOptions&) const override {
    std::ifstream in(scratch / "code.txt");
    std::stringstream text;
    text << in.rdbuf();
    const std::string code = text.str();
    EvalResult r;
    const double cost = Cost(problem, code);
    if (cost > 0) {
      SandboxSpec spec;
      spec.workdir = scratch;
      spec.isolate = false;
      spec.limits.wall_seconds = cost + 30;
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.3f", cost);
      spec.argv = {"sleep", seconds};
      ProcessOutcome o = context_.sandbox->Run(spec);
      r.run_seconds = o.wall_seconds;
      if (!o.Succeeded()) {
        r.status = EvalStatus::kInfraError;
        r.message = "synthetic evaluation: " + o.Describe();
        return r;
      }
    }
    if (code.find(kMarker) != std::string::npos && StableSeed(code + "|check") % 12 == 0) {
      r.status = EvalStatus::kWrongAnswer;
      r.message = "wrong answer (synthetic)";
      return r;
    }
    double score = problem.spec.value("base_score", 1000.0);
    static const std::regex factor(R"(factor=([0-9.]+))");
    for (std::sregex_iterator it(code.begin(), code.end(), factor), end; it != end; ++it) {
      score *= ParseNumber<double>((*it)[1].str()).value_or(1.0);  // "factor=..." is no factor
    }
    r.status = EvalStatus::kOk;
    r.score = score;
    r.message = "synthetic score";
    r.metrics = {{"synthetic", true}, {"cost_s", cost}};
    return r;
  }

  const OfflineTuner* offline_tuner() const override { return &tuner_; }

 private:
  double Cost(const Problem& problem, const std::string& code) const {
    double lo = problem.spec.value("eval_seconds", 0.0), hi = lo;
    if (auto range = CostRange(context_.simulator)) std::tie(lo, hi) = *range;
    return lo + (hi - lo) * Fraction(code + "|cost");
  }

  Result<std::vector<Problem>> LoadAll() const {
    std::vector<Problem> all;
    const fs::path root = context_.home / "sols/synthetic";
    std::error_code ec;
    for (const auto& dir : fs::directory_iterator(root, ec)) {
      std::ifstream in(dir.path() / "problems.json");
      if (!in) continue;
      json spec = json::parse(in, nullptr, false);
      if (spec.is_discarded()) return DataLossError((dir.path() / "problems.json").string() + ": not valid JSON");
      for (const auto& entry : spec.value("problems", json::array())) {
        Problem p;
        p.id = {"synthetic", dir.path().filename().string(), entry.value("index", 0)};
        char description[96];
        std::snprintf(description, sizeof description, "synthetic benchmark problem (base score %g)",
                      entry.value("base_score", 1000.0));
        p.description = description;
        p.baseline_code = "// synthetic baseline " + p.id.ToString() + "\n";
        p.solution.language = "text";
        p.solution.name = "solution";
        p.solution.declaration = "(synthetic)";
        p.solution.file_name = "solution.txt";
        p.score_unit = "units";
        p.dir = dir.path();
        p.spec = entry;
        all.push_back(p);
      }
    }
    if (ec) return NotFoundError("synthetic problems not found at " + root.string());
    return all;
  }

  BackendContext context_;
  SyntheticTuner tuner_;
};

}  // namespace

Result<std::unique_ptr<Backend>> MakeSyntheticBackend(const BackendContext& context) {
  AUTOCOMP_RETURN_IF_ERROR(RequireNoBackendOptions(context, "synthetic"));
  if (!context.sandbox) return InvalidArgumentError("synthetic backend needs a sandbox");
  if (!context.simulator.empty() && !CostRange(context.simulator)) {
    return InvalidArgumentError("simulator for the synthetic backend must be \"cost:SECONDS\" or \"cost:LO-HI\", not \"" +
                                context.simulator + "\"");
  }
  return std::unique_ptr<Backend>(new SyntheticBackend(context));
}

}  // namespace autocomp
