// src/master/prompt/menu_dropout.cc — seeded, library-independent dropout.
#include "master/prompt/menu_dropout.h"

#include <algorithm>
#include <random>

namespace autocomp {

namespace {
constexpr uint64_t kMenuStream = 0x6d656e755f64726fULL;  // "menu_dro"
}  // namespace

uint64_t MixSeed(uint64_t seed, uint64_t stream) {
  uint64_t z = seed ^ stream;
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double UnitInterval(uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

std::vector<int> DropoutMenu(size_t menu_size, double keep_probability, uint64_t seed) {
  std::vector<int> kept;
  if (menu_size == 0) return kept;
  const double p = std::clamp(keep_probability, 0.0, 1.0);
  std::mt19937_64 rng(MixSeed(seed, kMenuStream));
  for (size_t i = 0; i < menu_size; ++i) {
    if (UnitInterval(rng()) < p) kept.push_back(static_cast<int>(i));
  }
  if (kept.empty()) {
    // Uniform pick without modulo bias: the high bits of a 128-bit product.
    const unsigned __int128 wide = static_cast<unsigned __int128>(rng()) * menu_size;
    kept.push_back(static_cast<int>(wide >> 64));
  }
  return kept;
}

}  // namespace autocomp
