// src/master/prompt/menu_dropout.h
//
// Menu dropout (Autocomp, phase 1): every plan prompt offers a random subset
// of the backend's optimization menu, so that plans drawn for the same code
// explore different directions.
//
// Each entry is kept independently with probability `keep_probability`
// (clamped to [0, 1]), drawn afresh per prompt from a std::mt19937_64 seeded
// with `seed`. If no entry survives, exactly one entry, chosen uniformly from
// the same stream, is kept: a prompt never offers an empty menu (so p = 0
// means "one random entry"). An empty menu gives an empty result.
//
// The draws use the generator's raw output, not std::*_distribution, so a
// seed gives the same subset with every standard library. The stream is
// separated from DrawFeedback's (feedback.h): the same task seed may be
// passed to both.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace autocomp {

// Indices of the kept entries, ascending.
std::vector<int> DropoutMenu(size_t menu_size, double keep_probability, uint64_t seed);

// splitmix64 of (seed ^ stream): independent generator seeds for the
// different draws one task makes. Exposed for tests and for callers that
// derive further streams.
uint64_t MixSeed(uint64_t seed, uint64_t stream);

// A uniform double in [0, 1) from 53 bits of `bits`.
double UnitInterval(uint64_t bits);

}  // namespace autocomp
