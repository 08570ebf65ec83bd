// backends/gemmini/spike_adapter.cc — a real Spike driven through its
// debugger: the plan from the ELF, the command file, streaming both output
// pipes, and Spike's own verdict (see spike_adapter.h; formats in
// docs/gemmini.md).
#include "spike_adapter.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/number_text.h"

namespace autocomp::gemmini {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxLine = 4096;          // longer lines are cut (still one line)
constexpr size_t kOutputKeep = 16 << 10;   // program output kept: head and tail
constexpr size_t kDebugTailKeep = 4 << 10;

// Callee-saved registers the calling convention keeps (as the built-in checks).
constexpr const char* kSaved[] = {"gp", "tp", "s0", "s1", "s2", "s3", "s4", "s5",
                                  "s6", "s7", "s8", "s9", "s10", "s11"};
constexpr size_t kSavedCount = sizeof(kSaved) / sizeof(kSaved[0]);
// Answers per register block: minstret, sp, then the saved registers.
constexpr size_t kRegAnswers = 2 + kSavedCount;

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Splits `chunk` into lines (carrying a partial line in `partial`), calling `line` for each.
template <class F>
void SplitLines(std::string_view chunk, std::string* partial, F&& line) {
  while (!chunk.empty()) {
    size_t nl = chunk.find('\n');
    std::string_view piece = chunk.substr(0, nl);
    if (partial->size() < kMaxLine) partial->append(piece.substr(0, kMaxLine - partial->size()));
    if (nl == std::string_view::npos) return;
    std::string_view l = *partial;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    line(l);
    partial->clear();
    chunk.remove_prefix(nl + 1);
  }
}

std::optional<int> FailedTohost(std::string_view line) {
  int code = 0;
  std::string l(line);
  if (std::sscanf(l.c_str(), "*** FAILED *** (tohost = %d)", &code) == 1) return code;
  return std::nullopt;
}

// "0x" followed by hex digits only (the debugger's answer to reg/mem).
std::optional<uint64_t> HexAnswer(std::string_view line) {
  if (!StartsWith(line, "0x") || line.size() < 3 || line.size() > 18) return std::nullopt;
  uint64_t v = 0;
  for (char c : line.substr(2)) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = v << 4 | uint64_t(d);
  }
  return v;
}

std::string Hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

