// src/master/llm/llm_options.cc — strict parsing of the config's "llm" object.
#include "master/llm/llm_options.h"

#include <cstdlib>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

namespace autocomp {

namespace {

using nlohmann::json;

const std::set<std::string> kEfforts = {"none", "minimal", "low", "medium", "high"};

// Reads typed fields of one JSON object; every error names "<file>: <path>.<key>".
class FieldReader {
 public:
  FieldReader(const json& object, std::string file, std::string path)
      : object_(object), file_(std::move(file)), path_(std::move(path)) {}

  Status CheckObjectAndKeys(const std::set<std::string>& known) const {
    if (!object_.is_object()) return Error(path_, "must be an object");
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (known.count(it.key()) == 0) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        return Error(Sub(it.key()), "is not a known key (known: " + list + ")");
      }
    }
    return Status::Ok();
  }

  bool Has(const std::string& key) const { return object_.contains(key); }
  const json& Get(const std::string& key) const { return object_.at(key); }
  std::string Sub(const std::string& key) const { return path_ + "." + key; }
  const std::string& file() const { return file_; }

  Status Error(const std::string& where, const std::string& what) const {
    return InvalidArgumentError(file_ + ": " + where + " " + what);
  }

  Status Number(const std::string& key, double lo, double hi, double* out) const {
    if (!Has(key)) return Status::Ok();
    const json& v = Get(key);
    if (!v.is_number()) return Error(Sub(key), "must be a number");
    double d = v.get<double>();
    if (d < lo || d > hi) {
      return Error(Sub(key), "must be between " + Fmt(lo) + " and " + Fmt(hi));
    }
    *out = d;
    return Status::Ok();
  }
  Status OptNumber(const std::string& key, double lo, double hi, std::optional<double>* out) const {
    if (!Has(key)) return Status::Ok();
    double d = 0;
    AUTOCOMP_RETURN_IF_ERROR(Number(key, lo, hi, &d));
    *out = d;
    return Status::Ok();
  }
  Status Integer(const std::string& key, int64_t lo, int64_t* out) const {
    if (!Has(key)) return Status::Ok();
    const json& v = Get(key);
    if (!v.is_number_integer()) return Error(Sub(key), "must be an integer");
    int64_t i = v.get<int64_t>();
    if (i < lo) return Error(Sub(key), "must be >= " + std::to_string(lo));
    *out = i;
    return Status::Ok();
  }
  Status Int(const std::string& key, int lo, int* out) const {
    int64_t v = *out;
    AUTOCOMP_RETURN_IF_ERROR(Integer(key, lo, &v));
    if (v > 1'000'000'000) return Error(Sub(key), "is too large");
    *out = static_cast<int>(v);
    return Status::Ok();
  }
  Status String(const std::string& key, std::string* out) const {
    if (!Has(key)) return Status::Ok();
    const json& v = Get(key);
    if (!v.is_string()) return Error(Sub(key), "must be a string");
    *out = v.get<std::string>();
    return Status::Ok();
  }

 private:
  static std::string Fmt(double d) {
    std::string s = std::to_string(d);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  const json& object_;
  std::string file_;
  std::string path_;
};

Status ParseModelParams(const FieldReader& r, ModelParams* out) {
  AUTOCOMP_RETURN_IF_ERROR(r.OptNumber("temperature", 0, 2, &out->temperature));
  if (r.Has("max_tokens")) {
    int v = 0;
    AUTOCOMP_RETURN_IF_ERROR(r.Int("max_tokens", 1, &v));
    out->max_tokens = v;
  }
  if (r.Has("reasoning_effort")) {
    std::string e;
    AUTOCOMP_RETURN_IF_ERROR(r.String("reasoning_effort", &e));
    if (kEfforts.count(e) == 0) {
      return r.Error(r.Sub("reasoning_effort"),
                     "must be one of none, minimal, low, medium, high (got '" + e + "')");
    }
    out->reasoning_effort = e;
  }
  return Status::Ok();
}

Status CheckBaseUrl(const FieldReader& r, const std::string& key, const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return r.Error(r.Sub(key), "must start with http:// or https:// (got '" + url + "')");
  }
  return Status::Ok();
}

// "~/x" → $HOME/x; relative → beside the config file.
std::string Resolve(const std::string& config_path, const std::string& p) {
  if (p.empty()) return p;
  const char* home = std::getenv("HOME");
  if (p.rfind("~/", 0) == 0 && home != nullptr) return std::string(home) + p.substr(1);
  std::filesystem::path path(p);
  if (path.is_absolute()) return p;
  std::filesystem::path base = std::filesystem::path(config_path).parent_path();
  return (base / path).lexically_normal().string();
}

Status ParseProviders(const FieldReader& top, LlmOptions* o) {
  if (!top.Has("providers")) return Status::Ok();
  FieldReader r(top.Get("providers"), top.file(), top.Sub("providers"));
  AUTOCOMP_RETURN_IF_ERROR(r.CheckObjectAndKeys({"openai", "anthropic", "gemini", "together"}));
  for (auto& [name, value] : top.Get("providers").items()) {
    FieldReader p(value, top.file(), r.Sub(name));
    AUTOCOMP_RETURN_IF_ERROR(p.CheckObjectAndKeys({"base_url", "max_concurrency"}));
    ProviderOptions& po = o->providers[name];
    AUTOCOMP_RETURN_IF_ERROR(p.String("base_url", &po.base_url));
    AUTOCOMP_RETURN_IF_ERROR(CheckBaseUrl(p, "base_url", po.base_url));
    AUTOCOMP_RETURN_IF_ERROR(p.Int("max_concurrency", 1, &po.max_concurrency));
  }
  return Status::Ok();
}

Status ParseServers(const FieldReader& top, LlmOptions* o) {
  if (!top.Has("servers")) return Status::Ok();
  const json& servers = top.Get("servers");
  if (!servers.is_object()) return top.Error(top.Sub("servers"), "must be an object");
  for (auto& [name, value] : servers.items()) {
    FieldReader s(value, top.file(), top.Sub("servers") + "." + name);
    if (IsBuiltinProvider(name)) {
      return s.Error(top.Sub("servers") + "." + name,
                     "reuses a built-in provider name; pick another server name");
    }
    if (name.empty() || name.find('/') != std::string::npos) {
      return s.Error(top.Sub("servers") + "." + name, "is not a valid server name");
    }
    AUTOCOMP_RETURN_IF_ERROR(
        s.CheckObjectAndKeys({"base_url", "format", "api_key_env", "max_concurrency"}));
    ServerOptions so;
    if (!s.Has("base_url")) return s.Error(s.Sub("base_url"), "is required");
    AUTOCOMP_RETURN_IF_ERROR(s.String("base_url", &so.base_url));
    AUTOCOMP_RETURN_IF_ERROR(CheckBaseUrl(s, "base_url", so.base_url));
    std::string format = "openai";
    AUTOCOMP_RETURN_IF_ERROR(s.String("format", &format));
    if (format == "openai") so.format = WireFormat::kOpenAi;
    else if (format == "anthropic") so.format = WireFormat::kAnthropic;
    else if (format == "gemini") so.format = WireFormat::kGemini;
    else return s.Error(s.Sub("format"), "must be openai, anthropic or gemini");
    AUTOCOMP_RETURN_IF_ERROR(s.String("api_key_env", &so.api_key_env));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("max_concurrency", 1, &so.max_concurrency));
    o->servers[name] = so;
  }
  return Status::Ok();
}

