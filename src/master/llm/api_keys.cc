// src/master/llm/api_keys.cc — environment and key-file lookup, redaction.
#include "master/llm/api_keys.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>

namespace autocomp {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

const std::vector<std::string> kBuiltinVariables = {
    "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "TOGETHER_API_KEY"};

constexpr size_t kMinPiece = 8;  // shorter pieces of a key are not secret enough to scrub

}  // namespace

Result<ApiKeys> ApiKeys::Load(const std::string& key_file) {
  ApiKeys keys;
  keys.key_file_ = key_file;
  if (key_file.empty()) return keys;

  struct stat st {};
  if (stat(key_file.c_str(), &st) != 0) {
    return NotFoundError("key file " + key_file + " (llm.key_file) does not exist");
  }
  if (!S_ISREG(st.st_mode)) {
    return FailedPreconditionError("key file " + key_file + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return FailedPreconditionError("key file " + key_file + " has mode " + mode +
                                   ": group or others can access it; run chmod 600 " + key_file);
  }
  std::ifstream in(key_file);
  if (!in) return FailedPreconditionError("key file " + key_file + " cannot be read");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t.rfind("export ", 0) == 0) t = Trim(t.substr(7));
    size_t eq = t.find('=');
    std::string name = eq == std::string::npos ? "" : Trim(t.substr(0, eq));
    if (name.empty() || name.find_first_of(" \t") != std::string::npos) {
      return InvalidArgumentError("key file " + key_file + ": line " + std::to_string(number) +
                                  " is not NAME=value");
    }
    std::string value = Trim(t.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    if (!value.empty()) keys.file_entries_[name] = value;
  }
  return keys;
}

std::vector<std::string> ApiKeys::VariablesFor(const ModelName& name, const LlmOptions& options) {
  if (name.is_server) {
    auto it = options.servers.find(name.provider);
    if (it == options.servers.end() || it->second.api_key_env.empty()) return {};
    return {it->second.api_key_env};
  }
  if (name.provider == "openai") return {"OPENAI_API_KEY"};
  if (name.provider == "anthropic") return {"ANTHROPIC_API_KEY"};
  if (name.provider == "gemini") return {"GEMINI_API_KEY", "GOOGLE_API_KEY"};
  if (name.provider == "together") return {"TOGETHER_API_KEY"};
  return {};
}

std::optional<std::string> ApiKeys::Lookup(const std::string& variable) const {
  if (auto it = file_entries_.find(variable); it != file_entries_.end()) return it->second;
  const char* env = std::getenv(variable.c_str());
  if (env != nullptr && *env != '\0') return std::string(env);
  return std::nullopt;
}

Result<std::optional<std::string>> ApiKeys::KeyFor(const ModelName& name,
                                                   const LlmOptions& options) const {
  std::vector<std::string> vars = VariablesFor(name, options);
  if (vars.empty()) return std::optional<std::string>();
  for (const auto& v : vars) {
    if (auto key = Lookup(v)) return std::optional<std::string>(*key);
  }
  std::string which = vars[0];
  for (size_t i = 1; i < vars.size(); ++i) which += " or " + vars[i];
  std::string where = key_file_.empty() ? std::string("(or name a key file in llm.key_file)")
                                        : "(or put it in the key file " + key_file_ + ")";
  return FailedPreconditionError("model " + name.full + " needs an API key: set " + which +
                                 " " + where);
}

std::vector<std::string> ApiKeys::AllKeys() const {
  std::set<std::string> keys;
  for (const auto& [name, value] : file_entries_) keys.insert(value);
  for (const auto& v : kBuiltinVariables) {
    if (auto k = Lookup(v)) keys.insert(*k);
  }
  // Keys of servers live in variables named by the config; the key file and
  // the environment values of names ending in _KEY cover them.
  for (char** env = environ; env != nullptr && *env != nullptr; ++env) {
    std::string entry(*env);
    size_t eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string name = entry.substr(0, eq);
    if (name.size() >= 4 && name.compare(name.size() - 4, 4, "_KEY") == 0) {
      keys.insert(entry.substr(eq + 1));
    }
  }
  std::vector<std::string> out;
  for (const auto& k : keys) {
    if (k.size() >= kMinPiece) out.push_back(k);
  }
  return out;
}

std::string ApiKeys::Redact(const std::string& text) const {
  std::vector<std::string> keys = AllKeys();
  if (keys.empty()) return text;
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Longest piece of any key (>= kMinPiece chars) starting at text[i].
    size_t best = 0;
    for (const auto& key : keys) {
      for (size_t k = 0; k + kMinPiece <= key.size(); ++k) {
        size_t n = 0;
        while (i + n < text.size() && k + n < key.size() && text[i + n] == key[k + n]) ++n;
        if (n >= kMinPiece && n > best) best = n;
      }
    }
    if (best > 0) {
      out += "[redacted]";
      i += best;
    } else {
      out += text[i++];
    }
  }
  return out;
}

bool ApiKeys::ContainsKey(const std::string& text) const {
  for (const auto& key : AllKeys()) {
    if (text.find(key) != std::string::npos) return true;
  }
  return false;
}

Status CheckKeys(const std::vector<std::string>& models, const LlmOptions& options) {
  AUTOCOMP_ASSIGN_OR_RETURN(ApiKeys keys, ApiKeys::Load(options.key_file));
  for (const auto& m : models) {
    AUTOCOMP_ASSIGN_OR_RETURN(ModelName name, ParseModelName(m, options.ServerFormats()));
    auto key = keys.KeyFor(name, options);
    if (!key.ok()) return key.status();
  }
  return Status::Ok();
}

}  // namespace autocomp
