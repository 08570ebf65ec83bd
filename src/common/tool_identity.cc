// src/common/tool_identity.cc — tool versions and binary digests for backend versions.
#include "common/tool_identity.h"

#include "common/file_text.h"
#include "common/hashing.h"

namespace autocomp {

std::string ToolVersionLine(const Sandbox& sandbox, const std::filesystem::path& workdir, const std::string& tool) {
  std::error_code ec;
  std::filesystem::create_directories(workdir, ec);
  SandboxSpec spec;
  spec.workdir = workdir;
  spec.isolate = false;
  spec.limits.wall_seconds = 30;
  spec.argv = {tool, "--version"};
  const ProcessOutcome o = sandbox.Run(spec);
  const std::string first = o.output.substr(0, o.output.find('\n'));
  return first.empty() ? tool + ": unknown version" : first;
}

std::string FileDigest(const std::filesystem::path& path) {
  Result<std::string> bytes = ReadFileText(path);
  return bytes.ok() ? Sha256Hex(*bytes).substr(0, 16) : "missing";
}

}  // namespace autocomp
