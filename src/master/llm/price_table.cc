// src/master/llm/price_table.cc — loading and looking up model prices.
#include "master/llm/price_table.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace autocomp {

Result<PriceTable> PriceTable::FromJson(std::string_view text, const std::string& origin) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgumentError(origin + ": not valid JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("models") || !doc["models"].is_object()) {
    return InvalidArgumentError(origin + ": must be an object with a \"models\" object");
  }
  PriceTable table;
  if (doc.contains("as_of") && doc["as_of"].is_string()) table.as_of_ = doc["as_of"];
  for (auto& [model, entry] : doc["models"].items()) {
    const std::string where = origin + ": models." + model;
    if (model.find('/') == std::string::npos) {
      return InvalidArgumentError(where + " must be a full name like openai/o3-mini");
    }
    if (!entry.is_object() || !entry.contains("input") || !entry.contains("output") ||
        !entry["input"].is_number() || !entry["output"].is_number()) {
      return InvalidArgumentError(where + " must be {\"input\": number, \"output\": number}");
    }
    for (auto& [key, value] : entry.items()) {
      if (key != "input" && key != "output" && key != "note") {
        return InvalidArgumentError(where + "." + key + " is not a known key");
      }
    }
    ModelPrice price{entry["input"].get<double>(), entry["output"].get<double>()};
    if (price.input_per_mtok < 0 || price.output_per_mtok < 0) {
      return InvalidArgumentError(where + " has a negative price");
    }
    table.prices_[model] = price;
  }
  return table;
}

Result<PriceTable> PriceTable::Builtin() {
  return FromJson(BuiltinPriceTableJson(), "config/llm_prices.json (built in)");
}

Result<PriceTable> PriceTable::Load(const std::string& override_file) {
  AUTOCOMP_ASSIGN_OR_RETURN(PriceTable table, Builtin());
  if (override_file.empty()) return table;
  std::ifstream in(override_file);
  if (!in) return NotFoundError("price file " + override_file + " (llm.prices_file) cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  AUTOCOMP_ASSIGN_OR_RETURN(PriceTable user, FromJson(text.str(), override_file));
  table.Merge(user);
  return table;
}

void PriceTable::Merge(const PriceTable& other) {
  for (const auto& [model, price] : other.prices_) prices_[model] = price;
  if (!other.as_of_.empty()) as_of_ = other.as_of_;
}

std::optional<ModelPrice> PriceTable::Find(const std::string& model) const {
  if (auto it = prices_.find(model); it != prices_.end()) return it->second;
  // Longest prefix that the name continues with '-'.
  for (size_t dash = model.rfind('-'); dash != std::string::npos && dash > 0;
       dash = model.rfind('-', dash - 1)) {
    if (auto it = prices_.find(model.substr(0, dash)); it != prices_.end()) return it->second;
  }
  size_t slash = model.find('/');
  if (slash != std::string::npos) {
    if (auto it = prices_.find(model.substr(0, slash) + "/*"); it != prices_.end()) {
      return it->second;
    }
  }
  return std::nullopt;
}

}  // namespace autocomp
