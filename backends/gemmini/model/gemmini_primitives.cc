// backends/gemmini/model/gemmini_primitives.cc — dispatch, config, mvin,
// mvout, preload and compute of the built-in Gemmini model, written from
// the ISA (docs/gemmini.md lists the facts used and where Spike differs).
#include <cinttypes>
#include <climits>
#include <algorithm>
#include <cstdio>

#include "model/gemmini_machine.h"

namespace autocomp::gemmini {
namespace {

std::string Hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
  return buf;
}

// float -> long long as x86's cvttss2si does it: truncation, and the
// "integer indefinite" value for NaN and out-of-range inputs.
long long TruncLikeX86(float x) {
  if (!(x >= -0x1p63f && x < 0x1p63f)) return LLONG_MIN;
  return static_cast<long long>(x);
}

// Round half to even, computed the way libgemmini's ROUND_NEAR_EVEN macro
// computes it (integer part, remainder, tie to even) so that every float,
// including huge and NaN ones, rounds to the same value.
float RoundNearEven(float x) {
  const long long i = TruncLikeX86(x);
  const long long next = TruncLikeX86(x < 0 ? x - 1 : x + 1);
  float rem = x - static_cast<float>(i);
  rem = rem < 0 ? -rem : rem;
  long long r = rem < 0.5f ? i : (rem > 0.5f ? next : (i % 2 == 0 ? i : next));
  return static_cast<float>(r);
}

int32_t SaturateInt8(float y) {
  return y > 127.0f ? 127 : (y < -128.0f ? -128 : static_cast<int32_t>(y));
}

}  // namespace

const char* FunctName(uint32_t f) {
  switch (f) {
    case kConfig: return "config";
    case kMvin2: return "mvin2";
    case kMvin: return "mvin";
    case kMvout: return "mvout";
    case kComputePreloaded: return "compute_preloaded";
    case kComputeAccumulated: return "compute_accumulated";
    case kPreload: return "preload";
    case kFlush: return "flush";
    case kLoopWs: return "loop_ws";
    case kLoopWsConfigBounds: return "loop_ws_config_bounds";
    case kLoopWsConfigAddrsAB: return "loop_ws_config_addrs_ab";
    case kLoopWsConfigAddrsDC: return "loop_ws_config_addrs_dc";
    case kLoopWsConfigStridesAB: return "loop_ws_config_strides_ab";
    case kLoopWsConfigStridesDC: return "loop_ws_config_strides_dc";
    case kMvin3: return "mvin3";
    case kLoopConvWs: return "loop_conv_ws";
    case kCounterOp: return "counter_op";
    case kFence: return "fence";
    default:
      if (f >= kLoopConvWsConfig1 && f <= kLoopConvWsConfig6) return "loop_conv_ws_config";
      return "unknown";
  }
}

std::unique_ptr<GemminiModel> GemminiModel::Create(GemminiOptions options, Memory* memory) {
  if (options.config.is_float) return std::make_unique<GemminiMachine<Fp32Types>>(std::move(options), memory);
  return std::make_unique<GemminiMachine<Int8Types>>(std::move(options), memory);
}

template <class T>
GemminiMachine<T>::GemminiMachine(GemminiOptions options, Memory* memory)
    : opt_(std::move(options)), cfg_(opt_.config), dim_(cfg_.dim), mem_(memory), timing_(opt_.timing) {
  spad_.assign(size_t(cfg_.sp_rows()) * dim_, Elem(0));
  acc_.assign(size_t(cfg_.acc_rows) * dim_, Acc(0));
  pe_.assign(size_t(dim_) * dim_, Acc(0));
  sp_written_.assign(cfg_.sp_rows(), 0);
  acc_written_.assign(cfg_.acc_rows, 0);
}

template <class T>
const GemminiStats& GemminiMachine<T>::stats() const {
  stats_.sp_rows_touched = 0;
  for (uint8_t w : sp_written_) stats_.sp_rows_touched += w;
  stats_.acc_rows_touched = 0;
  for (uint8_t w : acc_written_) stats_.acc_rows_touched += w;
  return stats_;
}

template <class T>
std::string GemminiMachine<T>::Where() const {
  uint32_t funct = cmd_.insn >> 25;
  std::string s = std::string(FunctName(funct)) + " at pc " + Hex(cmd_.pc);
  if (opt_.symbolize) {
    std::string fn = opt_.symbolize(cmd_.pc);
    if (!fn.empty()) s += " (in " + fn + ")";
  }
  s += " [rs1=" + Hex(cmd_.rs1) + " rs2=" + Hex(cmd_.rs2) + "]";
  if (*context_) s += std::string(" during ") + context_;
  return s;
}

template <class T>
bool GemminiMachine<T>::Fatal(const std::string& what) {
  diagnostics_.push_back({true, Where() + ": " + what});
  outcome_ = Outcome::kHalt;
  return false;
}

template <class T>
void GemminiMachine<T>::Warn(const std::string& what) {
  ++warnings_;
  if (warnings_ <= opt_.max_warnings) diagnostics_.push_back({false, Where() + ": " + what});
}

template <class T>
bool GemminiMachine<T>::SpadRow(uint64_t row, const char* what) {
  if (row < uint64_t(cfg_.sp_rows())) return true;
  return Fatal(std::string(what) + " uses scratchpad row " + Hex(row) + ", beyond the scratchpad (" +
               std::to_string(cfg_.sp_rows()) + " rows)");
}

template <class T>
bool GemminiMachine<T>::AccRow(uint64_t row, const char* what) {
  if (row < uint64_t(cfg_.acc_rows)) return true;
  return Fatal(std::string(what) + " uses accumulator row " + Hex(row) + ", beyond the accumulator (" +
               std::to_string(cfg_.acc_rows) + " rows)");
}

