/* scripts/gemmini-original-shim.h — used only by scripts/gemmini-header-compare.py.
 *
 * Puts the short API that Autocomp's prompts and solution files use
 * (config_ex, config_ld, config_st, mvin, mvin2, mvin3, mvout, preload,
 * compute_preloaded, compute_accumulated, fence) over the ORIGINAL
 * gemmini-rocc-tests include/gemmini.h, with the meanings Autocomp's prompt
 * text gives them, so that one solution file can be compiled once against
 * that header and once against ours (backends/gemmini/include/gemmini.h).
 * Written for this project; it defines macros only.
 */
#ifndef AUTOCOMP_ORIGINAL_SHIM_H
#define AUTOCOMP_ORIGINAL_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "include/gemmini.h"

#define config_ex(dataflow, act, A_stride, A_transpose, B_transpose) \
  gemmini_extended_config_ex(dataflow, act, 0, A_stride, A_transpose, B_transpose)
#define config_ld(dram_stride, scale_factor, spad_block_stride, id) \
  gemmini_extended4_config_ld(dram_stride, scale_factor, false, spad_block_stride, id)
#define SHIM_CONFIG_ST_1(stride) gemmini_extended_config_st(stride, NO_ACTIVATION, ACC_SCALE_IDENTITY)
#define SHIM_CONFIG_ST_2(stride, scale) gemmini_extended_config_st(stride, NO_ACTIVATION, scale)
#define SHIM_CONFIG_ST_3(stride, act, scale) gemmini_extended_config_st(stride, act, scale)
#define SHIM_PICK_4(a, b, c, name, ...) name
#define config_st(...) SHIM_PICK_4(__VA_ARGS__, SHIM_CONFIG_ST_3, SHIM_CONFIG_ST_2, SHIM_CONFIG_ST_1, unused)(__VA_ARGS__)
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
#define fence() gemmini_fence()

#endif /* AUTOCOMP_ORIGINAL_SHIM_H */
