// backends/cpu/runner/kernel_runner.cc — the measurement loop of the
// trusted runner (see kernel_runner.h).
#include "kernel_runner.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <optional>

#include "common/number_text.h"
#include "call_protocol.h"
#include "candidate_process.h"

namespace autocomp::cpu_harness {

using nlohmann::json;

namespace {

constexpr size_t kPage = 4096;
constexpr size_t kGuard = 4096;           // bytes of guard on each side of every buffer
constexpr uint8_t kGuardByte = 0xA5;
constexpr uint32_t kPoison = 0xFFC0DEADu;  // a NaN: an element left unwritten fails its check
constexpr const char* kCountDir = "count";
constexpr const char* kCountFile = "callgrind.out";

size_t AlignUp(size_t v, size_t a) { return (v + a - 1) / a * a; }

json Failure(const std::string& status, const std::string& message, int call = -1) {
  json v = {{"status", status}, {"message", message}};
  if (call >= 0) v["call"] = call;
  return v;
}

// The shared region: header, then each buffer between guards.
struct Region {
  char* base = nullptr;
  size_t size = 0;
  int fd = -1;
  std::vector<size_t> offset, bytes;  // per buffer; inputs first, output last

  ~Region() {
    if (base) munmap(base, size);
    if (fd >= 0) close(fd);
  }
  bool Create(const std::vector<size_t>& buffer_bytes, const std::vector<long>& dims) {
    size_t cursor = kPage;
    for (size_t b : buffer_bytes) {
      const size_t start = cursor + kGuard;
      offset.push_back(start);
      bytes.push_back(b);
      cursor = AlignUp(start + b + kGuard, kPage);
    }
    size = cursor;
    fd = memfd_create("autocomp-buffers", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0 || ftruncate(fd, static_cast<off_t>(size)) != 0) return false;
    // The child holds this descriptor: it may not shrink the region under the runner (SIGBUS).
    if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) return false;
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) return false;
    base = static_cast<char*>(p);
    auto* h = reinterpret_cast<autocomp_shm_header*>(base);
    h->magic = AUTOCOMP_MAGIC;
    h->buffers = static_cast<uint32_t>(offset.size());
    h->dims = static_cast<uint32_t>(dims.size());
    for (size_t i = 0; i < dims.size(); ++i) h->dim[i] = dims[i];
    for (size_t i = 0; i < offset.size(); ++i) h->offset[i] = offset[i];
    return true;
  }
  // True if every byte between the header and the end that is not inside a buffer is still the guard byte.
  bool GuardsIntact() const {
    size_t at = sizeof(autocomp_shm_header);
    for (size_t b = 0; b <= offset.size(); ++b) {
      const size_t until = b < offset.size() ? offset[b] : size;
      for (size_t i = at; i < until; ++i) {
        if (static_cast<uint8_t>(base[i]) != kGuardByte) return false;
      }
      if (b < offset.size()) at = offset[b] + bytes[b];
    }
    return true;
  }
};

uint64_t DrawSeed() {
  uint64_t seed = 0;
  if (getrandom(&seed, sizeof seed, 0) != sizeof seed) seed = static_cast<uint64_t>(Now() * 1e9);
  return seed;
}

uint64_t MixSeed(uint64_t seed, uint64_t call) {
  uint64_t z = seed ^ (call * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL);
  z = (z ^ (z >> 31)) * 0x7FB5D329728EA185ULL;
  z = (z ^ (z >> 27)) * 0x81DADEF4BFD3D3A5ULL;
  return z ^ (z >> 33);
}

std::string FormatError(const std::string& where, float got, double expected, double allowed) {
  char value[64];
  if (std::isnan(got)) {
    std::snprintf(value, sizeof value, "nan (never written, or computed as NaN)");
  } else {
    std::snprintf(value, sizeof value, "%.9g", got);
  }
  char text[400];
  std::snprintf(text, sizeof text, "output %s is %s, expected %.9g (allowed error %.3g)", where.c_str(), value,
                expected, allowed);
  return text;
}

// Where the child runs from and what it sees. With root in a private mount
// namespace (the sandbox says so) the child's root is the working directory,
// with /proc, a small /tmp and Valgrind's tools mounted in it the same way in
// both modes; the count file lives in a folder the child cannot replace.
struct Confinement {
  bool jail = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string count_path;  // as the runner sees it
  std::string description;
};

