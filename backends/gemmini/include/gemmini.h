/* backends/gemmini/include/gemmini.h
 *
 * autocomp's C interface to the Gemmini accelerator, written for this
 * project from the ISA (RoCC opcode custom-3, funct numbers and operand
 * layouts as documented in docs/gemmini.md). Candidate kernels include it;
 * it offers
 *   - the long names of the Gemmini C API that users and LLMs know
 *     (gemmini_extended_config_ex, gemmini_extended_mvin, gemmini_loop_ws,
 *     gemmini_loop_conv_ws, ...),
 *   - the library helpers tiled_matmul_auto / tiled_matmul and
 *     tiled_conv_auto / tiled_conv_stride_auto / tiled_conv, following the
 *     gemmini-rocc-tests library's algorithm (see their section),
 *   - the short names Autocomp's prompts and solutions use (config_ex,
 *     config_ld, config_st, mvin, mvin2, mvin3, mvout, preload,
 *     compute_preloaded, compute_accumulated, fence),
 *   - read_cycles(): the cycle CSR, which in Spike (and autocomp's built-in
 *     simulator) counts retired instructions.
 *
 * Configuration: int8 (default; DIM 16, int8 inputs, int32 accumulator,
 * 256 KiB scratchpad, 64 KiB accumulator) or, with -DGEMMINI_FP32, the fp32
 * 4x4 configuration (DIM 4, float everywhere). The sizes (DIM, BANK_NUM,
 * BANK_ROWS, ACC_ROWS, MAX_BYTES, ...) can be overridden with -D.
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
#include <stdio.h>
#include <string.h>

/* ---- configuration ------------------------------------------------------ */
/* Every size below can be overridden with -D (e.g. -DACC_ROWS=2048 for a
 * bigger accumulator); the library helpers' tiling follows them. The
 * defaults are Gemmini's default int8 configuration, or with -DGEMMINI_FP32
 * its fp32 4x4 one. */
#ifdef GEMMINI_FP32
#ifndef DIM
#define DIM 4
#endif
typedef float elem_t;
typedef float acc_t;
typedef float full_t;
#define ELEM_T_IS_FLOAT 1
#ifndef ACC_ROWS
#define ACC_ROWS 4096
#endif
static const elem_t elem_t_max = 3.4028235e38f;
static const elem_t elem_t_min = -3.4028235e38f;
#else
#ifndef DIM
#define DIM 16
#endif
typedef int8_t elem_t;
typedef int32_t acc_t;
typedef int64_t full_t;
#ifndef ACC_ROWS
#define ACC_ROWS 1024
#endif
static const elem_t elem_t_max = 127;
static const elem_t elem_t_min = -128;
#endif
typedef float scale_t;
typedef uint32_t scale_t_bits;
typedef float acc_scale_t;
typedef uint32_t acc_scale_t_bits;
typedef int32_t scale_acc_t;
#ifndef ADDR_LEN
#define ADDR_LEN 32
#endif
#ifndef BANK_NUM
#define BANK_NUM 4
#endif
#ifndef BANK_ROWS
#define BANK_ROWS 4096
#endif
#ifndef ACC_BANKS
#define ACC_BANKS 2
#endif
#ifndef SP_ROWS
#define SP_ROWS (BANK_NUM * BANK_ROWS)
#endif
#ifndef MAX_BYTES
#define MAX_BYTES 64
#endif
#ifndef MAX_BLOCK_LEN
#define MAX_BLOCK_LEN (MAX_BYTES / (DIM * sizeof(elem_t)))
#endif
#ifndef MAX_BLOCK_LEN_ACC
#define MAX_BLOCK_LEN_ACC (MAX_BYTES / (DIM * sizeof(acc_t)))
#endif
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
  gemmini_extended5_config_ld(stride, scale, shrunk, block_mvin_stride, 1, id)
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

/* config_norm: constants of the normalization unit (I-GELU's qb/qc, softmax's
 * ln2 constants) and the statistics slot that LAYERNORM/SOFTMAX mvouts use. */
#define gemmini_config_norm(q_const, q_const_type, set_stats_id_only, act_msb, stat_id, igelu_qb, igelu_qc) \
  gemmini_rocc(k_CONFIG,                                                                                \
               ((uint64_t)(uint32_t)(q_const) << 32) | ((uint64_t)((q_const_type) & 1) << 18) |         \
                   ((uint64_t)((set_stats_id_only) & 1) << 17) | ((uint64_t)((act_msb) & 1) << 16) |     \
                   ((uint64_t)(uint8_t)(stat_id) << 8) | CONFIG_NORM,                                  \
               ((uint64_t)(uint32_t)(igelu_qc) << 32) | (uint64_t)(uint32_t)(igelu_qb))

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
/* tiles_i/j/k are in tiles of DIM; pad_* are the rows/cols missing from the last
 * tile; strides are in elements. A and B go to the two halves of the
 * scratchpad, C accumulates in the accumulator (double-buffered), D (bias)
 * is moved in first when non-NULL. */
#define gemmini_loop_ws(tiles_i, tiles_j, tiles_k, pad_i, pad_j, pad_k, a, b, d, c, a_stride, b_stride, d_stride, \
                        c_stride, a_transpose, b_transpose, full_c, low_d, ex_accumulate, act, a_spad_id, b_spad_id,   \
                        is_resadd)                                                                                     \
  do {                                                                                                                 \
    gemmini_rocc(k_LOOP_WS_CONFIG_BOUNDS, ((uint64_t)(pad_k) << 32) | ((uint64_t)(pad_j) << 16) | (uint64_t)(pad_i),  \
                 ((uint64_t)(tiles_k) << 32) | ((uint64_t)(tiles_j) << 16) | (uint64_t)(tiles_i));                    \
    gemmini_rocc(k_LOOP_WS_CONFIG_ADDRS_AB, (uintptr_t)(a), (uintptr_t)(b));                                          \
    gemmini_rocc(k_LOOP_WS_CONFIG_ADDRS_DC, (uintptr_t)(d), (uintptr_t)(c));                                          \
    gemmini_rocc(k_LOOP_WS_CONFIG_STRIDES_AB, a_stride, b_stride);                                                    \
    gemmini_rocc(k_LOOP_WS_CONFIG_STRIDES_DC, d_stride, c_stride);                                                    \
    gemmini_rocc(k_LOOP_WS,                                                                                           \
                 ((uint64_t)(a_spad_id) << 18) | ((uint64_t)(b_spad_id) << 16) | ((uint64_t)(act) << 8) |             \
                     ((low_d) << 2) | ((full_c) << 1) | (ex_accumulate),                                              \
                 ((is_resadd) << 2) | ((b_transpose) << 1) | (a_transpose));                                          \
  } while (0)

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

