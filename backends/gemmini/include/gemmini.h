/* backends/gemmini/include/gemmini.h
 *
 * autocomp's C interface to the Gemmini accelerator, written for this
 * project from the ISA (RoCC opcode custom-3, funct numbers and operand
 * layouts as documented in docs/gemmini.md). Candidate kernels include it;
 * it offers
 *   - the long names of the Gemmini C API that users and LLMs know
 *     (gemmini_extended_config_ex, gemmini_extended_mvin, gemmini_loop_ws,
 *     tiled_matmul_auto, ...),
 *   - the short names Autocomp's prompts and solutions use (config_ex,
 *     config_ld, config_st, mvin, mvin2, mvin3, mvout, preload,
 *     compute_preloaded, compute_accumulated, fence),
 *   - read_cycles(): the cycle CSR, which in Spike (and autocomp's built-in
 *     simulator) counts retired instructions.
 *
 * Configuration: int8 (default; DIM 16, int8 inputs, int32 accumulator,
 * 256 KiB scratchpad, 64 KiB accumulator) or, with -DGEMMINI_FP32, the fp32
 * 4x4 configuration (DIM 4, float everywhere).
 *
 * Local (scratchpad/accumulator) addresses are 32-bit row numbers: bit 31
 * selects the accumulator, bit 30 accumulates instead of overwriting, bit 29
 * reads full-width accumulator values on mvout; 0xFFFFFFFF is the "garbage"
 * address (no operand). Rows and columns of an operand travel in bits 63:48
 * and 47:32 of the same register.
 */
#ifndef AUTOCOMP_GEMMINI_H
#define AUTOCOMP_GEMMINI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- configuration ------------------------------------------------------ */
#ifdef GEMMINI_FP32
#define DIM 4
typedef float elem_t;
typedef float acc_t;
typedef float full_t;
#define ELEM_T_IS_FLOAT 1
#define ACC_ROWS 4096
#else
#define DIM 16
typedef int8_t elem_t;
typedef int32_t acc_t;
typedef int64_t full_t;
#define ACC_ROWS 1024
static const elem_t elem_t_max = 127;
static const elem_t elem_t_min = -128;
#endif
typedef float scale_t;
typedef uint32_t scale_t_bits;
typedef float acc_scale_t;
typedef uint32_t acc_scale_t_bits;
typedef int32_t scale_acc_t;
#define ADDR_LEN 32
#define BANK_NUM 4
#define BANK_ROWS 4096
#define ACC_BANKS 2
#define SP_ROWS (BANK_NUM * BANK_ROWS)
#define MAX_BYTES 64
#define MAX_BLOCK_LEN (MAX_BYTES / (DIM * sizeof(elem_t)))
#define MAX_BLOCK_LEN_ACC (MAX_BYTES / (DIM * sizeof(acc_t)))
#define MVIN_SCALE_IDENTITY 1.0f
#define ACC_SCALE_IDENTITY 1.0f
#define GARBAGE_ADDR ((uint32_t)0xFFFFFFFF)
#define ACC_ADDR_BIT ((uint32_t)1 << 31)
#define ACC_ACCUMULATE_BIT ((uint32_t)1 << 30)
#define ACC_FULL_BIT ((uint32_t)1 << 29)

#define row_align(blocks) __attribute__((aligned((blocks) * DIM * sizeof(elem_t))))
#define row_align_acc(blocks) __attribute__((aligned((blocks) * DIM * sizeof(acc_t))))

/* dataflows and activations */
#define OUTPUT_STATIONARY 0
#define WEIGHT_STATIONARY 1
#define NO_ACTIVATION 0
#define RELU 1
#define LAYERNORM 2
#define IGELU 3
#define SOFTMAX 4