Confinement Confine(const RunnerOptions& o) {
  Confinement c;
  if (const char* uid = std::getenv("AUTOCOMP_SANDBOX_UID")) c.uid = static_cast<uid_t>(std::strtoul(uid, nullptr, 10));
  if (const char* gid = std::getenv("AUTOCOMP_SANDBOX_GID")) c.gid = static_cast<gid_t>(std::strtoul(gid, nullptr, 10));
  const bool private_mounts = std::getenv("AUTOCOMP_SANDBOX_MOUNT_NS") != nullptr;
  mkdir(kCountDir, 0755);
  c.count_path = std::string(kCountDir) + "/" + kCountFile;
  if (geteuid() == 0 && private_mounts) {
    bool ok = mkdir("proc", 0555) == 0 || errno == EEXIST;
    ok = ok && mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0;
    ok = ok && (mkdir("tmp", 01777) == 0 || errno == EEXIST) &&
         mount("tmpfs", "tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=1777") == 0;
    const std::string vg = "." + o.valgrind_dir;
    std::string made;
    for (size_t at = 0; ok && at != std::string::npos;) {
      at = vg.find('/', at + 1);
      made = vg.substr(0, at);
      if (mkdir(made.c_str(), 0755) != 0 && errno != EEXIST) ok = false;
    }
    struct stat st;
    if (ok && stat(o.valgrind_dir.c_str(), &st) == 0) {
      ok = mount(o.valgrind_dir.c_str(), vg.c_str(), nullptr, MS_BIND, nullptr) == 0 &&
           mount(nullptr, vg.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr) == 0;
    }
    c.jail = ok;
  }
  // The count file belongs to the child (callgrind writes it as the child);
  // neither its folder nor the child's root does, so the child can neither
  // swap the file for another (a link) nor rename the folder away.
  if (c.uid != 0) {
    int fd = open(c.count_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
      (void)!fchown(fd, c.uid, c.gid);
      close(fd);
    }
    (void)!chown(kCountDir, 0, 0);
    (void)!chmod(kCountDir, 0755);
    (void)!chown(".", 0, 0);
    (void)!chmod(".", 0755);
  }
  c.description = std::string(c.jail ? "own root" : "shared root") +
                  (c.uid != 0 ? ", uid " + std::to_string(c.uid) : ", runner's uid") + ", system-call filters";
  return c;
}

std::vector<std::string> ChildArgv(const RunnerOptions& o, const Confinement& c, const std::string& program) {
  const std::string exe = c.jail ? "/" + program : "./" + program;
  if (o.mode != "count") return {exe};
  const std::string out = c.jail ? "/" + c.count_path : c.count_path;
  return {o.valgrind_dir + "/callgrind-amd64-linux", "--callgrind-out-file=" + out, "--dump-instr=no",
          "--vgdb=no", "-q", exe};
}

// The instruction total callgrind wrote, or nullopt.
std::optional<long long> ReadCallgrindTotal(const std::string& path) {
  // Only a regular file with one name, never through a link the child made.
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  struct stat st;
  if (fd < 0) return std::nullopt;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 || st.st_size > (64 << 20)) {
    close(fd);
    return std::nullopt;
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  const ssize_t got = read(fd, text.data(), text.size());
  close(fd);
  if (got < 0) return std::nullopt;
  text.resize(static_cast<size_t>(got));
  std::istringstream in(text);
  std::string line;
  bool from_callgrind = false;
  // "totals:" includes what signal handlers ran; "summary:" does not.
  std::optional<long long> totals, summary;
  while (std::getline(in, line)) {
    if (line.rfind("creator: callgrind", 0) == 0) from_callgrind = true;
    if (!from_callgrind) continue;
    const bool is_totals = line.rfind("totals:", 0) == 0, is_summary = line.rfind("summary:", 0) == 0;
    if (!is_totals && !is_summary) continue;
    std::string value = line.substr(line.find(':') + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of(" \r") + 1);
    const std::optional<long long> n = ParseNumber<long long>(value);
    if (!n) return std::nullopt;
    (is_totals ? totals : summary) = *n;
  }
  if (totals) return totals;
  if (summary) return summary;
  return std::nullopt;
}

}  // namespace

void FillUniform(std::vector<float>& v, uint64_t seed, float lo, float hi) {
  uint64_t state = seed;
  for (float& x : v) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    x = lo + (hi - lo) * static_cast<float>(double(z >> 40) * (1.0 / 16777216.0));
  }
}

