// src/common/config_reader.h
//
// Reads one JSON object of a config file strictly: typed, range-checked
// values, required keys, and every key it did not ask about reported as
// unknown. Every error is worded one way, naming the file and the key path:
//
//   demo.json: search.beam_size: must be an integer from 1 to 1000
//   demo.json: llm.temprature: unknown key (known: backoff_initial_s, ...)
//
// The run config (config.cc) and the LLM section (llm_options.cc) both read
// through it. A getter leaves `*out` unchanged when the key is absent.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace autocomp {

class ConfigReader {
 public:
  // `path` is the object's key path ("" for the top level); `source` names the file.
  ConfigReader(const nlohmann::json& object, std::string path, std::string source);

  // InvalidArgument unless the object is a JSON object.
  Status CheckObject() const;

  // Whether `key` is present; marks it as known either way.
  bool Has(const std::string& key);
  const nlohmann::json& Raw(const std::string& key) const { return object_.at(key); }
  // A reader for the object under `key` (CheckObject() it before use).
  ConfigReader Child(const std::string& key);

  Status Required(const std::string& key);
  Status Int(const std::string& key, int* out, int64_t lo, int64_t hi);
  Status Int64(const std::string& key, int64_t* out, int64_t lo, int64_t hi = INT64_MAX);
  Status OptInt64(const std::string& key, std::optional<int64_t>* out, int64_t lo, int64_t hi = INT64_MAX);
  Status Uint64(const std::string& key, uint64_t* out);
  Status Number(const std::string& key, double* out, double lo, double hi);
  Status OptNumber(const std::string& key, std::optional<double>* out, double lo, double hi);
  Status Bool(const std::string& key, bool* out);
  // With `allowed`, the value must be one of them.
  Status String(const std::string& key, std::string* out, const std::vector<std::string>& allowed = {});

  // An error for every present key that no getter or Has() asked about.
  Status NoUnknownKeys() const;

  // "<path>.<key>" (or "<key>" at the top level).
  std::string KeyPath(const std::string& key) const;
  // "<source>: <key path>: <what>".
  Status Error(const std::string& key_path, const std::string& what) const;
  Status ErrorAt(const std::string& key, const std::string& what) const { return Error(KeyPath(key), what); }
  const std::string& path() const { return path_; }
  const std::string& source() const { return source_; }

 private:
  // Reads `key` into `out` when present; `what` is the error when `valid` rejects it.
  template <class T, class Valid>
  Status Read(const std::string& key, T* out, Valid valid, const std::string& what);
  // Sets `*out` from `read` when `key` is present.
  template <class T, class ReadValue>
  Status ReadOptional(const std::string& key, std::optional<T>* out, ReadValue read);

  const nlohmann::json& object_;
  std::string path_;
  std::string source_;
  std::set<std::string> known_;
};

}  // namespace autocomp
