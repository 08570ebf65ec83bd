// src/common/autocomp_home.h
//
// Where the program finds its data — sols/, prompts/ and each backend's
// trusted files under backends/: $AUTOCOMP_HOME, else the source tree the
// binary was built from. The master and every worker use the same answer.
#pragma once

#include <filesystem>

namespace autocomp {

std::filesystem::path AutocompHome();

}  // namespace autocomp
