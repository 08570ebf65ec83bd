// src/common/autocomp_home.cc — $AUTOCOMP_HOME or the build's source tree.
#include "common/autocomp_home.h"

#include <cstdlib>

#ifndef AUTOCOMP_HOME_DEFAULT
#error "AUTOCOMP_HOME_DEFAULT must be defined by the build (CMakeLists.txt)"
#endif

namespace autocomp {

std::filesystem::path AutocompHome() {
  if (const char* home = std::getenv("AUTOCOMP_HOME"); home && *home) return home;
  return AUTOCOMP_HOME_DEFAULT;
}

}  // namespace autocomp
