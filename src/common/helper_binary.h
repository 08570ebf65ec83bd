// src/common/helper_binary.h
//
// Finds one of autocomp's helper programs (the sandbox helper, the cpu
// runner, the Gemmini simulator): the environment variable that names it,
// then next to the running executable (and one and two folders up, for a
// build tree's layout), then the path the build recorded. Empty when it
// is nowhere. Thread-safety: reads the environment and the filesystem only.
#pragma once

#include <string>

namespace autocomp {

std::string FindHelperBinary(const std::string& name, const char* env_variable, const std::string& build_path);

}  // namespace autocomp