// Count mode's zero: the trusted calibration program, copied into the
// child's root after the candidate is gone, run through the same calls.
static std::optional<long long> Calibrate(const RunnerOptions& o, const Confinement& c, ChildSpec spec, Region& region,
                                   double deadline) {
  if (o.calibration.empty()) return 0;
  unlink("calib");
  {
    std::ifstream in(o.calibration, std::ios::binary);
    std::ofstream out("calib", std::ios::binary | std::ios::trunc);
    out << in.rdbuf();
    if (!in || !out) return std::nullopt;
  }
  if (chmod("calib", 0755) != 0) return std::nullopt;
  const int fd = open(c.count_path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  close(fd);
  spec.argv = ChildArgv(o, c, "calib");
  CandidateProcess zero;
  if (zero.Start(spec, deadline).outcome != CandidateProcess::Outcome::kDone) return std::nullopt;
  for (int call = 0; call < o.calls; ++call) {
    if (zero.Call(deadline).outcome != CandidateProcess::Outcome::kDone) return std::nullopt;
  }
  if (zero.Exit(deadline).outcome != CandidateProcess::Outcome::kDone) return std::nullopt;
  (void)region;
  return ReadCallgrindTotal(c.count_path);
}

json RunKernel(KernelKind& kind, const RunnerOptions& o) {
  const double deadline = Now() + o.deadline_s;
  if (std::string why = kind.Configure(o.dims); !why.empty()) return Failure("infra_error", why);
  if (o.calls < 1) return Failure("infra_error", "--calls must be at least 1");
  const std::vector<size_t> input_sizes = kind.InputSizes();
  const std::vector<std::string> names = kind.InputNames();
  const size_t out_size = kind.OutputSize();
  std::vector<size_t> buffer_bytes;
  for (size_t n : input_sizes) buffer_bytes.push_back(n * sizeof(float));
  buffer_bytes.push_back(out_size * sizeof(float));
  if (buffer_bytes.size() > AUTOCOMP_MAX_BUFFERS || o.dims.size() > AUTOCOMP_MAX_DIMS) {
    return Failure("infra_error", "too many buffers or dims for the call protocol");
  }
  Region region;
  if (!region.Create(buffer_bytes, o.dims)) return Failure("infra_error", std::string("shared buffers: ") + std::strerror(errno));
  const std::vector<char> pristine_header(region.base, region.base + sizeof(autocomp_shm_header));

  const Confinement confinement = Confine(o);
  ChildSpec spec;
  spec.argv = ChildArgv(o, confinement, o.child);
  // The same environment in both modes (callgrind needs its launcher named).
  cpu_set_t cores;
  const int thread_count = o.threads && sched_getaffinity(0, sizeof cores, &cores) == 0 ? CPU_COUNT(&cores) : 1;
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C", "VALGRIND_LAUNCHER=/usr/bin/valgrind",
              "OMP_NUM_THREADS=" + std::to_string(std::max(1, thread_count))};
  spec.shm_fd = region.fd;
  spec.threads = o.threads;
  spec.jail = confinement.jail;
  spec.uid = confinement.uid;
  spec.gid = confinement.gid;

  // A single-threaded candidate runs on one core, and the runner with it:
  // the inputs it writes between calls are then in the cache the call uses,
  // as they are for a caller in the same process (figure T1).
  if (!o.threads) {
    cpu_set_t mine;
    if (sched_getaffinity(0, sizeof mine, &mine) == 0) {
      for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (!CPU_ISSET(cpu, &mine)) continue;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        (void)sched_setaffinity(0, sizeof one, &one);
        break;
      }
    }
  }
  CandidateProcess child;
  CandidateProcess::CallResult started = child.Start(spec, deadline);
  auto child_failure = [&](const CandidateProcess::CallResult& r, int call) {
    const std::string when = call >= 0 ? "in call " + std::to_string(call + 1) + ": " : "";
    switch (r.outcome) {
      case CandidateProcess::Outcome::kTimedOut: return Failure("timeout", when + r.message, call);
      case CandidateProcess::Outcome::kProtocol: return Failure("rejected", "the candidate " + r.message, call);
      default: return Failure("runtime_error", "the candidate " + when + r.message, call);
    }
  };
  if (started.outcome != CandidateProcess::Outcome::kDone) return child_failure(started, -1);

  const uint64_t first_seed = o.seed ? *o.seed : DrawSeed();
  std::vector<std::vector<float>> inputs(input_sizes.size());
  for (size_t i = 0; i < inputs.size(); ++i) inputs[i].resize(input_sizes[i]);
  std::vector<float> output(out_size);
  std::vector<double> expected(out_size), allowed(out_size);
  json times = json::array(), seeds = json::array();
  double worst_ratio = 0;
  for (int call = 0; call < o.calls; ++call) {
    // The child is stopped: set up this call's inputs, output and guards.
    // Unrelated inputs every call: a seed from the kernel's generator (or, with
    // --seed, a hash of it and the call), never a stride the generators share.
    const uint64_t seed = o.seed ? MixSeed(first_seed, static_cast<uint64_t>(call)) : DrawSeed();
    kind.Generate(seed, inputs);
    std::memcpy(region.base, pristine_header.data(), pristine_header.size());
    std::memset(region.base + sizeof(autocomp_shm_header), kGuardByte, region.size - sizeof(autocomp_shm_header));
    for (size_t b = 0; b < inputs.size(); ++b) {
      std::memcpy(region.base + region.offset[b], inputs[b].data(), region.bytes[b]);
    }
    char* out = region.base + region.offset.back();
    for (size_t i = 0; i < out_size; ++i) std::memcpy(out + i * sizeof(float), &kPoison, sizeof(float));

    CandidateProcess::CallResult r = child.Call(deadline);
    if (r.outcome != CandidateProcess::Outcome::kDone) return child_failure(r, call);
    // Stopped again: what is in the buffers now is the call's result.
    std::memcpy(output.data(), out, region.bytes.back());
    if (!region.GuardsIntact()) {
      return Failure("wrong_answer", "call " + std::to_string(call + 1) + " wrote outside its output buffer", call);
    }
    for (size_t b = 0; b < inputs.size(); ++b) {
      if (std::memcmp(region.base + region.offset[b], inputs[b].data(), region.bytes[b]) != 0) {
        return Failure("wrong_answer", "call " + std::to_string(call + 1) + " modified its input " + names[b], call);
      }
    }
    kind.Reference(inputs, expected, allowed);
    for (size_t i = 0; i < out_size; ++i) {
      const double err = std::fabs(double(output[i]) - expected[i]);
      if (!(err <= allowed[i])) {  // NaN (unwritten) fails too
        // The message names the element only: it goes into prompts, and the
        // values depend on this call's random inputs (a replay must see the
        // same text). The values go along as the detail.
        std::string where = kind.Where(i);
        json v = Failure("wrong_answer", "call " + std::to_string(call + 1) + ": output " + where +
                                             (std::isnan(output[i]) ? " is nan (never written, or computed as NaN)"
                                                                    : " is beyond the allowed error"), call);
        v["detail"] = FormatError(where, output[i], expected[i], allowed[i]);
        return v;
      }
      if (allowed[i] > 0) worst_ratio = std::max(worst_ratio, err / allowed[i]);
    }
    times.push_back(r.seconds);
    seeds.push_back(std::to_string(seed));
  }
  CandidateProcess::CallResult ended = child.Exit(deadline);
  json verdict = {{"status", "ok"}, {"calls", o.calls}, {"times_s", times}, {"seeds", seeds},
                  {"max_error_ratio", worst_ratio}, {"flops", kind.Flops()}, {"threads", o.threads},
                  {"confinement", confinement.description}, {"mode", o.mode}};
  if (o.mode == "count") {
    if (ended.outcome != CandidateProcess::Outcome::kDone) return child_failure(ended, -1);
    std::optional<long long> total = ReadCallgrindTotal(confinement.count_path);
    if (!total) return Failure("runtime_error", "callgrind wrote no instruction count (did the candidate remove it?)");
    child.Kill();
    std::optional<long long> zero = Calibrate(o, confinement, spec, region, deadline);
    if (!zero) return Failure("infra_error", "the calibration run (the call stub with an empty solution) gave no count");
    verdict["instructions_total"] = *total;
    verdict["instructions_calibration"] = *zero;
    verdict["instructions"] = std::max(1.0, static_cast<double>(*total - *zero) / o.calls);
  }
  child.Kill();
  return verdict;
}

}  // namespace autocomp::cpu_harness