/* ==== the Gemmini library's helpers =======================================
 * tiled_matmul_auto / tiled_matmul and tiled_conv_auto / tiled_conv_stride_auto /
 * tiled_conv, with the parameters of the gemmini-rocc-tests library
 * (include/gemmini.h at 1a1a1c6) and its algorithm: tiling factors chosen by
 * the same rules from the configured sizes above, the same configs, loop_ws /
 * loop_conv_ws calls with the same arguments, the same fences. Code calling
 * them therefore counts what it counts with the library (docs/gemmini.md,
 * "Our header against the original gemmini.h"). Written for this project from
 * that algorithm. Where the library reports an error, these print a line
 * naming it and stop the program with a breakpoint trap (ebreak). */

enum tiled_matmul_type_t { OS, WS, CPU };

/* The helpers are plain static functions, as in the library, so the compiler
 * inlines (or calls) them as it does the library's. */
#define GEMMINI_LIB static __attribute__((unused))

static inline void gemmini_lib_fail(const char* what) {
  printf("gemmini.h: %s\n", what);
  __builtin_trap();
}

/* the library's ceil_divide_int: a / b rounded up, and 1 when a < b */
static inline int ceil_divide_int(int a, int b) {
  int q = a / b + (a % b != 0);
  return a < b ? 1 : q;
}

/* ---- matmul on the CPU (tiled_matmul_type CPU) ---------------------------- */
/* round to nearest, ties to even, as Gemmini's scaling rounds */
static inline float gemmini_round_near_even(float x) {
  const float t = (float)(long long)x;
  const float r = x > t ? x - t : t - x;
  if (r > 0.5f || (r == 0.5f && ((long long)t & 1))) return x < 0 ? t - 1.0f : t + 1.0f;
  return t;
}

/* an operand as the mvin scale leaves it */
static inline acc_t gemmini_cpu_mvin_scale(elem_t x, scale_t s) {
#ifdef ELEM_T_IS_FLOAT
  return x * s;
#else
  float y = gemmini_round_near_even((float)x * s);
  return y > 127.0f ? 127 : (y < -128.0f ? -128 : (acc_t)y);
#endif
}

/* an accumulated value as mvout leaves it: I-GELU, scale, saturate, ReLU */
static inline elem_t gemmini_cpu_scale_and_sat(acc_t x, int act, acc_scale_t scale, acc_scale_t bert_scale) {
  if (act == IGELU) {
    const acc_scale_t s = bert_scale / 1.41421356237f;
    const acc_scale_t s_erf = (acc_scale_t)(-0.2888 * s * s);
    const acc_t q1 = (acc_t)(1 / s_erf), qb = (acc_t)(-1.769 / s), qc = (acc_t)(1.0 / (-0.2888 * s * s));
    const acc_t mag = x < 0 ? -x : x, clipped = mag > -qb ? -qb : mag;
    const acc_t poly = (clipped + qb) * (clipped + qb) + qc;
    x = x * ((x < 0 ? -poly : poly) + q1);
  }
#ifdef ELEM_T_IS_FLOAT
  acc_t y = x * scale;
#else
  float f = gemmini_round_near_even((float)x * scale);
  acc_t y = f > 127.0f ? 127 : (f < -128.0f ? -128 : (acc_t)f);
#endif
  if (act == RELU && y < 0) y = 0;
  return (elem_t)y;
}

GEMMINI_LIB void gemmini_matmul_cpu(bool a_transpose, bool b_transpose, size_t dim_I, size_t dim_J, size_t dim_K,
                                      const elem_t* A, const elem_t* B, const acc_t* D, elem_t* C, size_t stride_A,
                                      size_t stride_B, size_t stride_D, size_t stride_C, scale_t A_scale_factor,
                                      scale_t B_scale_factor, int act, acc_scale_t scale, acc_scale_t bert_scale,
                                      bool repeating_bias) {
  if (act == LAYERNORM || act == SOFTMAX) gemmini_lib_fail("CPU matmul with LAYERNORM/SOFTMAX is not provided");
  for (size_t i = 0; i < dim_I; i++)
    for (size_t j = 0; j < dim_J; j++) {
      acc_t sum = D == NULL ? 0 : D[(repeating_bias ? 0 : i) * stride_D + j];
      for (size_t k = 0; k < dim_K; k++) {
        const elem_t a = a_transpose ? A[k * stride_A + i] : A[i * stride_A + k];
        const elem_t b = b_transpose ? B[j * stride_B + k] : B[k * stride_B + j];
        sum += gemmini_cpu_mvin_scale(a, A_scale_factor) * gemmini_cpu_mvin_scale(b, B_scale_factor);
      }
      C[i * stride_C + j] = gemmini_cpu_scale_and_sat(sum, act, scale, bert_scale);
    }
}

/* ---- one tile: the output-stationary and weight-stationary inner steps ---- */
/* Both take tile counts I, J, K (in DIM blocks) and the padding of the last
 * tiles; D is NULL when the tile adds nothing from DRAM (no bias, or not the
 * first K chunk), C is NULL when the tile's result stays in the accumulator. */
typedef void (*gemmini_sp_tiled_matmul_fn)(const elem_t*, const elem_t*, const void*, void*, scale_t, scale_t,
                                           scale_acc_t, size_t, size_t, size_t, size_t, size_t, size_t, size_t,
                                           size_t, size_t, size_t, bool, bool, bool, bool, bool, bool, int, int,
                                           int);

