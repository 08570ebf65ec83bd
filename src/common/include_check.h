// src/common/include_check.h — which files a candidate's source pulled in
// (docs/evaluation.md, item 6). The compiler's dependency list (-M) names
// every file the preprocessor opened; a candidate may include system
// headers and its backend's own API headers, nothing else: a file from
// elsewhere could reach a trace through a diagnostic (a type name, a
// macro's text) even when no diagnostic points into it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace autocomp {

// The system header folders every backend allows.
std::vector<std::filesystem::path> SystemHeaderRoots();

// The first file in `make_rule` (the text `cc -M` writes) that is neither
// under `scratch` nor under one of `roots`, in words; nullopt when none.
std::optional<std::string> ForeignInclude(const std::string& make_rule, const std::filesystem::path& scratch,
                                          const std::vector<std::filesystem::path>& roots);

}  // namespace autocomp
