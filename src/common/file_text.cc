// src/common/file_text.cc — whole files as bytes.
#include "common/file_text.h"

#include <fstream>
#include <sstream>

namespace autocomp {

Result<std::string> ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return DataLossError(path.string() + ": read failed");
  return text.str();
}

std::string FileTextOrEmpty(const std::filesystem::path& path) {
  Result<std::string> text = ReadFileText(path);
  return text.ok() ? std::move(*text) : std::string();
}

}  // namespace autocomp
