// backends/gemmini/sim/memory.cc — address map of the simulated machine.
#include "sim/memory.h"

#include <sys/mman.h>

namespace autocomp::gemmini {

Result<std::unique_ptr<Memory>> Memory::Create(uint64_t dram_bytes) {
  if (dram_bytes == 0 || dram_bytes > (64ULL << 30)) {
    return InvalidArgumentError("DRAM size must be between 1 byte and 64 GiB, got " +
                                std::to_string(dram_bytes));
  }
  void* p = mmap(nullptr, dram_bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    return FailedPreconditionError("cannot map " + std::to_string(dram_bytes >> 20) +
                                   " MiB of simulated DRAM (address-space limit too low?)");
  }
  return std::unique_ptr<Memory>(new Memory(static_cast<uint8_t*>(p), dram_bytes));
}

Memory::~Memory() { munmap(dram_, dram_size_); }

bool Memory::ClintAccess(uint64_t off, int size, uint64_t* value, bool store) {
  // Only the 64-bit mtimecmp (0x4000) and mtime (0xbff8) of hart 0, and
  // msip (0x0), which reads as zero.
  uint64_t* reg = nullptr;
  uint64_t base = 0;
  if (off >= 0x4000 && off < 0x4008) { reg = &mtimecmp; base = 0x4000; }
  else if (off >= 0xbff8 && off < 0xc000) { reg = &mtime; base = 0xbff8; }
  else if (off < 4) {
    if (!store) *value = 0;
    return true;
  } else {
    return false;
  }
  int shift = static_cast<int>(off - base) * 8;
  uint64_t mask = size == 8 ? ~0ULL : ((1ULL << (size * 8)) - 1);
  if (store) {
    *reg = (*reg & ~(mask << shift)) | ((*value & mask) << shift);
  } else {
    *value = (*reg >> shift) & mask;
  }
  return true;
}

bool Memory::Load(uint64_t addr, int size, uint64_t* value) {
  if (uint8_t* p = Translate(addr, size)) {
    uint64_t v = 0;
    std::memcpy(&v, p, size);
    *value = v;
    return true;
  }
  if (addr - kClintBase < kClintSize) return ClintAccess(addr - kClintBase, size, value, false);
  return false;
}

bool Memory::Store(uint64_t addr, int size, uint64_t value) {
  if (uint8_t* p = Translate(addr, size)) {
    if (p >= rom_.data() && p < rom_.data() + rom_.size()) return false;  // ROM is read-only
    std::memcpy(p, &value, size);
    return true;
  }
  if (addr - kClintBase < kClintSize) return ClintAccess(addr - kClintBase, size, &value, true);
  return false;
}

bool Memory::Read(uint64_t addr, void* dst, uint64_t len) {
  uint8_t* p = Translate(addr, len);
  if (p == nullptr) return false;
  std::memcpy(dst, p, len);
  return true;
}

bool Memory::Write(uint64_t addr, const void* src, uint64_t len) {
  uint64_t off = addr - kDramBase;
  if (off >= dram_size_ || len > dram_size_ - off) return false;
  std::memcpy(dram_ + off, src, len);
  return true;
}

}  // namespace autocomp::gemmini
