// src/common/file_text.h
//
// Reading a whole file as bytes. ReadFileText() fails with NotFound, naming
// the file, when it cannot be opened, and DataLoss when a read fails part
// way; FileTextOrEmpty() is for files whose absence means "nothing" (a
// compiler's dependency list it did not write, an optional log).
#pragma once

#include <filesystem>
#include <string>

#include "common/status.h"

namespace autocomp {

Result<std::string> ReadFileText(const std::filesystem::path& path);
std::string FileTextOrEmpty(const std::filesystem::path& path);

}  // namespace autocomp