template <class T>
void GemminiMachine<T>::NoteRead(bool acc, uint64_t row) {
  if ((acc ? acc_written_ : sp_written_)[row]) return;
  ++stats_.unwritten_reads;
  if (stats_.unwritten_reads <= 3) {
    Warn(std::string("reads ") + (acc ? "accumulator" : "scratchpad") + " row " + Hex(row) +
         ", which was never written (it holds zeros here; real hardware allows this)");
  }
}

template <class T>
void GemminiMachine<T>::NoteWrite(bool acc, uint64_t row) {
  (acc ? acc_written_ : sp_written_)[row] = 1;
}

template <class T>
template <class V>
bool GemminiMachine<T>::ReadDram(uint64_t addr, V* v) {
  if (uint8_t* p = mem_->Translate(addr, sizeof(V))) {
    std::memcpy(v, p, sizeof(V));
    return true;
  }
  for (size_t b = 0; b < sizeof(V); ++b) {
    if (mem_->Translate(addr + b, 1) == nullptr) {
      fault_addr_ = addr + b;
      outcome_ = Outcome::kLoadFault;
      Warn("reads unmapped DRAM address " + Hex(addr + b) + " (the core takes a load access fault)");
      return false;
    }
  }
  return false;
}

template <class T>
template <class V>
bool GemminiMachine<T>::WriteDram(uint64_t addr, V v) {
  if (mem_->Write(addr, &v, sizeof(V))) return true;
  for (size_t b = 0; b < sizeof(V); ++b) {
    uint8_t byte = uint8_t(0);
    std::memcpy(&byte, reinterpret_cast<uint8_t*>(&v) + b, 1);
    if (!mem_->Write(addr + b, &byte, 1)) {
      fault_addr_ = addr + b;
      outcome_ = Outcome::kStoreFault;
      Warn("writes unmapped DRAM address " + Hex(addr + b) + " (the core takes a store access fault)");
      return false;
    }
  }
  return true;
}

template <class T>
typename GemminiMachine<T>::Elem GemminiMachine<T>::MvinScale(Elem v, float scale) const {
  if constexpr (T::kFloat) {
    return v * scale;
  } else {
    return Elem(SaturateInt8(RoundNearEven(float(v) * scale)));
  }
}

template <class T>
typename GemminiMachine<T>::Elem GemminiMachine<T>::AccScale(Acc v, float scale) const {
  if constexpr (T::kFloat) {
    return v * scale;
  } else {
    return Elem(SaturateInt8(RoundNearEven(float(v) * scale)));
  }
}

template <class T>
typename GemminiMachine<T>::Elem GemminiMachine<T>::SysShift(Acc v, unsigned shift) const {
  if constexpr (T::kFloat) {
    return shift == 0 ? v : v / float(1u << shift);
  } else {
    int32_t x = v, r;
    if (shift == 0) {
      r = x;
    } else {
      int32_t round_bit = (x >> (shift - 1)) & 1;
      int32_t sticky = shift <= 1 ? 0 : (x & int32_t((1u << (shift - 1)) - 1));
      r = (x >> shift) + (round_bit & ((sticky != 0) | ((x >> shift) & 1)));
    }
    return Elem(r > 127 ? 127 : (r < -128 ? -128 : r));
  }
}

template <class T>
typename GemminiMachine<T>::Acc GemminiMachine<T>::Iexp(Acc q) const {
  if constexpr (T::kFloat) {
    Acc z = (-q * qln2_inv_) / float(1 << 16);
    Acc qp = q + z * qln2_;
    Acc q_exp = (qp + igelu_qb_) * (qp + igelu_qb_) + igelu_qc_;
    return q_exp / Acc(std::pow(2.0, double(z)));
  } else {
    auto wrap = [](int64_t v) { return int32_t(uint32_t(uint64_t(v))); };
    int32_t z = wrap(int64_t(-int64_t(q)) * qln2_inv_) >> 16;
    int32_t qp = wrap(int64_t(q) + int64_t(z) * qln2_);
    int32_t t = wrap(int64_t(qp) + igelu_qb_);
    int32_t q_exp = wrap(int64_t(t) * t + igelu_qc_);
    return (z >= 0 && z < 32) ? (q_exp >> z) : (q_exp < 0 ? -1 : 0);
  }
}

template <class T>
typename GemminiMachine<T>::Acc GemminiMachine<T>::PreActivation(Acc v) const {
  const int id = norm_stat_id_ % kNormStatIds;
  switch (acc_act_) {
    case Activation::kIGelu: {
      if constexpr (T::kFloat) {
        Acc sign = v < 0 ? Acc(-1) : Acc(1);
        Acc abs = v < 0 ? -v : v;
        Acc clipped = abs > -igelu_qb_ ? -igelu_qb_ : abs;
        Acc poly = (clipped + igelu_qb_) * (clipped + igelu_qb_) + igelu_qc_;
        return v * (sign * poly + igelu_qc_);
      } else {
        auto wrap = [](int64_t x) { return int32_t(uint32_t(uint64_t(x))); };
        int32_t sign = v < 0 ? -1 : 1;
        int32_t abs = v < 0 ? wrap(-int64_t(v)) : v;
        int32_t clipped = abs > wrap(-int64_t(igelu_qb_)) ? wrap(-int64_t(igelu_qb_)) : abs;
        int32_t t = wrap(int64_t(clipped) + igelu_qb_);
        int32_t poly = wrap(int64_t(t) * t + igelu_qc_);
        int32_t erf = wrap(int64_t(sign) * poly);
        return wrap(int64_t(v) * wrap(int64_t(erf) + igelu_qc_));
      }
    }
    case Activation::kLayerNorm:
      return Acc(float(v - norm_mean_[id]) * norm_inv_stddev_[id]);
    case Activation::kSoftmax:
      return Acc(AccScale(Iexp(v - norm_max_[id]), norm_inv_sum_exp_[id]));
    default:
      return v;
  }
}

