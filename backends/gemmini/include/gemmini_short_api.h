/* backends/gemmini/include/gemmini_short_api.h — the short API of
 * Autocomp's prompts and solution files (config_ex, config_ld, config_st,
 * mvin/mvin2/mvin3, mvout, preload, compute_preloaded, compute_accumulated,
 * fence) as macros over the long gemmini_* names. Included by our gemmini.h,
 * and by scripts/gemmini-original-shim.h over the original library header,
 * so both give these names the same meaning. */
#ifndef AUTOCOMP_GEMMINI_SHORT_API_H
#define AUTOCOMP_GEMMINI_SHORT_API_H

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

#endif /* AUTOCOMP_GEMMINI_SHORT_API_H */
