// backends/gemmini/sim/memory.h
//
// The physical address space of the simulated bare-metal machine, laid out
// as Spike lays it out by default: a boot ROM at 0x1000 (reset vector), a
// CLINT at 0x2000000 (mtime/mtimecmp only) and DRAM at 0x80000000
// (2 GiB unless told otherwise). DRAM is one lazily committed anonymous
// mapping, so untouched memory costs nothing.
//
// Accesses outside these regions fail (the caller turns the failure into an
// access-fault trap or a Gemmini error). Little-endian, like RISC-V.
//
// Thread-safety: none; one Memory belongs to one simulated machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

namespace autocomp::gemmini {

class Memory {
 public:
  static constexpr uint64_t kRomBase = 0x1000;
  static constexpr uint64_t kRomSize = 0x1000;
  static constexpr uint64_t kClintBase = 0x2000000;
  static constexpr uint64_t kClintSize = 0xc0000;
  static constexpr uint64_t kDramBase = 0x80000000ULL;

  // Maps `dram_bytes` of DRAM. FailedPrecondition if the mapping fails.
  static Result<std::unique_ptr<Memory>> Create(uint64_t dram_bytes);
  ~Memory();
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  uint64_t dram_size() const { return dram_size_; }
  uint8_t* dram() { return dram_; }

  // A host pointer to [addr, addr+len) when the range lies wholly inside
  // DRAM or the ROM; nullptr otherwise.
  uint8_t* Translate(uint64_t addr, uint64_t len) {
    uint64_t off = addr - kDramBase;
    if (off < dram_size_ && len <= dram_size_ - off) return dram_ + off;
    off = addr - kRomBase;
    if (off < kRomSize && len <= kRomSize - off) return rom_.data() + off;
    return nullptr;
  }

  // Loads/stores of 1, 2, 4 or 8 bytes. Return false for an address that
  // maps to nothing. The CLINT is handled here (mtime is `*mtime_`).
  bool Load(uint64_t addr, int size, uint64_t* value);
  bool Store(uint64_t addr, int size, uint64_t value);

  // Bulk copies for the ELF loader, HTIF and the Gemmini DMA.
  bool Read(uint64_t addr, void* dst, uint64_t len);
  bool Write(uint64_t addr, const void* src, uint64_t len);

  // The ROM image (written by the machine before reset).
  std::vector<uint8_t>& rom() { return rom_; }

  uint64_t mtime = 0;
  uint64_t mtimecmp = 0;

 private:
  Memory(uint8_t* dram, uint64_t size) : dram_(dram), dram_size_(size), rom_(kRomSize, 0) {}
  bool ClintAccess(uint64_t off, int size, uint64_t* value, bool store);

  uint8_t* dram_;
  uint64_t dram_size_;
  std::vector<uint8_t> rom_;
};

}  // namespace autocomp::gemmini
