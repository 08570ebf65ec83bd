// src/common/resource.h
//
// The device a worker owns and measures on: a GPU, a simulator instance, a
// NeuronCore, or a set of CPU cores. Discovered once per worker (see
// src/worker/resource_discovery.h) and reported in HELLO. A worker holds its
// resource exclusively: measurements on it never overlap.
#pragma once

#include <string>
#include <vector>

namespace autocomp {

struct Resource {
  std::string kind = "cpu";     // "cpu", "gpu", "neuron", "simulator"
  int index = 0;                // device index among the visible ones, or core group
  std::vector<int> cpus;        // cores measurements are pinned to; empty = no pinning
  std::string description;      // "cores 2-3", "GPU 1 (CUDA_VISIBLE_DEVICES=1)"
  std::string device_id;        // the id as the launcher gave it: "1", "GPU-8f3c…", "MIG-…"; "" for cpu
};

}  // namespace autocomp