template <class T>
bool GemminiMachine<T>::ApplyNorm(const Acc* x, size_t len, int cmd) {
  const int id = norm_stat_id_;
  if (id >= kNormStatIds) {
    Fatal("norm statistic id " + std::to_string(id) + " is out of range (0.." + std::to_string(kNormStatIds - 1) + ")");
    return false;
  }
  Acc& sum = norm_sum_[id];
  Acc& count = norm_count_[id];
  if (norm_reset_[id]) {
    sum = 0;
    count = 0;
    norm_running_max_[id] = Acc(INT32_MIN);
  }
  norm_reset_[id] = cmd == 0 || cmd == 2 || cmd == 4;
  if (cmd == 1 || cmd == 2) {
    for (size_t i = 0; i < len; ++i) sum += x[i];
    count += Acc(len);
  } else if (cmd == 3 || cmd == 4) {
    for (size_t i = 0; i < len; ++i) sum += (x[i] - norm_mean_[id]) * (x[i] - norm_mean_[id]);
    count += Acc(len);
  } else if (cmd == 5) {
    for (size_t i = 0; i < len; ++i) norm_running_max_[id] = x[i] > norm_running_max_[id] ? x[i] : norm_running_max_[id];
  } else if (cmd == 6 || cmd == 7) {
    norm_max_[id] = norm_running_max_[id];
    for (size_t i = 0; i < len; ++i) sum += Iexp(x[i] - norm_max_[id]);
  }
  if ((cmd == 2 || cmd == 4) && count == 0) {
    Fatal("layer-norm statistics divide by a count of zero");
    return false;
  }
  if (cmd == 2) {
    norm_mean_[id] = sum / count;
  } else if (cmd == 4) {
    Acc variance = sum / count;
    Acc stddev = Acc(std::sqrt(double(variance)));
    if (variance == 0) stddev = 1;
    norm_inv_stddev_[id] = 1.0f / float(stddev);
  } else if (cmd == 7) {
    norm_running_max_[id] = Acc(INT32_MIN);
    norm_inv_sum_exp_[id] = 127.0f / float(sum);
  }
  return cmd == 0;
}

template <class T>
Activation GemminiMachine<T>::DecodeAct(uint64_t bits) const {
  switch (bits & 3) {
    case 1: return Activation::kRelu;
    case 2: return Activation::kLayerNorm;
    case 3: return Activation::kIGelu;
    default: return acc_act_ == Activation::kSoftmax ? Activation::kSoftmax : Activation::kNone;
  }
}

template <class T>
bool GemminiMachine<T>::Config(uint64_t rs1, uint64_t rs2) {
  switch (rs1 & 3) {
    case 0: {  // config_ex
      Dataflow mode = (rs1 >> 2) & 1 ? Dataflow::kWS : Dataflow::kOS;
      Activation act = DecodeAct(rs1 >> 3);
      uint64_t sys_shift = rs2 & 0xFFFFFFFF;
      bool a_t = (rs1 >> 8) & 1, b_t = (rs1 >> 9) & 1;
      bool only_strides = (rs1 >> 7) & 1;
      if (sys_shift >= uint64_t(cfg_.acc_bytes) * 8) {
        return Fatal("config_ex: shift " + std::to_string(sys_shift) + " must be below " +
                     std::to_string(cfg_.acc_bytes * 8));
      }
      if (mode == Dataflow::kOS && !a_t && b_t) {
        return Fatal("config_ex: output-stationary dataflow cannot transpose B alone (transpose A too, or neither)");
      }
      if (mode == Dataflow::kWS && a_t && b_t) {
        return Fatal("config_ex: weight-stationary dataflow cannot transpose both A and B");
      }
      if (!only_strides) {
        mode_ = mode;
        sys_act_ = act;
        sys_shift_ = unsigned(sys_shift);
        sys_acc_shift_ = uint32_t(rs1 >> 32);
        a_transpose_ = a_t;
        b_transpose_ = b_t;
      }
      c_stride_ = uint16_t(rs2 >> 48);
      a_stride_ = uint16_t(rs1 >> 16);
      return true;
    }
    case 1: {  // config_ld / config_mvin
      int id = int((rs1 >> 3) & 3);
      if (id == 3) return Fatal("config_ld: state id 3 does not exist (use 0 for mvin, 1 for mvin2, 2 for mvin3)");
      load_stride_[id] = rs2;
      load_block_stride_[id] = uint16_t(rs1 >> 16);
      uint32_t bits = uint32_t(rs1 >> 32);
      std::memcpy(&load_scale_[id], &bits, 4);
      load_shrunk_[id] = (rs1 >> 2) & 1;
      pixels_per_row_[id] = uint8_t(rs1 >> 8);
      if (pixels_per_row_[id] == 0) pixels_per_row_[id] = 1;
      return true;
    }
    case 2: {  // config_st / config_mvout
      store_stride_ = rs2 & 0xFFFFFFFF;
      acc_act_ = DecodeAct(rs1 >> 2);
      uint32_t bits = uint32_t(rs2 >> 32);
      std::memcpy(&acc_scale_, &bits, 4);
      pool_stride_ = (rs1 >> 4) & 3;
      pool_size_ = (rs1 >> 6) & 3;
      pool_upad_ = (rs1 >> 8) & 3;
      pool_lpad_ = (rs1 >> 10) & 3;
      pool_out_dim_ = uint8_t(rs1 >> 24);
      pool_porows_ = uint8_t(rs1 >> 32);
      pool_pocols_ = uint8_t(rs1 >> 40);
      pool_orows_ = uint8_t(rs1 >> 48);
      pool_ocols_ = uint8_t(rs1 >> 56);
      return true;
    }
    default: {  // config_norm
      norm_stat_id_ = uint8_t(rs1 >> 8);
      if (!((rs1 >> 17) & 1)) {
        igelu_qb_ = Acc(int32_t(rs2 & 0xFFFFFFFF));
        igelu_qc_ = Acc(int32_t(rs2 >> 32));
        int act = int(((rs1 >> 16) & 1) << 2) | int(acc_act_);
        if (act > 4) return Fatal("config_norm: activation code " + std::to_string(act) + " does not exist");
        acc_act_ = Activation(act);
        Acc q = Acc(int32_t(rs1 >> 32));
        if ((rs1 >> 18) & 1) qln2_inv_ = q; else qln2_ = q;
      }
      return true;
    }
  }
}

