// backends/gemmini/sim/machine.cc — loading, the boot ROM and the HTIF
// time-slice loop (see machine.h for the rules that make counts match Spike).
#include "sim/machine.h"

#include <chrono>
#include <deque>

namespace autocomp::gemmini {
namespace {

constexpr uint64_t kInterleave = 5000;      // instructions per time slice
constexpr uint64_t kRtcTicksPerSlice = 50;  // INTERLEAVE / instructions per RTC tick (100)
constexpr uint64_t kSysWrite = 64, kSysExit = 93, kSysRead = 63, kSysClose = 57;

}  // namespace

const char* RunResult::StopName(Stop s) {
  switch (s) {
    case Stop::kExited: return "exited";
    case Stop::kInstructionLimit: return "instruction_limit";
    case Stop::kGemminiError: return "gemmini_error";
    case Stop::kHtifError: return "htif_error";
    case Stop::kNoHtif: return "no_htif";
    case Stop::kReturned: return "returned";
  }
  return "unknown";
}

Result<std::unique_ptr<Machine>> Machine::Create(const ElfImage& program, MachineOptions options) {
  std::unique_ptr<Machine> m(new Machine());
  m->options_ = std::move(options);
  m->program_ = program;
  AUTOCOMP_ASSIGN_OR_RETURN(m->memory_, Memory::Create(m->options_.dram_bytes));
  for (const ElfSegment& seg : program.segments()) {
    if (seg.memsz == 0) continue;
    if (m->memory_->Translate(seg.paddr, seg.memsz) == nullptr ||
        seg.paddr < Memory::kDramBase) {
      char buf[160];
      std::snprintf(buf, sizeof(buf), "program segment at 0x%llx (%llu bytes) lies outside DRAM (0x80000000, %llu MiB)",
                    (unsigned long long)seg.paddr, (unsigned long long)seg.memsz,
                    (unsigned long long)(m->options_.dram_bytes >> 20));
      return InvalidArgumentError(buf);
    }
    m->memory_->Write(seg.paddr, seg.data.data(), seg.data.size());
  }
  // Boot ROM: the reset vector Spike places at 0x1000.
  const uint64_t entry = program.entry();
  const uint32_t rom[8] = {
      0x00000297,                       // auipc t0, 0
      0x02028593,                       // addi  a1, t0, 32   (device tree address)
      0xf1402573,                       // csrr  a0, mhartid
      0x0182b283,                       // ld    t0, 24(t0)
      0x00028067,                       // jr    t0
      0,
      uint32_t(entry),
      uint32_t(entry >> 32),
  };
  std::memcpy(m->memory_->rom().data(), rom, sizeof(rom));

  Machine* raw = m.get();
  AUTOCOMP_RETURN_IF_ERROR(m->options_.hardware.Resolve(&m->options_.config));
  if (m->options_.timing) {
    const GemminiConfig& c = m->options_.config;
    m->timing_ = std::make_unique<TimingModel>(m->options_.hardware, c.dim, c.elem_bytes, c.acc_bytes);
  }
  GemminiOptions g;
  g.config = m->options_.config;
  g.spike_log = m->options_.spike_log;
  g.print = [raw](const std::string& s) { raw->Print(s); };
  g.symbolize = [raw](uint64_t pc) { return raw->program_.SymbolAt(pc); };
  g.timing = m->timing_.get();
  m->gemmini_ = GemminiModel::Create(std::move(g), m->memory_.get());
  m->core_ = std::make_unique<Rv64Core>(m->memory_.get());
  m->core_->set_rocc(m->gemmini_.get());
  if (m->timing_) {
    TimingModel* t = m->timing_.get();
    m->core_->set_estimator([t](uint64_t retired) { return t->EstimateAt(retired); });
    m->core_->set_core_timing(&t->core());
  }
  m->core_->Reset(Memory::kRomBase);
  m->tohost_ = program.Symbol("tohost");
  m->fromhost_ = program.Symbol("fromhost");
  for (const auto& [name, value] : m->options_.pokes) {
    const uint64_t at = program.Symbol(name);
    if (at == 0 || !m->memory_->Write(at, &value, sizeof value)) {
      return InvalidArgumentError("program has no writable symbol '" + name + "'");
    }
  }
  if (!m->options_.measure_function.empty()) {
    const uint64_t entry = program.Symbol(m->options_.measure_function);
    if (entry == 0) return InvalidArgumentError("program has no function '" + m->options_.measure_function + "'");
    Rv64Core* core = m->core_.get();
    TimingModel* timing = m->timing_.get();
    MeasuredCall* call = &m->measured_;
    auto estimate = [core, timing] {
      return timing ? std::max(timing->EstimateAt(core->instret()), timing->DrainTime()) : core->instret();
    };
    // gp, tp, s0, s1, s2..s11 (x3, x4, x8, x9, x18..x27).
    static constexpr int kKept[14] = {3, 4, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};
    static constexpr const char* kNames[14] = {"gp", "tp", "s0", "s1", "s2", "s3", "s4",
                                               "s5", "s6", "s7", "s8", "s9", "s10", "s11"};
    core->Watch(entry, [core, call, estimate] {
      if (!call->entered) {
        for (int i = 0; i < 14; ++i) call->saved[i] = core->reg(kKept[i]);
        call->entered = true;
        call->entry_instret = core->instret();
        call->entry_estimate = estimate();
        call->ra = core->reg(1);
        call->sp = core->reg(2);
        core->MoveWatch(call->ra);
      } else if (core->pc() == call->ra && core->reg(2) == call->sp) {
        call->returned = true;
        for (int i = 0; i < 14 && call->clobbered.empty(); ++i) {
          if (core->reg(kKept[i]) != call->saved[i]) call->clobbered = kNames[i];
        }
        call->instructions = core->instret() - call->entry_instret;
        call->cycle_estimate = estimate() - call->entry_estimate;
        core->Halt();
      }
    });
  }
  return m;
}

bool Machine::Syscall(uint64_t magic, RunResult* result) {
  uint64_t mm[8];
  if (!memory_->Read(magic, mm, sizeof(mm))) {
    result->stop = RunResult::Stop::kHtifError;
    result->message = "HTIF syscall block at an unmapped address";
    result->exit_code = 1;
    return false;
  }
  uint64_t ret = 0;
  switch (mm[0]) {
    case kSysWrite: {
      const uint64_t fd = mm[1], buf = mm[2], len = mm[3];
      if (fd != 1 && fd != 2) { ret = uint64_t(-9); break; }  // EBADF
      std::string text(len, '\0');
      if (len > (64ULL << 20) || !memory_->Read(buf, text.data(), len)) { ret = uint64_t(-14); break; }  // EFAULT
      Print(text);
      ret = len;
      break;
    }
    case kSysExit:
      exited_ = true;
      exit_code_ = int(((mm[1] << 1 | 1) & 0xFFFFFFFFFFFFULL) >> 1);
      break;
    case kSysRead: ret = 0; break;   // no standard input: end of file
    case kSysClose: ret = 0; break;
    default:
      result->stop = RunResult::Stop::kHtifError;
      result->message = "program made HTIF syscall " + std::to_string(mm[0]) +
                        ", which the simulator does not provide (write and exit are supported)";
      result->exit_code = 1;
      return false;
  }
  mm[0] = ret;
  memory_->Write(magic, mm, sizeof(mm));
  fromhost_queue_.push_back(1);  // device 0, command 0, response 1
  return true;
}

bool Machine::HandleTohost(uint64_t tohost, RunResult* result) {
  const uint64_t device = tohost >> 56, cmd = (tohost >> 48) & 0xff;
  const uint64_t payload = tohost & 0xFFFFFFFFFFFFULL;
  if (device == 0 && cmd == 0) {
    if (payload & 1) {
      exited_ = true;
      exit_code_ = int(payload >> 1);
      return true;
    }
    return Syscall(payload, result);
  }
  if (device == 1 && cmd == 1) {
    Print(std::string(1, char(payload & 0xff)));  // console output, no reply
  }
  return true;  // other devices and commands are ignored, as Spike's null device does
}

RunResult Machine::Run() {
  RunResult result;
  auto t0 = std::chrono::steady_clock::now();
  if (tohost_ == 0 || fromhost_ == 0) {
    result.stop = RunResult::Stop::kNoHtif;
    result.exit_code = 1;
    result.message = "program has no tohost/fromhost symbols, so it can neither print nor exit "
                     "(link it with the runtime in backends/gemmini/runtime or riscv-tests' crt.S)";
    return result;
  }
  const uint64_t limit = options_.max_instructions;
  bool running = true;
  while (running) {
    uint64_t tohost = 0;
    if (tohost_ != 0) memory_->Load(tohost_, 8, &tohost);
    if (tohost != 0) {
      memory_->Store(tohost_, 8, 0);
      if (!HandleTohost(tohost, &result)) break;
      if (exited_) {
        result.stop = RunResult::Stop::kExited;
        result.exit_code = exit_code_;
        result.message = exit_code_ == 0 ? "program exited with code 0"
                                         : "program exited with code " + std::to_string(exit_code_);
        break;
      }
    } else {
      core_->CheckTimerInterrupt();
      uint64_t slice = kInterleave;
      if (limit != 0 && core_->attempted() + slice > limit) {
        slice = limit > core_->attempted() ? limit - core_->attempted() : 0;
      }
      core_->Step(slice);
      core_->ClearReservation();
      memory_->mtime += kRtcTicksPerSlice;
      if (core_->halted() && measured_.returned) {
        result.stop = RunResult::Stop::kReturned;
        result.message = options_.measure_function + " returned";
        break;
      }
      if (core_->halted()) {
        result.stop = RunResult::Stop::kGemminiError;
        result.exit_code = gemmini_->exit_request().value_or(1);
        result.message = "stopped by a Gemmini error";
        for (const auto& d : gemmini_->diagnostics()) if (d.fatal) { result.message = d.message; break; }
        break;
      }
      if (limit != 0 && core_->attempted() >= limit) {
        result.stop = RunResult::Stop::kInstructionLimit;
        result.exit_code = 1;
        result.message = "instruction limit of " + std::to_string(limit) + " reached (the program may not terminate)";
        break;
      }
    }
    if (fromhost_ != 0 && !fromhost_queue_.empty()) {
      uint64_t cur = 0;
      memory_->Load(fromhost_, 8, &cur);
      if (cur == 0) {
        memory_->Store(fromhost_, 8, fromhost_queue_.front());
        fromhost_queue_.erase(fromhost_queue_.begin());
      }
    }
  }
  result.instructions = core_->instret();
  result.attempted = core_->attempted();
  result.log_lines = core_->log_lines();
  result.traps = core_->traps();
  result.counter_reads = core_->counter_reads();
  result.cycle_estimate = timing_ ? std::max(timing_->EstimateAt(core_->instret()), timing_->DrainTime())
                                  : core_->instret();
  result.gemmini = gemmini_->stats();
  result.measured = measured_;
  result.diagnostics = gemmini_->diagnostics();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace autocomp::gemmini