Status CheckModelName(const FieldReader& r, const std::string& where, const std::string& name,
                      const LlmOptions& o) {
  auto parsed = ParseModelName(name, o.ServerFormats());
  if (!parsed.ok()) return r.Error(where, parsed.status().message());
  return Status::Ok();
}

}  // namespace

std::map<std::string, WireFormat> LlmOptions::ServerFormats() const {
  std::map<std::string, WireFormat> out;
  for (const auto& [name, s] : servers) out[name] = s.format;
  return out;
}

std::string LlmOptions::BaseUrlFor(const ModelName& name) const {
  std::string url;
  if (name.is_server) {
    auto it = servers.find(name.provider);
    if (it != servers.end()) url = it->second.base_url;
  } else if (auto it = providers.find(name.provider); it != providers.end()) {
    url = it->second.base_url;
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

int LlmOptions::MaxConcurrencyFor(const std::string& provider) const {
  if (auto it = servers.find(provider); it != servers.end()) return it->second.max_concurrency;
  if (auto it = providers.find(provider); it != providers.end()) return it->second.max_concurrency;
  return 1;
}

ModelParams LlmOptions::ParamsFor(const std::string& model) const {
  ModelParams out = defaults;
  if (auto it = model_params.find(model); it != model_params.end()) {
    if (it->second.temperature) out.temperature = it->second.temperature;
    if (it->second.max_tokens) out.max_tokens = it->second.max_tokens;
    if (it->second.reasoning_effort) out.reasoning_effort = it->second.reasoning_effort;
  }
  return out;
}

LlmOptions DefaultLlmOptions() {
  LlmOptions o;
  o.providers["openai"] = {"https://api.openai.com/v1", 8};
  o.providers["anthropic"] = {"https://api.anthropic.com", 8};
  o.providers["gemini"] = {"https://generativelanguage.googleapis.com", 8};
  o.providers["together"] = {"https://api.together.xyz/v1", 8};
  o.defaults.max_tokens = 8192;
  return o;
}

Result<LlmOptions> ParseLlmOptions(const nlohmann::json& llm_section,
                                   const std::string& config_path) {
  LlmOptions o = DefaultLlmOptions();
  FieldReader r(llm_section, config_path, "llm");
  AUTOCOMP_RETURN_IF_ERROR(r.CheckObjectAndKeys(
      {"models", "weights", "providers", "servers", "temperature", "max_tokens",
       "reasoning_effort", "model_params", "timeout_s", "connect_timeout_s", "max_retries",
       "backoff_initial_s", "backoff_max_s", "retry_after_max_s", "key_file", "prices_file",
       "max_cost_usd", "max_llm_calls"}));

  AUTOCOMP_RETURN_IF_ERROR(ParseProviders(r, &o));
  AUTOCOMP_RETURN_IF_ERROR(ParseServers(r, &o));
  AUTOCOMP_RETURN_IF_ERROR(ParseModelParams(r, &o.defaults));

  if (r.Has("models")) {
    const json& models = r.Get("models");
    if (!models.is_array()) return r.Error("llm.models", "must be an array of model names");
    for (size_t i = 0; i < models.size(); ++i) {
      std::string where = "llm.models[" + std::to_string(i) + "]";
      if (!models[i].is_string()) return r.Error(where, "must be a string");
      std::string name = models[i].get<std::string>();
      AUTOCOMP_RETURN_IF_ERROR(CheckModelName(r, where, name, o));
      for (const auto& m : o.models) {
        if (m == name) return r.Error(where, "repeats '" + name + "'; use llm.weights instead");
      }
      o.models.push_back(name);
    }
  }
  if (r.Has("weights")) {
    const json& weights = r.Get("weights");
    if (!weights.is_object()) return r.Error("llm.weights", "must be an object model → number");
    for (auto& [name, value] : weights.items()) {
      std::string where = "llm.weights." + name;
      if (!value.is_number() || value.get<double>() < 0) {
        return r.Error(where, "must be a number >= 0");
      }
      bool listed = false;
      for (const auto& m : o.models) listed = listed || m == name;
      if (!listed) return r.Error(where, "names a model that is not in llm.models");
      o.weights[name] = value.get<double>();
    }
  }
  if (r.Has("model_params")) {
    const json& mp = r.Get("model_params");
    if (!mp.is_object()) return r.Error("llm.model_params", "must be an object");
    for (auto& [name, value] : mp.items()) {
      std::string where = "llm.model_params." + name;
      AUTOCOMP_RETURN_IF_ERROR(CheckModelName(r, where, name, o));
      FieldReader p(value, config_path, where);
      AUTOCOMP_RETURN_IF_ERROR(
          p.CheckObjectAndKeys({"temperature", "max_tokens", "reasoning_effort"}));
      AUTOCOMP_RETURN_IF_ERROR(ParseModelParams(p, &o.model_params[name]));
    }
  }

  AUTOCOMP_RETURN_IF_ERROR(r.Number("timeout_s", 0.001, 86400, &o.timeout_s));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("connect_timeout_s", 0.001, 3600, &o.connect_timeout_s));
  AUTOCOMP_RETURN_IF_ERROR(r.Int("max_retries", 0, &o.max_retries));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("backoff_initial_s", 0, 3600, &o.backoff_initial_s));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("backoff_max_s", 0, 86400, &o.backoff_max_s));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("retry_after_max_s", 0, 86400, &o.retry_after_max_s));
  AUTOCOMP_RETURN_IF_ERROR(r.String("key_file", &o.key_file));
  AUTOCOMP_RETURN_IF_ERROR(r.String("prices_file", &o.prices_file));
  o.key_file = Resolve(config_path, o.key_file);
  o.prices_file = Resolve(config_path, o.prices_file);
  AUTOCOMP_RETURN_IF_ERROR(r.OptNumber("max_cost_usd", 0, 1e12, &o.max_cost_usd));
  if (r.Has("max_llm_calls")) {
    int64_t calls = 0;
    AUTOCOMP_RETURN_IF_ERROR(r.Integer("max_llm_calls", 0, &calls));
    o.max_llm_calls = calls;
  }
  return o;
}

}  // namespace autocomp
