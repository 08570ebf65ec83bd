// src/common/hashing.h — SHA-256 (OpenSSL) for cache keys and request hashes.
#pragma once

#include <string>
#include <string_view>

namespace autocomp {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// A 64-bit seed derived from text; stable across runs and machines.
unsigned long long StableSeed(std::string_view text);

}  // namespace autocomp
