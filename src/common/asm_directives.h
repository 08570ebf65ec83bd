// src/common/asm_directives.h — the assembler directives candidate code may
// not use (docs/evaluation.md, item 6). A backend compiles candidate C/C++
// to assembly first and checks it here before assembling it: `.incbin` and
// `.include` would pull a host file into the object (and from there into a
// trace), and gas's macro facilities (.macro, .irp, .rept, ...) could build
// those directives out of pieces. The compiler itself never emits any of them.
#pragma once

#include <optional>
#include <string>

namespace autocomp {

// The first forbidden directive in `assembly` with its line, or nullopt.
std::optional<std::string> ForbiddenAsmDirective(const std::string& assembly);

}  // namespace autocomp
