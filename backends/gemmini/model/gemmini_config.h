// backends/gemmini/model/gemmini_config.h
//
// The two Gemmini configurations the built-in model implements:
//
//   int8   (default) DIM 16, int8 inputs, int32 accumulator, 256 KiB
//          scratchpad in 4 banks of 4096 rows, 64 KiB accumulator in 2 banks
//          (1024 rows); mvin and accumulator scales are float multiplies
//          rounded to nearest even and saturated to int8. This is the
//          configuration of libgemmini's gemmini_params.h.
//   fp32   DIM 4, fp32 inputs and accumulator, same capacities (256 KiB
//          scratchpad = 16384 rows of 4 floats, 64 KiB accumulator = 4096
//          rows); scales are plain float multiplies, nothing saturates.
//          Used by the admm-multifunction problems.
//
// Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace autocomp::gemmini {

struct GemminiConfig {
  std::string name;           // "int8" or "fp32"
  int dim = 16;               // systolic array width (PEs per side)
  bool is_float = false;      // elem_t/acc_t are float
  int elem_bytes = 1;         // sizeof(elem_t)
  int acc_bytes = 4;          // sizeof(acc_t)
  int sp_banks = 4;
  int sp_bank_rows = 4096;
  int acc_rows = 1024;        // total, over acc_banks
  int acc_banks = 2;
  int max_bytes = 64;         // DMA bytes per row request (MAX_BYTES)

  int sp_rows() const { return sp_banks * sp_bank_rows; }
  // Widest mvin/mvout, in columns: DIM * max(sizeof(elem_t), sizeof(acc_t)) / sizeof(target).
  int max_cols(bool accumulator) const {
    int widest = elem_bytes > acc_bytes ? elem_bytes : acc_bytes;
    return dim * widest / (accumulator ? acc_bytes : elem_bytes);
  }
  int max_block_len() const { return max_bytes / (dim * elem_bytes); }
  int max_block_len_acc() const { return max_bytes / (dim * acc_bytes); }

  static GemminiConfig Int8() { return GemminiConfig{"int8", 16, false, 1, 4, 4, 4096, 1024, 2, 64}; }
  static GemminiConfig Fp32() { return GemminiConfig{"fp32", 4, true, 4, 4, 4, 4096, 4096, 2, 64}; }
  // "int8" or "fp32"; nullopt for anything else.
  static std::optional<GemminiConfig> ByName(const std::string& name) {
    if (name == "int8") return Int8();
    if (name == "fp32") return Fp32();
    return std::nullopt;
  }
};

}  // namespace autocomp::gemmini
