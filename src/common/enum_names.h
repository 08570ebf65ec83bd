// src/common/enum_names.h
//
// States are enums in code and names only where they are written out (the
// run file, the journal, JSON, reports). Each enum lists its names once, in
// the order of its values (which count from 0), in a specialisation:
//
//   template <> struct EnumNames<ProblemPhase> {
//     static constexpr std::array kNames = {"pending", "searching", "done", "failed"};
//   };
//
// NameOf(value) and FromName<E>(text) read that table; FromName returns
// nullopt for a name the table does not hold, so a reader can say what was wrong.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace autocomp {

template <class E>
struct EnumNames;

template <class E>
const char* NameOf(E value) {
  const auto index = static_cast<size_t>(value);
  return index < EnumNames<E>::kNames.size() ? EnumNames<E>::kNames[index] : "?";
}

template <class E>
std::optional<E> FromName(std::string_view name) {
  for (size_t i = 0; i < EnumNames<E>::kNames.size(); ++i) {
    if (name == EnumNames<E>::kNames[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace autocomp
