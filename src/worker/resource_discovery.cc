// src/worker/resource_discovery.cc — node-local placement and core sets.
#include "worker/resource_discovery.h"

#include <sched.h>
#include <unistd.h>

#include <cstdlib>

#include "common/number_text.h"

namespace autocomp {

namespace {

std::string HostName() {
  char name[256] = {0};
  gethostname(name, sizeof name - 1);
  return name;
}

std::string LauncherHint() {
  for (const char* var : {"OMPI_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID", "MPI_LOCALRANKID"}) {
    if (const char* v = std::getenv(var)) return std::string(var) + "=" + v;
  }
  return "";
}

std::string Ranges(const std::vector<int>& cpus) {
  std::string text;
  for (size_t i = 0; i < cpus.size();) {
    size_t j = i;
    while (j + 1 < cpus.size() && cpus[j + 1] == cpus[j] + 1) ++j;
    if (!text.empty()) text += ",";
    text += std::to_string(cpus[i]);
    if (j > i) text += "-" + std::to_string(cpus[j]);
    i = j + 1;
  }
  return text;
}

}  // namespace

Placement DiscoverPlacement(MPI_Comm world) {
  Placement p;
  p.host = HostName();
  p.launcher = LauncherHint();
  int world_rank = 0;
  MPI_Comm_rank(world, &world_rank);
  MPI_Comm node;
  MPI_Comm_split_type(world, MPI_COMM_TYPE_SHARED, world_rank, MPI_INFO_NULL, &node);
  MPI_Comm_rank(node, &p.local_rank);
  MPI_Comm_size(node, &p.local_size);
  // Is the master (world rank 0) on this node? Then it is node rank 0 (keys are world ranks).
  int has_master = world_rank == 0 ? 1 : 0;
  int any_master = 0;
  MPI_Allreduce(&has_master, &any_master, 1, MPI_INT, MPI_MAX, node);
  MPI_Comm_free(&node);
  p.workers_on_node = p.local_size - any_master;
  p.worker_index = p.local_rank - any_master;
  if (p.workers_on_node < 1) p.workers_on_node = 1;
  if (p.worker_index < 0) p.worker_index = 0;
  return p;
}

Placement SingleProcessPlacement() {
  Placement p;
  p.host = HostName();
  p.launcher = LauncherHint();
  return p;
}

std::vector<int> AllowedCpus() {
  std::vector<int> cpus;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    for (int c = 0; c < CPU_SETSIZE; ++c) {
      if (CPU_ISSET(c, &set)) cpus.push_back(c);
    }
  }
  if (cpus.empty()) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    for (int c = 0; c < n; ++c) cpus.push_back(c);
  }
  return cpus;
}

Resource CpuResourceFor(const Placement& placement) {
  std::vector<int> all = AllowedCpus();
  Resource r;
  r.kind = "cpu";
  r.index = placement.worker_index;
  const int n = static_cast<int>(all.size());
  const int w = placement.workers_on_node;
  if (w <= n) {
    int begin = placement.worker_index * n / w, end = (placement.worker_index + 1) * n / w;
    r.cpus.assign(all.begin() + begin, all.begin() + end);
    r.description = "cores " + Ranges(r.cpus);
  } else {
    r.cpus = {all[placement.worker_index % n]};
    r.description = "core " + Ranges(r.cpus) + " (shared: " + std::to_string(w) + " workers on " +
                    std::to_string(n) + " cores)";
  }
  return r;
}

Result<Resource> DeviceResourceFor(const Placement& placement, const std::string& kind, const char* visible) {
  const char* variable = kind == "gpu" ? "CUDA_VISIBLE_DEVICES" : "NEURON_RT_VISIBLE_CORES";
  if (!visible || !*visible) {
    return InvalidArgumentError(std::string("this backend needs a ") + kind + " per worker, but " + variable +
                                " is not set on " + placement.host);
  }
  // A comma-separated list of ids or ranges ("0,1,4-7").
  std::vector<std::string> ids;
  std::string list = visible;
  for (size_t p = 0; p <= list.size();) {
    size_t q = list.find(',', p);
    if (q == std::string::npos) q = list.size();
    std::string item = list.substr(p, q - p);
    // "4-7" is a range; "GPU-8f3c…" (a UUID) and "MIG-…" (a MIG instance) are single ids.
    size_t dash = item.find('-');
    const bool range = dash != std::string::npos && dash > 0 && ParseNumber<int>(item.substr(0, dash)).has_value();
    if (range) {
      const auto lo = ParseNumber<int>(item.substr(0, dash)), hi = ParseNumber<int>(item.substr(dash + 1));
      if (!lo || !hi || *lo > *hi || *hi - *lo > 4096) {
        return InvalidArgumentError(std::string(variable) + "=" + visible + " on " + placement.host +
                                    ": '" + item + "' is not a range of device ids");
      }
      for (int i = *lo; i <= *hi; ++i) ids.push_back(std::to_string(i));
    } else if (!item.empty()) {
      ids.push_back(item);
    }
    p = q + 1;
  }
  if (placement.worker_index >= static_cast<int>(ids.size())) {
    return InvalidArgumentError(placement.host + ": worker " + std::to_string(placement.worker_index + 1) + " of " +
                                std::to_string(placement.workers_on_node) + " on this node, but " + variable + "=" +
                                visible + " lists only " + std::to_string(ids.size()) +
                                " device(s); start one rank per device (plus the master)");
  }
  Resource r = CpuResourceFor(placement);
  r.kind = kind;
  // A device id may also be a UUID ("GPU-8f3c..."); its index is then its place in the list.
  r.index = ParseNumber<int>(ids[static_cast<size_t>(placement.worker_index)]).value_or(placement.worker_index);
  r.device_id = ids[static_cast<size_t>(placement.worker_index)];
  r.description = kind + " " + ids[static_cast<size_t>(placement.worker_index)] + " (" + variable + "=" + visible +
                  "), " + r.description;
  return r;
}

Result<Resource> ResourceFor(const Placement& placement, const std::string& kind) {
  if (kind == "cpu") return CpuResourceFor(placement);
  if (kind == "gpu") return DeviceResourceFor(placement, kind, std::getenv("CUDA_VISIBLE_DEVICES"));
  if (kind == "neuron") return DeviceResourceFor(placement, kind, std::getenv("NEURON_RT_VISIBLE_CORES"));
  return InvalidArgumentError("unknown resource kind '" + kind + "'");
}

}  // namespace autocomp