template <class T>
bool GemminiMachine<T>::Mvin(uint64_t dram_addr, uint64_t sp_addr, int id) {
  const bool accumulator = (sp_addr >> 31) & 1;
  const bool accumulate = (sp_addr >> 30) & 1;
  const uint64_t base = sp_addr & 0x1FFFFFFF;
  const uint64_t cols = (sp_addr >> 32) & 0xFFFF, rows = (sp_addr >> 48) & 0xFFFF;
  const bool shrunk = load_shrunk_[id];
  const int src_bytes = accumulator && !shrunk ? cfg_.acc_bytes : cfg_.elem_bytes;
  constexpr uint64_t D = T::kDim;
  if (opt_.spike_log && opt_.print) {
    char line[160];
    std::snprintf(line, sizeof(line), "GEMMINI: mvin - 0x%02" PRIx64 " cols and 0x%02" PRIx64
                  " rows from 0x%08" PRIx64 " to addr 0x%08" PRIx64 "\n", cols, rows, dram_addr, sp_addr & 0xFFFFFFFF);
    opt_.print(line);
  }

  const uint64_t blocks = (cols + D - 1) / D;
  // Row-at-a-time path: no pixel repeats, every row in range and mapped.
  bool fast = pixels_per_row_[id] <= 1 && rows <= D && cols <= uint64_t(cfg_.max_cols(accumulator));
  const uint64_t last_row = base + (rows ? rows - 1 : 0) + (blocks ? blocks - 1 : 0) * load_block_stride_[id];
  fast = fast && last_row < uint64_t(accumulator ? cfg_.acc_rows : cfg_.sp_rows());
  if (fast && dram_addr != 0 && rows != 0 && cols != 0) {
    for (uint64_t row = 0; row < rows && fast; ++row) {
      fast = mem_->Translate(dram_addr + row * load_stride_[id], cols * src_bytes) != nullptr;
    }
  }
  if (!fast) return MvinSlow(dram_addr, sp_addr, id);
  const float scale = load_scale_[id];
  const bool zeros = dram_addr == 0;
  stats_.mvin_rows += rows * blocks;
  stats_.mvin_bytes += zeros ? 0 : rows * cols * src_bytes;
  for (uint64_t row = 0; row < rows; ++row) {
    const uint8_t* src = zeros ? nullptr : mem_->Translate(dram_addr + row * load_stride_[id], cols * src_bytes);
    for (uint64_t b = 0; b < blocks; ++b) {
      const uint64_t r = base + row + b * load_block_stride_[id];
      const uint64_t n = cols - b * D < D ? cols - b * D : D;
      if (accumulator) {
        Acc* dst = &acc_[r * D];
        if (accumulate) NoteRead(true, r);
        for (uint64_t c = 0; c < n; ++c) {
          Acc v = 0;
          if (!zeros) {
            const uint8_t* p = src + (b * D + c) * src_bytes;
            if (shrunk) {
              Elem e;
              std::memcpy(&e, p, sizeof(Elem));
              v = Acc(MvinScale(e, scale));
            } else {
              std::memcpy(&v, p, sizeof(Acc));
              if constexpr (T::kFloat) v = v * scale;
            }
          }
          if (!accumulate) dst[c] = v;
          else if constexpr (T::kFloat) dst[c] = dst[c] + v;
          else dst[c] = Acc(uint32_t(dst[c]) + uint32_t(v));
        }
        NoteWrite(true, r);
      } else {
        Elem* dst = &spad_[r * D];
        if (zeros) {
          std::fill_n(dst, n, Elem(0));
        } else if (!T::kFloat && scale == 1.0f) {
          std::memcpy(dst, src + b * D * sizeof(Elem), n * sizeof(Elem));
        } else {
          for (uint64_t c = 0; c < n; ++c) {
            Elem e;
            std::memcpy(&e, src + (b * D + c) * sizeof(Elem), sizeof(Elem));
            dst[c] = MvinScale(e, scale);
          }
        }
        NoteWrite(false, r);
      }
    }
  }
  if (timing_) {
    std::vector<RowRange> touched;
    for (uint64_t b = 0; b < blocks; ++b) {
      touched.push_back({accumulator, uint32_t(base + b * load_block_stride_[id]), uint32_t(rows)});
    }
    TimingModel::LoadOp op;
    op.writes = std::move(touched);
    op.zeros = zeros;
    op.rows = rows;
    op.dram = {dram_addr, zeros ? 0 : rows, cols * src_bytes, load_stride_[id]};
    timing_->Load(op);
  }
  return true;
}

