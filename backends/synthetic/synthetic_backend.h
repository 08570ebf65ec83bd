// backends/synthetic/synthetic_backend.h
//
// A benchmark tool, not a target: a backend whose "measurements" are
// generated, so the system around it (master, scheduler, MPI, store) can be
// measured alone. Every run that uses it is marked synthetic in the run
// file and the report.
//
// Code is a list of lines `// move <name> factor=<f>`; its score is the
// problem's base score times the product of the factors, so good parents
// tend to have good children, as in a real search. A code hash decides a few
// deterministic failures (about 1 in 12 wrong, 1 in 30 not compiling).
//
// Cost per candidate: the problem's `eval_seconds`, or the config's
// simulator string "cost:S" / "cost:LO-HI" (uniform, seeded by the code). A
// cost above zero is spent inside the sandbox (`sleep`), like a real
// evaluation; zero cost returns at once (P3: master throughput).
#pragma once

#include <memory>

#include "common/backend.h"

namespace autocomp {

Result<std::unique_ptr<Backend>> MakeSyntheticBackend(const BackendContext& context);

}  // namespace autocomp