/* OS: explicit mvin of D, B and A, preload/compute per DIM block, mvout. */
GEMMINI_LIB void sp_tiled_matmul_os(const elem_t* A, const elem_t* B, const void* D, void* C,
                                      scale_t A_scale_factor, scale_t B_scale_factor, scale_acc_t D_scale_factor,
                                      size_t tiles_I, size_t tiles_J, size_t tiles_K, size_t pad_I, size_t pad_J,
                                      size_t pad_K, size_t A_row_stride, size_t B_row_stride, size_t D_row_stride,
                                      size_t C_row_stride, bool a_transpose, bool b_transpose, bool full_C,
                                      bool low_D, bool no_bias, bool repeating_bias, int act, int a_spad_id,
                                      int b_spad_id) {
  (void)a_transpose; (void)b_transpose; (void)low_D; (void)act; (void)a_spad_id; (void)b_spad_id;
  const uint32_t a_base = 0, b_base = BANK_NUM * BANK_ROWS - tiles_K * tiles_J * DIM;
  const uint32_t d_base = ACC_ADDR_BIT, c_base = ACC_ADDR_BIT | ACC_ACCUMULATE_BIT | (full_C ? ACC_FULL_BIT : 0);
  const size_t a_blocks = tiles_K <= MAX_BLOCK_LEN ? tiles_K : MAX_BLOCK_LEN;
  const size_t b_blocks = tiles_J <= MAX_BLOCK_LEN ? tiles_J : MAX_BLOCK_LEN;
  const size_t d_blocks = tiles_J <= MAX_BLOCK_LEN_ACC ? tiles_J : MAX_BLOCK_LEN_ACC;
  if (D != NULL && !no_bias) {
    gemmini_extended_config_ld(repeating_bias ? 0 : D_row_stride * sizeof(acc_t), D_scale_factor);
    for (size_t i = 0; i < tiles_I; i++)
      for (size_t j = 0; j < tiles_J; j += d_blocks) {
        const acc_t* src = (const acc_t*)D + ((repeating_bias ? 0 : i) * D_row_stride + j) * DIM;
        const size_t n = j + d_blocks <= tiles_J ? d_blocks : tiles_J - j;
        gemmini_extended_mvin(src, d_base + (i * tiles_J + j) * DIM, n * DIM - (j + n >= tiles_J ? pad_J : 0),
                              DIM - (i == tiles_I - 1 ? pad_I : 0));
      }
  }
  gemmini_extended_config_ld(B_row_stride * sizeof(elem_t), B_scale_factor);
  for (size_t j = 0; j < tiles_J; j += b_blocks)
    for (size_t k = 0; k < tiles_K; k++) {
      const size_t n = j + b_blocks <= tiles_J ? b_blocks : tiles_J - j;
      gemmini_extended_mvin(B + (k * B_row_stride + j) * DIM, b_base + (k * tiles_J + j) * DIM,
                            n * DIM - (j + n >= tiles_J ? pad_J : 0), DIM - (k == tiles_K - 1 ? pad_K : 0));
    }
  gemmini_extended_config_ld(A_row_stride * sizeof(elem_t), A_scale_factor);
  for (size_t i = 0; i < tiles_I; i++)
    for (size_t k = 0; k < tiles_K; k += a_blocks) {
      const size_t n = k + a_blocks <= tiles_K ? a_blocks : tiles_K - k;
      gemmini_extended_mvin(A + (i * A_row_stride + k) * DIM, a_base + (i * tiles_K + k) * DIM,
                            n * DIM - (k + n >= tiles_K ? pad_K : 0), DIM - (i == tiles_I - 1 ? pad_I : 0));
    }
  for (size_t i = 0; i < tiles_I; i++)
    for (size_t j = 0; j < tiles_J; j++) {
      const uint32_t c_addr = c_base + (i * tiles_J + j) * DIM;
      const size_t rows_i = DIM - (i == tiles_I - 1 ? pad_I : 0), cols_j = DIM - (j == tiles_J - 1 ? pad_J : 0);
      for (size_t k = 0; k < tiles_K; k++) {
        uint32_t out = k == tiles_K - 1 ? c_addr : GARBAGE_ADDR;
        /* without a bias the last step overwrites what the accumulator held */
        if (no_bias && D != NULL && k == tiles_K - 1) out &= ~ACC_ACCUMULATE_BIT;
        const size_t cols_k = DIM - (k == tiles_K - 1 ? pad_K : 0);
        const uint32_t a_addr = a_base + (i * tiles_K + k) * DIM, b_addr = b_base + (k * tiles_J + j) * DIM;
        gemmini_extended_preload(GARBAGE_ADDR, out, DIM, DIM, cols_j, rows_i);
        if (k == 0) {
          gemmini_extended_compute_preloaded(a_addr, b_addr, cols_k, rows_i, cols_j, cols_k);
        } else {
          gemmini_extended_compute_accumulated(a_addr, b_addr, cols_k, rows_i, cols_j, cols_k);
        }
      }
    }
  if (C != NULL) {
    const size_t sizeof_C = full_C ? sizeof(acc_t) : sizeof(elem_t);
    for (size_t i = 0; i < tiles_I; i++)
      for (size_t j = 0; j < tiles_J; j++)
        gemmini_extended_mvout((int8_t*)C + (i * C_row_stride + j) * DIM * sizeof_C, c_base + (i * tiles_J + j) * DIM,
                               DIM - (j == tiles_J - 1 ? pad_J : 0), DIM - (i == tiles_I - 1 ? pad_I : 0));
  }
}

/* WS: the whole tile is one loop_ws; it accumulates onto D (moved in first)
 * or onto the previous K chunks, and overwrites on the first chunk when
 * there is no bias. */
GEMMINI_LIB void sp_tiled_matmul_ws(const elem_t* A, const elem_t* B, const void* D, void* C,
                                      scale_t A_scale_factor, scale_t B_scale_factor, scale_acc_t D_scale_factor,
                                      size_t tiles_I, size_t tiles_J, size_t tiles_K, size_t pad_I, size_t pad_J,
                                      size_t pad_K, size_t A_row_stride, size_t B_row_stride, size_t D_row_stride,
                                      size_t C_row_stride, bool a_transpose, bool b_transpose, bool full_C,
                                      bool low_D, bool no_bias, bool repeating_bias, int act, int a_spad_id,
                                      int b_spad_id) {
  (void)A_scale_factor; (void)B_scale_factor; (void)D_scale_factor;
  gemmini_loop_ws(tiles_I, tiles_J, tiles_K, pad_I, pad_J, pad_K, A, B, no_bias ? NULL : D, C, A_row_stride,
                  B_row_stride, repeating_bias ? 0 : D_row_stride, C_row_stride, a_transpose, b_transpose, full_C,
                  low_D, !no_bias || D == NULL, act, a_spad_id, b_spad_id, false);
}