/* ---- RoCC encoding ------------------------------------------------------ */
/* funct numbers of the custom-3 instructions */
#define k_CONFIG 0
#define k_MVIN2 1
#define k_MVIN 2
#define k_MVOUT 3
#define k_COMPUTE_PRELOADED 4
#define k_COMPUTE_ACCUMULATE 5
#define k_PRELOAD 6
#define k_FLUSH 7
#define k_LOOP_WS 8
#define k_LOOP_WS_CONFIG_BOUNDS 9
#define k_LOOP_WS_CONFIG_ADDRS_AB 10
#define k_LOOP_WS_CONFIG_ADDRS_DC 11
#define k_LOOP_WS_CONFIG_STRIDES_AB 12
#define k_LOOP_WS_CONFIG_STRIDES_DC 13
#define k_MVIN3 14
#define k_LOOP_CONV_WS 15
#define k_LOOP_CONV_WS_CONFIG_1 16
#define k_LOOP_CONV_WS_CONFIG_2 17
#define k_LOOP_CONV_WS_CONFIG_3 18
#define k_LOOP_CONV_WS_CONFIG_4 19
#define k_LOOP_CONV_WS_CONFIG_5 20
#define k_LOOP_CONV_WS_CONFIG_6 21
/* sub-commands of k_CONFIG (bits 1:0 of rs1) */
#define CONFIG_EX 0
#define CONFIG_LD 1
#define CONFIG_ST 2
#define CONFIG_NORM 3

#define GEMMINI_STR_(x) #x
#define GEMMINI_STR(x) GEMMINI_STR_(x)
/* One custom-3 instruction with two source registers and no result:
 * opcode 0x7b, funct3 = xs1|xs2 = 3, rd = x0. */
#define gemmini_rocc(funct, rs1, rs2)                                                    \
  do {                                                                                   \
    uint64_t gemmini_rs1_ = (uint64_t)(rs1), gemmini_rs2_ = (uint64_t)(rs2);             \
    __asm__ volatile(".insn r 0x7b, 3, " GEMMINI_STR(funct) ", x0, %0, %1"               \
                     : : "r"(gemmini_rs1_), "r"(gemmini_rs2_) : "memory");               \
  } while (0)

/* row/col packing of a local operand: rows in bits 63:48, cols in 47:32 */
#define GEMMINI_PACK(addr, cols, rows) \
  (((uint64_t)(rows) << (ADDR_LEN + 16)) | ((uint64_t)(cols) << ADDR_LEN) | (uint64_t)(uint32_t)(addr))

static inline uint32_t gemmini_float_bits(float f) {
  uint32_t b;
  memcpy(&b, &f, sizeof(b));
  return b;
}

/* ---- cycle counter ------------------------------------------------------ */
static inline uint64_t read_cycles(void) {
  uint64_t c;
  __asm__ volatile("rdcycle %0" : "=r"(c));
  return c;
}

/* ---- configuration instructions ----------------------------------------- */
/* config_ex: dataflow, activation applied on the way into the scratchpad,
 * the output-stationary shift, A/C strides between rows fed to the array,
 * and operand transposes. set_only_strides changes just the two strides. */
#define gemmini_extended3_config_ex(dataflow, sys_act, sys_shift, sys_acc_scale, C_stride, A_stride, \
                                    A_transpose, B_transpose, set_only_strides)                       \
  gemmini_rocc(k_CONFIG,                                                                              \
               ((uint64_t)gemmini_float_bits((float)(sys_acc_scale)) << 32) |                         \
                   ((uint64_t)(uint16_t)(A_stride) << 16) | ((uint64_t)((B_transpose) != 0) << 9) |   \
                   ((uint64_t)((A_transpose) != 0) << 8) | ((uint64_t)((set_only_strides) != 0) << 7) | \
                   ((uint64_t)((sys_act) & 3) << 3) | ((uint64_t)((dataflow) & 1) << 2) | CONFIG_EX,  \
               ((uint64_t)(uint16_t)(C_stride) << 48) | (uint64_t)(uint32_t)(sys_shift))
