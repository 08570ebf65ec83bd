// src/common/elf_object.cc — bounds-checked reading of ELF64 relocatable objects.
#include "common/elf_object.h"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <iterator>

namespace autocomp {

namespace {

// Reads a T at `offset` if the whole of it lies inside `bytes`.
template <typename T>
bool ReadAt(const std::vector<uint8_t>& bytes, uint64_t offset, T* out) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) return false;
  std::memcpy(out, bytes.data() + offset, sizeof(T));
  return true;
}

// A NUL-terminated string at `offset` inside the string table [base, base+size).
bool StringAt(const std::vector<uint8_t>& bytes, uint64_t base, uint64_t size, uint64_t offset, std::string* out) {
  if (base > bytes.size() || size > bytes.size() - base || offset >= size) return false;
  const char* start = reinterpret_cast<const char*>(bytes.data() + base + offset);
  const size_t limit = size - offset;
  const size_t length = strnlen(start, limit);
  if (length == limit) return false;  // not terminated inside the table
  out->assign(start, length);
  return true;
}

}  // namespace

Result<ElfObject> ParseElfObject(const std::vector<uint8_t>& bytes) {
  Elf64_Ehdr eh;
  if (!ReadAt(bytes, 0, &eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
    return InvalidArgumentError("not an ELF file");
  }
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB) {
    return InvalidArgumentError("not a 64-bit little-endian ELF object");
  }
  if (eh.e_type != ET_REL) return InvalidArgumentError("not a relocatable object (ELF type " + std::to_string(eh.e_type) + ")");
  if (eh.e_shentsize != sizeof(Elf64_Shdr)) return InvalidArgumentError("unexpected section header size");
  if (eh.e_shnum == 0 || eh.e_shnum > 65000) return InvalidArgumentError("bad section count");

  std::vector<Elf64_Shdr> headers(eh.e_shnum);
  for (size_t i = 0; i < headers.size(); ++i) {
    if (!ReadAt(bytes, eh.e_shoff + i * sizeof(Elf64_Shdr), &headers[i])) {
      return InvalidArgumentError("section header " + std::to_string(i) + " lies outside the file");
    }
  }
  if (eh.e_shstrndx >= headers.size()) return InvalidArgumentError("bad section-name table index");
  const Elf64_Shdr& names = headers[eh.e_shstrndx];

  ElfObject object;
  object.machine = eh.e_machine;
  for (size_t i = 0; i < headers.size(); ++i) {
    const Elf64_Shdr& h = headers[i];
    ElfSection s;
    if (i != 0 && !StringAt(bytes, names.sh_offset, names.sh_size, h.sh_name, &s.name)) {
      return InvalidArgumentError("section " + std::to_string(i) + " has a bad name");
    }
    s.type = h.sh_type;
    s.flags = h.sh_flags;
    s.size = h.sh_size;
    if (h.sh_type != SHT_NOBITS && h.sh_type != SHT_NULL && h.sh_size > 0) {
      if (h.sh_offset > bytes.size() || h.sh_size > bytes.size() - h.sh_offset) {
        return InvalidArgumentError("section " + s.name + " lies outside the file");
      }
      s.bytes.assign(bytes.begin() + static_cast<long>(h.sh_offset),
                     bytes.begin() + static_cast<long>(h.sh_offset + h.sh_size));
    }
    object.sections.push_back(std::move(s));
  }

  for (size_t i = 0; i < headers.size(); ++i) {
    const Elf64_Shdr& h = headers[i];
    if (h.sh_type != SHT_SYMTAB) continue;
    if (h.sh_entsize != sizeof(Elf64_Sym) || h.sh_link >= headers.size()) {
      return InvalidArgumentError("malformed symbol table");
    }
    const Elf64_Shdr& strtab = headers[h.sh_link];
    const uint64_t count = h.sh_size / sizeof(Elf64_Sym);
    for (uint64_t k = 1; k < count; ++k) {
      Elf64_Sym sym;
      if (!ReadAt(bytes, h.sh_offset + k * sizeof(Elf64_Sym), &sym)) {
        return InvalidArgumentError("symbol " + std::to_string(k) + " lies outside the file");
      }
      ElfSymbol s;
      if (!StringAt(bytes, strtab.sh_offset, strtab.sh_size, sym.st_name, &s.name)) {
        return InvalidArgumentError("symbol " + std::to_string(k) + " has a bad name");
      }
      s.binding = ELF64_ST_BIND(sym.st_info);
      s.type = ELF64_ST_TYPE(sym.st_info);
      s.defined = sym.st_shndx != SHN_UNDEF;
      if (sym.st_shndx != SHN_UNDEF && sym.st_shndx < object.sections.size()) {
        s.section = object.sections[sym.st_shndx].name;
      } else if (sym.st_shndx == SHN_COMMON) {
        s.section = "COMMON";
      }
      object.symbols.push_back(std::move(s));
    }
  }
  return object;
}

Result<ElfObject> ReadElfObject(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path.string());
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<ElfObject> object = ParseElfObject(bytes);
  if (!object.ok()) return InvalidArgumentError(path.filename().string() + ": " + object.status().message());
  return object;
}

}  // namespace autocomp
