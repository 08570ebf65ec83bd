// src/common/offline_tuner.h
//
// What a backend offers the offline proposer: the documented knobs of its
// problems, as moves on an optimization menu. The offline proposer plays the
// LLM's part without a network: phase 1 picks moves from the menu (after the
// same random dropout an LLM prompt gets), phase 2 turns a move into code.
// Its code is built, checked and measured like anybody's.
//
// A tuner only understands code it generated itself (it records its knob
// settings in a comment); for other code Moves() returns nothing.
//
// Thread-safety: const methods, no state; safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/problem.h"
#include "common/status.h"

namespace autocomp {

struct TunerMove {
  int menu_index = 0;       // which line of Menu() this move applies
  std::string plan;         // the plan text, as an LLM would write it
};

class OfflineTuner {
 public:
  virtual ~OfflineTuner() = default;

  // The optimization menu for this problem, one entry per line.
  virtual std::vector<std::string> Menu(const Problem& problem) const = 0;

  // Moves applicable to `parent_code`, restricted to the kept menu entries.
  virtual std::vector<TunerMove> Moves(const Problem& problem, const std::string& parent_code,
                                       const std::vector<int>& kept_menu_entries) const = 0;

  // Code for `plan` applied to `parent_code`. `variant` (0, 1, ...) picks one
  // of several concrete settings the plan allows; the same inputs always give
  // the same code.
  virtual Result<std::string> Implement(const Problem& problem, const std::string& parent_code,
                                        const std::string& plan, int variant) const = 0;
};

// How tuners mark what they wrote: generated code starts with `marker`
// followed by its knobs as JSON on one line; a move's plan ends with
// "offline-move: <id>". Shared by every backend's tuner.
std::string KnobsLine(const std::string& marker, const nlohmann::json& knobs);  // with the '\n'
// The knobs of code that starts with `marker` (nullopt otherwise, or when they are not an object).
std::optional<nlohmann::json> KnobsInMarkerLine(const std::string& code, const std::string& marker);
std::string MoveTag(const std::string& id);
// The id a plan's move tag names; nullopt when it names none.
std::optional<std::string> MoveIdOf(const std::string& plan);

}  // namespace autocomp
