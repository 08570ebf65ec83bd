// backends/cuda/cuda_options.cc — reading backend_options for the cuda backend.
#include "cuda/cuda_options.h"

#include <unistd.h>

#include <algorithm>

#include "common/config_reader.h"

namespace autocomp::cuda {

Result<CudaOptions> ParseCudaOptions(const BackendContext& context) {
  CudaOptions o;
  const std::string source = context.config_source.empty() ? "config" : context.config_source;
  ConfigReader r(context.options, "backend_options", source);
  AUTOCOMP_RETURN_IF_ERROR(r.CheckObject());
  std::string dir;
  AUTOCOMP_RETURN_IF_ERROR(r.String("kernelbench_dir", &dir));
  if (!dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
      return r.ErrorAt("kernelbench_dir", "'" + dir + "' is not a directory");
    }
    o.kernelbench_dir = dir;
  }
  AUTOCOMP_RETURN_IF_ERROR(r.String("size", &o.size, {"auto", "ci", "full"}));
  AUTOCOMP_RETURN_IF_ERROR(r.String("device", &o.device, {"auto", "cuda", "cpu"}));
  AUTOCOMP_RETURN_IF_ERROR(r.String("python", &o.python));
  if (o.python.empty()) return r.ErrorAt("python", "must name a Python interpreter");
  AUTOCOMP_RETURN_IF_ERROR(r.Int("correctness_trials", &o.correctness_trials, 1, 1000));
  AUTOCOMP_RETURN_IF_ERROR(r.Int("warmup_trials", &o.warmup_trials, 0, 10000));
  AUTOCOMP_RETURN_IF_ERROR(r.Int("timed_trials", &o.timed_trials, 1, 100000));
  AUTOCOMP_RETURN_IF_ERROR(r.Int("sampled_checks", &o.sampled_checks, 0, 100000));
  AUTOCOMP_RETURN_IF_ERROR(r.Int("host_reuse", &o.host_reuse, 1, 1000000));
  AUTOCOMP_RETURN_IF_ERROR(r.Bool("allow_torch_ops", &o.allow_torch_ops));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("memory_gb", &o.memory_gb, 0.5, 1 << 20));
  if (o.memory_gb == 0) {
    const double node_gb = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGE_SIZE) / (1 << 30);
    o.memory_gb = std::min(32.0, std::max(1.0, node_gb / 2));
  }
  AUTOCOMP_RETURN_IF_ERROR(r.Int("build_jobs", &o.build_jobs, 1, 1024));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("host_start_timeout_s", &o.host_start_timeout_s, 1, 86400));
  AUTOCOMP_RETURN_IF_ERROR(r.Number("measure_timeout_s", &o.measure_timeout_s, 1, 86400));
  AUTOCOMP_RETURN_IF_ERROR(r.NoUnknownKeys());
  return o;
}

}  // namespace autocomp::cuda