// Bytes [addr, addr + size) from the ELF's loadable segments; false if not all there.
bool ReadImage(const ElfImage& image, uint64_t addr, size_t size, uint8_t* out) {
  for (size_t i = 0; i < size; ++i) {
    bool found = false;
    for (const ElfSegment& s : image.segments()) {
      if (addr + i >= s.paddr && addr + i < s.paddr + s.data.size()) {
        out[i] = s.data[addr + i - s.paddr];
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

int64_t SignExtend(uint64_t v, int bits) { return int64_t(v << (64 - bits)) >> (64 - bits); }

// The addresses right after each call to `target` inside the function at `start`:
// `jal ra, target`, or `auipc ra, hi` + `jalr ra, lo(ra)`.
std::vector<uint64_t> ReturnsFromCalls(const ElfImage& image, uint64_t start, uint64_t target) {
  std::vector<uint64_t> out;
  const std::string name = image.SymbolAt(start);
  uint64_t pc = start;
  while (image.SymbolAt(pc) == name) {
    uint8_t b[8] = {};
    if (!ReadImage(image, pc, 2, b)) break;
    if ((b[0] & 3) != 3) {  // a compressed instruction
      pc += 2;
      continue;
    }
    if (!ReadImage(image, pc, 4, b)) break;
    const uint32_t insn = uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
    const uint32_t rd = (insn >> 7) & 31, opcode = insn & 0x7f;
    if (opcode == 0x6f && rd == 1) {  // jal ra
      const uint64_t imm = ((insn >> 31) & 1) << 20 | ((insn >> 12) & 0xff) << 12 | ((insn >> 20) & 1) << 11 |
                           ((insn >> 21) & 0x3ff) << 1;
      if (pc + SignExtend(imm, 21) == target) out.push_back(pc + 4);
    } else if (opcode == 0x17 && rd == 1 && ReadImage(image, pc + 4, 4, b + 4)) {  // auipc ra; jalr ra, ra
      const uint32_t next = uint32_t(b[4]) | uint32_t(b[5]) << 8 | uint32_t(b[6]) << 16 | uint32_t(b[7]) << 24;
      if ((next & 0x707f) == 0x67 && ((next >> 7) & 31) == 1 && ((next >> 15) & 31) == 1) {
        const int64_t hi = SignExtend(insn & 0xfffff000u, 32), lo = SignExtend(next >> 20, 12);
        if (pc + hi + lo == target) out.push_back(pc + 8);
      }
    }
    pc += 4;
  }
  return out;
}

}  // namespace

std::string FindInPath(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) continue;
    fs::path p = fs::path(dir) / name;
    if (access(p.c_str(), X_OK) == 0) return p.string();
  }
  return "";
}

// ---- cycles lines ----

std::optional<uint64_t> CyclesOfLine(std::string_view line) {
  constexpr std::string_view kOurs = "autocomp: cycles ";
  constexpr std::string_view kOriginal = "Generated implementation latency: ";
  if (StartsWith(line, kOurs)) return ParseNumber<uint64_t>(line.substr(kOurs.size()));
  size_t at = line.rfind(kOriginal);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(at + kOriginal.size());
  size_t end = rest.find(" cycles");
  if (end == std::string_view::npos) return std::nullopt;
  return ParseNumber<uint64_t>(rest.substr(0, end));
}

namespace {
bool IsCyclesLine(std::string_view line) {
  return line.find("autocomp: cycles ") != std::string_view::npos ||
         line.find("Generated implementation latency: ") != std::string_view::npos;
}
}  // namespace

std::optional<uint64_t> GuestCycles(const std::string& output) {
  std::optional<uint64_t> cycles;
  std::string partial;
  SplitLines(output + "\n", &partial, [&](std::string_view l) {
    if (auto n = CyclesOfLine(l)) cycles = *n;
  });
  return cycles;
}

int CountGuestCycleLines(const std::string& output) {
  int n = 0;
  std::string partial;
  SplitLines(output + "\n", &partial, [&](std::string_view l) { n += IsCyclesLine(l); });
  return n;
}

// ---- stdout ----

void SpikeOutputCounter::Feed(std::string_view chunk) {
  SplitLines(chunk, &partial_, [this](std::string_view l) { Line(l); });
}

void SpikeOutputCounter::Line(std::string_view line) {
  unsigned long cols = 0, rows = 0;
  unsigned long long from = 0, to = 0;
  if (StartsWith(line, "GEMMINI: mv")) {
    std::string l(line);
    if (std::sscanf(l.c_str(), "GEMMINI: mvin - 0x%lx cols and 0x%lx rows from 0x%llx to addr 0x%llx", &cols, &rows,
                    &from, &to) == 4) {
      ++run_.mvin_lines;
      const uint64_t row = (to & 0x3FFFFFF) + (rows ? rows - 1 : 0);
      if (to & 0x80000000ULL) {
        run_.any_acc = true;
        run_.max_acc_row = std::max<uint64_t>(run_.max_acc_row, row);
      } else {
        run_.any_spad = true;
        run_.max_spad_row = std::max<uint64_t>(run_.max_spad_row, row);
      }
      return;
    }
    if (std::sscanf(l.c_str(), "GEMMINI: mvout - 0x%lx cols and 0x%lx rows from 0x%llx to addr 0x%llx", &cols, &rows,
                    &from, &to) == 4) {
      ++run_.mvout_lines;
      return;
    }
  }
  if (StartsWith(line, "Gemmini extension configured with:") || StartsWith(line, "    dim = ")) return;
  if (auto code = FailedTohost(line)) {
    run_.failed_tohost = code;
    return;
  }
  if (IsCyclesLine(line)) {
    ++run_.guest_cycle_lines;
    if (auto n = CyclesOfLine(line)) run_.guest_cycles = *n;
  }
  if (run_.program_output.size() < kOutputKeep) {
    run_.program_output.append(line).append("\n");
    return;
  }
  tail_.append(line).append("\n");
  if (tail_.size() > 2 * kOutputKeep) {
    dropped_ += tail_.size() - kOutputKeep;
    tail_.erase(0, tail_.size() - kOutputKeep);
  }
}

SpikeRun SpikeOutputCounter::Finish() {
  if (!partial_.empty()) Feed("\n");
  if (tail_.size() > kOutputKeep) {
    dropped_ += tail_.size() - kOutputKeep;
    tail_.erase(0, tail_.size() - kOutputKeep);
  }
  if (dropped_ > 0) run_.program_output += "[... " + std::to_string(dropped_) + " bytes not kept ...]\n";
  run_.program_output += tail_;
  tail_.clear();
  return run_;
}

SpikeRun SpikeAdapter::Parse(const std::string& output) {
  SpikeOutputCounter c;
  c.Feed(output);
  return c.Finish();
}

// ---- the plan ----

Result<SpikePlan> PlanTimedRun(const ElfImage& program, const std::string& harness_suffix) {
  SpikePlan plan;
  plan.solution = program.Symbol("solution");
  const uint64_t main = program.Symbol("main");
  if (plan.solution == 0 || main == 0) return InvalidArgumentError("the program has no 'solution' or no 'main'");
  std::vector<uint64_t> returns = ReturnsFromCalls(program, main, plan.solution);
  if (returns.size() != 1) {
    return InvalidArgumentError("main calls solution " + std::to_string(returns.size()) +
                                " times (Spike's timed run needs exactly one call)");
  }
  plan.return_address = returns.front();
  for (const LocalObject& o : program.local_objects()) {
    if (o.file.size() >= harness_suffix.size() &&
        o.file.compare(o.file.size() - harness_suffix.size(), harness_suffix.size(), harness_suffix) == 0) {
      plan.objects.push_back(o);
    }
  }
  std::sort(plan.objects.begin(), plan.objects.end(), [](const LocalObject& a, const LocalObject& b) { return a.name < b.name; });
  for (size_t i = 1; i < plan.objects.size(); ++i) {
    if (plan.objects[i].name == plan.objects[i - 1].name) {
      return InvalidArgumentError("two harness objects are named '" + plan.objects[i].name + "'");
    }
  }
  if (plan.objects.empty()) return InvalidArgumentError("the program has no harness objects to compare");
  return plan;
}

std::string SpikePlan::Commands() const {
  std::string c;
  auto regs = [&c] {
    c += "reg 0 minstret\nreg 0 sp\n";
    for (const char* r : kSaved) c += std::string("reg 0 ") + r + "\n";
  };
  c += "until pc 0 " + Hex(solution) + "\n@entry\n";
  regs();
  c += std::string("@timed\n") + (count_timed ? "untiln" : "until") + " pc 0 " + Hex(return_address) + "\n@return\n";
  regs();
  c += "@memory\n";
  for (const LocalObject& o : objects) {
    for (uint64_t a = o.addr & ~7ULL; a < o.addr + o.size; a += 8) c += "mem " + Hex(a) + "\n";
  }
  // Run to the end (the harness prints its cycles line); quit if the program stops first.
  c += "@end\nuntil pc 0 0\nq\n";
  return c;
}

// ---- stderr: the debugger ----

SpikeDebugParser::SpikeDebugParser(const SpikePlan& plan) : plan_(plan) {}

void SpikeDebugParser::Feed(std::string_view chunk) {
  SplitLines(chunk, &partial_, [this](std::string_view l) { Line(l); });
}

void SpikeDebugParser::Fail(const std::string& why) {
  if (run_.protocol_error.empty()) run_.protocol_error = why;
}

void SpikeDebugParser::Line(std::string_view line) {
  constexpr std::string_view kCore = "core   0: ";
  if (phase_ == Phase::kTimed && StartsWith(line, kCore)) {
    std::string_view rest = line.substr(kCore.size());
    if (StartsWith(rest, "0x")) {
      ++run_.timed_instructions;
    } else if (StartsWith(rest, "Executed ")) {  // the line before ran N times in a row
      if (auto n = ParseNumber<uint64_t>(rest.substr(9, rest.find(' ', 9) - 9)); n && *n > 0) {
        run_.timed_instructions += *n - 1;
      }
    } else if (StartsWith(rest, "exception trap_")) {  // the logged instruction did not retire
      if (run_.timed_instructions > 0) --run_.timed_instructions;
    }
    return;
  }
  if (StartsWith(line, "Unknown command @")) {
    const std::string_view mark = line.substr(17);
    const Phase next = mark == "entry" ? Phase::kEntry : mark == "timed" ? Phase::kTimed : mark == "return" ? Phase::kReturn
                     : mark == "memory" ? Phase::kMemory : mark == "end" ? Phase::kEnd : Phase::kStart;
    if (next == Phase::kStart || int(next) != int(phase_) + 1) {
      Fail("unexpected debugger mark '@" + std::string(mark) + "'");
      return;
    }
    if (next == Phase::kTimed && entry_.size() != kRegAnswers) Fail("missing register answers at the entry");
    if (next == Phase::kMemory && return_.size() != kRegAnswers) Fail("missing register answers at the return");
    if (next == Phase::kEntry) run_.entered = true;
    if (next == Phase::kReturn) run_.returned = true;
    phase_ = next;
    return;
  }
  if (auto code = FailedTohost(line)) {
    run_.failed_tohost = code;
    return;
  }
  if (phase_ == Phase::kEntry || phase_ == Phase::kReturn || phase_ == Phase::kMemory) {
    if (auto v = HexAnswer(line)) {
      Value(*v);
      return;
    }
  }
  if (StartsWith(line, kCore)) return;  // a trap's log line outside the timed region
  run_.debug_tail.append(line).append("\n");
  if (run_.debug_tail.size() > 2 * kDebugTailKeep) run_.debug_tail.erase(0, run_.debug_tail.size() - kDebugTailKeep);
}

void SpikeDebugParser::Value(uint64_t v) {
  std::vector<uint64_t>& to = phase_ == Phase::kEntry ? entry_ : phase_ == Phase::kReturn ? return_ : words_;
  if (phase_ != Phase::kMemory && to.size() >= kRegAnswers) return Fail("too many register answers");
  to.push_back(v);
}

SpikeTimedRun SpikeDebugParser::Finish() {
  if (!partial_.empty()) Feed("\n");
  if (run_.debug_tail.size() > kDebugTailKeep) run_.debug_tail.erase(0, run_.debug_tail.size() - kDebugTailKeep);
  if (entry_.size() == kRegAnswers && return_.size() == kRegAnswers) {
    run_.minstret_delta = return_[0] - entry_[0];
    run_.sp_entry = entry_[1];
    run_.sp_return = return_[1];
    for (size_t i = 0; i < kSavedCount; ++i) {
      if (entry_[2 + i] != return_[2 + i]) {
        run_.clobbered = kSaved[i];
        break;
      }
    }
  }
  if (phase_ >= Phase::kEnd) {
    size_t at = 0;
    for (const LocalObject& o : plan_.objects) {
      std::vector<uint8_t> bytes(o.size);
      for (uint64_t i = 0; i < o.size; ++i) {
        const uint64_t addr = o.addr + i, word = (addr - (o.addr & ~7ULL)) / 8;
        if (at + word >= words_.size()) break;
        bytes[i] = uint8_t(words_[at + word] >> (8 * (addr & 7)));
      }
      at += (o.addr + o.size - (o.addr & ~7ULL) + 7) / 8;
      run_.objects.push_back(std::move(bytes));
    }
    if (at != words_.size()) Fail("expected " + std::to_string(at) + " memory answers, got " + std::to_string(words_.size()));
  }
  return run_;
}

// ---- the verdict ----

SpikeVerdict JudgeSpikeRun(const SpikeTimedRun& cand, const SpikeTimedRun& ref, const SpikePlan& cand_plan,
                           const SpikePlan& ref_plan, bool as_float, double tol) {
  auto complete = [](const SpikeTimedRun& r) { return r.returned && r.protocol_error.empty() && !r.objects.empty(); };
  if (!complete(ref)) {
    return {"infra_error", "the reference did not return on Spike (" +
                               (ref.protocol_error.empty() ? ref.outcome.Describe() : ref.protocol_error) + ")"};
  }
  if (cand_plan.objects.size() != ref_plan.objects.size()) {
    return {"infra_error", "the candidate program's harness objects differ from the reference's"};
  }
  for (size_t i = 0; i < cand_plan.objects.size(); ++i) {
    if (cand_plan.objects[i].name != ref_plan.objects[i].name || cand_plan.objects[i].size != ref_plan.objects[i].size) {
      return {"infra_error", "the candidate program's harness object '" + ref_plan.objects[i].name +
                                 "' differs from the reference's"};
    }
  }
  if (!cand.entered) return {"runtime_error", "solution was never called on Spike (" + cand.outcome.Describe() + ")"};
  if (!cand.returned) {
    if (cand.outcome.kind == ProcessOutcome::Kind::kTimedOut) return {"timeout", "solution did not return on Spike before the time limit"};
    return {"runtime_error", "solution did not return on Spike (" + cand.outcome.Describe() +
                                 (cand.failed_tohost ? ", tohost " + std::to_string(*cand.failed_tohost) : std::string()) + ")"};
  }
  if (!complete(cand)) return {"infra_error", "Spike's debugger answers for the candidate were incomplete: " + cand.protocol_error};
  if (cand.sp_return != cand.sp_entry) {
    return {"runtime_error", "solution returned with a stack pointer other than the caller's (on Spike)"};
  }
  if (!cand.clobbered.empty()) {
    return {"runtime_error", "solution returned without restoring callee-saved register " + cand.clobbered + " (on Spike)"};
  }
  for (size_t i = 0; i < cand.objects.size(); ++i) {
    const std::vector<uint8_t>& got = cand.objects[i];
    const std::vector<uint8_t>& want = ref.objects[i];
    const std::string& name = cand_plan.objects[i].name;
    uint64_t differing = 0;
    std::string first;
    if (as_float && got.size() % 4 == 0) {
      for (size_t e = 0; e < got.size() / 4; ++e) {
        float g, w;
        std::memcpy(&g, &got[4 * e], 4);
        std::memcpy(&w, &want[4 * e], 4);
        const double allowed = tol * std::max(1.0, std::fabs(double(w)));
        if (std::fabs(double(g) - double(w)) <= allowed || (std::isnan(w) && std::isnan(g))) continue;
        if (differing++ == 0) {
          char text[200];
          std::snprintf(text, sizeof text, "%s element %zu is %.9g, the reference computes %.9g", name.c_str(), e,
                        double(g), double(w));
          first = text;
        }
      }
    } else {
      for (size_t b = 0; b < got.size(); ++b) {
        if (got[b] == want[b]) continue;
        if (differing++ == 0) {
          first = name + " byte " + std::to_string(b) + " is " + std::to_string(int8_t(got[b])) +
                  ", the reference computes " + std::to_string(int8_t(want[b]));
        }
      }
    }
    if (differing > 0) {
      return {"wrong_answer", std::to_string(differing) + " elements of " + name + " differ from the reference on Spike; first: " + first};
    }
  }
  return {"ok", "correct on Spike, every harness object compared"};
}

// ---- running ----

Result<SpikeAdapter> SpikeAdapter::Create(const fs::path& spike) {
  if (spike.empty()) return FailedPreconditionError("no Spike binary configured (simulator \"spike@/path/to/spike\")");
  if (access(spike.c_str(), X_OK) != 0) {
    return FailedPreconditionError("Spike binary '" + spike.string() +
                                   "' does not exist or is not executable (simulator \"spike@PATH\")");
  }
  // The extension is a shared library next to Spike: <prefix>/lib/libgemmini.so.
  fs::path lib = spike.parent_path().parent_path() / "lib" / "libgemmini.so";
  if (!fs::exists(lib)) {
    return FailedPreconditionError("Spike at '" + spike.string() + "' has no Gemmini extension: " + lib.string() +
                                   " is missing (build libgemmini and install it into Spike's prefix)");
  }
  SpikeAdapter a;
  a.spike_ = fs::absolute(spike);
  a.stdbuf_ = FindInPath("stdbuf");
  return a;
}

std::vector<std::string> SpikeAdapter::Command(const fs::path& elf, const std::string& command_file) const {
  std::vector<std::string> argv;
  if (!stdbuf_.empty()) argv = {stdbuf_, "-oL"};  // the extension's lines in order with the program's
  argv.insert(argv.end(), {spike_.string(), "-d", "--debug-cmd=" + command_file, "--extension=gemmini", elf.string()});
  return argv;
}

SpikeTimedRun SpikeAdapter::RunTimed(const Sandbox& sandbox, SandboxSpec spec, const fs::path& elf,
                                     const SpikePlan& plan) const {
  SpikeTimedRun failed;
  const fs::path dir = spec.workdir;
  const fs::path out_pipe = dir / "spike-out.fifo", err_pipe = dir / "spike-err.fifo";
  {
    std::ofstream cmd(dir / "spike-debug.cmd");
    cmd << plan.Commands();
    if (!cmd) {
      failed.protocol_error = "cannot write the debugger's command file in " + dir.string();
      return failed;
    }
  }
  for (const fs::path& p : {out_pipe, err_pipe}) {
    std::error_code ec;
    fs::remove(p, ec);
    if (mkfifo(p.c_str(), 0600) != 0) {
      failed.protocol_error = "mkfifo " + p.string() + ": " + std::strerror(errno);
      return failed;
    }
  }
  // The reader opens first (non-blocking), so the writer's open never waits for it.
  int fds[2] = {open(out_pipe.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC),
                open(err_pipe.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (fds[0] < 0 || fds[1] < 0) {
    for (int fd : fds) if (fd >= 0) close(fd);
    failed.protocol_error = std::string("cannot open Spike's output pipes: ") + std::strerror(errno);
    return failed;
  }
  spec.argv = {"/bin/sh", "-c", "exec \"$@\" >spike-out.fifo 2>spike-err.fifo", "sh"};
  for (const std::string& a : Command(elf)) spec.argv.push_back(a);

  SpikeOutputCounter out;
  SpikeDebugParser err(plan);
  ProcessOutcome outcome;
  std::atomic<bool> finished{false};
  std::thread runner([&] {
    outcome = sandbox.Run(spec);
    finished = true;
  });
  char buffer[1 << 16];
  bool open_fd[2] = {true, true};
  std::chrono::steady_clock::time_point drain_deadline{};
  while (open_fd[0] || open_fd[1]) {
    // A descendant that kept a pipe open past the command's end cannot hold us.
    if (finished.load()) {
      const auto now = std::chrono::steady_clock::now();
      if (drain_deadline == std::chrono::steady_clock::time_point{}) drain_deadline = now + std::chrono::seconds(5);
      if (now > drain_deadline) break;
    }
    struct pollfd p[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}};
    const bool done_before = finished.load();
    poll(p, 2, 50);
    bool idle = true;
    for (int i = 0; i < 2; ++i) {
      if (!open_fd[i]) continue;
      ssize_t n = read(fds[i], buffer, sizeof buffer);
      if (n > 0) {
        idle = false;
        std::string_view chunk(buffer, size_t(n));
        if (i == 0) out.Feed(chunk); else err.Feed(chunk);
      } else if ((n == 0 || (errno != EAGAIN && errno != EINTR)) && done_before) {
        open_fd[i] = false;  // no writer left and the command has ended: all is read
      }
    }
    // No writer yet or any more (read returns 0 at once): wait instead of spinning.
    if (idle && !finished.load()) usleep(5000);
  }
  runner.join();
  for (int fd : fds) close(fd);
  SpikeTimedRun run = err.Finish();
  run.output = out.Finish();
  if (!run.failed_tohost) run.failed_tohost = run.output.failed_tohost;
  run.outcome = std::move(outcome);
  for (const fs::path& p : {out_pipe, err_pipe}) {
    std::error_code ec;
    fs::remove(p, ec);
  }
  return run;
}

}  // namespace autocomp::gemmini