#define gemmini_extended2_config_ex(dataflow, act, sys_shift, A_stride, A_transpose, B_transpose) \
  gemmini_extended3_config_ex(dataflow, act, sys_shift, ACC_SCALE_IDENTITY, 1, A_stride, A_transpose, B_transpose, false)
#define gemmini_extended_config_ex(dataflow, act, sys_shift, A_stride, A_transpose, B_transpose) \
  gemmini_extended2_config_ex(dataflow, act, sys_shift, A_stride, A_transpose, B_transpose)
#define gemmini_config_ex(dataflow, act, sys_shift) \
  gemmini_extended_config_ex(dataflow, act, sys_shift, 1, 0, 0)

/* config_ld: DRAM row stride (bytes), a float scale applied on the way in,
 * "shrunk" (load elem_t into the accumulator), the row distance between
 * the DIM-column blocks of a wide mvin, pixel repeats, and which of the
 * three mvin instructions (id 0 mvin, 1 mvin2, 2 mvin3) this configures. */
#define gemmini_extended5_config_ld(stride, scale, shrunk, block_mvin_stride, pixel_repeats, id) \
  gemmini_rocc(k_CONFIG,                                                                      \
               ((uint64_t)gemmini_float_bits((float)(scale)) << 32) |                         \
                   ((uint64_t)(uint16_t)(block_mvin_stride) << 16) |                          \
                   ((uint64_t)(uint8_t)(pixel_repeats) << 8) | ((uint64_t)((id) & 3) << 3) |  \
                   ((uint64_t)((shrunk) != 0) << 2) | CONFIG_LD,                              \
               (stride))
#define gemmini_extended4_config_ld(stride, scale, shrunk, block_mvin_stride, id) \
  gemmini_extended5_config_ld(stride, scale, shrunk, block_mvin_stride, 0, id)
#define gemmini_extended3_config_ld(stride, scale, shrunk, id) \
  gemmini_extended4_config_ld(stride, scale, shrunk, DIM, id)
#define gemmini_extended2_config_ld(stride, scale, shrunk) gemmini_extended3_config_ld(stride, scale, shrunk, 0)
#define gemmini_extended_config_ld(stride, scale) gemmini_extended2_config_ld(stride, scale, false)
#define gemmini_config_ld(stride) gemmini_extended_config_ld(stride, MVIN_SCALE_IDENTITY)

/* config_st: DRAM row stride (bytes) for mvout, the activation and float
 * scale applied when reading the accumulator, and max-pooling parameters. */
#define gemmini_extended2_config_st(stride, acc_act, acc_scale, pool_stride, pool_size, pool_out_dim, \
                                    porows, pocols, orows, ocols, upad, lpad)                         \
  gemmini_rocc(k_CONFIG,                                                                              \
               ((uint64_t)(uint8_t)(ocols) << 56) | ((uint64_t)(uint8_t)(orows) << 48) |              \
                   ((uint64_t)(uint8_t)(pocols) << 40) | ((uint64_t)(uint8_t)(porows) << 32) |        \
                   ((uint64_t)(uint8_t)(pool_out_dim) << 24) | ((uint64_t)((lpad) & 3) << 10) |       \
                   ((uint64_t)((upad) & 3) << 8) | ((uint64_t)((pool_size) & 3) << 6) |               \
                   ((uint64_t)((pool_stride) & 3) << 4) | ((uint64_t)((acc_act) & 3) << 2) | CONFIG_ST, \
               ((uint64_t)gemmini_float_bits((float)(acc_scale)) << 32) | (uint32_t)(stride))
#define gemmini_extended_config_st(stride, acc_act, acc_scale) \
  gemmini_extended2_config_st(stride, acc_act, acc_scale, 0, 0, 0, 0, 0, 0, 0, 0, 0)
