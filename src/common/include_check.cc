// src/common/include_check.cc — see include_check.h.
#include "common/include_check.h"

#include <sstream>

namespace autocomp {
namespace fs = std::filesystem;
namespace {

bool Under(const fs::path& path, const fs::path& root) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

}  // namespace

std::vector<fs::path> SystemHeaderRoots() {
  return {"/usr/include", "/usr/lib/gcc", "/usr/lib/gcc-cross", "/usr/local/include", "/usr/lib/picolibc",
          "/usr/lib/llvm-16/lib/clang", "/usr/lib/clang"};
}

std::optional<std::string> ForeignInclude(const std::string& make_rule, const fs::path& scratch,
                                          const std::vector<fs::path>& roots) {
  // "target.o: a.c b.h \<newline> c.h": everything after the first ':'.
  const size_t colon = make_rule.find(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string text = make_rule.substr(colon + 1);
  std::istringstream in(text);
  std::string word, name;
  std::error_code ec;
  const fs::path home = fs::weakly_canonical(scratch, ec);
  while (in >> word) {
    if (word == "\\") continue;
    // A blank inside a name is escaped as "\ ".
    name += word;
    if (!name.empty() && name.back() == '\\') {
      name.back() = ' ';
      continue;
    }
    fs::path p = fs::path(name).is_absolute() ? fs::path(name) : scratch / name;
    name.clear();
    const fs::path real = fs::weakly_canonical(p, ec);
    bool allowed = Under(real, home);
    for (const fs::path& root : roots) allowed = allowed || Under(real, fs::weakly_canonical(root, ec));
    if (!allowed) return "includes '" + p.string() + "', which is neither a system header nor one of its own files";
  }
  return std::nullopt;
}

}  // namespace autocomp
