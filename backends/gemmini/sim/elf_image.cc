// backends/gemmini/sim/elf_image.cc — ELF64 parsing, written from the ELF spec.
#include "sim/elf_image.h"

#include <cstring>
#include <fstream>
#include <iterator>

namespace autocomp::gemmini {
namespace {

template <typename T>
T Get(const std::vector<uint8_t>& b, uint64_t off) {
  T v;
  std::memcpy(&v, b.data() + off, sizeof(T));
  return v;
}

constexpr uint16_t kMachineRiscv = 243;
constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kShtSymtab = 2;

}  // namespace

Result<ElfImage> ElfImage::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open program '" + path + "'");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return Parse(bytes, path);
}

Result<ElfImage> ElfImage::Parse(const std::vector<uint8_t>& b, const std::string& name) {
  auto bad = [&](const std::string& why) { return InvalidArgumentError(name + ": " + why); };
  if (b.size() < 64 || std::memcmp(b.data(), "\x7f" "ELF", 4) != 0) return bad("not an ELF file");
  if (b[4] != 2) return bad("not a 64-bit ELF file (build with -march=rv64gc)");
  if (b[5] != 1) return bad("not a little-endian ELF file");
  if (Get<uint16_t>(b, 18) != kMachineRiscv) return bad("not a RISC-V executable");
  ElfImage img;
  img.entry_ = Get<uint64_t>(b, 24);
  uint64_t phoff = Get<uint64_t>(b, 32), shoff = Get<uint64_t>(b, 40);
  uint16_t phentsize = Get<uint16_t>(b, 54), phnum = Get<uint16_t>(b, 56);
  uint16_t shentsize = Get<uint16_t>(b, 58), shnum = Get<uint16_t>(b, 60);
  if (phoff + uint64_t(phnum) * phentsize > b.size()) return bad("program headers are truncated");
  for (int i = 0; i < phnum; ++i) {
    uint64_t h = phoff + uint64_t(i) * phentsize;
    if (Get<uint32_t>(b, h) != kPtLoad) continue;
    uint64_t off = Get<uint64_t>(b, h + 8), paddr = Get<uint64_t>(b, h + 24);
    uint64_t filesz = Get<uint64_t>(b, h + 32), memsz = Get<uint64_t>(b, h + 40);
    if (off + filesz > b.size() || filesz > memsz) return bad("loadable segment " + std::to_string(i) + " is truncated");
    ElfSegment seg;
    seg.paddr = paddr;
    seg.memsz = memsz;
    seg.data.assign(b.begin() + off, b.begin() + off + filesz);
    img.segments_.push_back(std::move(seg));
  }
  if (img.segments_.empty()) return bad("no loadable segments");
  if (shoff != 0 && shoff + uint64_t(shnum) * shentsize <= b.size()) {
    for (int i = 0; i < shnum; ++i) {
      uint64_t s = shoff + uint64_t(i) * shentsize;
      if (Get<uint32_t>(b, s + 4) != kShtSymtab) continue;
      uint64_t off = Get<uint64_t>(b, s + 24), size = Get<uint64_t>(b, s + 32);
      uint32_t link = Get<uint32_t>(b, s + 40);
      uint64_t entsize = Get<uint64_t>(b, s + 56);
      if (link >= shnum || entsize < 24 || off + size > b.size()) continue;
      uint64_t strs = shoff + uint64_t(link) * shentsize;
      uint64_t stroff = Get<uint64_t>(b, strs + 24), strsize = Get<uint64_t>(b, strs + 32);
      if (stroff + strsize > b.size()) continue;
      std::string file;  // the source file of the local symbols that follow (STT_FILE)
      for (uint64_t e = off; e + entsize <= off + size; e += entsize) {
        uint32_t nameoff = Get<uint32_t>(b, e);
        uint8_t info = b[e + 4];
        uint16_t shndx = Get<uint16_t>(b, e + 6);
        uint64_t value = Get<uint64_t>(b, e + 8), symsize = Get<uint64_t>(b, e + 16);
        if (nameoff >= strsize) continue;
        const char* nm = reinterpret_cast<const char*>(b.data() + stroff + nameoff);
        size_t len = strnlen(nm, strsize - nameoff);
        std::string sym(nm, len);
        const int type = info & 0xf, bind = info >> 4;
        if (type == 4 /* STT_FILE */) {
          file = sym;
          continue;
        }
        if (sym.empty()) continue;
        // A global definition wins over any local of the same name: a
        // candidate's own static `tohost` must not capture the host interface.
        if (bind == 0 /* STB_LOCAL */) {
          img.symbols_.emplace(sym, value);
        } else {
          img.symbols_[sym] = value;
          file.clear();
        }
        if (type == 2 /* STT_FUNC */) img.functions_[value] = {symsize, sym};
        if (type == 1 /* STT_OBJECT */ && bind == 0 && shndx != 0 && symsize > 0) {
          img.local_objects_.push_back({file, sym, value, symsize});
        }
      }
    }
  }
  return img;
}

uint64_t ElfImage::Symbol(const std::string& name) const {
  auto it = symbols_.find(name);
  return it == symbols_.end() ? 0 : it->second;
}

std::string ElfImage::SymbolAt(uint64_t addr) const {
  auto it = functions_.upper_bound(addr);
  if (it == functions_.begin()) return "";
  --it;
  if (addr < it->first + std::max<uint64_t>(it->second.first, 1)) return it->second.second;
  return "";
}

}  // namespace autocomp::gemmini
