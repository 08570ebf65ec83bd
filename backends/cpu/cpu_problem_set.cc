// backends/cpu/cpu_problem_set.cc — parsing of sols/cpu/<set>/problems.json.
#include "cpu_problem_set.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/file_text.h"

namespace autocomp::cpu {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string Describe(const std::string& kind, const json& dims_names, const json& entry) {
  std::string text = kind;
  for (const auto& name : dims_names) {
    const std::string key = name.get<std::string>();
    text.append(" ").append(key).append("=").append(std::to_string(entry.at(key).get<long>()));
  }
  if (entry.value("threads", false)) text += " (threads allowed)";
  return text;
}

}  // namespace

std::vector<std::string> ListSets(const fs::path& sols_dir) {
  std::vector<std::string> sets;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(sols_dir, ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "problems.json")) {
      sets.push_back(entry.path().filename().string());
    }
  }
  std::sort(sets.begin(), sets.end());
  return sets;
}

Result<std::vector<Problem>> LoadSet(const fs::path& sols_dir, const std::string& set) {
  const fs::path dir = sols_dir / set;
  const fs::path file = dir / "problems.json";
  if (!fs::exists(file)) {
    std::string known;
    for (const auto& s : ListSets(sols_dir)) known += (known.empty() ? "" : ", ") + s;
    return NotFoundError("cpu has no problem set '" + set + "' (known: " + known + ")");
  }
  AUTOCOMP_ASSIGN_OR_RETURN(std::string text, ReadFileText(file));
  AUTOCOMP_ASSIGN_OR_RETURN(std::string baseline, ReadFileText(dir / "baseline.c"));
  json spec = json::parse(text, nullptr, false);
  if (spec.is_discarded()) return DataLossError(file.string() + ": not valid JSON");
  std::vector<Problem> problems;
  try {
    const std::string kind = spec.at("kind").get<std::string>();
    for (const auto& entry : spec.at("problems")) {
      Problem p;
      p.id = {"cpu", set, entry.at("index").get<int>()};
      p.description = Describe(kind, spec.at("dims"), entry);
      p.baseline_code = baseline;
      p.solution = CFunctionForm(spec.at("signature").get<std::string>());
      p.score_unit = "s";
      p.dir = dir;
      p.spec = entry;
      p.spec["kind"] = kind;
      p.spec["dim_names"] = spec.at("dims");
      p.spec["contract"] = spec.value("contract", "");
      p.spec["summary"] = spec.value("summary", "");
      problems.push_back(std::move(p));
    }
  } catch (const json::exception& e) {
    return DataLossError(file.string() + ": " + e.what());
  }
  return problems;
}

std::string DimsArgument(const Problem& problem) {
  std::string dims;
  for (const auto& name : problem.spec.at("dim_names")) {
    if (!dims.empty()) dims += ",";
    dims += std::to_string(problem.spec.at(name.get<std::string>()).get<long>());
  }
  return dims;
}

double FlopCount(const Problem& problem) {
  const json& s = problem.spec;
  const std::string kind = s.value("kind", "");
  auto d = [&](const char* name) { return static_cast<double>(s.value(name, 0L)); };
  if (kind == "gemm") return 2 * d("M") * d("N") * d("K");
  if (kind == "conv2d") return 2 * d("N") * d("K") * (d("H") - 2) * (d("W") - 2) * d("C") * 9;
  if (kind == "softmax") return 5 * d("rows") * d("cols");
  return 0;
}

double MinimumBytes(const Problem& problem) {
  const json& s = problem.spec;
  const std::string kind = s.value("kind", "");
  auto d = [&](const char* name) { return static_cast<double>(s.value(name, 0L)); };
  double floats = 0;
  if (kind == "gemm") floats = d("M") * d("K") + d("K") * d("N") + d("M") * d("N");
  if (kind == "conv2d") {
    floats = d("N") * d("C") * d("H") * d("W") + d("K") * d("C") * 9 + d("N") * d("K") * (d("H") - 2) * (d("W") - 2);
  }
  if (kind == "softmax") floats = 2 * d("rows") * d("cols");
  return 4 * floats;
}

}  // namespace autocomp::cpu
