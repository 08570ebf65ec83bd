// src/master/llm/llm_options.h
//
// LlmOptions: everything the LLM layer takes from the config's "llm" object,
// plus two switches the program sets itself (replay_only, jitter_seed).
// ParseLlmOptions() validates strictly (common/config_reader.h): an unknown
// key or a wrong type is an error that names the key, e.g.
//   "config.json: llm.timeout_s: must be a number from 0.001 to 86400".
// docs/llm.md documents every key with its default and an example.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/status.h"
#include "master/llm/model_name.h"

namespace autocomp {

// One of the built-in providers (openai, anthropic, gemini, together).
struct ProviderOptions {
  // Where requests go. Defaults: https://api.openai.com/v1,
  // https://api.anthropic.com, https://generativelanguage.googleapis.com,
  // https://api.together.xyz/v1. Override to use a proxy or a test server.
  std::string base_url;
  int max_concurrency = 8;  // requests in flight at once to this provider
};

// A named server the user runs (vLLM, llama.cpp, Ollama, a proxy).
struct ServerOptions {
  std::string base_url;  // REQUIRED, e.g. "http://gpu01:8000/v1"
  WireFormat format = WireFormat::kOpenAi;
  std::string api_key_env;  // variable holding its key; empty: send no key
  int max_concurrency = 4;
};

// Sampling parameters; unset fields fall through to the next level
// (request → llm.model_params[model] → llm defaults).
struct ModelParams {
  std::optional<double> temperature;
  std::optional<int> max_tokens;
  std::optional<std::string> reasoning_effort;
};

struct LlmOptions {
  std::vector<std::string> models;          // ensemble, in order; may be empty
  std::map<std::string, double> weights;    // model → weight >= 0 (missing: 1)
  std::map<std::string, ProviderOptions> providers;  // always holds all four
  std::map<std::string, ServerOptions> servers;
  ModelParams defaults;                     // temperature unset, max_tokens 8192
  std::map<std::string, ModelParams> model_params;

  double timeout_s = 600;          // per attempt, whole transfer
  double connect_timeout_s = 30;
  int max_retries = 5;             // transient failures retried this often
  double backoff_initial_s = 1;    // first backoff; doubles each retry
  double backoff_max_s = 60;       // backoff cap (before jitter)
  double retry_after_max_s = 300;  // longest Retry-After honoured

  // Resolved by ParseLlmOptions: "~/" → $HOME, relative → beside the config.
  std::string key_file;     // empty: keys only from the environment
  std::string prices_file;  // empty: the built-in price table alone

  std::optional<double> max_cost_usd;
  std::optional<int64_t> max_llm_calls;

  // Set by the program, not by the config.
  bool replay_only = false;      // --replay: answer from the cache, never send
  uint64_t jitter_seed = 0;      // 0: seeded from std::random_device
  size_t max_response_bytes = 32u << 20;

  // The server format map ParseModelName() wants.
  std::map<std::string, WireFormat> ServerFormats() const;
  // Provider or server name → its base URL and concurrency limit.
  std::string BaseUrlFor(const ModelName& name) const;
  int MaxConcurrencyFor(const std::string& provider) const;
  // Request fields over model_params over defaults.
  ModelParams ParamsFor(const std::string& model) const;
};

// LlmOptions with every default filled in (no models).
LlmOptions DefaultLlmOptions();

// Parses the config's "llm" object for the ensemble `models` (the config's
// top-level "models"). `config_path` prefixes error messages and anchors
// relative key_file / prices_file paths. Model names in models, weights and
// model_params are checked against providers and servers.
Result<LlmOptions> ParseLlmOptions(const nlohmann::json& llm_section, const std::string& config_path,
                                   const std::vector<std::string>& models);

}  // namespace autocomp