#define gemmini_config_st(stride) gemmini_extended_config_st(stride, NO_ACTIVATION, ACC_SCALE_IDENTITY)

/* ---- data movement ------------------------------------------------------ */
/* mvin: rows (<= DIM) x cols (<= 4*DIM into the scratchpad, <= DIM into the
 * accumulator) from DRAM (row stride from config_ld) to local rows. A DRAM
 * address of 0 moves in zeros. */
#define gemmini_extended_mvin(dram_addr, spad_addr, cols, rows) \
  gemmini_rocc(k_MVIN, (uint64_t)(uintptr_t)(dram_addr), GEMMINI_PACK(spad_addr, cols, rows))
#define gemmini_extended_mvin2(dram_addr, spad_addr, cols, rows) \
  gemmini_rocc(k_MVIN2, (uint64_t)(uintptr_t)(dram_addr), GEMMINI_PACK(spad_addr, cols, rows))
#define gemmini_extended_mvin3(dram_addr, spad_addr, cols, rows) \
  gemmini_rocc(k_MVIN3, (uint64_t)(uintptr_t)(dram_addr), GEMMINI_PACK(spad_addr, cols, rows))
#define gemmini_mvin(dram_addr, spad_addr) gemmini_extended_mvin(dram_addr, spad_addr, DIM, DIM)
#define gemmini_mvin2(dram_addr, spad_addr) gemmini_extended_mvin2(dram_addr, spad_addr, DIM, DIM)
#define gemmini_mvin3(dram_addr, spad_addr) gemmini_extended_mvin3(dram_addr, spad_addr, DIM, DIM)
#define gemmini_block_mvin(dram_addr, spad_addr, len) \
  gemmini_extended_mvin(dram_addr, spad_addr, (len) * DIM, DIM)

/* mvout: rows x cols from local rows to DRAM (row stride from config_st). */
#define gemmini_extended_mvout(dram_addr, spad_addr, cols, rows) \
  gemmini_rocc(k_MVOUT, (uint64_t)(uintptr_t)(dram_addr), GEMMINI_PACK(spad_addr, cols, rows))
#define gemmini_mvout(dram_addr, spad_addr) gemmini_extended_mvout(dram_addr, spad_addr, DIM, DIM)

/* ---- compute ------------------------------------------------------------- */
/* preload: B (weights, WS) or D (bias, OS) operand and the C output address
 * (accumulator with bit 31, accumulate with bit 30) for the next compute. */
#define gemmini_extended_preload(BD, C, BD_cols, BD_rows, C_cols, C_rows) \
  gemmini_rocc(k_PRELOAD, GEMMINI_PACK(BD, BD_cols, BD_rows), GEMMINI_PACK(C, C_cols, C_rows))
#define gemmini_preload(BD, C) gemmini_extended_preload(BD, C, DIM, DIM, DIM, DIM)
#define gemmini_preload_zeros(C) gemmini_preload(GARBAGE_ADDR, C)

/* compute_preloaded uses the operand just preloaded; compute_accumulated
 * keeps the weights already in the array (WS) or the partial sums (OS). */
#define gemmini_extended_compute_preloaded(A, BD, A_cols, A_rows, BD_cols, BD_rows) \
  gemmini_rocc(k_COMPUTE_PRELOADED, GEMMINI_PACK(A, A_cols, A_rows), GEMMINI_PACK(BD, BD_cols, BD_rows))
#define gemmini_extended_compute_accumulated(A, BD, A_cols, A_rows, BD_cols, BD_rows) \
  gemmini_rocc(k_COMPUTE_ACCUMULATE, GEMMINI_PACK(A, A_cols, A_rows), GEMMINI_PACK(BD, BD_cols, BD_rows))
#define gemmini_compute_preloaded(A, BD) gemmini_extended_compute_preloaded(A, BD, DIM, DIM, DIM, DIM)
#define gemmini_compute_accumulated(A, BD) gemmini_extended_compute_accumulated(A, BD, DIM, DIM, DIM, DIM)

