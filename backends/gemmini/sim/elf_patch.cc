// backends/gemmini/sim/elf_patch.cc — see elf_patch.h.
#include "sim/elf_patch.h"

#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace autocomp::gemmini {
namespace {

template <typename T>
bool Get(const std::vector<uint8_t>& b, uint64_t at, T* v) {
  if (at > b.size() || b.size() - at < sizeof(T)) return false;
  std::memcpy(v, b.data() + at, sizeof(T));
  return true;
}

}  // namespace

Status PatchSymbol(const std::filesystem::path& in, const std::filesystem::path& out, const std::string& symbol,
                   uint64_t value) {
  std::ifstream f(in, std::ios::binary);
  if (!f) return NotFoundError("cannot read " + in.string());
  std::vector<uint8_t> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto bad = [&](const std::string& why) { return InvalidArgumentError(in.string() + ": " + why); };
  if (b.size() < 64 || std::memcmp(b.data(), "\x7f" "ELF", 4) != 0 || b[4] != 2) return bad("not an ELF64 file");
  uint64_t phoff = 0, shoff = 0;
  uint16_t phentsize = 0, phnum = 0, shentsize = 0, shnum = 0;
  Get(b, 32, &phoff); Get(b, 40, &shoff);
  Get(b, 54, &phentsize); Get(b, 56, &phnum); Get(b, 58, &shentsize); Get(b, 60, &shnum);
  uint64_t address = 0;
  bool found = false;
  for (uint16_t i = 0; i < shnum && !found; ++i) {
    const uint64_t s = shoff + uint64_t(i) * shentsize;
    uint32_t type = 0, link = 0;
    uint64_t off = 0, size = 0, entsize = 0;
    if (!Get(b, s + 4, &type) || type != 2 /* SHT_SYMTAB */) continue;
    Get(b, s + 24, &off); Get(b, s + 32, &size); Get(b, s + 40, &link); Get(b, s + 56, &entsize);
    const uint64_t strs = shoff + uint64_t(link) * shentsize;
    uint64_t stroff = 0, strsize = 0;
    if (!Get(b, strs + 24, &stroff) || !Get(b, strs + 32, &strsize) || stroff + strsize > b.size()) continue;
    for (uint64_t e = off; entsize >= 24 && e + entsize <= off + size && e + entsize <= b.size(); e += entsize) {
      uint32_t name = 0;
      Get(b, e, &name);
      if (name >= strsize) continue;
      const char* text = reinterpret_cast<const char*>(b.data() + stroff + name);
      if (strnlen(text, strsize - name) == symbol.size() && symbol.compare(0, symbol.size(), text, symbol.size()) == 0 &&
          (b[e + 4] >> 4) != 0 /* not local */) {
        Get(b, e + 8, &address);
        found = true;
        break;
      }
    }
  }
  if (!found) return bad("no global symbol '" + symbol + "'");
  for (uint16_t i = 0; i < phnum; ++i) {
    const uint64_t h = phoff + uint64_t(i) * phentsize;
    uint32_t type = 0;
    uint64_t off = 0, vaddr = 0, filesz = 0;
    if (!Get(b, h, &type) || type != 1 /* PT_LOAD */) continue;
    Get(b, h + 8, &off); Get(b, h + 16, &vaddr); Get(b, h + 32, &filesz);
    if (address < vaddr || address + 8 > vaddr + filesz || off + filesz > b.size()) continue;
    std::memcpy(b.data() + off + (address - vaddr), &value, 8);
    std::ofstream o(out, std::ios::binary | std::ios::trunc);
    o.write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
    if (!o) return FailedPreconditionError("cannot write " + out.string());
    return Status::Ok();
  }
  return bad("symbol '" + symbol + "' is not in a loadable segment's file data");
}

}  // namespace autocomp::gemmini