/* ---- the tile loop over the whole matmul ----------------------------------- */
GEMMINI_LIB void tiled_matmul_outer(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t* A, const elem_t* B,
                                      const void* D, void* C, size_t stride_A, size_t stride_B, size_t stride_D,
                                      size_t stride_C, scale_t A_scale_factor, scale_t B_scale_factor,
                                      scale_acc_t D_scale_factor, size_t tile_I, size_t tile_J, size_t tile_K,
                                      int act, acc_scale_t scale, acc_scale_t bert_scale, bool repeating_bias,
                                      bool a_transpose, bool b_transpose, bool full_C, bool low_D, uint8_t weightA,
                                      int dataflow) {
  (void)weightA;
  const size_t padded_I = (dim_I / DIM + (dim_I % DIM != 0)) * DIM;
  const size_t padded_J = (dim_J / DIM + (dim_J % DIM != 0)) * DIM;
  const size_t padded_K = (dim_K / DIM + (dim_K % DIM != 0)) * DIM;
  /* tiles per dimension, the blocks of the last one, the padding of the last block */
  const size_t I0 = padded_I / (tile_I * DIM) + (padded_I % (tile_I * DIM) != 0);
  const size_t J0 = padded_J / (tile_J * DIM) + (padded_J % (tile_J * DIM) != 0);
  const size_t K0 = padded_K / (tile_K * DIM) + (padded_K % (tile_K * DIM) != 0);
  const size_t last_I = padded_I % (tile_I * DIM) == 0 ? tile_I : (padded_I / DIM) % tile_I;
  const size_t last_J = padded_J % (tile_J * DIM) == 0 ? tile_J : (padded_J / DIM) % tile_J;
  const size_t last_K = padded_K % (tile_K * DIM) == 0 ? tile_K : (padded_K / DIM) % tile_K;
  const size_t padding_I = padded_I - dim_I, padding_J = padded_J - dim_J, padding_K = padded_K - dim_K;
  const bool no_bias = D == NULL;
  if (no_bias) D = (const void*)1; /* a non-NULL stand-in: "first K chunk" is told by D != NULL */
  const size_t sizeof_D = low_D ? sizeof(elem_t) : sizeof(acc_t);
  const size_t sizeof_C = full_C ? sizeof(acc_t) : sizeof(elem_t);

  gemmini_extended_config_ex(dataflow, act & 3, 0, 1, a_transpose, b_transpose);
  gemmini_extended_config_st(stride_C * sizeof_C, act & 3, scale);
  gemmini_extended3_config_ld(stride_A * sizeof(elem_t), A_scale_factor, false, 0);
  gemmini_extended3_config_ld(stride_B * sizeof(elem_t), B_scale_factor, false, 1);
  gemmini_extended3_config_ld(repeating_bias ? 0 : stride_D * sizeof_D, D_scale_factor, low_D, 2);
  if (act == IGELU) {
    const acc_scale_t s = bert_scale, root2 = 1.41421356237f;
    const acc_scale_t s_erf = (acc_scale_t)(-0.2888 * ((s * s) / 2));
    gemmini_config_norm(0, 0, 0, 0, 0, (acc_t)(-1.769 / (s / root2)), (acc_t)(1.0 / s_erf));
  } else if (act == SOFTMAX) {
    const acc_t qln2 = (int)(0.693147 / bert_scale), qln2_inv = 65536 / qln2;
    const acc_t qb = (acc_t)(1.353f / bert_scale), qc = (acc_t)(0.344f / (0.3585f * bert_scale * bert_scale));
    gemmini_config_norm(qln2, 0, 0, 1, 0, qb, qc);
    gemmini_config_norm(qln2_inv, 1, 0, 1, 0, qb, qc);
  }
  gemmini_sp_tiled_matmul_fn inner;
  if (dataflow == OUTPUT_STATIONARY) {
    inner = &sp_tiled_matmul_os;
  } else {
    inner = &sp_tiled_matmul_ws;
  }

  /* an operand that fits one scratchpad half for the whole run is moved in
   * once: the first tile fills the half (spad id 1), later ones reuse it (2) */
  int a_spad_id = 0, b_spad_id = 0;
  bool b_reuse = J0 * K0 <= 2 && dataflow == WEIGHT_STATIONARY;
  bool a_reuse = I0 * K0 <= 2 && dataflow == WEIGHT_STATIONARY;
  for (size_t i0 = 0; i0 < I0; i0++)
    for (size_t j0 = 0; j0 < J0; j0++)
      for (size_t k0 = 0; k0 < K0; k0++) {
        if (a_reuse) a_spad_id = i0 + k0 == 0 ? 1 : 2;
        if (b_reuse) b_spad_id = j0 + k0 == 0 ? 1 : 2;
        const void* pre = NULL;
        if (k0 == 0) {
          const size_t bias_row = repeating_bias ? 0 : i0 * tile_I * DIM;
          pre = (const int8_t*)D + (bias_row * stride_D + j0 * tile_J * DIM) * sizeof_D;
        }
        void* out = k0 == K0 - 1 ? (int8_t*)C + (i0 * tile_I * DIM * stride_C + j0 * tile_J * DIM) * sizeof_C : NULL;
        const size_t ti = i0 < I0 - 1 ? tile_I : last_I, tj = j0 < J0 - 1 ? tile_J : last_J;
        const size_t tk = k0 < K0 - 1 ? tile_K : last_K;
        const size_t pi = i0 == I0 - 1 ? padding_I : 0, pj = j0 == J0 - 1 ? padding_J : 0;
        const size_t pk = k0 == K0 - 1 ? padding_K : 0;
        const elem_t* a = a_transpose ? A + k0 * tile_K * DIM * stride_A + i0 * tile_I * DIM
                                      : A + i0 * tile_I * DIM * stride_A + k0 * tile_K * DIM;
        const elem_t* b = b_transpose ? B + j0 * tile_J * DIM * stride_B + k0 * tile_K * DIM
                                      : B + k0 * tile_K * DIM * stride_B + j0 * tile_J * DIM;
        if (a_reuse && j0 >= 1) a = NULL;
        if (b_reuse && i0 >= 1) b = NULL;
        inner(a, b, pre, out, A_scale_factor, B_scale_factor, D_scale_factor, ti, tj, tk, pi, pj, pk, stride_A,
              stride_B, stride_D, stride_C, a_transpose, b_transpose, full_C, low_D, no_bias, repeating_bias, act,
              a_spad_id, b_spad_id);
      }
  gemmini_fence();
}

/* scratchpad and accumulator rows a tile of tile_I x tile_J x tile_K blocks takes */
GEMMINI_LIB size_t tiled_matmul_total_spad_rows(size_t tile_I, size_t tile_J, size_t tile_K) {
  return (tile_I * tile_K + tile_K * tile_J) * DIM;
}
GEMMINI_LIB size_t tiled_matmul_total_acc_rows(size_t tile_I, size_t tile_J) { return tile_I * tile_J * DIM; }

/* C = act(scale * (A * B + D)) with the given tiling factors (in DIM blocks).
 * A: dim_I x dim_K (dim_K x dim_I when transpose_A), B: dim_K x dim_J
 * (dim_J x dim_K when transpose_B), D: acc_t (elem_t when low_D), a repeated
 * row when repeating_bias, or NULL; C: elem_t (acc_t when full_C). Strides
 * in elements. WS tiles take half the scratchpad and accumulator (double
 * buffering), OS tiles all of them; CPU computes on the core. */
