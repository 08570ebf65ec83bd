// src/worker/worker_loop.h
//
// The life of a worker rank: set up (evaluator_setup.h), say HELLO, then
// evaluate what the master sends until SHUTDOWN, streaming each result back
// the moment it is ready and sending a HEARTBEAT every few seconds. Between
// messages it sleeps briefly instead of spinning, so an idle rank does not
// steal CPU from a measurement on the same node. SIGTERM/SIGINT kill the
// running candidates and end the loop.
#pragma once

#include <mpi.h>

#include "worker/evaluator_options.h"
#include "worker/resource_discovery.h"

namespace autocomp {

// Returns the process exit code (common/exit_codes.h).
int RunWorkerRank(MPI_Comm comm, const EvaluatorOptions& options, const Placement& placement);

}  // namespace autocomp
