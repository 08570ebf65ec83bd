// backends/gemmini/model/gemmini_hardware.h
//
// The Gemmini SoC the cycle model describes: capacities of the accelerator
// (which also bound what the functional model accepts), the timing
// parameters of its controllers, DMA and memory system, and of the scalar
// core. The defaults are the default Gemmini configuration on a Rocket core
// with FireSim's DDR3 FR-FCFS memory model and a 4 MiB last-level cache
// (docs/gemmini.md, "The cycle model", lists every value and its source).
// `backend_options.hardware` overrides fields; `Check` says what is
// inconsistent. Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "model/gemmini_config.h"

namespace autocomp::gemmini {

enum class MemoryModel { kLatencyBandwidthPipe, kDdr3FrFcfsLlc };

struct GemminiHardware {
  // --- the accelerator (DIM and element sizes come from GemminiConfig; a
  // capacity of 0 means the configuration's own, see Resolve) ---
  int sp_banks = 0;
  int sp_bank_rows = 0;           // rows of DIM elements per bank, single-ported
  int acc_rows = 0;               // accumulator rows over all banks
  int acc_banks = 0;
  int sp_read_delay = 4;          // cycles from a scratchpad read to its data
  int acc_latency = 2;            // accumulator read/write pipeline
  int mesh_output_delay = 1;      // tile latency 0, one register at the mesh output
  int preload_cycles = -1;        // mesh cycles a preload of new weights is not hidden; -1: DIM (calibrated)
  int mvin_scale_latency = 4;
  int acc_scale_latency = 8;
  int ld_queue = 8, ex_queue = 8, st_queue = 2;             // controller queues
  int rs_ld = 8, rs_ex = 16, rs_st = 4;                     // reservation-station entries
  int rocc_queue = 2;             // RoCC commands buffered between the core and Gemmini
  int loop_slots = 2;             // loops the hardware unroller holds at once
  // --- DMA ---
  int dma_beat_bytes = 16;        // system-bus width
  int dma_request_bytes = 64;     // largest request (MAX_BYTES)
  int dma_reads_in_flight = 16;   // per direction
  int dma_writes_in_flight = 16;
  int tlb_entries = 4;
  int tlb_miss_cycles = 0;        // page walk; 0 = translation off (bare-metal M mode)
  int dma_fabric_latency = 0;     // system bus + L2 crossing, each way (calibrated)
  // --- caches (Rocket's L1s and the shared L2 Gemmini's DMA goes through) ---
  int l1i_bytes = 16384, l1d_bytes = 16384, l1_ways = 4;
  int l2_bytes = 512 << 10, l2_ways = 8;
  int line_bytes = 64;
  int l2_hit_latency = 0;         // calibrated
  // --- memory system behind the L2 ---
  MemoryModel memory = MemoryModel::kDdr3FrFcfsLlc;
  double memory_bytes_per_cycle = 0;  // bandwidth behind the L2 (LLC and DRAM, or the pipe); 0 = unlimited
  int pipe_latency = 30;          // latency-bandwidth pipe
  int pipe_outstanding = 16;
  int llc_bytes = 4 << 20;        // DDR3 model's last-level cache
  int llc_ways = 8;
  int llc_hit_latency = 0;        // calibrated
  int dram_row_hit_latency = 0;   // FR-FCFS, open page (calibrated)
  int dram_row_miss_latency = 0;
  int dram_banks = 8;
  int dram_row_bytes = 8192;
  // --- scalar core (Rocket, in order) ---
  int load_use_penalty = 1;       // extra cycles when an instruction uses a load's result next
  int branch_penalty = 3;         // extra cycles per mispredicted branch
  int bht_entries = 512;          // 2-bit counters, indexed by pc
  int mul_latency = 8;            // iterative multiplier (8 bits a cycle)
  int div_latency = 64;           // iterative divider, one bit a cycle

  int sp_rows() const { return sp_banks * sp_bank_rows; }

  // Fills the capacities left at 0 from `config` and writes the others into
  // it (the functional model then accepts exactly the configured sizes);
  // then checks the whole, naming what is inconsistent.
  Status Resolve(GemminiConfig* config);

  // The default SoC (DDR3 FR-FCFS + 4 MiB LLC) and FireSim's "Lean" Gemmini
  // image: latency-bandwidth pipe memory, 64 DMA requests in flight.
  static GemminiHardware Default();
  static GemminiHardware Lean();

  // Applies `options` (an object of the keys above, plus "preset":
  // "default"|"lean" and "memory": "ddr3-llc"|"pipe") onto the preset.
  // Errors name `where` and the key.
  static Result<GemminiHardware> FromJson(const nlohmann::json& options, const std::string& where);
  nlohmann::json ToJson() const;
  // Capacities and parameters that cannot describe a Gemmini, named.
  Status Check(int dim, int elem_bytes) const;
};

const char* MemoryModelName(MemoryModel m);

}  // namespace autocomp::gemmini