GEMMINI_LIB void tiled_matmul(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t* A, const elem_t* B,
                                const void* D, void* C, size_t stride_A, size_t stride_B, size_t stride_D,
                                size_t stride_C, scale_t A_scale_factor, scale_t B_scale_factor,
                                scale_acc_t D_scale_factor, int act, acc_scale_t scale, acc_scale_t bert_scale,
                                bool repeating_bias, size_t tile_I, size_t tile_J, size_t tile_K, bool transpose_A,
                                bool transpose_B, bool full_C, bool low_D, uint8_t weightA,
                                enum tiled_matmul_type_t tiled_matmul_type) {
  if (tile_I == 0 || tile_J == 0 || tile_K == 0) gemmini_lib_fail("tiled_matmul: a tiling factor is 0");
  const size_t padded_I = (dim_I / DIM + (dim_I % DIM != 0)) * DIM, padded_J = (dim_J / DIM + (dim_J % DIM != 0)) * DIM;
  const size_t padded_K = (dim_K / DIM + (dim_K % DIM != 0)) * DIM;
  if (tile_I * DIM > padded_I || tile_J * DIM > padded_J || tile_K * DIM > padded_K) {
    gemmini_lib_fail("tiled_matmul: a tiling factor is larger than its dimension");
  }
  const bool double_buffered = tiled_matmul_type == WS;
  const size_t spad_cap = double_buffered ? BANK_NUM * BANK_ROWS / 2 : BANK_NUM * BANK_ROWS;
  const size_t acc_cap = double_buffered ? ACC_ROWS / 2 : ACC_ROWS;
  if (tiled_matmul_total_spad_rows(tile_I, tile_J, tile_K) > spad_cap) {
    gemmini_lib_fail("tiled_matmul: not enough space in scratchpad to store A and B matrices");
  }
  if (tiled_matmul_total_acc_rows(tile_I, tile_J) > acc_cap) {
    gemmini_lib_fail("tiled_matmul: not enough space in accumulator to store C");
  }
  if (tile_I > 65535 || tile_J > 65535 || tile_K > 65535) gemmini_lib_fail("tiled_matmul: tiling factors above 65535");
  if ((tiled_matmul_type == OS && (transpose_A || transpose_B)) ||
      (tiled_matmul_type == WS && transpose_A && transpose_B)) {
    gemmini_lib_fail("tiled_matmul: this transpose combination is not implemented for this dataflow");
  }
  if ((tiled_matmul_type == CPU && (full_C || low_D)) || (tiled_matmul_type == OS && low_D)) {
    gemmini_lib_fail("tiled_matmul: full_C/low_D are not implemented for this dataflow");
  }
  if (act == LAYERNORM || act == SOFTMAX) {
    if (tiled_matmul_type == OS) gemmini_lib_fail("tiled_matmul: LAYERNORM/SOFTMAX need the WS dataflow");
    if (tile_J * DIM < dim_J) gemmini_lib_fail("tiled_matmul: LAYERNORM/SOFTMAX need all of J in one tile");
  }
  if (tiled_matmul_type == OS || tiled_matmul_type == WS) {
    tiled_matmul_outer(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C, A_scale_factor,
                       B_scale_factor, D_scale_factor, tile_I, tile_J, tile_K, act, scale, bert_scale,
                       repeating_bias, transpose_A, transpose_B, full_C, low_D, weightA, (int)tiled_matmul_type);
  } else {
    gemmini_matmul_cpu(transpose_A, transpose_B, dim_I, dim_J, dim_K, A, B, (const acc_t*)D, (elem_t*)C, stride_A,
                       stride_B, stride_D, stride_C, A_scale_factor, B_scale_factor, act, scale, bert_scale,
                       repeating_bias);
  }
}

/* tiled_matmul with the library's tiling factors: start from square I/J tiles
 * (the square root of the accumulator tiles available) and the K depth that
 * leaves in half a scratchpad partition, then grow J, I and K one block at a
 * time while the tile still fits the scratchpad and accumulator space (half
 * of each for WS, which double-buffers) and its dimension. LAYERNORM and
 * SOFTMAX start from 1 x all-of-J x 1. */
GEMMINI_LIB void tiled_matmul_auto(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t* A, const elem_t* B,
                                     const void* D, void* C, size_t stride_A, size_t stride_B, size_t stride_D,
                                     size_t stride_C, scale_t A_scale_factor, scale_t B_scale_factor,
                                     scale_acc_t D_scale_factor, int act, acc_scale_t scale, acc_scale_t bert_scale,
                                     bool repeating_bias, bool transpose_A, bool transpose_B, bool full_C,
                                     bool low_D, uint8_t weightA, enum tiled_matmul_type_t tiled_matmul_type) {
  const size_t blocks_I = dim_I / DIM + (dim_I % DIM != 0), blocks_J = dim_J / DIM + (dim_J % DIM != 0);
  const size_t blocks_K = dim_K / DIM + (dim_K % DIM != 0);
  const bool double_buffered = tiled_matmul_type == WS;
  const size_t spad_cap = double_buffered ? BANK_NUM * BANK_ROWS / 2 : BANK_NUM * BANK_ROWS;
  const size_t acc_cap = double_buffered ? ACC_ROWS / 2 : ACC_ROWS;
  const size_t max_ij = (size_t)__builtin_sqrt((double)(acc_cap / DIM));
  const size_t max_k = (spad_cap / 2 / DIM) / max_ij;
  size_t tile_I, tile_J, tile_K;
  if (act == LAYERNORM || act == SOFTMAX) {
    tile_I = 1;
    tile_J = blocks_J;
    tile_K = 1;
  } else {
    tile_I = blocks_I < max_ij ? blocks_I : max_ij;
    tile_J = blocks_J < max_ij ? blocks_J : max_ij;
    tile_K = blocks_K < max_k ? blocks_K : max_k;
  }
  for (bool grew = true; grew;) {
    grew = false;
    if (tiled_matmul_total_spad_rows(tile_I, tile_J + 1, tile_K) <= spad_cap &&
        tiled_matmul_total_acc_rows(tile_I, tile_J + 1) <= acc_cap && tile_J + 1 <= blocks_J) {
      tile_J++;
      grew = true;
    }
    if (tiled_matmul_total_spad_rows(tile_I + 1, tile_J, tile_K) <= spad_cap &&
        tiled_matmul_total_acc_rows(tile_I + 1, tile_J) <= acc_cap && tile_I + 1 <= blocks_I) {
      tile_I++;
      grew = true;
    }
    if (tiled_matmul_total_spad_rows(tile_I, tile_J, tile_K + 1) <= spad_cap && tile_K + 1 <= blocks_K) {
      tile_K++;
      grew = true;
    }
  }
  tiled_matmul(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C, A_scale_factor,
               B_scale_factor, D_scale_factor, act, scale, bert_scale, repeating_bias, tile_I, tile_J, tile_K,
               transpose_A, transpose_B, full_C, low_D, weightA, tiled_matmul_type);
}

/* ---- convolutions ------------------------------------------------------------ */
/* Layouts as the library's: input NHWC with in_stride elements per pixel,
 * weights [krow][kcol][in_ch] rows of weight_stride elements (out channels),
 * bias acc_t[out_ch], output NHWC with out_stride elements per pixel. */

/* one block of the convolution: a single loop_conv_ws. batches, porows,
 * pocols, pochs, krows, kcols, kchs are the block's extents; *pad the
 * padding rows/columns of its input (lpad..dpad) and pooled output. */
