// src/master/prompt/prompt_material.cc — reading prompts/<backend>/.
#include "master/prompt/prompt_material.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace autocomp {

namespace fs = std::filesystem;

namespace {

std::string TrimRight(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return TrimRight(s.substr(b));
}

Result<std::string> ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return DataLossError(path.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return DataLossError(path.string() + ": read failed");
  std::string s = text.str();
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  return TrimRight(std::move(s));
}

Result<std::string> ReadRequired(const fs::path& dir, const char* name) {
  const fs::path path = dir / name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return NotFoundError(path.string() +
                         ": missing (a backend's prompt folder needs isa.txt, rules.txt and menu.txt)");
  }
  AUTOCOMP_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  if (text.empty()) return InvalidArgumentError(path.string() + ": is empty");
  return text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

Result<std::vector<HardwareMetric>> ParseFeedbackFile(const fs::path& path, const std::string& text) {
  std::vector<HardwareMetric> metrics;
  const std::vector<std::string> lines = Lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string line = Trim(lines[i]);
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    const std::string key = colon == std::string::npos ? "" : Trim(line.substr(0, colon));
    const std::string label = colon == std::string::npos ? "" : Trim(line.substr(colon + 1));
    const bool key_ok = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
      return std::isalnum(c) || c == '_' || c == '.' || c == '-';
    });
    if (!key_ok || label.empty()) {
      return InvalidArgumentError(path.string() + ":" + std::to_string(i + 1) +
                                  ": expected \"metric_key: label\", got \"" + line + "\"");
    }
    metrics.push_back({key, label});
  }
  return metrics;
}

Result<PromptExample> ParseExample(const fs::path& path, const std::string& text) {
  std::vector<std::string> lines = Lines(text);
  if (lines.empty() || Trim(lines[0]).empty()) {
    return InvalidArgumentError(path.string() + ": an example needs a title on its first line");
  }
  PromptExample ex;
  ex.name = path.stem().string();
  ex.title = Trim(lines[0]);
  ex.keywords.push_back(NormalizeForMatching(ex.name));
  size_t body_from = 1;
  if (lines.size() > 1) {
    const std::string second = Trim(lines[1]);
    if (second.size() >= 5 && NormalizeForMatching(second.substr(0, 5)) == "tags" && second[4] == ':') {
      std::istringstream tags(second.substr(5));
      for (std::string tag; std::getline(tags, tag, ',');) {
        std::string k = NormalizeForMatching(tag);
        if (!k.empty() && std::find(ex.keywords.begin(), ex.keywords.end(), k) == ex.keywords.end()) {
          ex.keywords.push_back(k);
        }
      }
      body_from = 2;
    }
  }
  for (size_t i = body_from; i < lines.size(); ++i) ex.body += lines[i] + "\n";
  size_t first = ex.body.find_first_not_of('\n');
  ex.body = first == std::string::npos ? "" : TrimRight(ex.body.substr(first));
  if (ex.body.empty()) return InvalidArgumentError(path.string() + ": the example has a title but no body");
  return ex;
}

}  // namespace

std::string NormalizeForMatching(const std::string& text) {
  std::string out;
  bool gap = false;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      if (gap && !out.empty()) out += ' ';
      out += static_cast<char>(std::tolower(c));
      gap = false;
    } else {
      gap = true;
    }
  }
  return out;
}

Result<PromptMaterial> LoadPromptMaterial(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NotFoundError(dir.string() + ": no such prompt folder");
  PromptMaterial m;
  m.dir = dir;
  AUTOCOMP_ASSIGN_OR_RETURN(m.isa, ReadRequired(dir, "isa.txt"));
  AUTOCOMP_ASSIGN_OR_RETURN(m.rules, ReadRequired(dir, "rules.txt"));
  AUTOCOMP_ASSIGN_OR_RETURN(std::string menu, ReadRequired(dir, "menu.txt"));
  for (const std::string& line : Lines(menu)) {
    std::string entry = Trim(line);
    if (!entry.empty()) m.menu.push_back(std::move(entry));
  }

  std::vector<fs::path> top;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") top.push_back(entry.path());
  }
  if (ec) return DataLossError(dir.string() + ": cannot list: " + ec.message());
  for (const fs::path& path : top) {
    AUTOCOMP_ASSIGN_OR_RETURN(std::string text, ReadText(path));
    m.files[path.filename().string()] = std::move(text);
  }
  if (auto it = m.files.find("feedback.txt"); it != m.files.end()) {
    AUTOCOMP_ASSIGN_OR_RETURN(m.hardware_metrics, ParseFeedbackFile(dir / "feedback.txt", it->second));
  }

  const fs::path examples = dir / "examples";
  if (fs::is_directory(examples, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(examples, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    if (ec) return DataLossError(examples.string() + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
      AUTOCOMP_ASSIGN_OR_RETURN(std::string text, ReadText(path));
      AUTOCOMP_ASSIGN_OR_RETURN(PromptExample ex, ParseExample(path, text));
      m.examples.push_back(std::move(ex));
    }
  }
  return m;
}

std::vector<const PromptExample*> MatchExamples(const PromptMaterial& material, const std::string& plan) {
  std::string text = " ";
  text += NormalizeForMatching(plan);
  text += ' ';
  std::vector<const PromptExample*> out;
  for (const PromptExample& ex : material.examples) {
    for (const std::string& k : ex.keywords) {
      std::string needle = " ";
      needle += k;
      needle += ' ';
      if (!k.empty() && text.find(needle) != std::string::npos) {
        out.push_back(&ex);
        break;
      }
    }
  }
  return out;
}

Result<std::string> SelectIsa(const PromptMaterial& material, const nlohmann::json& spec) {
  if (!spec.is_object() || !spec.contains("prompt_isa")) return material.isa;
  const nlohmann::json& value = spec["prompt_isa"];
  std::vector<std::string> names;
  if (value.is_string()) {
    names.push_back(value.get<std::string>());
  } else if (value.is_array() && !value.empty() &&
             std::all_of(value.begin(), value.end(), [](const nlohmann::json& v) { return v.is_string(); })) {
    for (const auto& v : value) names.push_back(v.get<std::string>());
  } else {
    return InvalidArgumentError("problem spec key prompt_isa must be a file name or a non-empty list of file names, got " +
                                value.dump());
  }
  std::string isa;
  for (const std::string& name : names) {
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
      return InvalidArgumentError("problem spec key prompt_isa: \"" + name + "\" is not a plain file name");
    }
    auto it = material.files.find(name);
    if (it == material.files.end()) {
      std::string has;
      for (const auto& [file, text] : material.files) has += (has.empty() ? "" : ", ") + file;
      return NotFoundError("problem spec key prompt_isa names " + name + ", which " + material.dir.string() +
                           " does not have (it has: " + has + ")");
    }
    if (!isa.empty()) isa += "\n\n";
    isa += it->second;
  }
  return isa;
}

}  // namespace autocomp
