// src/common/enum_names.h
//
// States are enums in code and names only where they are written out (the
// run file, the journal, JSON, reports). Each enum lists its names once, in
// a specialisation of EnumNames<E>:
//
//   template <> struct EnumNames<ProblemPhase> {
//     static constexpr std::array<std::pair<ProblemPhase, const char*>, 4> kNames = {{...}};
//   };
//
// NameOf(value) and FromName<E>(text) read that table; FromName returns
// nullopt for a name the table does not hold, so a reader can say what was wrong.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace autocomp {

template <class E>
struct EnumNames;

template <class E>
const char* NameOf(E value) {
  for (const auto& [v, name] : EnumNames<E>::kNames) {
    if (v == value) return name;
  }
  return "?";
}

template <class E>
std::optional<E> FromName(std::string_view name) {
  for (const auto& [v, n] : EnumNames<E>::kNames) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace autocomp