template <class T>
bool GemminiMachine<T>::MvinSlow(uint64_t dram_addr, uint64_t sp_addr, int id) {
  const bool accumulator = (sp_addr >> 31) & 1;
  const bool accumulate = (sp_addr >> 30) & 1;
  const uint64_t base = sp_addr & 0x1FFFFFFF;
  const uint64_t cols = (sp_addr >> 32) & 0xFFFF, rows = (sp_addr >> 48) & 0xFFFF;
  const bool zeros = dram_addr == 0;
  const uint64_t stride = load_stride_[id];
  const uint64_t block_stride = load_block_stride_[id];
  const bool shrunk = load_shrunk_[id];
  const float scale = load_scale_[id];
  const uint32_t pixels = pixels_per_row_[id];
  if (rows > uint64_t(dim_)) return Fatal("rows " + std::to_string(rows) + " > DIM " + std::to_string(dim_));
  const uint64_t max_cols = cfg_.max_cols(accumulator);
  if (cols > max_cols) {
    return Fatal("cols " + std::to_string(cols) + " > " + std::to_string(max_cols) + ", the widest mvin into the " +
                 (accumulator ? "accumulator" : "scratchpad"));
  }
  const int src_bytes = accumulator && !shrunk ? cfg_.acc_bytes : cfg_.elem_bytes;
  stats_.mvin_rows += rows * ((cols + dim_ - 1) / dim_);
  stats_.mvin_bytes += zeros ? 0 : rows * cols * src_bytes;
  std::vector<RowRange> touched;
  for (uint64_t row = 0; row < rows; ++row) {
    const uint64_t dram_row = dram_addr + row * stride;
    for (uint64_t col = 0; col < cols; ++col) {
      const uint64_t block = col / dim_, sp_col = col % dim_;
      const uint64_t sp_row = base + row + block * block_stride;
      for (uint64_t px = 0; px < pixels && px <= sp_row; ++px) {
        const uint64_t r = sp_row - px, c = sp_col + px * cols;
        if (c >= uint64_t(dim_)) return Fatal("pixel " + std::to_string(px) + " lands in column " + std::to_string(c) + " >= DIM");
        if (accumulator) {
          if (!AccRow(r, "mvin")) return false;
          Acc value = 0;
          if (!zeros) {
            const uint64_t a = dram_row + col * src_bytes;
            if (shrunk) {
              Elem e;
              if (!ReadDram(a, &e)) return false;
              value = Acc(MvinScale(e, scale));
            } else {
              Acc v;
              if (!ReadDram(a, &v)) return false;
              if constexpr (T::kFloat) v = v * scale;
              value = v;
            }
          }
          Acc& dst = acc_[r * dim_ + c];
          if (accumulate) {
            NoteRead(true, r);
            if constexpr (T::kFloat) dst = dst + value;
            else dst = Acc(uint32_t(dst) + uint32_t(value));
          } else {
            dst = value;
          }
          NoteWrite(true, r);
        } else {
          if (!SpadRow(r, "mvin")) return false;
          Elem value = 0;
          if (!zeros) {
            Elem e;
            if (!ReadDram(dram_row + col * cfg_.elem_bytes, &e)) return false;
            value = MvinScale(e, scale);
          }
          spad_[r * dim_ + c] = value;
          NoteWrite(false, r);
        }
      }
    }
  }
  if (timing_) {
    const uint64_t blocks = (cols + dim_ - 1) / dim_;
    for (uint64_t b = 0; b < blocks; ++b) {
      touched.push_back({accumulator, uint32_t(base + b * block_stride), uint32_t(rows)});
    }
    TimingModel::LoadOp op;
    op.writes = std::move(touched);
    op.zeros = zeros;
    op.rows = rows * pixels;
    op.dram = {dram_addr, zeros ? 0 : rows, cols * src_bytes, stride};
    timing_->Load(op);
  }
  return true;
}

