// src/common/record_json.h
//
// JSON objects from the field lists of record_fields.h, for the journal and
// for JSON output: RecordToJson() writes every field (an absent optional is
// left out; a field's journal name, where it has one, is used), and
// RecordFromJson() reads them back, keeping the default for a missing key and
// failing with DataLoss, naming the key, on a value of the wrong type.
//
// Member types: as record_fields.h lists; ProblemId is {"backend", "set", "index"},
// enums are their names.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/enum_names.h"
#include "common/problem.h"
#include "common/status.h"

namespace autocomp {

nlohmann::json ToJson(const ProblemId& id);
std::optional<ProblemId> ProblemIdFromJson(const nlohmann::json& j);

namespace record_json {

template <class T>
void Put(nlohmann::json& j, const char* key, const T& value) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, std::optional<double>> || std::is_same_v<U, std::optional<uint64_t>>) {
    if (value) j[key] = *value;
  } else if constexpr (std::is_same_v<U, ProblemId>) {
    j[key] = ToJson(value);
  } else if constexpr (std::is_enum_v<U>) {
    j[key] = NameOf(value);
  } else {
    j[key] = value;
  }
}

// False when `j` has the wrong type for T.
template <class T>
bool Get(const nlohmann::json& j, T& value) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, bool>) {
    if (!j.is_boolean()) return false;
    value = j.get<bool>();
  } else if constexpr (std::is_same_v<U, double>) {
    if (!j.is_number()) return false;
    value = j.get<double>();
  } else if constexpr (std::is_integral_v<U>) {
    if (!j.is_number_integer()) return false;
    value = j.get<U>();
  } else if constexpr (std::is_same_v<U, std::optional<double>>) {
    if (!j.is_number()) return false;
    value = j.get<double>();
  } else if constexpr (std::is_same_v<U, std::optional<uint64_t>>) {
    if (!j.is_number_unsigned()) return false;
    value = j.get<uint64_t>();
  } else if constexpr (std::is_same_v<U, std::string>) {
    if (!j.is_string()) return false;
    value = j.get<std::string>();
  } else if constexpr (std::is_same_v<U, std::vector<uint64_t>>) {
    if (!j.is_array()) return false;
    for (const auto& e : j) {
      if (!e.is_number_unsigned()) return false;
    }
    value = j.get<std::vector<uint64_t>>();
  } else if constexpr (std::is_same_v<U, ProblemId>) {
    auto id = ProblemIdFromJson(j);
    if (!id) return false;
    value = *id;
  } else if constexpr (std::is_same_v<U, nlohmann::json>) {
    value = j;
  } else if constexpr (std::is_enum_v<U>) {
    if (!j.is_string()) return false;
    auto v = FromName<U>(j.get<std::string>());
    if (!v) return false;
    value = *v;
  } else {
    static_assert(sizeof(U) == 0, "no JSON form for this member type");
  }
  return true;
}

}  // namespace record_json

// Adds every field of `record` to the object `j`.
template <class R>
void AddFieldsToJson(nlohmann::json& j, const R& record) {
  Fields(record, [&](const char* name, const auto& member, const char* journal = nullptr) {
    record_json::Put(j, journal ? journal : name, member);
  });
}

template <class R>
nlohmann::json RecordToJson(const R& record) {
  nlohmann::json j = nlohmann::json::object();
  AddFieldsToJson(j, record);
  return j;
}

template <class R>
Status RecordFromJson(const nlohmann::json& j, R& record) {
  if (!j.is_object()) return DataLossError("expected a JSON object");
  Status status;
  Fields(record, [&](const char* name, auto& member, const char* journal = nullptr) {
    const char* key = journal ? journal : name;
    if (status.ok() && j.contains(key) && !record_json::Get(j.at(key), member)) {
      status = DataLossError(std::string("'") + key + "' has a value of the wrong type: " + j.at(key).dump());
    }
  });
  return status;
}

}  // namespace autocomp
