// backends/gemmini/model/gemmini_loops.cc — the loop_ws and loop_conv_ws
// state machines: each unrolls into the same primitive mvin / preload /
// compute / mvout operations (and config updates) that Gemmini's loop
// unrollers issue, in the same order and with the same scratchpad and
// accumulator layout (double-buffered halves), so results, Spike-style
// log lines and counts match instruction for instruction.
#include <cstdint>
#include <cstring>

#include "model/gemmini_machine.h"

namespace autocomp::gemmini {
namespace {

uint64_t FloatBits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

uint64_t Packed(uint64_t rows, uint64_t cols, uint64_t addr) {
  return (rows << 48) | (cols << 32) | (addr & 0xFFFFFFFFULL);
}

}  // namespace

template <class T>
bool GemminiMachine<T>::LoopWs(uint64_t rs1, uint64_t rs2) {
  const uint64_t D = uint64_t(dim_);
  const bool ex_accumulate = rs1 & 1, full_C = (rs1 >> 1) & 1, low_D = (rs1 >> 2) & 1;
  const uint32_t act = (rs1 >> 8) & 7;
  const bool a_transpose = rs2 & 1, b_transpose = (rs2 >> 1) & 1, is_resadd = (rs2 >> 2) & 1;
  const uint32_t a_spad_id = (rs1 >> 18) & 3, b_spad_id = (rs1 >> 16) & 3;
  const uint64_t I = lw_I_, J = lw_J_, K = lw_K_;
  const uint64_t pad_I = lw_pad_I_, pad_J = lw_pad_J_, pad_K = lw_pad_K_;
  const uint64_t sp_rows = uint64_t(cfg_.sp_rows()), acc_rows = uint64_t(cfg_.acc_rows);

  const uint64_t total_spad_rows = (I * K + K * J) * D, total_acc_rows = I * J * D;
  if (total_spad_rows > sp_rows / 2 || total_acc_rows > acc_rows / 2) {
    if (opt_.print) opt_.print("LOOP_WS bounds were too large for double-buffering\n");
    exit_request_ = 1;
    return Fatal("loop_ws bounds I=" + std::to_string(I) + " J=" + std::to_string(J) + " K=" + std::to_string(K) +
                 " need " + std::to_string(total_spad_rows) + " scratchpad rows (at most " + std::to_string(sp_rows / 2) +
                 ") and " + std::to_string(total_acc_rows) + " accumulator rows (at most " + std::to_string(acc_rows / 2) +
                 "); Spike exits with code 1 here");
  }
  if (pad_I >= D && I > 0) return Fatal("loop_ws pad_I " + std::to_string(pad_I) + " must be below DIM");
  if (pad_J >= D && J > 0) return Fatal("loop_ws pad_J " + std::to_string(pad_J) + " must be below DIM");
  if (pad_K >= D && K > 0) return Fatal("loop_ws pad_K " + std::to_string(pad_K) + " must be below DIM");

  if (timing_) {
    TimingModel::LoopWsOp op;
    op.I = I; op.J = J; op.K = K; op.pad_I = pad_I; op.pad_J = pad_J; op.pad_K = pad_K;
    op.A = lw_A_; op.B = lw_B_; op.D = lw_D_; op.C = lw_C_;
    op.stride_A = lw_A_stride_; op.stride_B = lw_B_stride_; op.stride_D = lw_D_stride_; op.stride_C = lw_C_stride_;
    op.a_transpose = a_transpose; op.b_transpose = b_transpose; op.full_C = full_C; op.low_D = low_D;
    op.is_resadd = is_resadd; op.a_spad_id = a_spad_id; op.b_spad_id = b_spad_id;
    timing_->LoopWs(op);
  }

  uint32_t A_start = 0;
  uint32_t B_start = uint32_t(sp_rows / 2 - K * J * D);
  const uint32_t D_start = 1u << 31;
  const uint32_t C_start = (3u << 30) | (uint32_t(full_C) << 29);
  if (a_spad_id == 2) A_start = uint32_t(sp_rows / 2);
  if (b_spad_id == 2) B_start = uint32_t(sp_rows - K * J * D);
  auto edge = [&](uint64_t idx, uint64_t n, uint64_t pad) { return D - (idx == n - 1 ? pad : 0); };

  if (is_resadd) {
    A_start = 1u << 31;
    B_start = 3u << 30;
    context_ = "loop_ws (resadd)";
    for (uint64_t i = 0; i < I; ++i) {
      for (uint64_t j = 0; j < J; ++j) {
        const uint32_t off = uint32_t((i * J + j) * D);
        const uint64_t cols = edge(j, J, pad_J), rows = edge(i, I, pad_I);
        if (!Mvin(lw_A_ + (i * lw_A_stride_ + j) * D * cfg_.elem_bytes, Packed(rows, cols, A_start + off), 0)) return false;
        if (!Mvin(lw_B_ + (i * lw_B_stride_ + j) * D * cfg_.elem_bytes, Packed(rows, cols, B_start + off), 1)) return false;
        if (lw_C_ != 0) {
          const uint64_t size_C = full_C ? cfg_.acc_bytes : cfg_.elem_bytes;
          if (!Mvout(lw_C_ + (i * lw_C_stride_ + j) * D * size_C, Packed(rows, cols, C_start + off))) return false;
        }
      }
    }
    return true;
  }

  if (lw_D_ != 0) {
    context_ = "loop_ws (bias mvin)";
    const uint64_t size_D = low_D ? cfg_.elem_bytes : cfg_.acc_bytes;
    for (uint64_t i = 0; i < I; ++i) {
      for (uint64_t j = 0; j < J; ++j) {
        const uint64_t dram = lw_D_ + (i * lw_D_stride_ + j) * D * size_D;
        const uint32_t sp = D_start + uint32_t((i * J + j) * D);
        if (!Mvin(dram, Packed(edge(i, I, pad_I), edge(j, J, pad_J), sp), 2)) return false;
      }
    }
  }

  const size_t size_C = full_C ? cfg_.acc_bytes : cfg_.elem_bytes;
  for (uint64_t k = 0; k < K; ++k) {
    for (uint64_t j = 0; j < J; ++j) {
      for (uint64_t i = 0; i < I; ++i) {
        const uint32_t A_sp = a_transpose ? A_start + uint32_t((k * I + i) * D) : A_start + uint32_t((i * K + k) * D);
        const uint32_t B_sp = b_transpose ? B_start + uint32_t((j * K + k) * D) : B_start + uint32_t((k * J + j) * D);
        const uint32_t C_sp = C_start + uint32_t((i * J + j) * D);
        if (j == 0 && lw_A_ != 0) {
          context_ = "loop_ws (A mvin)";
          uint64_t dram, cols, rows;
          if (a_transpose) {
            dram = lw_A_ + (k * lw_A_stride_ + i) * D * cfg_.elem_bytes;
            cols = edge(i, I, pad_I);
            rows = edge(k, K, pad_K);
          } else {
            dram = lw_A_ + (i * lw_A_stride_ + k) * D * cfg_.elem_bytes;
            cols = edge(k, K, pad_K);
            rows = edge(i, I, pad_I);
          }
          if (!Mvin(dram, Packed(rows, cols, A_sp), 0)) return false;
        }
        if (i == 0 && lw_B_ != 0) {
          context_ = "loop_ws (B mvin)";
          uint64_t dram, cols, rows;
          if (b_transpose) {
            dram = lw_B_ + (j * lw_B_stride_ + k) * D * cfg_.elem_bytes;
            cols = edge(k, K, pad_K);
            rows = edge(j, J, pad_J);
          } else {
            dram = lw_B_ + (k * lw_B_stride_ + j) * D * cfg_.elem_bytes;
            cols = edge(j, J, pad_J);
            rows = edge(k, K, pad_K);
          }
          if (!Mvin(dram, Packed(rows, cols, B_sp), 1)) return false;
        }
        context_ = "loop_ws (compute)";
        uint32_t out = C_sp;
        if (!ex_accumulate && k == 0) out &= ~(1u << 30);
        Preload(Packed(edge(k, K, pad_K), edge(j, J, pad_J), i == 0 ? B_sp : kGarbageAddr),
                Packed(edge(i, I, pad_I), edge(j, J, pad_J), out));
        if (!Compute(Packed(edge(i, I, pad_I), edge(k, K, pad_K), A_sp), Packed(D, D, kGarbageAddr), i == 0)) return false;

        if (lw_C_ != 0 && k == K - 1) {
          context_ = "loop_ws (C mvout)";
          if (act != 2 && act != 4) {
            const uint64_t dram = lw_C_ + (i * lw_C_stride_ + j) * D * size_C;
            if (!Mvout(dram, Packed(edge(i, I, pad_I), edge(j, J, pad_J), C_sp))) return false;
          } else if (j == J - 1) {
            static const uint32_t kLayerNormCmds[3][2] = {{1, 2}, {3, 4}, {0, 0}};
            static const uint32_t kSoftmaxCmds[3][2] = {{5, 5}, {6, 7}, {0, 0}};
            const auto& cmds = act == 2 ? kLayerNormCmds : kSoftmaxCmds;
            const uint64_t rows = edge(i, I, pad_I);
            for (uint64_t row = 0; row < rows; row += kNormStatIds) {
              const uint64_t stat_ids = rows - row > uint64_t(kNormStatIds) ? kNormStatIds : rows - row;
              for (int c = 0; c < 3; ++c) {
                for (uint64_t id = 0; id < stat_ids; ++id) {
                  if (!Config((1ULL << 17) | (id << 8) | 3, 0)) return false;
                  const uint64_t r = row + id;
                  for (uint64_t jj = 0; jj < J; ++jj) {
                    uint32_t addr = C_start + uint32_t((i * J + jj) * D + r);
                    addr |= (jj + 1 == J ? cmds[c][1] : cmds[c][0]) << 26;
                    const uint64_t dram = lw_C_ + (i * lw_C_stride_ + jj) * D * size_C + r * lw_C_stride_ * size_C;
                    const uint64_t cols = D - (jj + 1 == J ? pad_J : 0);
                    if (!Mvout(dram, Packed(1, cols, addr))) return false;
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return true;
}

template <class T>
bool GemminiMachine<T>::LoopConvWs(uint64_t rs1, uint64_t rs2) {
  const int DIM = dim_;
  const bool no_bias = rs1 & 1, wrot180 = (rs1 >> 1) & 1, trans_output_1203 = (rs1 >> 2) & 1;
  const bool trans_weight_1203 = (rs1 >> 3) & 1, trans_weight_0132 = (rs1 >> 4) & 1;
  const bool trans_input_3120 = (rs1 >> 5) & 1, dw = (rs1 >> 6) & 1;
  uint8_t max_pixels_per_row = uint8_t(rs1 >> 8);
  const bool no_pool = rs2 & 1, downsample = (rs2 >> 1) & 1, input_dilated = (rs2 >> 2) & 1;
  const bool activation = (rs2 >> 3) & 3;
  const uint32_t a_spad_id = (rs1 >> 18) & 3, b_spad_id = (rs1 >> 16) & 3;
  if (max_pixels_per_row == 0) max_pixels_per_row = 1;

  const uint64_t (&c)[6][2] = conv_cfg_;
  const uint16_t batch_size = uint16_t(c[0][0]), in_row_dim = uint16_t(c[0][0] >> 16);
  const uint16_t in_channels = uint16_t(c[0][0] >> 32), out_channels = uint16_t(c[0][0] >> 48);
  const uint16_t out_row_dim = uint16_t(c[0][1]), pool_out_row_dim = uint16_t(c[0][1] >> 16);
  const uint16_t out_col_dim = uint16_t(c[0][1] >> 32), stride = uint8_t(c[0][1] >> 48);
  const uint16_t kernel_dim = uint16_t(c[1][0] >> 48), pool_out_col_dim = uint16_t(c[1][0] >> 32);
  const uint16_t pool_size = uint16_t(c[1][0] >> 16), pool_stride = uint8_t(c[1][0] >> 8);
  const uint16_t batches = uint16_t(c[1][1] >> 48), porows = uint16_t(c[1][1] >> 32);
  const uint16_t pocols = uint16_t(c[1][1] >> 16), pochs = uint16_t(c[1][1]);
  const uint16_t krows = uint16_t(c[2][0] >> 48), kcols = uint16_t(c[2][0] >> 32);
  const uint16_t kchs = uint16_t(c[2][0] >> 16), lpad = uint16_t(c[2][0]);
  const uint16_t rpad = uint16_t(c[2][1] >> 48), upad = uint16_t(c[2][1] >> 32);
  const uint16_t dpad = uint8_t(c[2][1] >> 24), plpad = uint8_t(c[2][1] >> 16), in_col_dim = uint16_t(c[2][1]);
  const uint16_t orows = uint16_t(c[3][0] >> 48), pupad = uint8_t(c[3][0] >> 21);
  const uint16_t kernel_dilation = uint8_t(c[3][0]);
  const uint16_t in_stride = uint16_t(c[3][1] >> 48), weight_stride = uint16_t(c[3][1] >> 32);
  const uint16_t out_stride = uint16_t(c[3][1] >> 16), ocols = uint16_t(c[3][1]);
  const uint64_t weights = c[4][0], output = c[4][1], bias = c[5][0], input = c[5][1];
  const uint16_t ochs = pochs;
  (void)pool_size; (void)pool_stride;

  if (input_dilated && stride != 1) return Fatal("loop_conv_ws: a dilated input needs stride 1");
  if (kernel_dilation == 0 && (krows > 1 || kcols > 1)) return Fatal("loop_conv_ws: kernel dilation 0");

  const int16_t dilated_krows = int16_t(krows + (kernel_dilation - 1) * (krows - 1));
  const int16_t dilated_kcols = int16_t(kcols + (kernel_dilation - 1) * (kcols - 1));
  const int16_t irows_wo = int16_t(orows * stride + dilated_krows - 1);
  const int16_t icols_wo = int16_t(ocols * stride + dilated_kcols - 1);
  const int16_t irows_unpadded_wo = int16_t(irows_wo - upad - dpad);
  const int16_t icols_unpadded_wo = int16_t(icols_wo - lpad - rpad);
  const int16_t ichs = int16_t(kchs);
  auto UND = [&](int x) { return (x + int(input_dilated)) >> int(input_dilated); };
  auto DS = [&](int x) { return x >> int(downsample); };
  auto US = [&](int x) { return x << int(downsample); };
  const int16_t irows_unpadded = int16_t(input_dilated ? (irows_unpadded_wo + 1) / 2 : irows_unpadded_wo);
  const int16_t icols_unpadded = int16_t(input_dilated ? (icols_unpadded_wo + 1) / 2 : icols_unpadded_wo);
  const int16_t irows = int16_t(input_dilated ? irows_unpadded + UND(upad) + UND(dpad) : irows_wo);
  const int16_t icols = int16_t(input_dilated ? icols_unpadded + UND(lpad) + UND(rpad) : icols_wo);

  const int out_channels_per_bank = ochs / DIM + (ochs % DIM != 0);
  const int in_channels_per_bank = kchs / DIM + (kchs % DIM != 0);
  const int B_rows = trans_weight_0132 ? in_channels_per_bank * kcols * krows * ochs
                                       : out_channels_per_bank * kcols * krows * kchs;
  const uint32_t sp_rows = uint32_t(cfg_.sp_rows()), acc_rows = uint32_t(cfg_.acc_rows);
  uint32_t A_start = 0;
  uint32_t B_start = sp_rows / 2 - uint32_t(B_rows);
  const uint32_t D_start = (1u << 31) + conv_d_row_;
  const uint32_t C_start = (3u << 30) + conv_c_row_;
  if (a_spad_id == 2) A_start = sp_rows / 2;
  if (b_spad_id == 2) B_start = sp_rows - uint32_t(B_rows);
  if (bias != 0) conv_d_row_ = (conv_d_row_ + acc_rows / 2) % acc_rows;
  if (output != 0) conv_c_row_ = (conv_c_row_ + acc_rows / 2) % acc_rows;
  const uint64_t one_bits = FloatBits(1.0f);
  const int max_block = cfg_.max_block_len(), max_block_acc = cfg_.max_block_len_acc();

  if (bias != 0) {
    context_ = "loop_conv_ws (bias mvin)";
    const int max_ochs_per_mvin = ochs < max_block_acc * DIM ? ochs : max_block_acc * DIM;
    if (!Config((one_bits << 32) | (uint64_t(batches * orows * ocols) << 16) | (1 << 8) | (2 << 3) | 1, 0)) return false;
    for (int b = 0; b < batches; ++b)
      for (int orow = 0; orow < orows; ++orow)
        for (int ocol = 0; ocol < ocols; ocol += DIM) {
          const int I = ocols - ocol > DIM ? DIM : ocols - ocol;
          for (int och = 0; och < ochs; och += max_ochs_per_mvin) {
            const int J = ochs - och > max_ochs_per_mvin ? max_ochs_per_mvin : ochs - och;
            const uint32_t D_sp = D_start + (och / DIM) * batches * orows * ocols + b * orows * ocols + orow * ocols + ocol;
            if (!Mvin(no_bias ? 0 : bias + och * cfg_.acc_bytes, Packed(I, J, D_sp), 2)) return false;
          }
        }
  }

  if (input != 0) {
    context_ = "loop_conv_ws (input mvin)";
    int16_t max_chs_per_mvin = int16_t(ichs < max_block * DIM ? ichs : max_block * DIM);
    if (trans_input_3120) max_chs_per_mvin = int16_t(batches < max_block * DIM ? batches : max_block * DIM);
    const uint32_t dram_stride = trans_input_3120 ? batch_size * cfg_.elem_bytes : in_stride * cfg_.elem_bytes;
    const int spad_stride = trans_input_3120 ? ichs * DS(irows) * DS(icols) : batches * DS(irows) * DS(icols);
    if (!Config((one_bits << 32) | (uint64_t(spad_stride) << 16) | (uint64_t(max_pixels_per_row) << 8) | 1,
                uint64_t(US(int(dram_stride))))) return false;
    const int b_it = trans_input_3120 ? max_chs_per_mvin : 1;
    const int ich_it = trans_input_3120 ? 1 : max_chs_per_mvin;
    for (int16_t b = 0; b < int16_t(batches); b = int16_t(b + b_it)) {
      for (int16_t irow = int16_t(-UND(upad)); irow < irows_unpadded + UND(dpad); irow = int16_t(irow + US(1))) {
        const int16_t irow_padded = int16_t(irow + UND(upad));
        for (int16_t icol = int16_t(-UND(lpad)); icol < icols_unpadded + UND(rpad);) {
          int16_t I = int16_t(icols_unpadded - icol > US(DIM) ? US(DIM) : icols_unpadded - icol);
          if (icol < 0) I = int16_t(-icol > DIM ? DIM : -icol);
          else if (icol >= icols_unpadded) I = int16_t(icols_unpadded + UND(rpad) - icol > DIM ? DIM : icols_unpadded + UND(rpad) - icol);
          const int16_t icol_padded = int16_t(icol + UND(lpad));
          for (int16_t ich = 0; ich < ichs; ich = int16_t(ich + ich_it)) {
            int16_t K = int16_t(ichs - ich > max_chs_per_mvin ? max_chs_per_mvin : ichs - ich);
            if (trans_input_3120) K = int16_t(batches - b > max_chs_per_mvin ? max_chs_per_mvin : batches - b);
            uint32_t A_sp = A_start + (ich / DIM) * spad_stride + b * DS(irows) * DS(icols) + DS(irow_padded) * DS(icols) + DS(icol_padded);
            if (trans_input_3120) A_sp = A_start + (b / DIM) * spad_stride + ich * DS(irows) * DS(icols) + DS(irow_padded) * DS(icols) + DS(icol_padded);
            const bool is_zeros = irow < 0 || irow >= irows_unpadded || icol < 0 || icol >= icols_unpadded;
            uint64_t in = input + uint64_t(int64_t((b * in_row_dim * in_col_dim + irow * in_col_dim + icol) * in_stride + ich) * cfg_.elem_bytes);
            if (is_zeros) in = 0;
            else if (trans_input_3120) in = input + uint64_t(int64_t((ich * in_row_dim * in_col_dim + irow * in_col_dim + icol) * batch_size + b) * cfg_.elem_bytes);
            if (!Mvin(in, Packed(uint64_t(DS(I)) & 0xFFFF, uint64_t(K) & 0xFFFF, A_sp), 0)) return false;
          }
          icol = int16_t(icol + I);
        }
      }
    }
  }

  if (weights != 0) {
    context_ = "loop_conv_ws (weight mvin)";
    uint16_t max_chs_per_mvin = uint16_t(ochs < max_block * DIM ? ochs : max_block * DIM);
    if (trans_weight_0132) max_chs_per_mvin = uint16_t(kchs < max_block * DIM ? kchs : max_block * DIM);
    uint64_t dram_stride = uint64_t(weight_stride) * cfg_.elem_bytes;
    if (dw) dram_stride = cfg_.elem_bytes;
    else if (trans_weight_1203) dram_stride = uint64_t(kernel_dim) * kernel_dim * out_channels * cfg_.elem_bytes;
    else if (trans_weight_0132) dram_stride = uint64_t(in_channels) * cfg_.elem_bytes;
    const uint64_t spad_block_stride = trans_weight_0132 ? uint64_t(krows) * kcols * ochs : uint64_t(krows) * kcols * kchs;
    if (!Config((one_bits << 32) | (spad_block_stride << 16) | (1 << 8) | (1 << 3) | 1, dram_stride)) return false;
    const uint64_t och_it = trans_weight_0132 ? DIM : max_chs_per_mvin;
    const uint64_t kch_it = trans_weight_0132 ? max_chs_per_mvin : DIM;
    for (uint64_t och = 0; och < ochs; och = uint16_t(och + och_it))
      for (uint64_t krow = 0; krow < krows; ++krow)
        for (uint64_t kcol = 0; kcol < kcols; ++kcol)
          for (uint64_t kch = 0; kch < kchs; kch = uint16_t(kch + kch_it)) {
            uint64_t K = kchs - kch > uint64_t(DIM) ? DIM : kchs - kch;
            uint64_t J = ochs - och > max_chs_per_mvin ? max_chs_per_mvin : ochs - och;
            if (trans_weight_0132) {
              K = ochs - och > uint64_t(DIM) ? DIM : ochs - och;
              J = kchs - kch > max_chs_per_mvin ? max_chs_per_mvin : kchs - kch;
            }
            uint32_t B_sp = B_start + uint32_t((och / DIM) * krows * kcols * kchs + krow * kcols * kchs + kcol * kchs + kch);
            if (trans_weight_0132) B_sp = B_start + uint32_t((kch / DIM) * krows * kcols * ochs + krow * kcols * ochs + kcol * ochs + och);
            uint64_t w = weights + ((krow * kernel_dim * in_channels + kcol * in_channels + kch) * weight_stride + och) * cfg_.elem_bytes;
            if (dw) w = (weights + krow * kernel_dim + kcol) * cfg_.elem_bytes;
            else if (trans_weight_1203) w = weights + ((kch * kernel_dim * kernel_dim + krow * kernel_dim + kcol) * out_channels + och) * cfg_.elem_bytes;
            else if (trans_weight_0132) w = weights + ((krow * kernel_dim * out_channels + kcol * out_channels + och) * in_channels + kch) * cfg_.elem_bytes;
            if (!Mvin(w, Packed(K, J, B_sp), 1)) return false;
          }
  }

  {
    context_ = "loop_conv_ws (compute)";
    const int b_it = trans_input_3120 ? DIM : 1;
    const int ocol_it = trans_input_3120 ? 1 : (DIM << int(input_dilated));
    if (trans_input_3120) {
      const uint16_t a_stride = uint16_t(irows * icols), c_stride = uint16_t(orows * ocols);
      if (!Config((uint64_t(a_stride) << 16) | (1 << 7), uint64_t(c_stride) << 48)) return false;
    }
    for (uint16_t och = 0; och < ochs; och = uint16_t(och + DIM))
      for (uint16_t krow = 0; krow < krows; ++krow)
        for (uint16_t kcol = 0; kcol < kcols; kcol = uint16_t(kcol + max_pixels_per_row))
          for (uint16_t kch = 0; kch < kchs; kch = uint16_t(kch + DIM)) {
            bool new_weights = true;
            for (uint16_t b = 0; b < batches; b = uint16_t(b + b_it))
              for (uint16_t orow = 0; orow < orows; ++orow) {
                if (input_dilated && ((krow * kernel_dilation + orow - upad) % 2 != 0)) continue;
                for (uint16_t ocol = 0; ocol < ocols;) {
                  if (input_dilated && ((kcol * kernel_dilation + ocol - lpad) % 2 != 0)) { ++ocol; continue; }
                  const uint16_t irow = uint16_t(UND(orow * stride + krow * kernel_dilation));
                  const uint16_t icol = uint16_t(UND(ocol * stride + kcol * kernel_dilation));
                  const uint32_t C_sp = C_start + (och / DIM) * batches * orows * ocols + b * orows * ocols + orow * ocols + ocol;
                  const uint8_t pixels = uint8_t(kcols - kcol > max_pixels_per_row ? max_pixels_per_row : kcols - kcol);
                  uint16_t I = uint16_t(UND(ocols - ocol > (DIM << int(input_dilated)) ? (DIM << int(input_dilated)) : ocols - ocol));
                  const uint16_t J = uint16_t(ochs - och > DIM ? DIM : ochs - och);
                  const uint16_t K = uint16_t(pixels * (kchs - kch > DIM ? DIM : kchs - kch));
                  if (trans_input_3120) I = uint16_t(batches - b > DIM ? DIM : batches - b);
                  uint32_t A_sp = A_start + (kch / DIM) * batches * DS(irows) * DS(icols) + b * DS(irows) * DS(icols) + DS(irow) * DS(icols) + DS(icol);
                  if (trans_input_3120) A_sp = A_start + (b / DIM) * kchs * DS(irows) * DS(icols) + kch * DS(irows) * DS(icols) + DS(irow) * DS(icols) + DS(icol);
                  const int krow_ = wrot180 ? krows - krow - 1 : krow;
                  const int kcol_ = wrot180 ? kcols - kcol - 1 : kcol;
                  uint32_t B_sp = B_start + (och / DIM) * krows * kcols * kchs + krow_ * kcols * kchs + kcol_ * kchs + kch;
                  if (trans_weight_0132) B_sp = B_start + (kch / DIM) * krows * kcols * ochs + krow_ * kcols * ochs + kcol_ * ochs + och;
                  const uint32_t pre = new_weights ? B_sp : kGarbageAddr;
                  Preload(Packed(K, J, pre), Packed(I, J, C_sp));
                  if (!Compute(Packed(I, K, A_sp), Packed(I, J, kGarbageAddr), new_weights)) return false;
                  ocol = uint16_t(ocol + ocol_it);
                  new_weights = false;
                }
              }
          }
  }

  if (output != 0 && no_pool) {
    context_ = "loop_conv_ws (output mvout)";
    for (uint16_t b = 0; b < batches; ++b)
      for (uint16_t orow = 0; orow < orows; ++orow)
        for (uint16_t ocol = 0; ocol < ocols; ocol = uint16_t(ocol + DIM)) {
          const uint16_t I = uint16_t(ocols - ocol > DIM ? DIM : ocols - ocol);
          for (uint16_t och = 0; och < ochs; och = uint16_t(och + DIM)) {
            const uint16_t J = uint16_t(ochs - och > DIM ? DIM : ochs - och);
            const uint32_t C_sp = C_start + (och / DIM) * batches * orows * ocols + b * orows * ocols + orow * ocols + ocol;
            uint64_t out = output + ((uint64_t(b) * out_row_dim * out_col_dim + uint64_t(orow) * out_col_dim + ocol) * out_stride + och) * cfg_.elem_bytes;
            if (trans_output_1203) out = output + ((uint64_t(orow) * out_col_dim * batch_size + uint64_t(ocol) * batch_size + b) * out_channels + och) * cfg_.elem_bytes;
            if (!Mvout(out, Packed(I, J, C_sp))) return false;
          }
        }
  } else if (output != 0 && !no_pool) {
    context_ = "loop_conv_ws (pooled mvout)";
    const uint64_t scale = FloatBits(acc_scale_);
    const uint16_t pool_stride_v = uint8_t(c[1][0] >> 8), pool_size_v = uint16_t(c[1][0] >> 16);
    if (!Config((uint64_t(ocols) << 56) | (uint64_t(orows) << 48) | (uint64_t(pocols) << 40) | (uint64_t(porows) << 32) |
                    (uint64_t(pool_out_col_dim) << 24) | (uint64_t(plpad) << 10) | (uint64_t(pupad) << 8) |
                    (uint64_t(pool_size_v) << 6) | (uint64_t(pool_stride_v) << 4) | (uint64_t(activation) << 2) | 2,
                (scale << 32) | (uint64_t(out_stride) * cfg_.elem_bytes))) return false;
    for (int b = 0; b < batches; ++b)
      for (int poch = 0; poch < pochs; poch += DIM) {
        const int channels = poch + DIM >= pochs ? pochs - poch : DIM;
        const uint32_t C_sp = C_start + (poch / DIM) * batches * orows * ocols + b * orows * ocols;
        const uint64_t out = output + (uint64_t(b) * pool_out_row_dim * pool_out_col_dim * out_stride + poch) * cfg_.elem_bytes;
        if (!Mvout(out, (uint64_t(channels) << 32) | C_sp)) return false;
      }
    if (!Config((uint64_t(activation) << 2) | 2, (scale << 32) | (uint64_t(out_stride) * cfg_.elem_bytes))) return false;
  }
  return true;
}

template class GemminiMachine<Int8Types>;
template class GemminiMachine<Fp32Types>;

}  // namespace autocomp::gemmini