GEMMINI_LIB void sp_tiled_conv(int batch_size, int in_row_dim, int in_col_dim, int in_channels, int out_channels,
                                 int out_row_dim, int out_col_dim, int pool_out_row_dim, int pool_out_col_dim,
                                 int stride, int padding, int kernel_dim, int kernel_dilation, int in_stride,
                                 int weight_stride, int out_stride, int pool_size, int pool_stride, int pool_padding,
                                 int batches, int porows, int pocols, int pochs, int krows, int kcols, int kchs,
                                 int lpad, int rpad, int upad, int dpad, int plpad, int prpad, int pupad, int pdpad,
                                 const elem_t* input, const elem_t* weights, elem_t* output, const acc_t* bias,
                                 int act, acc_scale_t scale, bool wrot180, bool trans_output_1203,
                                 bool trans_input_3120, bool trans_weight_1203, bool trans_weight_0132, bool no_bias,
                                 bool no_pool, bool downsample, bool input_dilated, bool dw, int a_spad_id,
                                 int b_spad_id) {
  (void)scale;
  if (dw) {
    kchs = 1;
    pochs = 1;
  }
  const int orows = porows * pool_stride + pool_size - 1 - pupad - pdpad;
  const int ocols = pocols * pool_stride + pool_size - 1 - plpad - prpad;
  /* first-layer optimization: with few input channels, several pixels
   * share one scratchpad row */
  int pixels_per_row = 1;
#ifndef GEMMINI_NO_FIRST_LAYER_OPTIMIZATIONS
  const bool transposed = trans_output_1203 || trans_input_3120 || trans_weight_1203 || trans_weight_0132;
  if (!(transposed || wrot180 || downsample || input_dilated || kernel_dilation > 1 || kchs > DIM)) {
    pixels_per_row = DIM / kchs;
  }
  if (pixels_per_row > kcols) pixels_per_row = kcols;
#endif
  gemmini_loop_conv_ws(batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim,
                       pool_out_row_dim, pool_out_col_dim, stride, padding, kernel_dim, kernel_dilation, pool_size,
                       pool_stride, pool_padding, batches, porows, pocols, pochs, krows, kcols, kchs, lpad, rpad, upad,
                       dpad, plpad, prpad, pupad, pdpad, orows, ocols, weights, output, bias, input, no_bias, no_pool,
                       downsample, wrot180, input_dilated, act, trans_output_1203, trans_weight_1203,
                       trans_weight_0132, trans_input_3120, pixels_per_row, in_stride, weight_stride, out_stride, dw,
                       a_spad_id, b_spad_id);
}

/* scratchpad rows (inputs + weights, acc false) or accumulator rows (outputs,
 * acc true) one block of the given extents takes */
GEMMINI_LIB int tiled_conv_total_spad_rows(bool acc, int stride, int input_dilation, int kernel_dilation,
                                             bool downsample, bool trans_weight_0132, bool trans_input_3120,
                                             int batches, int porows, int pocols, int ochs, int krows, int kcols,
                                             int kchs, int pool_size, int pool_stride) {
  const int orows = porows * pool_stride + pool_size - 1, ocols = pocols * pool_stride + pool_size - 1;
  const int krows_dilated = krows + (kernel_dilation - 1) * (krows - 1);
  const int kcols_dilated = kcols + (kernel_dilation - 1) * (kcols - 1);
  int irows = orows * stride + krows_dilated - 1, icols = ocols * stride + kcols_dilated - 1;
  irows = irows / input_dilation + (irows % input_dilation != 0);
  icols = icols / input_dilation + (icols % input_dilation != 0);
  const int in_banks = kchs / DIM + (kchs % DIM != 0), out_banks = ochs / DIM + (ochs % DIM != 0);
  const int batch_banks = batches / DIM + (batches % DIM != 0);
  const int pixels = (irows >> downsample) * (icols >> downsample);
  const int a_rows = trans_input_3120 ? batch_banks * kchs * pixels : in_banks * batches * pixels;
  const int b_rows = trans_weight_0132 ? in_banks * kcols * krows * ochs : out_banks * kcols * krows * kchs;
  const int c_rows = out_banks * batches * orows * ocols;
  return acc ? c_rows : a_rows + b_rows;
}

/* the convolution in blocks of the given extents (batches, porows, pocols,
 * pochs, krows, kcols, kchs), each one loop_conv_ws; a block's output goes to
 * DRAM after its last kernel row/column/channel chunk, its bias comes with the
 * first. pool_stride 0 means no pooling. WS only (OS and CPU stop with an error). */
