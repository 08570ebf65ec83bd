// backends/cuda/cuda_problems.cc — finding and reading KernelBench-format problem files.
#include "cuda/cuda_problems.h"

#include <algorithm>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "common/file_text.h"
#include "common/number_text.h"

namespace autocomp::cuda {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::regex kFileName(R"(^(\d+)_(.+)\.py$)");

// "def forward(self, A, B)" -> "A, B"; "def __init__(self, features, eps)" -> "features, eps".
std::string Parameters(const std::string& source, const std::string& method) {
  const std::regex def("def\\s+" + method + "\\s*\\(\\s*self\\s*,?\\s*([^)]*)\\)");
  std::smatch m;
  if (!std::regex_search(source, m, def)) return "";
  std::string params = m[1].str();
  params.erase(std::remove(params.begin(), params.end(), '\n'), params.end());
  return params;
}

SolutionForm ModelNewForm(const std::string& source) {
  SolutionForm form;
  form.language = "python";
  form.defines = "class";
  form.name = "ModelNew";
  form.file_name = "model_new.py";
  form.declaration = "class ModelNew(torch.nn.Module) with __init__(self" +
                     (Parameters(source, "__init__").empty() ? "" : ", " + Parameters(source, "__init__")) +
                     ") and forward(self, " + Parameters(source, "forward") +
                     "): the same constructor arguments, inputs and outputs as the reference Model";
  return form;
}

std::string Describe(const std::string& name, const std::vector<std::pair<std::string, std::string>>& sizes) {
  std::string text = name;
  std::replace(text.begin(), text.end(), '_', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  std::string shapes;
  for (const auto& [key, value] : sizes) {
    if (shapes.size() > 80) {
      shapes += ", ...";
      break;
    }
    shapes += (shapes.empty() ? "" : ", ") + key + "=" + value;
  }
  return shapes.empty() ? text : text + " (" + shapes + ")";
}

}  // namespace

std::vector<ProblemSetDir> ProblemSets(const fs::path& home, const fs::path& kernelbench) {
  std::vector<ProblemSetDir> sets;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(home / "sols/cuda", ec)) {
    if (entry.is_directory()) sets.push_back({entry.path().filename().string(), entry.path(), true});
  }
  std::sort(sets.begin(), sets.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  if (!kernelbench.empty()) {
    for (int level = 1; level <= 4; ++level) {
      const std::string folder = "level" + std::to_string(level);
      for (const fs::path& dir : {kernelbench / "KernelBench" / folder, kernelbench / folder}) {
        if (fs::is_directory(dir, ec)) {
          sets.push_back({"kb-" + folder, dir, false});
          break;
        }
      }
    }
  }
  return sets;
}

Result<ProblemSetDir> FindSet(const std::vector<ProblemSetDir>& sets, const std::string& name) {
  std::string known;
  for (const auto& s : sets) {
    if (s.name == name) return s;
    known += (known.empty() ? "" : ", ") + s.name;
  }
  std::string hint = name.rfind("kb-", 0) == 0 ? " (set backend_options.kernelbench_dir to a KernelBench checkout)" : "";
  return NotFoundError("cuda has no problem set '" + name + "' (known: " + known + ")" + hint);
}

std::string RenameModel(const std::string& source) {
  static const std::regex word(R"(\bModel\b)");
  return std::regex_replace(source, word, "ModelNew");
}

std::vector<std::pair<std::string, std::string>> ModuleSizes(const std::string& source) {
  static const std::regex line(R"(^([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*([0-9][0-9eE.+\-*/() _]*?)[ \t]*(#.*)?$)");
  std::vector<std::pair<std::string, std::string>> sizes;
  size_t pos = 0;
  while (pos < source.size()) {
    size_t nl = source.find('\n', pos);
    if (nl == std::string::npos) nl = source.size();
    const std::string text = source.substr(pos, nl - pos);
    std::smatch m;
    if (std::regex_match(text, m, line)) sizes.emplace_back(m[1].str(), m[2].str());
    pos = nl + 1;
  }
  return sizes;
}

Result<std::vector<Problem>> LoadSet(const ProblemSetDir& set, bool ci) {
  json meta = json::object();
  if (set.own) {
    const fs::path file = set.dir / "problems.json";
    AUTOCOMP_ASSIGN_OR_RETURN(std::string text, ReadFileText(file));
    meta = json::parse(text, nullptr, false);
    if (!meta.is_object() || !meta.contains("problems") || !meta["problems"].is_object()) {
      return DataLossError(file.string() + ": must be an object with a \"problems\" object");
    }
    meta = meta["problems"];
  }
  std::map<int, fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(set.dir, ec)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !std::regex_match(name, m, kFileName)) continue;
    const auto number = ParseNumber<int>(m[1].str());
    if (!number) continue;
    if (files.count(*number)) {
      return DataLossError("cuda/" + set.name + ": two problems numbered " + std::to_string(*number) + ": " +
                           files[*number].filename().string() + " and " + name);
    }
    files[*number] = entry.path();
  }
  if (ec) return NotFoundError("cannot read " + set.dir.string() + ": " + ec.message());
  std::vector<Problem> problems;
  for (const auto& [number, path] : files) {
    AUTOCOMP_ASSIGN_OR_RETURN(std::string source, ReadFileText(path));
    std::smatch m;
    const std::string filename = path.filename().string();
    std::regex_match(filename, m, kFileName);
    Problem p;
    p.id = {"cuda", set.name, number};
    p.dir = set.dir;
    p.score_unit = "s";
    p.baseline_code = RenameModel(source);
    p.solution = ModelNewForm(source);
    std::vector<std::pair<std::string, std::string>> sizes = ModuleSizes(source);
    json overrides = json::object();
    const json entry = meta.value(std::to_string(number), json::object());
    if (ci && entry.contains("ci")) {
      if (!entry["ci"].is_object()) return DataLossError("cuda/" + set.name + "/problems.json: " + std::to_string(number) + ".ci must be an object");
      overrides = entry["ci"];
      for (auto& [key, value] : sizes) {
        if (overrides.contains(key)) value = overrides[key].dump();
      }
    }
    p.description = Describe(m[2].str(), sizes);
    p.spec = {{"file", fs::absolute(path).string()}, {"sizes", overrides}, {"kernelbench", !set.own},
              {"summary", std::string(set.own ? "autocomp's own" : "KernelBench") +
                              " problem: a PyTorch reference Model; write ModelNew with custom kernels."}};
    if (entry.contains("tolerance")) p.spec["tolerance"] = entry["tolerance"];
    if (entry.contains("tuner")) p.spec["tuner"] = entry["tuner"];
    problems.push_back(std::move(p));
  }
  if (problems.empty()) return NotFoundError("cuda/" + set.name + ": no <number>_<name>.py files in " + set.dir.string());
  return problems;
}

}  // namespace autocomp::cuda
