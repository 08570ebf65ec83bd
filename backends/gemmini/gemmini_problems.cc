// backends/gemmini/gemmini_problems.cc — reading sols/gemmini/<set>/.
#include "gemmini_problems.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace autocomp::gemmini {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Result<json> ReadSet(const fs::path& dir) {
  const fs::path file = dir / "problems.json";
  std::ifstream in(file);
  if (!in) return NotFoundError("cannot read " + file.string());
  try {
    json j = json::parse(in);
    if (!j.is_object() || !j.contains("problems") || !j["problems"].is_array()) {
      return DataLossError(file.string() + ": expected an object with a \"problems\" array");
    }
    for (const char* key : {"kind", "config", "harness"}) {
      if (!j.contains(key) || !j[key].is_string()) {
        return DataLossError(file.string() + ": missing string field \"" + std::string(key) + "\"");
      }
    }
    return j;
  } catch (const json::exception& e) {
    return DataLossError(file.string() + ": " + e.what());
  }
}

std::vector<std::string> SetNames(const fs::path& root) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    if (e.is_directory() && fs::exists(e.path() / "problems.json")) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

Result<std::vector<ProblemInfo>> ListGemminiProblems(const fs::path& home) {
  const fs::path root = home / "sols" / "gemmini";
  if (!fs::is_directory(root)) return NotFoundError("no gemmini problem sets: " + root.string() + " is missing");
  std::vector<ProblemInfo> out;
  for (const std::string& set : SetNames(root)) {
    AUTOCOMP_ASSIGN_OR_RETURN(json j, ReadSet(root / set));
    for (const json& p : j["problems"]) {
      ProblemInfo info;
      info.id = {"gemmini", set, p.value("index", 0)};
      info.description = p.value("description", "");
      out.push_back(std::move(info));
    }
  }
  return out;
}

Result<Problem> LoadGemminiProblem(const fs::path& home, const ProblemId& id) {
  const fs::path root = home / "sols" / "gemmini";
  if (id.backend != "gemmini") return InvalidArgumentError("problem " + id.ToString() + " is not a gemmini problem");
  const fs::path dir = root / id.set;
  if (!fs::exists(dir / "problems.json")) {
    return NotFoundError("unknown gemmini problem set '" + id.set + "' (known: " + Join(SetNames(root)) + ")");
  }
  AUTOCOMP_ASSIGN_OR_RETURN(json set, ReadSet(dir));
  const json* entry = nullptr;
  std::vector<std::string> indices;
  for (const json& p : set["problems"]) {
    indices.push_back(std::to_string(p.value("index", -1)));
    if (p.value("index", -1) == id.index) entry = &p;
  }
  if (entry == nullptr) {
    return NotFoundError("gemmini problem set '" + id.set + "' has no problem " + std::to_string(id.index) +
                         " (it has " + Join(indices) + ")");
  }
  Problem problem;
  problem.id = id;
  problem.description = entry->value("description", "");
  const std::string signature = entry->value("signature", "");
  if (signature.empty()) return DataLossError(id.ToString() + ": problems.json entry has no signature");
  problem.solution = CFunctionForm(signature);
  problem.score_unit = "instructions";
  problem.dir = dir / std::to_string(id.index);
  problem.spec = *entry;
  problem.spec["kind"] = set["kind"];
  problem.spec["config"] = set["config"];
  problem.spec["harness"] = set["harness"];
  problem.spec["summary"] = set.value("summary", "");
  problem.spec["contract"] = set.value("contract", "");
  // The fp32 configuration has its own ISA notes for the prompts (docs/prompts.md).
  if (set.value("config", "") == "fp32") problem.spec["prompt_isa"] = nlohmann::json::array({"isa.txt", "isa_fp32.txt"});
  const fs::path baseline = problem.dir / "baseline.c";
  std::ifstream in(baseline);
  if (!in) return NotFoundError(id.ToString() + ": baseline " + baseline.string() + " is missing");
  std::stringstream ss;
  ss << in.rdbuf();
  problem.baseline_code = ss.str();
  return problem;
}

std::vector<std::string> ProblemDefines(const Problem& problem) {
  std::vector<std::string> flags;
  if (problem.spec.contains("defines") && problem.spec["defines"].is_object()) {
    for (const auto& [k, v] : problem.spec["defines"].items()) {
      flags.push_back("-D" + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump()));
    }
  }
  return flags;
}

}  // namespace autocomp::gemmini
