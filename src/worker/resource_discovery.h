// src/worker/resource_discovery.h
//
// Which device a worker owns. Placement comes from MPI itself
// (MPI_Comm_split_type(SHARED) gives the node-local rank and size, whatever
// launched the job: mpirun or srun), cross-checked with the launcher's
// variables (OMPI_COMM_WORLD_LOCAL_RANK, SLURM_LOCALID) for the HELLO log.
// The CPU cores this process may use (sched_getaffinity) are split evenly
// among the workers of the node, so two measurements never share a core
// when there are enough cores.
#pragma once

#include <mpi.h>

#include <string>
#include <vector>

#include "common/resource.h"
#include "common/status.h"

namespace autocomp {

struct Placement {
  std::string host;
  int local_rank = 0;      // among all ranks on this node
  int local_size = 1;
  int worker_index = 0;    // among the workers (ranks != 0) on this node
  int workers_on_node = 1;
  std::string launcher;    // "OMPI_COMM_WORLD_LOCAL_RANK=1", "SLURM_LOCALID=1", or ""
};

// Collective over `world`: every rank must call it.
Placement DiscoverPlacement(MPI_Comm world);

// Placement for a run without MPI traffic (one rank): the whole node.
Placement SingleProcessPlacement();

// The cores this process may run on.
std::vector<int> AllowedCpus();

// The share of cores for this worker; the whole set when workers outnumber cores
// is not possible, so cores are then shared round-robin.
Resource CpuResourceFor(const Placement& placement);

// The device of kind "gpu" (from CUDA_VISIBLE_DEVICES) or "neuron" (from
// NEURON_RT_VISIBLE_CORES, e.g. "0-3,8") for this worker: the node's visible
// devices are dealt out by worker index, one each; more workers than devices
// is an error (InvalidArgument, naming the variable). `visible` is the
// variable's value (null if unset). Its cores are the worker's CPU share.
Result<Resource> DeviceResourceFor(const Placement& placement, const std::string& kind, const char* visible);

// The resource for a backend's kind ("cpu", "gpu", "neuron") on this worker,
// reading the environment.
Result<Resource> ResourceFor(const Placement& placement, const std::string& kind);

}  // namespace autocomp
