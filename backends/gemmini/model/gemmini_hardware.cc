// backends/gemmini/model/gemmini_hardware.cc — presets, JSON reading and
// consistency checks of the modelled Gemmini SoC (gemmini_hardware.h).
#include "model/gemmini_hardware.h"

#include <functional>
#include <map>
#include <tuple>

namespace autocomp::gemmini {
namespace {

bool PowerOfTwo(int v) { return v > 0 && (v & (v - 1)) == 0; }

// The integer fields, by their JSON key, with the smallest value each accepts.
struct IntField {
  int GemminiHardware::*field;
  int min;
};

const std::map<std::string, IntField>& IntFields() {
  static const std::map<std::string, IntField> fields = {
      {"sp_banks", {&GemminiHardware::sp_banks, 0}},
      {"sp_bank_rows", {&GemminiHardware::sp_bank_rows, 0}},
      {"acc_rows", {&GemminiHardware::acc_rows, 0}},
      {"acc_banks", {&GemminiHardware::acc_banks, 0}},
      {"sp_read_delay", {&GemminiHardware::sp_read_delay, 0}},
      {"acc_latency", {&GemminiHardware::acc_latency, 0}},
      {"mesh_output_delay", {&GemminiHardware::mesh_output_delay, 0}},
      {"preload_cycles", {&GemminiHardware::preload_cycles, -1}},
      {"mvin_scale_latency", {&GemminiHardware::mvin_scale_latency, 0}},
      {"acc_scale_latency", {&GemminiHardware::acc_scale_latency, 0}},
      {"ld_queue", {&GemminiHardware::ld_queue, 1}},
      {"ex_queue", {&GemminiHardware::ex_queue, 1}},
      {"st_queue", {&GemminiHardware::st_queue, 1}},
      {"rs_ld", {&GemminiHardware::rs_ld, 1}},
      {"rs_ex", {&GemminiHardware::rs_ex, 2}},
      {"rs_st", {&GemminiHardware::rs_st, 1}},
      {"rocc_queue", {&GemminiHardware::rocc_queue, 1}},
      {"loop_slots", {&GemminiHardware::loop_slots, 1}},
      {"dma_beat_bytes", {&GemminiHardware::dma_beat_bytes, 1}},
      {"dma_request_bytes", {&GemminiHardware::dma_request_bytes, 1}},
      {"dma_reads_in_flight", {&GemminiHardware::dma_reads_in_flight, 1}},
      {"dma_writes_in_flight", {&GemminiHardware::dma_writes_in_flight, 1}},
      {"tlb_entries", {&GemminiHardware::tlb_entries, 1}},
      {"tlb_miss_cycles", {&GemminiHardware::tlb_miss_cycles, 0}},
      {"dma_fabric_latency", {&GemminiHardware::dma_fabric_latency, 0}},
      {"pipe_latency", {&GemminiHardware::pipe_latency, 0}},
      {"pipe_outstanding", {&GemminiHardware::pipe_outstanding, 1}},
      {"llc_bytes", {&GemminiHardware::llc_bytes, 0}},
      {"llc_ways", {&GemminiHardware::llc_ways, 1}},
      {"llc_hit_latency", {&GemminiHardware::llc_hit_latency, 0}},
      {"dram_row_hit_latency", {&GemminiHardware::dram_row_hit_latency, 0}},
      {"dram_row_miss_latency", {&GemminiHardware::dram_row_miss_latency, 0}},
      {"dram_banks", {&GemminiHardware::dram_banks, 1}},
      {"dram_row_bytes", {&GemminiHardware::dram_row_bytes, 1}},
      {"l1i_bytes", {&GemminiHardware::l1i_bytes, 0}},
      {"l1d_bytes", {&GemminiHardware::l1d_bytes, 0}},
      {"l1_ways", {&GemminiHardware::l1_ways, 1}},
      {"l2_bytes", {&GemminiHardware::l2_bytes, 0}},
      {"l2_ways", {&GemminiHardware::l2_ways, 1}},
      {"line_bytes", {&GemminiHardware::line_bytes, 8}},
      {"l2_hit_latency", {&GemminiHardware::l2_hit_latency, 0}},
      {"bht_entries", {&GemminiHardware::bht_entries, 1}},
      {"mul_latency", {&GemminiHardware::mul_latency, 1}},
      {"div_latency", {&GemminiHardware::div_latency, 1}},
      {"load_use_penalty", {&GemminiHardware::load_use_penalty, 0}},
      {"branch_penalty", {&GemminiHardware::branch_penalty, 0}},
  };
  return fields;
}

}  // namespace

const char* MemoryModelName(MemoryModel m) {
  return m == MemoryModel::kLatencyBandwidthPipe ? "pipe" : "ddr3-llc";
}

GemminiHardware GemminiHardware::Default() {
  GemminiHardware h;
  // Fitted to the published FireSim points (docs/gemmini.md, "Calibration"),
  // for what the configuration facts do not give: how much of a weight
  // preload the mesh hides, the crossing of the system bus, the L2's hit
  // time and the DDR3 model's latencies. The rest are the facts.
  h.preload_cycles = 14;
  h.dma_fabric_latency = 15;
  h.l2_hit_latency = 5;
  h.llc_hit_latency = 0;
  h.dram_row_hit_latency = 0;
  h.dram_row_miss_latency = 60;
  return h;
}

GemminiHardware GemminiHardware::Lean() {
  GemminiHardware h = Default();
  h.memory = MemoryModel::kLatencyBandwidthPipe;
  h.dma_reads_in_flight = 64;
  h.dma_writes_in_flight = 64;
  return h;
}

Result<GemminiHardware> GemminiHardware::FromJson(const nlohmann::json& options, const std::string& where) {
  if (!options.is_object()) return InvalidArgumentError(where + ": must be an object of Gemmini parameters");
  GemminiHardware h = Default();
  if (options.contains("preset")) {
    const auto& p = options["preset"];
    if (!p.is_string() || (p != "default" && p != "lean")) {
      return InvalidArgumentError(where + ".preset: must be \"default\" or \"lean\"");
    }
    if (p == "lean") h = Lean();
  }
  for (const auto& [key, value] : options.items()) {
    if (key == "preset") continue;
    if (key == "memory") {
      if (value == "pipe") h.memory = MemoryModel::kLatencyBandwidthPipe;
      else if (value == "ddr3-llc") h.memory = MemoryModel::kDdr3FrFcfsLlc;
      else return InvalidArgumentError(where + ".memory: must be \"ddr3-llc\" or \"pipe\"");
      continue;
    }
    if (key == "memory_bytes_per_cycle") {
      if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 4096) {
        return InvalidArgumentError(where + ".memory_bytes_per_cycle: must be a number from 0 (unlimited) to 4096");
      }
      h.memory_bytes_per_cycle = value.get<double>();
      continue;
    }
    auto it = IntFields().find(key);
    if (it == IntFields().end()) {
      std::string known = "preset, memory, memory_bytes_per_cycle";
      for (const auto& [k, f] : IntFields()) known += ", " + k;
      return InvalidArgumentError(where + "." + key + ": unknown Gemmini parameter (known: " + known + ")");
    }
    if (!value.is_number_integer()) return InvalidArgumentError(where + "." + key + ": must be an integer");
    const int64_t v = value.get<int64_t>();
    if (v < it->second.min || v > (int64_t(1) << 30)) {
      return InvalidArgumentError(where + "." + key + ": must be an integer from " + std::to_string(it->second.min) +
                                  " to 2^30, not " + std::to_string(v));
    }
    h.*(it->second.field) = int(v);
  }
  return h;
}

