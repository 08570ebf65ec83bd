// src/common/config_reader.cc — strict, uniformly worded reading of config objects.
#include "common/config_reader.h"

#include <algorithm>

#include <fmt/format.h>

namespace autocomp {

using nlohmann::json;

namespace {

// 0.001, 86400, 1e+12: short and exact enough for a message.
std::string Num(double d) { return fmt::format("{:g}", d); }

}  // namespace

ConfigReader::ConfigReader(const json& object, std::string path, std::string source)
    : object_(object), path_(std::move(path)), source_(std::move(source)) {}

Status ConfigReader::CheckObject() const {
  if (!object_.is_object()) return Error(path_.empty() ? "the config" : path_, "must be an object");
  return Status::Ok();
}

bool ConfigReader::Has(const std::string& key) {
  known_.insert(key);
  return object_.is_object() && object_.contains(key);
}

ConfigReader ConfigReader::Child(const std::string& key) { return ConfigReader(object_.at(key), KeyPath(key), source_); }

Status ConfigReader::Required(const std::string& key) {
  return Has(key) ? Status::Ok() : ErrorAt(key, "is required");
}

Status ConfigReader::Int64(const std::string& key, int64_t* out, int64_t lo, int64_t hi) {
  if (!Has(key)) return Status::Ok();
  const json& v = object_.at(key);
  bool in_range = v.is_number_integer() && !(v.is_number_unsigned() && v.get<uint64_t>() > INT64_MAX);
  if (in_range) in_range = v.get<int64_t>() >= lo && v.get<int64_t>() <= hi;
  if (!in_range) {
    return ErrorAt(key, hi == INT64_MAX ? fmt::format("must be an integer >= {}", lo)
                                        : fmt::format("must be an integer from {} to {}", lo, hi));
  }
  *out = v.get<int64_t>();
  return Status::Ok();
}

Status ConfigReader::Int(const std::string& key, int* out, int64_t lo, int64_t hi) {
  int64_t v = *out;
  AUTOCOMP_RETURN_IF_ERROR(Int64(key, &v, lo, hi));
  *out = static_cast<int>(v);
  return Status::Ok();
}

Status ConfigReader::OptInt64(const std::string& key, std::optional<int64_t>* out, int64_t lo, int64_t hi) {
  if (!Has(key)) return Status::Ok();
  int64_t v = 0;
  AUTOCOMP_RETURN_IF_ERROR(Int64(key, &v, lo, hi));
  *out = v;
  return Status::Ok();
}

Status ConfigReader::Uint64(const std::string& key, uint64_t* out) {
  if (!Has(key)) return Status::Ok();
  const json& v = object_.at(key);
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0)) {
    return ErrorAt(key, "must be a non-negative integer");
  }
  *out = v.get<uint64_t>();
  return Status::Ok();
}

Status ConfigReader::Number(const std::string& key, double* out, double lo, double hi) {
  if (!Has(key)) return Status::Ok();
  const json& v = object_.at(key);
  if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
    return ErrorAt(key, "must be a number from " + Num(lo) + " to " + Num(hi));
  }
  *out = v.get<double>();
  return Status::Ok();
}

Status ConfigReader::OptNumber(const std::string& key, std::optional<double>* out, double lo, double hi) {
  if (!Has(key)) return Status::Ok();
  double v = 0;
  AUTOCOMP_RETURN_IF_ERROR(Number(key, &v, lo, hi));
  *out = v;
  return Status::Ok();
}

Status ConfigReader::Bool(const std::string& key, bool* out) {
  if (!Has(key)) return Status::Ok();
  if (!object_.at(key).is_boolean()) return ErrorAt(key, "must be true or false");
  *out = object_.at(key).get<bool>();
  return Status::Ok();
}

Status ConfigReader::String(const std::string& key, std::string* out, const std::vector<std::string>& allowed) {
  if (!Has(key)) return Status::Ok();
  const json& v = object_.at(key);
  if (!v.is_string()) return ErrorAt(key, "must be a string");
  const std::string value = v.get<std::string>();
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    return ErrorAt(key, "must be one of " + list + ", not \"" + value + "\"");
  }
  *out = value;
  return Status::Ok();
}

Status ConfigReader::NoUnknownKeys() const {
  if (!object_.is_object()) return Status::Ok();
  for (const auto& [key, value] : object_.items()) {
    if (known_.count(key)) continue;
    std::string list;
    for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
    return ErrorAt(key, "unknown key (known: " + list + ")");
  }
  return Status::Ok();
}

std::string ConfigReader::KeyPath(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

Status ConfigReader::Error(const std::string& key_path, const std::string& what) const {
  return InvalidArgumentError(source_ + ": " + key_path + ": " + what);
}

}  // namespace autocomp