template <class T>
bool GemminiMachine<T>::Mvout(uint64_t dram_addr, uint64_t sp_addr) {
  const bool accumulator = (sp_addr >> 31) & 1;
  const bool full = (sp_addr >> 29) & 1;
  const int norm_cmd = int((sp_addr >> 26) & 7);
  const uint64_t base = sp_addr & 0x3FFFFFF;
  const uint64_t cols = (sp_addr >> 32) & 0xFFFF, rows = (sp_addr >> 48) & 0xFFFF;
  if (opt_.spike_log && opt_.print) {
    char line[160];
    std::snprintf(line, sizeof(line), "GEMMINI: mvout - 0x%02" PRIx64 " cols and 0x%02" PRIx64
                  " rows from 0x%08" PRIx64 " to addr 0x%08" PRIx64 "\n", cols, rows, sp_addr, dram_addr);
    opt_.print(line);
  }
  if (rows > uint64_t(dim_)) return Fatal("rows " + std::to_string(rows) + " > DIM " + std::to_string(dim_));
  const uint64_t max_cols = cfg_.max_cols(accumulator);
  if (cols > max_cols) {
    return Fatal("cols " + std::to_string(cols) + " > " + std::to_string(max_cols) + ", the widest mvout from the " +
                 (accumulator ? "accumulator" : "scratchpad"));
  }
  const int out_bytes = accumulator && full ? cfg_.acc_bytes : cfg_.elem_bytes;
  std::vector<RowRange> reads;
  if (pool_stride_ == 0) {
    stats_.mvout_rows += rows * ((cols + dim_ - 1) / dim_);
    stats_.mvout_bytes += rows * cols * out_bytes;
    for (uint64_t i = 0; i < rows; ++i) {
      const uint64_t dram_row = dram_addr + i * store_stride_;
      bool should_write = true;
      for (uint64_t j = 0; j < cols; j += dim_) {
        const uint64_t r = base + (j / dim_) * dim_ + i;
        const size_t len = cols - j > uint64_t(dim_) ? dim_ : cols - j;
        const bool last = j + dim_ >= cols;
        int cmd = norm_cmd;
        if (!last) cmd = cmd == 2 ? 1 : cmd == 4 ? 3 : cmd == 7 ? 6 : cmd;
        if (r >= uint64_t(cfg_.acc_rows)) {
          if (accumulator) return AccRow(r, "mvout");
          // libgemmini looks up the norm statistics row in the accumulator even for
          // scratchpad mvouts; Spike aborts here, real hardware does not.
          Warn("mvout from scratchpad row " + std::to_string(r) + " >= " + std::to_string(cfg_.acc_rows) +
               ": Spike's Gemmini extension aborts on this (it indexes the accumulator with it); hardware does not");
          should_write = cmd == 0;
          continue;
        }
        should_write = ApplyNorm(&acc_[r * dim_], len, cmd);
        if (outcome_ != Outcome::kDone) return false;
      }
      if (!should_write) continue;
      for (uint64_t j = 0; j < cols; ++j) {
        const uint64_t r = base + (j / dim_) * dim_ + i, c = j % dim_;
        const uint64_t out = dram_row + j * out_bytes;
        if (accumulator) {
          if (!AccRow(r, "mvout")) return false;
          if (c == 0) NoteRead(true, r);
          Acc v = PreActivation(acc_[r * dim_ + c]);
          if (full) {
            if (!WriteDram(out, v)) return false;
          } else {
            Elem e = Activate(AccScale(v, acc_scale_), acc_act_);
            if (!WriteDram(out, e)) return false;
          }
        } else {
          if (!SpadRow(r, "mvout")) return false;
          if (c == 0) NoteRead(false, r);
          if (!WriteDram(out, spad_[r * dim_ + c])) return false;
        }
      }
    }
    if (timing_) {
      for (uint64_t j = 0; j < cols; j += dim_) reads.push_back({accumulator, uint32_t(base + j), uint32_t(rows)});
      TimingModel::StoreOp op;
      op.reads = std::move(reads);
      op.from_accumulator = accumulator;
      op.rows = rows;
      op.dram = {dram_addr, rows, cols * out_bytes, store_stride_};
      timing_->Store(op);
    }
    return true;
  }
  // Max-pooling mvout: the window over the (orows x ocols) output image.
  const int channels = int(cols);
  for (int porow = 0; porow < pool_porows_; ++porow) {
    for (int pocol = 0; pocol < pool_pocols_; ++pocol) {
      for (int ch = 0; ch < channels; ++ch) {
        Elem best = T::kFloat ? Elem(-INFINITY) : Elem(-128);
        if constexpr (!T::kFloat) best = Elem(-128);
        for (int wr = 0; wr < pool_size_; ++wr) {
          for (int wc = 0; wc < pool_size_; ++wc) {
            const int orow = porow * pool_stride_ + wr - pool_upad_;
            const int ocol = pocol * pool_stride_ + wc - pool_lpad_;
            Elem e = 0;
            if (!(orow < 0 || ocol < 0 || orow >= pool_orows_ || ocol >= pool_ocols_)) {
              const uint64_t r = base + uint64_t(orow) * pool_ocols_ + uint64_t(ocol);
              if (ch >= dim_) return Fatal("pooling mvout of " + std::to_string(channels) + " channels > DIM");
              if (accumulator) {
                if (!AccRow(r, "pooling mvout")) return false;
                e = Activate(AccScale(acc_[r * dim_ + ch], acc_scale_), acc_act_);
              } else {
                if (!SpadRow(r, "pooling mvout")) return false;
                e = spad_[r * dim_ + ch];
              }
            }
            if (e > best) best = e;
          }
        }
        const uint64_t out = dram_addr + (uint64_t(porow) * pool_out_dim_ + pocol) * store_stride_ + uint64_t(ch) * cfg_.elem_bytes;
        if (!WriteDram(out, best)) return false;
      }
    }
  }
  stats_.mvout_rows += uint64_t(pool_porows_) * pool_pocols_;
  stats_.mvout_bytes += uint64_t(pool_porows_) * pool_pocols_ * channels * cfg_.elem_bytes;
  if (timing_) {
    reads.push_back({accumulator, uint32_t(base), uint32_t(pool_orows_) * pool_ocols_});
    TimingModel::StoreOp op;
    op.reads = std::move(reads);
    op.from_accumulator = accumulator;
    op.rows = uint64_t(pool_orows_) * pool_ocols_;
    op.dram = {dram_addr, uint64_t(pool_porows_) * pool_pocols_, uint64_t(channels) * cfg_.elem_bytes, store_stride_};
    timing_->Store(op);
  }
  return true;
}

template <class T>
void GemminiMachine<T>::Preload(uint64_t bd_addr, uint64_t c_addr) {
  preload_sp_addr_ = uint32_t(bd_addr);
  output_sp_addr_ = uint32_t(c_addr);
  preload_cols_ = uint16_t(bd_addr >> 32);
  preload_rows_ = uint16_t(bd_addr >> 48);
  output_cols_ = uint16_t(c_addr >> 32);
  output_rows_ = uint16_t(c_addr >> 48);
}