nlohmann::json GemminiHardware::ToJson() const {
  nlohmann::json j;
  for (const auto& [key, f] : IntFields()) j[key] = this->*(f.field);
  j["memory"] = MemoryModelName(memory);
  j["memory_bytes_per_cycle"] = memory_bytes_per_cycle;
  return j;
}

Status GemminiHardware::Resolve(GemminiConfig* config) {
  if (sp_banks == 0) sp_banks = config->sp_banks;
  if (sp_bank_rows == 0) sp_bank_rows = config->sp_bank_rows;
  if (acc_rows == 0) acc_rows = config->acc_rows;
  if (acc_banks == 0) acc_banks = config->acc_banks;
  config->sp_banks = sp_banks;
  config->sp_bank_rows = sp_bank_rows;
  config->acc_rows = acc_rows;
  config->acc_banks = acc_banks;
  config->max_bytes = dma_request_bytes;
  return Check(config->dim, config->elem_bytes);
}

Status GemminiHardware::Check(int dim, int elem_bytes) const {
  auto bad = [](const std::string& m) { return InvalidArgumentError("gemmini hardware: " + m); };
  if (acc_rows % acc_banks != 0) {
    return bad("acc_rows (" + std::to_string(acc_rows) + ") must split evenly into acc_banks (" +
               std::to_string(acc_banks) + ")");
  }
  // Local addresses: 29 bits of row index, the accumulator bit above them.
  if (int64_t(sp_rows()) >= (int64_t(1) << 29)) return bad("the scratchpad has more rows than a local address holds");
  if (acc_rows % dim != 0 || sp_rows() % (2 * dim) != 0) {
    return bad("scratchpad rows (" + std::to_string(sp_rows()) + ") and accumulator rows (" + std::to_string(acc_rows) +
               ") must be multiples of 2*DIM and DIM (" + std::to_string(dim) + ") for double-buffered tiles");
  }
  if (dma_beat_bytes < dim * elem_bytes && dma_request_bytes < dim * elem_bytes) {
    return bad("a DMA request of " + std::to_string(dma_request_bytes) + " bytes cannot carry one row of DIM elements");
  }
  if (dma_request_bytes % dma_beat_bytes != 0) {
    return bad("dma_request_bytes (" + std::to_string(dma_request_bytes) + ") must be a multiple of dma_beat_bytes (" +
               std::to_string(dma_beat_bytes) + ")");
  }
  if (dma_request_bytes < dim * elem_bytes) {
    return bad("dma_request_bytes (" + std::to_string(dma_request_bytes) + ") is below one row of DIM elements (" +
               std::to_string(dim * elem_bytes) + " bytes)");
  }
  if (!PowerOfTwo(line_bytes)) return bad("line_bytes must be a power of two");
  for (auto [name, bytes, ways] : {std::tuple{"l1i_bytes", l1i_bytes, l1_ways}, std::tuple{"l1d_bytes", l1d_bytes, l1_ways},
                                   std::tuple{"l2_bytes", l2_bytes, l2_ways}, std::tuple{"llc_bytes", llc_bytes, llc_ways}}) {
    if (bytes % (line_bytes * ways) != 0) {
      return bad(std::string(name) + " (" + std::to_string(bytes) + ") must be a multiple of its ways times line_bytes");
    }
  }
  if (!PowerOfTwo(bht_entries)) return bad("bht_entries must be a power of two");
  if (!PowerOfTwo(dram_row_bytes)) return bad("dram_row_bytes must be a power of two");
  if (dram_row_miss_latency < dram_row_hit_latency) {
    return bad("dram_row_miss_latency must not be below dram_row_hit_latency");
  }
  return Status::Ok();
}

}  // namespace autocomp::gemmini
