// backends/gemmini/model/gemmini_model.h
//
// The built-in, bit-exact model of the Gemmini accelerator (the ISA that
// libgemmini's Spike extension implements): a RoccUnit that executes
// custom-3 instructions against its own scratchpad and accumulator and the
// machine's DRAM. Every instruction counts one, however much work it starts
// (a whole loop_ws matmul included).
//
// Semantics follow the ISA of the default configuration (see
// gemmini_config.h and docs/gemmini.md), including the loop_ws and
// loop_conv_ws state machines. Where Spike's extension has undefined
// behaviour (reading an uninitialised A operand when the A address is the
// garbage address) the model uses zero and says so in docs/gemmini.md.
//
// Failure: an instruction the hardware cannot execute (address beyond the
// scratchpad or accumulator, rows or cols > DIM, an illegal transpose
// combination, loop bounds too large) is a fatal Diagnostic naming the
// instruction, its pc and operands; the machine stops. A DRAM address that
// maps to nothing makes the core trap (load/store access fault), as in
// Spike. Reads of never-written rows are warnings (hardware allows them).
//
// Thread-safety: none; one model per simulated machine.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/gemmini_config.h"
#include "sim/memory.h"
#include "sim/rv64_core.h"

namespace autocomp::gemmini {

class TimingModel;

struct Diagnostic {
  bool fatal = false;
  std::string message;  // "mvin at pc 0x80001a2c (solution): rows 17 > DIM 16 [rs1=0x.. rs2=0x..]"
};

struct GemminiStats {
  uint64_t instructions = 0;              // custom-3 instructions executed
  uint64_t by_funct[128] = {};            // per funct
  uint64_t mvin_rows = 0, mvout_rows = 0; // DIM-wide rows moved (incl. those inside loops)
  uint64_t mvin_bytes = 0, mvout_bytes = 0;
  uint64_t computes = 0, preloads = 0;    // incl. those inside loops
  uint64_t macs = 0;                      // DIM^3 per compute
  uint64_t sp_rows_touched = 0;           // distinct scratchpad rows ever written
  uint64_t acc_rows_touched = 0;          // distinct accumulator rows ever written
  uint64_t unwritten_reads = 0;           // reads of never-written rows
};

struct GemminiOptions {
  GemminiConfig config = GemminiConfig::Int8();
  // Print the per-mvin/mvout lines of Spike's extension ("GEMMINI: mvin - ...")
  // and its start-up banner through `print`.
  bool spike_log = false;
  std::function<void(const std::string&)> print;
  // Maps a pc to a function name for messages (may be empty).
  std::function<std::string(uint64_t)> symbolize;
  TimingModel* timing = nullptr;  // optional; not owned
  size_t max_warnings = 20;       // warnings kept verbatim; the rest are counted
};

class GemminiModel : public RoccUnit {
 public:
  // `memory` must outlive the model.
  static std::unique_ptr<GemminiModel> Create(GemminiOptions options, Memory* memory);

  virtual const std::vector<Diagnostic>& diagnostics() const = 0;
  virtual const GemminiStats& stats() const = 0;
  // The model's exit code request (loop_ws bounds too large makes Spike
  // exit(1)); nullopt normally.
  virtual std::optional<int> exit_request() const = 0;

  // Test access to the state (row-major, DIM values per row).
  virtual double SpadValue(uint32_t row, int col) const = 0;
  virtual double AccValue(uint32_t row, int col) const = 0;
};

// Funct numbers of the Gemmini RoCC instructions (custom-3).
enum GemminiFunct : uint32_t {
  kConfig = 0, kMvin2 = 1, kMvin = 2, kMvout = 3, kComputePreloaded = 4, kComputeAccumulated = 5,
  kPreload = 6, kFlush = 7, kLoopWs = 8, kLoopWsConfigBounds = 9, kLoopWsConfigAddrsAB = 10,
  kLoopWsConfigAddrsDC = 11, kLoopWsConfigStridesAB = 12, kLoopWsConfigStridesDC = 13, kMvin3 = 14,
  kLoopConvWs = 15, kLoopConvWsConfig1 = 16, kLoopConvWsConfig6 = 21, kCounterOp = 126, kFence = 127,
};

const char* FunctName(uint32_t funct);

}  // namespace autocomp::gemmini
