// src/common/tool_identity.h
//
// What identifies the tools a score depends on, for backend versions
// (Backend::version): the first line a tool prints for `--version`, run the
// way candidates' builds run it (through the sandbox, on its PATH), and a
// short digest of a binary's bytes (a helper program's or a simulator's build).
#pragma once

#include <filesystem>
#include <string>

#include "common/sandbox.h"

namespace autocomp {

// "cc (Debian 12.2.0-14) 12.2.0"; "<tool>: unknown version" when it prints nothing.
std::string ToolVersionLine(const Sandbox& sandbox, const std::filesystem::path& workdir, const std::string& tool);

// The first 16 hex digits of the SHA-256 of the file's bytes; "missing" when it cannot be read.
std::string FileDigest(const std::filesystem::path& path);

}  // namespace autocomp
