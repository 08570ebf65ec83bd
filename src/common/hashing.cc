// src/common/hashing.cc — SHA-256 through OpenSSL's EVP interface.
#include "common/hashing.h"

#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>

namespace autocomp {

namespace {
void Sha256(std::string_view data, unsigned char out[32]) {
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out, &length, EVP_sha256(), nullptr) != 1 ||
      length != 32) {
    throw std::runtime_error("OpenSSL SHA-256 failed");  // only on a broken libcrypto
  }
}
}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[32];
  Sha256(data, digest);
  static const char* kHex = "0123456789abcdef";
  std::string hex(64, '0');
  for (int i = 0; i < 32; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  return hex;
}

unsigned long long StableSeed(std::string_view text) {
  unsigned char digest[32];
  Sha256(text, digest);
  unsigned long long seed = 0;
  for (int i = 0; i < 8; ++i) seed = (seed << 8) | digest[i];
  return seed;
}

}  // namespace autocomp
