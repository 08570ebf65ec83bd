// src/master/llm/llm_budget.cc
#include "master/llm/llm_budget.h"

#include <cstdio>

namespace autocomp {

std::string LlmBudget::reason() const {
  char buf[160];
  if (max_cost_usd_ && spent_usd_ >= *max_cost_usd_) {
    std::snprintf(buf, sizeof buf, "llm.max_cost_usd reached: spent $%.4f of $%.2f", spent_usd_,
                  *max_cost_usd_);
    return buf;
  }
  if (max_calls_ && calls_started_ >= *max_calls_) {
    std::snprintf(buf, sizeof buf, "llm.max_llm_calls reached: %lld calls of %lld",
                  static_cast<long long>(calls_started_), static_cast<long long>(*max_calls_));
    return buf;
  }
  return "";
}

}  // namespace autocomp