template <class T>
bool GemminiMachine<T>::Compute(uint64_t a_addr, uint64_t bd_addr, bool preload) {
  const uint32_t a = uint32_t(a_addr), bd = uint32_t(bd_addr);
  const uint32_t a_cols = uint16_t(a_addr >> 32), a_rows = uint16_t(a_addr >> 48);
  const uint32_t bd_cols = uint16_t(bd_addr >> 32), bd_rows = uint16_t(bd_addr >> 48);
  constexpr uint32_t D = T::kDim;
  const bool ws = mode_ == Dataflow::kWS;
  auto too_big = [&](const char* what, uint32_t v) {
    return Fatal(std::string(what) + " " + std::to_string(v) + " > DIM " + std::to_string(D));
  };
  if (a_rows > D) return too_big("A rows", a_rows);
  if (a_cols > D) return too_big("A cols", a_cols);
  if (bd_rows > D) return too_big(ws ? "D rows" : "B rows", bd_rows);
  if (bd_cols > D) return too_big(ws ? "D cols" : "B cols", bd_cols);
  if (output_rows_ > D) return too_big("C rows (from the preload)", output_rows_);
  if (output_cols_ > D) return too_big("C cols (from the preload)", output_cols_);
  std::vector<RowRange> reads, weight_reads, d_reads, writes;
  if (preload) {
    if (preload_rows_ > D) return too_big("B rows (from the preload)", preload_rows_);
    if (preload_cols_ > D) return too_big("B cols (from the preload)", preload_cols_);
    ++stats_.preloads;
    const bool garbage = preload_sp_addr_ == kGarbageAddr;
    if (!garbage && ((preload_sp_addr_ >> 30) & 3) != 0) {
      return Fatal("preload from the accumulator (address " + std::string(Hex(preload_sp_addr_)) +
                   ") is not supported; preload from the scratchpad");
    }
    const bool transposed = ws && b_transpose_;
    std::fill_n(pe_.begin(), size_t(D) * D, Acc(0));
    if (!garbage) {
      const uint32_t span = transposed ? preload_cols_ : preload_rows_;
      for (uint32_t s = 0; s < span; ++s) {
        if (!SpadRow(uint64_t(preload_sp_addr_) + s, "preload of B")) return false;
        NoteRead(false, uint64_t(preload_sp_addr_) + s);
      }
      for (uint32_t i = 0; i < preload_rows_; ++i) {
        for (uint32_t j = 0; j < preload_cols_; ++j) {
          const uint64_t r = uint64_t(preload_sp_addr_) + (transposed ? j : i);
          pe_[i * D + j] = Acc(spad_[r * D + (transposed ? i : j)]);
        }
      }
    }
    if (!garbage) weight_reads.push_back({false, preload_sp_addr_, transposed ? preload_cols_ : preload_rows_});
  }
  ++stats_.computes;
  stats_.macs += uint64_t(D) * D * D;
  // Bias (WS) or B (OS) rows, read straight from the scratchpad.
  Acc results[D * D] = {};
  if (bd != kGarbageAddr) {
    for (uint32_t i = 0; i < bd_rows; ++i) {
      if (!SpadRow(uint64_t(bd) + i, ws ? "compute (bias D)" : "compute (B)")) return false;
      NoteRead(false, uint64_t(bd) + i);
      for (uint32_t j = 0; j < bd_cols; ++j) results[i * D + j] = Acc(spad_[(uint64_t(bd) + i) * D + j]);
    }
    d_reads.push_back({false, bd, bd_rows});
  }
  if (a != kGarbageAddr) {
    const uint32_t span = a_transpose_ ? a_cols : a_rows;
    for (uint32_t s = 0; s < span; ++s) {
      uint64_t r = uint64_t(a) + uint64_t(a_stride_) * s;
      if (!SpadRow(r, "compute (A)")) return false;
      NoteRead(false, r);
    }
    reads.push_back({false, a, uint32_t(a_stride_ ? a_stride_ : 1) * span});
  }
  // Gather the A operand (zero outside its rows/cols), then multiply. The
  // sum for each output runs over k in ascending order, as the ISA model
  // does, so float results round identically.
  Acc a_tile[D * D] = {};
  if (a != kGarbageAddr) {
    for (uint32_t i = 0; i < a_rows; ++i) {
      for (uint32_t k = 0; k < a_cols; ++k) {
        const uint64_t r = uint64_t(a) + uint64_t(a_stride_) * (a_transpose_ ? k : i);
        a_tile[i * D + k] = Acc(spad_[r * D + (a_transpose_ ? i : k)]);
      }
    }
  }
  if (ws) {
    for (uint32_t i = 0; i < D; ++i) {
      Acc* out = &results[i * D];
      for (uint32_t k = 0; k < D; ++k) {
        const Acc av = a_tile[i * D + k];
        const Acc* w = &pe_[k * D];
        if constexpr (T::kFloat) {
          for (uint32_t j = 0; j < D; ++j) out[j] = out[j] + av * w[j];
        } else {
          for (uint32_t j = 0; j < D; ++j) out[j] = Acc(uint32_t(out[j]) + uint32_t(av) * uint32_t(w[j]));
        }
      }
    }
  } else {
    Acc b_tile[D * D];
    for (uint32_t k = 0; k < D; ++k) {
      for (uint32_t j = 0; j < D; ++j) {
        Acc b = 0;
        if (bd != kGarbageAddr && k < bd_rows && j < bd_cols) {
          const uint64_t r = uint64_t(bd) + (b_transpose_ ? j : k);
          if (r >= uint64_t(cfg_.sp_rows())) return SpadRow(r, "compute (B)");
          b = Acc(spad_[r * D + (b_transpose_ ? k : j)]);
        }
        b_tile[k * D + j] = b;
      }
    }
    for (uint32_t i = 0; i < D; ++i) {
      Acc* out = &pe_[i * D];
      for (uint32_t k = 0; k < D; ++k) {
        const Acc av = a_tile[i * D + k];
        const Acc* bv = &b_tile[k * D];
        if constexpr (T::kFloat) {
          for (uint32_t j = 0; j < D; ++j) out[j] = out[j] + av * bv[j];
        } else {
          for (uint32_t j = 0; j < D; ++j) out[j] = Acc(uint32_t(out[j]) + uint32_t(av) * uint32_t(bv[j]));
        }
      }
    }
  }
  if (output_sp_addr_ != kGarbageAddr) {
    const bool to_acc = (output_sp_addr_ >> 31) & 1;
    const bool accumulate = (output_sp_addr_ >> 30) & 1;
    const uint64_t base = output_sp_addr_ & 0x1FFFFFFF;
    for (uint32_t i = 0; i < output_rows_; ++i) {
      const uint64_t r = base + uint64_t(c_stride_) * i;
      if (to_acc ? !AccRow(r, "compute (C)") : !SpadRow(r, "compute (C)")) return false;
      if (to_acc && accumulate) NoteRead(true, r);
      for (uint32_t j = 0; j < output_cols_; ++j) {
        const Acc v = ws ? results[i * D + j] : pe_[i * D + j];
        if (to_acc) {
          Acc& dst = acc_[r * D + j];
          if (accumulate) {
            if constexpr (T::kFloat) dst = dst + v;
            else dst = Acc(uint32_t(dst) + uint32_t(v));
          } else {
            dst = v;
          }
        } else {
          spad_[r * D + j] = Activate(SysShift(v, ws ? 0 : sys_shift_), sys_act_);
        }
      }
      NoteWrite(to_acc, r);
    }
    writes.push_back({to_acc, uint32_t(base), uint32_t(c_stride_ ? c_stride_ : 1) * output_rows_});
  }
  if (timing_) {
    TimingModel::ExecOp op;
    op.a_reads = std::move(reads);
    op.weight_reads = std::move(weight_reads);
    op.d_reads = std::move(d_reads);
    op.writes = std::move(writes);
    op.a_rows = int(a_rows);
    op.preload = preload;
    for (const RowRange& w : op.weight_reads) op.weight_rows += int(w.count);
    timing_->Execute(op);
  }
  return true;
}