GEMMINI_LIB void tiled_conv(int batch_size, int in_row_dim, int in_col_dim, int in_channels, int out_channels,
                              int out_row_dim, int out_col_dim, int stride, int input_dilation, int kernel_dilation,
                              int padding, int kernel_dim, int in_stride, int weight_stride, int out_stride,
                              bool wrot180, bool trans_output_1203, bool trans_input_3120, bool trans_weight_1203,
                              bool trans_weight_0132, int batches, int porows, int pocols, int pochs, int krows,
                              int kcols, int kchs, const elem_t* input, const elem_t* weights, const acc_t* bias,
                              elem_t* output, int act, acc_scale_t scale, int pool_size, int pool_stride,
                              int pool_padding, enum tiled_matmul_type_t tiled_conv_type) {
  if (trans_weight_1203 && trans_weight_0132) gemmini_lib_fail("tiled_conv: only one weight transformation at a time");
  if (tiled_conv_type == CPU) gemmini_lib_fail("tiled_conv: the CPU convolution is not provided by this header");
  if (tiled_conv_type == OS) gemmini_lib_fail("tiled_conv: Gemmini convs do not currently support OS");
  bool no_bias = false;
  if (bias == NULL) {
    bias = (const acc_t*)1; /* non-NULL stand-in; no_bias tells the unroller */
    no_bias = true;
  }
  const bool no_pool = pool_stride == 0;
  if (no_pool) {
    pool_size = 1;
    pool_stride = 1;
    pool_padding = 0;
  }
  const bool downsample = stride == 2 && kernel_dim == 1 && in_row_dim % 2 == 0 && in_col_dim % 2 == 0 &&
                          padding == 0 && no_pool && input_dilation == 1 && !trans_input_3120;
  const bool input_dilated = input_dilation == 2;
  if (tiled_conv_total_spad_rows(false, stride, input_dilation, kernel_dilation, downsample, trans_weight_0132,
                                 trans_input_3120, batches, porows, pocols, pochs, krows, kcols, kchs, pool_size,
                                 pool_stride) > BANK_NUM * BANK_ROWS / 2) {
    gemmini_lib_fail("tiled_conv: not enough scratchpad space to store inputs and weights");
  }
  if (tiled_conv_total_spad_rows(true, stride, input_dilation, kernel_dilation, downsample, trans_weight_0132,
                                 trans_input_3120, batches, porows, pocols, pochs, krows, kcols, kchs, pool_size,
                                 pool_stride) > ACC_ROWS / 2) {
    gemmini_lib_fail("tiled_conv: not enough accumulator space to store outputs");
  }
  if (kernel_dim <= padding) gemmini_lib_fail("tiled_conv: kernel_dim must be larger than padding");
  if (input_dilation > 2) gemmini_lib_fail("tiled_conv: input_dilation > 2 is only supported on CPU");
  if (input_dilation > 1 && stride > 1) gemmini_lib_fail("tiled_conv: input dilation needs stride 1");
  if (trans_output_1203 && !no_pool) gemmini_lib_fail("tiled_conv: a transposed output cannot be pooled");
  if (trans_input_3120 && trans_weight_0132) {
    gemmini_lib_fail("tiled_conv: cannot transpose the innermost dimensions of both inputs and weights");
  }

  gemmini_extended_config_st(trans_output_1203 ? batch_size * out_channels * sizeof(elem_t) : out_stride * sizeof(elem_t),
                             act, scale);
  gemmini_extended3_config_ex(WEIGHT_STATIONARY, 0, 0, 0, input_dilation, stride >> downsample, trans_input_3120,
                              trans_weight_0132, false);
  const int pool_out_row_dim = (out_row_dim + 2 * pool_padding - pool_size) / pool_stride + 1;
  const int pool_out_col_dim = (out_col_dim + 2 * pool_padding - pool_size) / pool_stride + 1;
  const int dilated_in_row_dim = in_row_dim + (input_dilation - 1) * (in_row_dim - 1);
  const int dilated_in_col_dim = in_col_dim + (input_dilation - 1) * (in_col_dim - 1);

  /* inputs or weights that fit one scratchpad half for the whole run are
   * moved in once (spad id 1 on the first block, 2 after) */
  int a_spad_id = 0, b_spad_id = 0;
  const size_t n_kch = ceil_divide_int(in_channels, kchs), n_poch = ceil_divide_int(out_channels, pochs);
  const size_t n_b = ceil_divide_int(batch_size, batches), n_porow = ceil_divide_int(pool_out_row_dim, porows);
  const size_t n_pocol = ceil_divide_int(pool_out_col_dim, pocols);
  const size_t n_krow = ceil_divide_int(kernel_dim, krows), n_kcol = ceil_divide_int(kernel_dim, kcols);
  const bool b_reuse = n_kch * n_poch * n_krow * n_kcol <= 2;
  const bool a_reuse = n_kch * n_krow * n_kcol * n_b * n_porow * n_pocol <= 2;

  for (int b = 0; b < batch_size; b += batches)
    for (int porow = 0; porow < pool_out_row_dim; porow += porows) {
      const int orow = porow * pool_stride - pool_padding;
      for (int pocol = 0; pocol < pool_out_col_dim; pocol += pocols) {
        const int ocol = pocol * pool_stride - pool_padding;
        for (int poch = 0; poch < out_channels; poch += pochs)
          for (int krow = 0; krow < kernel_dim; krow += krows) {
            const int irow = (orow < 0 ? 0 : orow) * stride + krow * kernel_dilation - padding;
            for (int kcol = 0; kcol < kernel_dim; kcol += kcols) {
              const int icol = (ocol < 0 ? 0 : ocol) * stride + kcol * kernel_dilation - padding;
              for (int kch = 0; kch < in_channels; kch += kchs) {
                if (a_reuse) a_spad_id = kch + krow + kcol + b + porow + pocol == 0 ? 1 : 2;
                if (b_reuse) b_spad_id = kch + poch + krow + kcol == 0 ? 1 : 2;
                elem_t* out = trans_output_1203
                                  ? output + (porow * pool_out_col_dim * batch_size + pocol * batch_size + b) * out_channels + poch
                                  : output + (b * pool_out_row_dim * pool_out_col_dim + porow * pool_out_col_dim + pocol) * out_stride + poch;
                if (krow + krows < kernel_dim || kcol + kcols < kernel_dim || kch + kchs < in_channels) out = NULL;
                const acc_t* bias_ = krow > 0 || kcol > 0 || kch > 0 ? NULL : bias + poch;
                /* this block's extents (the last block of a dimension may be short) */
                const int batches_ = batch_size - b > batches ? batches : batch_size - b;
                const int porows_ = pool_out_row_dim - porow > porows ? porows : pool_out_row_dim - porow;
                const int pocols_ = pool_out_col_dim - pocol > pocols ? pocols : pool_out_col_dim - pocol;
                const int pochs_ = out_channels - poch > pochs ? pochs : out_channels - poch;
                const int krows_ = kernel_dim - krow > krows ? krows : kernel_dim - krow;
                const int kcols_ = kernel_dim - kcol > kcols ? kcols : kernel_dim - kcol;
                const int kchs_ = in_channels - kch > kchs ? kchs : in_channels - kch;
                const int ocols_ = pocols_ * pool_stride + pool_size - 1;
                const int orows_ = porows_ * pool_stride + pool_size - 1;
                /* padding of the pooled output, then of the input window */
                const int plpad = ocol < 0 ? -ocol : 0;
                const int prpad = ocol + ocols_ > out_col_dim ? ocol + ocols_ - out_col_dim : 0;
                const int pupad = orow < 0 ? -orow : 0;
                const int pdpad = orow + orows_ > out_row_dim ? orow + orows_ - out_row_dim : 0;
                const int dilated_krows_ = krows_ + (kernel_dilation - 1) * (krows_ - 1);
                const int dilated_kcols_ = kcols_ + (kernel_dilation - 1) * (kcols_ - 1);
                const int icols_ = (ocols_ - plpad - prpad) * stride + dilated_kcols_ - 1;
                const int irows_ = (orows_ - pupad - pdpad) * stride + dilated_krows_ - 1;
                int lpad = icol < 0 ? -icol : 0;
                int rpad = icol + icols_ > dilated_in_col_dim ? icol + icols_ - dilated_in_col_dim : 0;
                int upad = irow < 0 ? -irow : 0;
                int dpad = irow + irows_ > dilated_in_row_dim ? irow + irows_ - dilated_in_row_dim : 0;
                if (input_dilated) {
                  lpad += lpad == 0 && icol % 2 != 0;
                  rpad += rpad == 0 && (icol + icols_) % 2 != 1;
                  upad += upad == 0 && irow % 2 != 0;
                  dpad += dpad == 0 && (irow + irows_) % 2 != 1;
                }
                const int krow_ = wrot180 ? kernel_dim - krow - krows_ : krow;
                const int kcol_ = wrot180 ? kernel_dim - kcol - kcols_ : kcol;
                const elem_t* w;
                if (trans_weight_1203) {
                  w = weights + (kch * kernel_dim * kernel_dim + krow_ * kernel_dim + kcol_) * out_channels + poch;
                } else if (trans_weight_0132) {
                  w = weights + (krow_ * kernel_dim * out_channels + kcol_ * out_channels + poch) * in_channels + kch;
                } else {
                  w = weights + (krow_ * kernel_dim * in_channels + kcol_ * in_channels + kch) * weight_stride + poch;
                }
                const int in_row = (irow + upad) >> input_dilated, in_col = (icol + lpad) >> input_dilated;
                const elem_t* in = trans_input_3120
                                       ? input + (kch * in_row_dim * in_col_dim + in_row * in_col_dim + in_col) * batch_size + b
                                       : input + (b * in_row_dim * in_col_dim + in_row * in_col_dim + in_col) * in_stride + kch;
                if (b_reuse && pocol + porow + b > 0) w = NULL;
                if (a_reuse && poch > 0) in = NULL;
                sp_tiled_conv(batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim,
                              pool_out_row_dim, pool_out_col_dim, stride, padding, kernel_dim, kernel_dilation,
                              in_stride, weight_stride, out_stride, pool_size, pool_stride, pool_padding, batches_,
                              porows_, pocols_, pochs_, krows_, kcols_, kchs_, lpad, rpad, upad, dpad, plpad, prpad,
                              pupad, pdpad, in, w, out, bias_, act, scale, wrot180, trans_output_1203,
                              trans_input_3120, trans_weight_1203, trans_weight_0132, no_bias, no_pool, downsample,
                              input_dilated, false, a_spad_id, b_spad_id);
              }
            }
          }
      }
    }
}

