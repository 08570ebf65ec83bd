// src/master/llm/ensemble.cc — dividing calls across models.
#include "master/llm/ensemble.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace autocomp {

std::vector<std::pair<std::string, int>> SplitCalls(int n, const std::vector<std::string>& models,
                                                    const std::map<std::string, double>& weights) {
  std::vector<std::pair<std::string, int>> out;
  if (n <= 0 || models.empty()) return out;
  std::vector<double> w;
  for (const auto& m : models) {
    auto it = weights.find(m);
    w.push_back(it == weights.end() ? 1.0 : std::max(0.0, it->second));
  }
  double total = std::accumulate(w.begin(), w.end(), 0.0);
  if (total <= 0) return out;

  std::vector<int> counts(models.size(), 0);
  std::vector<double> fraction(models.size(), 0);
  int given = 0;
  for (size_t i = 0; i < models.size(); ++i) {
    double quota = n * w[i] / total;
    // Guard against 2.9999999 for an exact quota of 3.
    double floored = std::floor(quota + 1e-9);
    counts[i] = static_cast<int>(floored);
    fraction[i] = w[i] > 0 ? quota - floored : -1;  // weight 0 never gets the remainder
    given += counts[i];
  }
  std::vector<size_t> order(models.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return fraction[a] > fraction[b] + 1e-12; });
  for (size_t k = 0; given < n; k = (k + 1) % order.size()) {
    if (fraction[order[k]] < 0) continue;
    ++counts[order[k]];
    ++given;
  }
  for (size_t i = 0; i < models.size(); ++i) out.emplace_back(models[i], counts[i]);
  return out;
}

}  // namespace autocomp