/* flush drops the TLB of the accelerator; fence waits until Gemmini's
 * memory operations are visible (a RISC-V fence, which on Rocket waits for
 * the accelerator to be idle). */
#define gemmini_flush(skip) gemmini_rocc(k_FLUSH, skip, 0)
#define gemmini_fence() __asm__ volatile("fence" ::: "memory")

/* ---- loop_ws: a whole (I x K) * (K x J) matmul in DIM-sized tiles ------- */
/* I, J, K are in tiles of DIM; pad_* are the rows/cols missing from the last
 * tile; strides are in elements. A and B go to the two halves of the
 * scratchpad, C accumulates in the accumulator (double-buffered), D (bias)
 * is moved in first when non-NULL. */
static inline void gemmini_loop_ws(size_t I, size_t J, size_t K, size_t pad_I, size_t pad_J, size_t pad_K,
                                   const void* A, const void* B, const void* D, void* C,
                                   size_t A_stride, size_t B_stride, size_t D_stride, size_t C_stride,
                                   bool A_transpose, bool B_transpose, bool full_C, bool low_D,
                                   bool ex_accumulate, int act, int a_spad_id, int b_spad_id, bool is_resadd) {
  gemmini_rocc(k_LOOP_WS_CONFIG_BOUNDS, ((uint64_t)pad_K << 32) | ((uint64_t)pad_J << 16) | (uint64_t)pad_I,
               ((uint64_t)K << 32) | ((uint64_t)J << 16) | (uint64_t)I);
  gemmini_rocc(k_LOOP_WS_CONFIG_ADDRS_AB, (uintptr_t)A, (uintptr_t)B);
  gemmini_rocc(k_LOOP_WS_CONFIG_ADDRS_DC, (uintptr_t)D, (uintptr_t)C);
  gemmini_rocc(k_LOOP_WS_CONFIG_STRIDES_AB, A_stride, B_stride);
  gemmini_rocc(k_LOOP_WS_CONFIG_STRIDES_DC, D_stride, C_stride);
  gemmini_rocc(k_LOOP_WS,
               ((uint64_t)(a_spad_id & 3) << 18) | ((uint64_t)(b_spad_id & 3) << 16) | ((uint64_t)(act & 7) << 8) |
                   ((uint64_t)(low_D != 0) << 2) | ((uint64_t)(full_C != 0) << 1) | (uint64_t)(ex_accumulate != 0),
               ((uint64_t)(is_resadd != 0) << 2) | ((uint64_t)(B_transpose != 0) << 1) | (uint64_t)(A_transpose != 0));
}

/* ---- loop_conv_ws: a whole convolution ---------------------------------- */
/* Register layout as the loop_conv_ws unroller reads it (docs/gemmini.md).
 * Input NHWC, weights [krow][kcol][in_ch][out_ch], bias acc_t[out_ch],
 * output NHWC; in_stride/weight_stride/out_stride are row strides in
 * elements. No pooling when pool_size == 0. */