/* tiled_conv with the library's block search: start from the whole
 * convolution as one block; while it does not fit half the scratchpad and
 * half the accumulator, shrink its largest extent (channels by DIM, or down
 * to a multiple of DIM; others by one; output columns only when at most DIM
 * are left and there are more rows); then grow output columns, then every
 * extent in turn, one step at a time while the block still fits. */
GEMMINI_LIB void tiled_conv_stride_auto(int batch_size, int in_row_dim, int in_col_dim, int in_channels,
                                          int out_channels, int out_row_dim, int out_col_dim, int stride,
                                          int input_dilation, int kernel_dilation, int padding, int kernel_dim,
                                          int in_stride, int weight_stride, int out_stride, bool wrot180,
                                          bool trans_output_1203, bool trans_input_3120, bool trans_weight_1203,
                                          bool trans_weight_0132, const elem_t* input, const elem_t* weights,
                                          const acc_t* bias, elem_t* output, int act, acc_scale_t scale,
                                          int pool_size, int pool_stride, int pool_padding,
                                          enum tiled_matmul_type_t tiled_conv_type) {
  const bool no_pool = pool_stride == 0;
  if (no_pool) {
    pool_size = 1;
    pool_stride = 1;
    pool_padding = 0;
  }
  const int pool_out_row_dim = (out_row_dim + 2 * pool_padding - pool_size) / pool_stride + 1;
  const int pool_out_col_dim = (out_col_dim + 2 * pool_padding - pool_size) / pool_stride + 1;
  const bool downsample =
      stride == 2 && kernel_dim == 1 && padding == 0 && no_pool && in_row_dim % 2 == 0 && in_col_dim % 2 == 0;
  /* extents: batches, porows, pocols, pochs, krows, kcols, kchs */
  enum { kRows = 1, kCols = 2, kOutCh = 3, kInCh = 6, kExtents = 7 };
  int ext[kExtents] = {batch_size, pool_out_row_dim, pool_out_col_dim, out_channels, kernel_dim, kernel_dim, in_channels};
  const int full[kExtents] = {batch_size, pool_out_row_dim, pool_out_col_dim, out_channels,
                              kernel_dim, kernel_dim, in_channels};
  const int spad_cap = BANK_NUM * BANK_ROWS / 2, acc_cap = ACC_ROWS / 2; /* halves: double buffering */
#define GEMMINI_CONV_ROWS_(acc, e)                                                                              \
  tiled_conv_total_spad_rows(acc, stride, input_dilation, kernel_dilation, downsample, trans_weight_0132,      \
                             trans_input_3120, (e)[0], (e)[1], (e)[2], (e)[3], (e)[4], (e)[5], (e)[6], pool_size, \
                             pool_stride)
  int spad_rows = GEMMINI_CONV_ROWS_(false, ext), acc_rows = GEMMINI_CONV_ROWS_(true, ext);
  while (spad_rows > spad_cap || acc_rows > acc_cap) {
    int largest = -1, at = -1;
    for (size_t i = 0; i < kExtents; i++) {
      /* keep at least DIM output columns while there are rows to give up */
      if (!(i == kCols && ext[i] <= DIM && ext[kRows] > 1) && ext[i] > largest) {
        largest = ext[i];
        at = (int)i;
      }
    }
    if (at == kOutCh || at == kInCh) {
      ext[at] = ext[at] % DIM != 0 ? ext[at] / DIM * DIM : ext[at] - DIM;
      if (ext[at] == 0) ext[at] = 1;
    } else {
      ext[at]--;
    }
    spad_rows = GEMMINI_CONV_ROWS_(false, ext);
    acc_rows = GEMMINI_CONV_ROWS_(true, ext);
  }
  for (bool grew = true; grew;) {
    grew = false;
    int cand[kExtents] = {ext[0], ext[1], ext[2], ext[3], ext[4], ext[5], ext[6]};
    if (++cand[kCols] > full[kCols]) break;
    spad_rows = GEMMINI_CONV_ROWS_(false, cand);
    acc_rows = GEMMINI_CONV_ROWS_(true, cand);
    if (spad_rows <= spad_cap && acc_rows <= acc_cap) {
      ext[kCols] = cand[kCols];
      grew = true;
    }
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t i = 0; i < kExtents; i++) {
      int cand[kExtents] = {ext[0], ext[1], ext[2], ext[3], ext[4], ext[5], ext[6]};
      if (++cand[i] > full[i]) continue;
      spad_rows = GEMMINI_CONV_ROWS_(false, cand);
      acc_rows = GEMMINI_CONV_ROWS_(true, cand);
      if (spad_rows <= spad_cap && acc_rows <= acc_cap) {
        ext[i] = cand[i];
        grew = true;
      }
    }
  }
#undef GEMMINI_CONV_ROWS_
  tiled_conv(batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim, stride,
             input_dilation, kernel_dilation, padding, kernel_dim, in_stride, weight_stride, out_stride, wrot180,
             trans_output_1203, trans_input_3120, trans_weight_1203, trans_weight_0132, ext[0], ext[1], ext[2],
             ext[3], ext[4], ext[5], ext[6], input, weights, bias, output, act, scale, pool_size,
             no_pool ? 0 : pool_stride, pool_padding, tiled_conv_type);
}

/* tiled_conv_stride_auto with dense NHWC input/output and
 * [krow][kcol][in_ch][out_ch] weights. */
GEMMINI_LIB void tiled_conv_auto(int batch_size, int in_row_dim, int in_col_dim, int in_channels, int out_channels,
                                   int out_row_dim, int out_col_dim, int stride, int input_dilation,
                                   int kernel_dilation, int padding, int kernel_dim, bool wrot180,
                                   bool trans_output_1203, bool trans_input_3120, bool trans_weight_1203,
                                   bool trans_weight_0132, const elem_t* input, const elem_t* weights,
                                   const acc_t* bias, elem_t* output, int act, acc_scale_t scale, int pool_size,
                                   int pool_stride, int pool_padding, enum tiled_matmul_type_t tiled_conv_type) {
  tiled_conv_stride_auto(batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim,
                         stride, input_dilation, kernel_dilation, padding, kernel_dim, in_channels, out_channels,
                         out_channels, wrot180, trans_output_1203, trans_input_3120, trans_weight_1203,
                         trans_weight_0132, input, weights, bias, output, act, scale, pool_size, pool_stride,
                         pool_padding, tiled_conv_type);
}

/* ---- the short API of Autocomp's prompts and solutions ------------------ */
#include "gemmini_short_api.h"

#endif /* AUTOCOMP_GEMMINI_H */
