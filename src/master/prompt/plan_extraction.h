// src/master/prompt/plan_extraction.h
//
// Takes the plan out of a phase-1 reply, and reads which menu entry it says
// it chose.
//
// ExtractPlan: the reply with every <think>/<thinking> block removed
// (thinking_blocks.h), trimmed. A reply that ends inside a thinking block has
// no plan: the result is empty, and the caller records "no plan".
//
// ChosenMenuEntry (best effort; the number refers to the menu as it was shown
// in the prompt, see Prompt::offered_menu): the first of, in text order,
//   - "optimization 3", "option 3", "entry 3", "item 3", "choice 3",
//     "number 3", "no. 3", "#3", "menu entry #3" (any case, optional '#');
//   - "I choose 3", "chose 3", "chosen: 3", "pick 3", "select 3", "selected 3";
// and, if none, a plan whose first line starts with "3." / "3)" / "3:"
// (after optional markdown '#', '*' or spaces). The number must stand alone
// ("option 32x32 tiles" is no choice) and be >= 1. Only the first 4000
// characters are searched. nullopt if none.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace autocomp {

std::string ExtractPlan(const std::string& reply);

std::optional<int> ChosenMenuEntry(const std::string& plan);

// The menu index behind the number `shown` (1-based) of a plan prompt whose
// offered entries were `offered_menu` (Prompt::offered_menu); nullopt when
// the number is out of range.
std::optional<int> MenuIndexOfChoice(const std::vector<int>& offered_menu, int shown);

}  // namespace autocomp
