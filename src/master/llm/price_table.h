// src/master/llm/price_table.h
//
// USD prices per million tokens, per model, for the cost column of every
// LLM call and for llm.max_cost_usd. The built-in table is
// config/llm_prices.json, compiled into the binary; a user file
// (llm.prices_file, same format) adds models or replaces entries.
//
//   {
//     "as_of": "2025-08", "source": "...", "unit": "USD per 1M tokens",
//     "models": {
//       "openai/o3-mini": {"input": 1.10, "output": 4.40},
//       "local/*":        {"input": 0,    "output": 0}
//     }
//   }
//
// Lookup of a full model name: the exact entry; else the longest entry that
// is a prefix ending where the name continues with '-' (so a dated snapshot
// "openai/gpt-4o-2024-08-06" finds "openai/gpt-4o"); else "<provider>/*".
// A model found nowhere costs 0 and its calls say price_known = false.
//
// Thread-safety: const methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace autocomp {

struct ModelPrice {
  double input_per_mtok = 0;   // USD per 1,000,000 prompt tokens
  double output_per_mtok = 0;  // USD per 1,000,000 completion tokens

  double Cost(int64_t prompt_tokens, int64_t completion_tokens) const {
    return (static_cast<double>(prompt_tokens) * input_per_mtok +
            static_cast<double>(completion_tokens) * output_per_mtok) / 1e6;
  }
};

class PriceTable {
 public:
  // Parses the JSON format above; `origin` names the source in errors.
  static Result<PriceTable> FromJson(std::string_view text, const std::string& origin);
  // The table compiled from config/llm_prices.json.
  static Result<PriceTable> Builtin();
  // Builtin() with the entries of `override_file` on top (if non-empty).
  static Result<PriceTable> Load(const std::string& override_file);

  // Entries of `other` replace or add to this table's.
  void Merge(const PriceTable& other);

  std::optional<ModelPrice> Find(const std::string& model) const;
  size_t size() const { return prices_.size(); }
  const std::string& as_of() const { return as_of_; }

 private:
  std::map<std::string, ModelPrice> prices_;
  std::string as_of_;
};

// The text of config/llm_prices.json at build time (generated source).
std::string_view BuiltinPriceTableJson();

}  // namespace autocomp
