// src/master/llm/llm_options.cc — strict parsing of the config's "llm" object.
#include "master/llm/llm_options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "common/config_reader.h"

namespace autocomp {

namespace {

using nlohmann::json;

const std::vector<std::string> kEffortList = {"none", "minimal", "low", "medium", "high"};

Status ParseModelParams(ConfigReader& r, ModelParams* out) {
  AUTOCOMP_RETURN_IF_ERROR(r.OptNumber("temperature", &out->temperature, 0, 2));
  std::optional<int64_t> max_tokens;
  AUTOCOMP_RETURN_IF_ERROR(r.OptInt64("max_tokens", &max_tokens, 1, 1'000'000'000));
  if (max_tokens) out->max_tokens = static_cast<int>(*max_tokens);
  if (r.Has("reasoning_effort")) {
    std::string e;
    AUTOCOMP_RETURN_IF_ERROR(r.String("reasoning_effort", &e, kEffortList));
    out->reasoning_effort = e;
  }
  return Status::Ok();
}

Status CheckBaseUrl(const ConfigReader& r, const std::string& key, const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return r.ErrorAt(key, "must start with http:// or https:// (got '" + url + "')");
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

Status ParseProviders(ConfigReader& top, LlmOptions* o) {
  if (!top.Has("providers")) return Status::Ok();
  ConfigReader r = top.Child("providers");
  AUTOCOMP_RETURN_IF_ERROR(r.CheckObject());
  for (auto& [name, value] : top.Raw("providers").items()) {
    if (!IsBuiltinProvider(name)) continue;  // reported by NoUnknownKeys below
    (void)r.Has(name);
    ConfigReader p = r.Child(name);
    AUTOCOMP_RETURN_IF_ERROR(p.CheckObject());
    ProviderOptions& po = o->providers[name];
    AUTOCOMP_RETURN_IF_ERROR(p.String("base_url", &po.base_url));
    AUTOCOMP_RETURN_IF_ERROR(CheckBaseUrl(p, "base_url", po.base_url));
    AUTOCOMP_RETURN_IF_ERROR(p.Int("max_concurrency", &po.max_concurrency, 1, 1'000'000'000));
    AUTOCOMP_RETURN_IF_ERROR(p.NoUnknownKeys());
  }
  for (const char* name : {"openai", "anthropic", "gemini", "together"}) (void)r.Has(name);
  return r.NoUnknownKeys();
}

Status ParseServers(ConfigReader& top, LlmOptions* o) {
  if (!top.Has("servers")) return Status::Ok();
  ConfigReader servers = top.Child("servers");
  AUTOCOMP_RETURN_IF_ERROR(servers.CheckObject());
  for (auto& [name, value] : top.Raw("servers").items()) {
    (void)servers.Has(name);
    if (IsBuiltinProvider(name)) return servers.ErrorAt(name, "reuses a built-in provider name; pick another server name");
    if (name.empty() || name.find('/') != std::string::npos) return servers.ErrorAt(name, "is not a valid server name");
    ConfigReader s = servers.Child(name);
    AUTOCOMP_RETURN_IF_ERROR(s.CheckObject());
    ServerOptions so;
    AUTOCOMP_RETURN_IF_ERROR(s.Required("base_url"));
    AUTOCOMP_RETURN_IF_ERROR(s.String("base_url", &so.base_url));
    AUTOCOMP_RETURN_IF_ERROR(CheckBaseUrl(s, "base_url", so.base_url));
    std::string format = "openai";
    AUTOCOMP_RETURN_IF_ERROR(s.String("format", &format, {"anthropic", "gemini", "openai"}));
    so.format = format == "anthropic" ? WireFormat::kAnthropic : format == "gemini" ? WireFormat::kGemini : WireFormat::kOpenAi;
    AUTOCOMP_RETURN_IF_ERROR(s.String("api_key_env", &so.api_key_env));
    AUTOCOMP_RETURN_IF_ERROR(s.Int("max_concurrency", &so.max_concurrency, 1, 1'000'000'000));
    AUTOCOMP_RETURN_IF_ERROR(s.NoUnknownKeys());
    o->servers[name] = so;
  }
  return Status::Ok();
}

Status CheckModelName(const ConfigReader& r, const std::string& key_path, const std::string& name,
                      const LlmOptions& o) {
  auto parsed = ParseModelName(name, o.ServerFormats());
  if (!parsed.ok()) return r.Error(key_path, parsed.status().message());
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

Result<LlmOptions> ParseLlmOptions(const nlohmann::json& llm_section, const std::string& config_path,
                                   const std::vector<std::string>& models) {
  LlmOptions o = DefaultLlmOptions();
  ConfigReader r(llm_section, "llm", config_path);
  AUTOCOMP_RETURN_IF_ERROR(r.CheckObject());
  AUTOCOMP_RETURN_IF_ERROR(ParseProviders(r, &o));
  AUTOCOMP_RETURN_IF_ERROR(ParseServers(r, &o));
  AUTOCOMP_RETURN_IF_ERROR(ParseModelParams(r, &o.defaults));

  for (size_t i = 0; i < models.size(); ++i) {
    AUTOCOMP_RETURN_IF_ERROR(CheckModelName(r, "models[" + std::to_string(i) + "]", models[i], o));
    if (std::find(o.models.begin(), o.models.end(), models[i]) != o.models.end()) {
      return r.Error("models[" + std::to_string(i) + "]", "repeats '" + models[i] + "'; use llm.weights instead");
    }
    o.models.push_back(models[i]);
  }
  if (r.Has("weights")) {
    const json& weights = r.Raw("weights");
    if (!weights.is_object()) return r.ErrorAt("weights", "must be an object model → number");
    for (auto& [name, value] : weights.items()) {
      const std::string where = r.KeyPath("weights") + "." + name;
      if (!value.is_number() || value.get<double>() < 0) return r.Error(where, "must be a number >= 0");
      if (std::find(o.models.begin(), o.models.end(), name) == o.models.end()) {
        return r.Error(where, "names a model that is not in the top-level \"models\"");
      }
      o.weights[name] = value.get<double>();
    }
  }
  if (r.Has("model_params")) {
    ConfigReader params = r.Child("model_params");
    AUTOCOMP_RETURN_IF_ERROR(params.CheckObject());
    for (auto& [name, value] : r.Raw("model_params").items()) {
      (void)params.Has(name);
      AUTOCOMP_RETURN_IF_ERROR(CheckModelName(r, params.KeyPath(name), name, o));
      ConfigReader p = params.Child(name);
      AUTOCOMP_RETURN_IF_ERROR(p.CheckObject());
      AUTOCOMP_RETURN_IF_ERROR(ParseModelParams(p, &o.model_params[name]));
      AUTOCOMP_RETURN_IF_ERROR(p.NoUnknownKeys());
    }
  }

  AUTOCOMP_RETURN_IF_ERROR(r.Number("timeout_s", &o.timeout_s, 0.001, 86400));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("connect_timeout_s", &o.connect_timeout_s, 0.001, 3600));
  AUTOCOMP_RETURN_IF_ERROR(r.Int("max_retries", &o.max_retries, 0, 1'000'000'000));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("backoff_initial_s", &o.backoff_initial_s, 0, 3600));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("backoff_max_s", &o.backoff_max_s, 0, 86400));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("retry_after_max_s", &o.retry_after_max_s, 0, 86400));
  AUTOCOMP_RETURN_IF_ERROR(r.String("key_file", &o.key_file));
  AUTOCOMP_RETURN_IF_ERROR(r.String("prices_file", &o.prices_file));
  o.key_file = Resolve(config_path, o.key_file);
  o.prices_file = Resolve(config_path, o.prices_file);
  AUTOCOMP_RETURN_IF_ERROR(r.OptNumber("max_cost_usd", &o.max_cost_usd, 0, 1e12));
  AUTOCOMP_RETURN_IF_ERROR(r.OptInt64("max_llm_calls", &o.max_llm_calls, 0));
  AUTOCOMP_RETURN_IF_ERROR(r.NoUnknownKeys());
  return o;
}

}  // namespace autocomp