static inline void gemmini_loop_conv_ws(int batch_size, int in_row_dim, int in_col_dim, int in_channels,
                                        int out_channels, int out_row_dim, int out_col_dim, int pool_out_row_dim,
                                        int pool_out_col_dim, int stride, int padding, int kernel_dim,
                                        int kernel_dilation, int pool_size, int pool_stride, int pool_padding,
                                        int batches, int porows, int pocols, int pochs, int krows, int kcols,
                                        int kchs, int lpad, int rpad, int upad, int dpad, int plpad, int prpad,
                                        int pupad, int pdpad, int orows, int ocols, const elem_t* weights,
                                        elem_t* output, const acc_t* bias, const elem_t* input, bool no_bias,
                                        bool no_pool, bool downsample, bool wrot180, bool input_dilated, int act,
                                        bool trans_output_1203, bool trans_weight_1203, bool trans_weight_0132,
                                        bool trans_input_3120, int max_pixels_per_row, int in_stride,
                                        int weight_stride, int out_stride, bool dw, int a_spad_id, int b_spad_id) {
  gemmini_rocc(k_LOOP_CONV_WS_CONFIG_1,
               ((uint64_t)(uint16_t)out_channels << 48) | ((uint64_t)(uint16_t)in_channels << 32) |
                   ((uint64_t)(uint16_t)in_row_dim << 16) | (uint64_t)(uint16_t)batch_size,
               ((uint64_t)(uint8_t)padding << 56) | ((uint64_t)(uint8_t)stride << 48) |
                   ((uint64_t)(uint16_t)out_col_dim << 32) | ((uint64_t)(uint16_t)pool_out_row_dim << 16) |
                   (uint64_t)(uint16_t)out_row_dim);
  gemmini_rocc(k_LOOP_CONV_WS_CONFIG_2,
               ((uint64_t)(uint16_t)kernel_dim << 48) | ((uint64_t)(uint16_t)pool_out_col_dim << 32) |
                   ((uint64_t)(uint16_t)pool_size << 16) | ((uint64_t)(uint8_t)pool_stride << 8) |
                   (uint64_t)(uint8_t)pool_padding,
               ((uint64_t)(uint16_t)batches << 48) | ((uint64_t)(uint16_t)porows << 32) |
                   ((uint64_t)(uint16_t)pocols << 16) | (uint64_t)(uint16_t)pochs);
  gemmini_rocc(k_LOOP_CONV_WS_CONFIG_3,
               ((uint64_t)(uint16_t)krows << 48) | ((uint64_t)(uint16_t)kcols << 32) |
                   ((uint64_t)(uint16_t)kchs << 16) | (uint64_t)(uint16_t)lpad,
               ((uint64_t)(uint16_t)rpad << 48) | ((uint64_t)(uint16_t)upad << 32) | ((uint64_t)(uint8_t)dpad << 24) |
                   ((uint64_t)(uint8_t)plpad << 16) | (uint64_t)(uint16_t)in_col_dim);
  gemmini_rocc(k_LOOP_CONV_WS_CONFIG_4,
               ((uint64_t)(uint16_t)orows << 48) | ((uint64_t)(uint16_t)prpad << 32) |
                   ((uint64_t)(uint8_t)pupad << 21) | ((uint64_t)(uint8_t)pdpad << 10) |
                   (uint64_t)(uint8_t)kernel_dilation,
               ((uint64_t)(uint16_t)in_stride << 48) | ((uint64_t)(uint16_t)weight_stride << 32) |
                   ((uint64_t)(uint16_t)out_stride << 16) | (uint64_t)(uint16_t)ocols);
  gemmini_rocc(k_LOOP_CONV_WS_CONFIG_5, (uintptr_t)weights, (uintptr_t)output);
  gemmini_rocc(k_LOOP_CONV_WS_CONFIG_6, (uintptr_t)bias, (uintptr_t)input);
  gemmini_rocc(k_LOOP_CONV_WS,
               ((uint64_t)(a_spad_id & 3) << 18) | ((uint64_t)(b_spad_id & 3) << 16) |
                   ((uint64_t)(uint8_t)max_pixels_per_row << 8) | ((uint64_t)(dw != 0) << 6) |
                   ((uint64_t)(trans_input_3120 != 0) << 5) | ((uint64_t)(trans_weight_0132 != 0) << 4) |
                   ((uint64_t)(trans_weight_1203 != 0) << 3) | ((uint64_t)(trans_output_1203 != 0) << 2) |
                   ((uint64_t)(wrot180 != 0) << 1) | (uint64_t)(no_bias != 0),
               ((uint64_t)(act & 3) << 3) | ((uint64_t)(input_dilated != 0) << 2) |
                   ((uint64_t)(downsample != 0) << 1) | (uint64_t)(no_pool != 0));
}

