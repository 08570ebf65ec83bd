// backends/gemmini/model/gemmini_machine.h
//
// Internal: the templated implementation behind GemminiModel, shared by
// gemmini_primitives.cc (config, mvin, mvout, preload, compute, dispatch)
// and gemmini_loops.cc (loop_ws, loop_conv_ws). `T` fixes elem_t/acc_t:
// Int8Types or Fp32Types. Not part of the backend's interface.
#pragma once

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "model/gemmini_model.h"
#include "model/gemmini_timing.h"

namespace autocomp::gemmini {

struct Int8Types {
  using Elem = int8_t;
  using Acc = int32_t;
  static constexpr bool kFloat = false;
  static constexpr uint32_t kDim = 16;
};
struct Fp32Types {
  using Elem = float;
  using Acc = float;
  static constexpr bool kFloat = true;
  static constexpr uint32_t kDim = 4;
};

enum class Dataflow { kOS = 0, kWS = 1 };
enum class Activation { kNone = 0, kRelu = 1, kLayerNorm = 2, kIGelu = 3, kSoftmax = 4 };

constexpr uint32_t kGarbageAddr = 0xFFFFFFFFu;

template <class T>
class GemminiMachine final : public GemminiModel {
 public:
  using Elem = typename T::Elem;
  using Acc = typename T::Acc;

  GemminiMachine(GemminiOptions options, Memory* memory);

  Outcome Execute(const RoccCommand& cmd, uint64_t* rd_value, uint64_t* fault_addr) override;
  void OnFence(uint64_t retired_before) override;
  const std::vector<Diagnostic>& diagnostics() const override { return diagnostics_; }
  const GemminiStats& stats() const override;
  std::optional<int> exit_request() const override { return exit_request_; }
  double SpadValue(uint32_t row, int col) const override { return double(spad_[size_t(row) * dim_ + col]); }
  double AccValue(uint32_t row, int col) const override { return double(acc_[size_t(row) * dim_ + col]); }

 private:
  // Primitives. Each returns false if the instruction must stop (a fatal
  // error or a DRAM fault was recorded in outcome_).
  bool Mvin(uint64_t dram_addr, uint64_t sp_addr, int state_id);
  // The element-by-element mvin (pixel repeats, unmapped DRAM); Mvin()
  // takes it when its row-at-a-time path does not apply.
  bool MvinSlow(uint64_t dram_addr, uint64_t sp_addr, int state_id);
  bool Mvout(uint64_t dram_addr, uint64_t sp_addr);
  void Preload(uint64_t bd_addr, uint64_t c_addr);
  bool Compute(uint64_t a_addr, uint64_t bd_addr, bool preload);
  bool Config(uint64_t rs1, uint64_t rs2);
  bool LoopWs(uint64_t rs1, uint64_t rs2);
  bool LoopConvWs(uint64_t rs1, uint64_t rs2);
  uint64_t CounterOp(uint64_t rs1);

  // Arithmetic of the configuration.
  Elem MvinScale(Elem v, float scale) const;
  Elem AccScale(Acc v, float scale) const;
  Elem SysShift(Acc v, unsigned shift) const;
  Elem Activate(Elem v, Activation act) const { return act == Activation::kRelu && v < Elem(0) ? Elem(0) : v; }
  Acc PreActivation(Acc v) const;
  bool ApplyNorm(const Acc* row, size_t len, int cmd);
  Acc Iexp(Acc q) const;

  // Checked state access; false (and a fatal diagnostic) when out of range.
  bool SpadRow(uint64_t row, const char* what);
  bool AccRow(uint64_t row, const char* what);
  void NoteRead(bool acc, uint64_t row);
  void NoteWrite(bool acc, uint64_t row);

  // DRAM access; false (and a fault) when unmapped.
  template <class V> bool ReadDram(uint64_t addr, V* v);
  template <class V> bool WriteDram(uint64_t addr, V v);

  bool Fatal(const std::string& what);
  void Warn(const std::string& what);
  std::string Where() const;
  Activation DecodeAct(uint64_t bits) const;

  GemminiOptions opt_;
  const GemminiConfig cfg_;
  const int dim_;
  Memory* mem_;
  TimingModel* timing_;

  std::vector<Elem> spad_;
  std::vector<Acc> acc_;
  std::vector<Acc> pe_;
  std::vector<uint8_t> sp_written_, acc_written_;

  // Architectural configuration state (all zero at reset, as in Spike).
  Dataflow mode_ = Dataflow::kOS;
  Activation sys_act_ = Activation::kNone, acc_act_ = Activation::kNone;
  unsigned sys_shift_ = 0;
  uint32_t sys_acc_shift_ = 0;
  uint64_t load_stride_[3] = {};
  uint16_t load_block_stride_[3] = {};
  bool load_shrunk_[3] = {};
  float load_scale_[3] = {};
  uint8_t pixels_per_row_[3] = {};
  uint64_t store_stride_ = 0;
  float acc_scale_ = 0;
  uint16_t c_stride_ = 0, a_stride_ = 0;
  bool a_transpose_ = false, b_transpose_ = false;
  uint8_t pool_stride_ = 0, pool_size_ = 0, pool_out_dim_ = 0, pool_porows_ = 0, pool_pocols_ = 0;
  uint8_t pool_orows_ = 0, pool_ocols_ = 0, pool_upad_ = 0, pool_lpad_ = 0;
  uint32_t preload_sp_addr_ = 0, output_sp_addr_ = 0;
  uint16_t preload_rows_ = 0, preload_cols_ = 0, output_rows_ = 0, output_cols_ = 0;

  // Normalisation statistics (LayerNorm / Softmax activations).
  static constexpr int kNormStatIds = 4;
  uint8_t norm_stat_id_ = 0;
  Acc igelu_qb_ = 0, igelu_qc_ = 0, qln2_ = 0, qln2_inv_ = 0;
  Acc norm_sum_[kNormStatIds] = {}, norm_running_max_[kNormStatIds] = {}, norm_max_[kNormStatIds] = {};
  Acc norm_count_[kNormStatIds] = {}, norm_mean_[kNormStatIds] = {};
  float norm_inv_stddev_[kNormStatIds] = {}, norm_inv_sum_exp_[kNormStatIds] = {};
  bool norm_reset_[kNormStatIds] = {true, true, true, true};

  // loop_ws / loop_conv_ws configuration registers.
  uint16_t lw_I_ = 0, lw_J_ = 0, lw_K_ = 0, lw_pad_I_ = 0, lw_pad_J_ = 0, lw_pad_K_ = 0;
  uint64_t lw_A_ = 0, lw_B_ = 0, lw_D_ = 0, lw_C_ = 0;
  uint64_t lw_A_stride_ = 0, lw_B_stride_ = 0, lw_D_stride_ = 0, lw_C_stride_ = 0;
  uint64_t conv_cfg_[6][2] = {};  // raw rs1/rs2 of loop_conv_ws_config_1..6
  uint32_t conv_d_row_ = 0, conv_c_row_ = 0;  // double-buffer halves, persist across calls

  // Per-instruction context for messages and outcomes.
  RoccCommand cmd_{};
  const char* context_ = "";
  Outcome outcome_ = Outcome::kDone;
  uint64_t fault_addr_ = 0;

  bool banner_printed_ = false;
  std::vector<Diagnostic> diagnostics_;
  size_t warnings_ = 0;
  mutable GemminiStats stats_;
  std::optional<int> exit_request_;
};

}  // namespace autocomp::gemmini
