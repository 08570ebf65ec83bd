// src/master/llm/api_keys.h
//
// Where API keys come from, and the promise that they go nowhere else.
//
//   openai/…     OPENAI_API_KEY
//   anthropic/…  ANTHROPIC_API_KEY
//   gemini/…     GEMINI_API_KEY, else GOOGLE_API_KEY
//   together/…   TOGETHER_API_KEY
//   <server>/…   the variable named by llm.servers.<server>.api_key_env;
//                none named: the request carries no key
//
// A key file (llm.key_file) holds "NAME=value" lines ('#' comments, blank
// lines and a leading "export " allowed, values optionally quoted). Its
// entries win over the environment. The file is refused when group or
// others have any access to it (like ssh does with private keys).
//
// Keys are handed only to the provider adapters that put them in request
// headers. Redact() scrubs every key this object knows from a text; the
// client runs every error message through it before it is stored or logged.
//
// Thread-safety: const methods are safe to call concurrently.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "master/llm/llm_options.h"
#include "master/llm/model_name.h"

namespace autocomp {

class ApiKeys {
 public:
  // Reads the key file if `key_file` is non-empty. Fails with
  // FailedPrecondition if it is group/other-accessible, NotFound if missing,
  // InvalidArgument on a malformed line (the line number, never its value).
  static Result<ApiKeys> Load(const std::string& key_file);

  // The variables consulted for `name`, in order; empty for a server that
  // declares no api_key_env.
  static std::vector<std::string> VariablesFor(const ModelName& name, const LlmOptions& options);

  // The key for `name`: std::nullopt if none is needed (keyless server).
  // Fails with FailedPrecondition naming the variable(s) to set.
  Result<std::optional<std::string>> KeyFor(const ModelName& name,
                                            const LlmOptions& options) const;

  // `text` with every known key (key file entries and the environment's
  // values of the variables above) and every 8+ character piece of one
  // replaced by "[redacted]".
  std::string Redact(const std::string& text) const;

  // For tests and for the lead's checks: whether `text` holds a known key.
  bool ContainsKey(const std::string& text) const;

 private:
  std::optional<std::string> Lookup(const std::string& variable) const;
  std::vector<std::string> AllKeys() const;

  std::string key_file_;
  std::map<std::string, std::string> file_entries_;
};

// Fails, at start, if any of `models` does not parse or lacks its key; the
// message names the model and the variable to set, e.g.
//   "model openai/o3-mini needs an API key: set OPENAI_API_KEY (or put it in
//    the key file named by llm.key_file)".
Status CheckKeys(const std::vector<std::string>& models, const LlmOptions& options);

}  // namespace autocomp