/* ---- tiled matmul helper ------------------------------------------------- */
enum tiled_matmul_type_t { OS, WS, CPU };

/* C = act(scale * (A * B + D)), A: dim_I x dim_K, B: dim_K x dim_J,
 * D: repeating row (repeating_bias) or full matrix of acc_t (elem_t when
 * low_D), C: elem_t (acc_t when full_C). Strides are in elements. Runs as
 * loop_ws instructions over tiles that fit half the scratchpad and half the
 * accumulator. Only the weight-stationary dataflow is provided; A_scale,
 * B_scale, D_scale and bert_scale are accepted for compatibility and must
 * be 1 (0 for bert_scale). */
static inline void tiled_matmul_auto(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t* A, const elem_t* B,
                                     const void* D, void* C, size_t stride_A, size_t stride_B, size_t stride_D,
                                     size_t stride_C, scale_t A_scale_factor, scale_t B_scale_factor,
                                     scale_acc_t D_scale_factor, int act, acc_scale_t scale,
                                     acc_scale_t bert_scale, bool repeating_bias, bool transpose_A,
                                     bool transpose_B, bool full_C, bool low_D, uint8_t weightA,
                                     enum tiled_matmul_type_t tiled_matmul_type) {
  (void)D_scale_factor; (void)bert_scale; (void)weightA; (void)tiled_matmul_type;
  const size_t I_blocks = (dim_I + DIM - 1) / DIM, J_blocks = (dim_J + DIM - 1) / DIM;
  const size_t K_blocks = (dim_K + DIM - 1) / DIM;
  /* tiles (in DIM blocks) within half the accumulator and half the scratchpad */
  const size_t acc_tiles = ACC_ROWS / 2 / DIM, sp_tiles = SP_ROWS / 2 / DIM;
  size_t tJ = J_blocks < 4 ? J_blocks : 4;
  size_t tI = acc_tiles / tJ;
  if (tI > I_blocks) tI = I_blocks;
  size_t tK = sp_tiles / (tI + tJ);
  if (tK > K_blocks) tK = K_blocks;
  const size_t sizeof_D = low_D ? sizeof(elem_t) : sizeof(acc_t);
  const size_t sizeof_C = full_C ? sizeof(acc_t) : sizeof(elem_t);
  gemmini_extended_config_ex(WEIGHT_STATIONARY, 0, 0, 1, transpose_A, transpose_B);
  gemmini_extended_config_st(stride_C * sizeof_C, act & 3, scale);
  gemmini_extended3_config_ld(stride_A * sizeof(elem_t), A_scale_factor, false, 0);
  gemmini_extended3_config_ld(stride_B * sizeof(elem_t), B_scale_factor, false, 1);
  gemmini_extended3_config_ld(repeating_bias ? 0 : stride_D * sizeof_D, MVIN_SCALE_IDENTITY, low_D, 2);
  for (size_t i0 = 0; i0 < I_blocks; i0 += tI) {
    const size_t I = I_blocks - i0 < tI ? I_blocks - i0 : tI;
    const size_t pad_I = i0 + I == I_blocks ? I_blocks * DIM - dim_I : 0;
    for (size_t j0 = 0; j0 < J_blocks; j0 += tJ) {
      const size_t J = J_blocks - j0 < tJ ? J_blocks - j0 : tJ;
      const size_t pad_J = j0 + J == J_blocks ? J_blocks * DIM - dim_J : 0;
      for (size_t k0 = 0; k0 < K_blocks; k0 += tK) {
        const size_t K = K_blocks - k0 < tK ? K_blocks - k0 : tK;
        const size_t pad_K = k0 + K == K_blocks ? K_blocks * DIM - dim_K : 0;
        const elem_t* a = transpose_A ? A + (k0 * DIM) * stride_A + i0 * DIM : A + (i0 * DIM) * stride_A + k0 * DIM;
        const elem_t* b = transpose_B ? B + (j0 * DIM) * stride_B + k0 * DIM : B + (k0 * DIM) * stride_B + j0 * DIM;
        const void* d = NULL;
        if (D != NULL && k0 == 0) {
          d = (const char*)D + ((repeating_bias ? 0 : i0 * DIM * stride_D) + j0 * DIM) * sizeof_D;
        }
        void* c = k0 + K == K_blocks ? (char*)C + (i0 * DIM * stride_C + j0 * DIM) * sizeof_C : NULL;
        gemmini_loop_ws(I, J, K, pad_I, pad_J, pad_K, a, b, d, c, stride_A, stride_B,
                        repeating_bias ? 0 : stride_D, stride_C, transpose_A, transpose_B, full_C, low_D,
                        /* accumulate onto the bias, or onto the previous K chunks */ k0 != 0 || d != NULL,
                        act, 0, 0, false);
      }
    }
  }
  gemmini_fence();
}