template <class T>
uint64_t GemminiMachine<T>::CounterOp(uint64_t rs1) {
  // Performance counters are not modelled: they read as zero. (Spike's
  // extension fills them with rand(), which no program can rely on.)
  (void)rs1;
  return 0;
}

template <class T>
RoccUnit::Outcome GemminiMachine<T>::Execute(const RoccCommand& cmd, uint64_t* rd_value, uint64_t* fault_addr) {
  if (!banner_printed_) {
    // Spike's extension resets itself (and says so) at its first instruction.
    banner_printed_ = true;
    if (opt_.spike_log && opt_.print) {
      opt_.print("Gemmini extension configured with:\n    dim = " + std::to_string(dim_) + "\n");
    }
  }
  cmd_ = cmd;
  context_ = "";
  outcome_ = Outcome::kDone;
  const uint32_t funct = cmd.insn >> 25;
  const uint64_t rs1 = cmd.rs1, rs2 = cmd.rs2;
  ++stats_.instructions;
  ++stats_.by_funct[funct & 127];
  if (timing_) {
    using Kind = TimingModel::Kind;
    const bool loop_config = (funct >= kLoopWsConfigBounds && funct <= kLoopWsConfigStridesDC) ||
                             (funct >= kLoopConvWsConfig1 && funct <= kLoopConvWsConfig6);
    timing_->BeginInstruction(cmd.retired_before, funct == kLoopWs || funct == kLoopConvWs ? Kind::kLoop
                                                  : loop_config                           ? Kind::kLoopConfig
                                                                                          : Kind::kPlain);
  }
  bool known = true;
  switch (funct) {
    case kMvin: Mvin(rs1, rs2, 0); break;
    case kMvin2: Mvin(rs1, rs2, 1); break;
    case kMvin3: Mvin(rs1, rs2, 2); break;
    case kMvout: Mvout(rs1, rs2); break;
    case kPreload: Preload(rs1, rs2); break;
    case kConfig: Config(rs1, rs2); break;
    case kComputePreloaded: Compute(rs1, rs2, true); break;
    case kComputeAccumulated: Compute(rs1, rs2, false); break;
    case kLoopWsConfigBounds:
      lw_I_ = uint16_t(rs2); lw_J_ = uint16_t(rs2 >> 16); lw_K_ = uint16_t(rs2 >> 32);
      lw_pad_I_ = uint16_t(rs1); lw_pad_J_ = uint16_t(rs1 >> 16); lw_pad_K_ = uint16_t(rs1 >> 32);
      break;
    case kLoopWsConfigAddrsAB: lw_A_ = rs1; lw_B_ = rs2; break;
    case kLoopWsConfigAddrsDC: lw_D_ = rs1; lw_C_ = rs2; break;
    case kLoopWsConfigStridesAB: lw_A_stride_ = rs1; lw_B_stride_ = rs2; break;
    case kLoopWsConfigStridesDC: lw_D_stride_ = rs1; lw_C_stride_ = rs2; break;
    case kLoopWs: LoopWs(rs1, rs2); break;
    case kLoopConvWs: LoopConvWs(rs1, rs2); break;
    case kCounterOp: *rd_value = CounterOp(rs1); break;
    case kFlush: case kFence: break;
    default:
      if (funct >= kLoopConvWsConfig1 && funct <= kLoopConvWsConfig6) {
        conv_cfg_[funct - kLoopConvWsConfig1][0] = rs1;
        conv_cfg_[funct - kLoopConvWsConfig1][1] = rs2;
      } else {
        known = false;
      }
  }
  if (timing_) timing_->EndInstruction();
  if (!known) {
    Warn("unknown Gemmini funct " + std::to_string(funct) + " (the core raises an illegal-instruction exception)");
    return Outcome::kIllegal;
  }
  *fault_addr = fault_addr_;
  return outcome_;
}

template <class T>
void GemminiMachine<T>::OnFence(uint64_t retired_before) {
  if (timing_) timing_->Fence(retired_before);
}

template class GemminiMachine<Int8Types>;
template class GemminiMachine<Fp32Types>;

}  // namespace autocomp::gemmini