/* ---- the short API of Autocomp's prompts and solutions ------------------ */
#define config_ex(dataflow, act, A_stride, A_transpose, B_transpose) \
  gemmini_extended_config_ex(dataflow, act, 0, A_stride, A_transpose, B_transpose)
#define config_ld(dram_stride, scale_factor, spad_block_stride, id) \
  gemmini_extended4_config_ld(dram_stride, scale_factor, false, spad_block_stride, id)
/* config_st(stride) or config_st(stride, scale): stride in bytes (for int8
 * outputs, the number of columns of the C matrix). */
#define GEMMINI_CONFIG_ST_1(stride) gemmini_extended_config_st(stride, NO_ACTIVATION, ACC_SCALE_IDENTITY)
#define GEMMINI_CONFIG_ST_2(stride, scale) gemmini_extended_config_st(stride, NO_ACTIVATION, scale)
#define GEMMINI_CONFIG_ST_3(stride, act, scale) gemmini_extended_config_st(stride, act, scale)
#define GEMMINI_PICK_4(a, b, c, name, ...) name
#define config_st(...) \
  GEMMINI_PICK_4(__VA_ARGS__, GEMMINI_CONFIG_ST_3, GEMMINI_CONFIG_ST_2, GEMMINI_CONFIG_ST_1, unused)(__VA_ARGS__)
#define mvin(dram_addr, spad_acc_addr, cols, rows) gemmini_extended_mvin(dram_addr, spad_acc_addr, cols, rows)
#define mvin2(dram_addr, spad_acc_addr, cols, rows) gemmini_extended_mvin2(dram_addr, spad_acc_addr, cols, rows)
#define mvin3(dram_addr, spad_acc_addr, cols, rows) gemmini_extended_mvin3(dram_addr, spad_acc_addr, cols, rows)
#define mvout(dram_addr, spad_acc_addr, cols, rows) gemmini_extended_mvout(dram_addr, spad_acc_addr, cols, rows)
#define preload(B_spad_addr, C_acc_addr, B_cols, B_rows, C_cols, C_rows) \
  gemmini_extended_preload(B_spad_addr, C_acc_addr, B_cols, B_rows, C_cols, C_rows)
#define compute_preloaded(A_spad_addr, bias_spad_addr, A_cols, A_rows, bias_cols, bias_rows) \
  gemmini_extended_compute_preloaded(A_spad_addr, bias_spad_addr, A_cols, A_rows, bias_cols, bias_rows)
#define compute_accumulated(A_spad_addr, bias_spad_addr, A_cols, A_rows, bias_cols, bias_rows) \
  gemmini_extended_compute_accumulated(A_spad_addr, bias_spad_addr, A_cols, A_rows, bias_cols, bias_rows)
#ifndef fence
#define fence() gemmini_fence()
#endif

#endif /* AUTOCOMP_GEMMINI_H */
