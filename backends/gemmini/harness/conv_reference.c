/* backends/gemmini/harness/conv_reference.c — the reference of the conv
 * harness. By default: im2col on the CPU, then Gemmini's loop_ws
 * (tiled_matmul_auto) with the bias as a repeating row, scale 1/8 and
 * ReLU. With -DREFERENCE_CPU: a direct convolution on the CPU with the same
 * rounding (slow; for validating the fast reference on small shapes). */
#include <stdint.h>

#include "gemmini.h"

#define PATCH (9 * CONV_C)

void reference(int8_t input[CONV_N][CONV_H][CONV_W][CONV_C], int8_t weights[3][3][CONV_C][CONV_K],
               int32_t bias[CONV_K], int8_t output[CONV_N][CONV_H][CONV_W][CONV_K]) {
#ifdef REFERENCE_CPU
  for (int n = 0; n < CONV_N; n++)
    for (int oh = 0; oh < CONV_H; oh++)
      for (int ow = 0; ow < CONV_W; ow++)
        for (int k = 0; k < CONV_K; k++) {
          int32_t s = bias[k];
          for (int kh = 0; kh < 3; kh++)
            for (int kw = 0; kw < 3; kw++) {
              const int ih = oh + kh - 1, iw = ow + kw - 1;
              if (ih < 0 || iw < 0 || ih >= CONV_H || iw >= CONV_W) continue;
              for (int c = 0; c < CONV_C; c++) s += (int32_t)input[n][ih][iw][c] * weights[kh][kw][c][k];
            }
          /* s / 8, rounded half to even */
          int32_t q = s >> 3, rem = s & 7;
          if (rem > 4 || (rem == 4 && (q & 1))) q++;
          q = q > 127 ? 127 : (q < -128 ? -128 : q);
          output[n][oh][ow][k] = (int8_t)(q < 0 ? 0 : q);
        }
#else
  static int8_t patches[CONV_N * CONV_H * CONV_W][PATCH] row_align(1);
  for (int n = 0; n < CONV_N; n++)
    for (int oh = 0; oh < CONV_H; oh++)
      for (int ow = 0; ow < CONV_W; ow++) {
        int8_t* row = patches[(n * CONV_H + oh) * CONV_W + ow];
        for (int kh = 0; kh < 3; kh++)
          for (int kw = 0; kw < 3; kw++) {
            const int ih = oh + kh - 1, iw = ow + kw - 1;
            int8_t* dst = row + (kh * 3 + kw) * CONV_C;
            const int inside = ih >= 0 && iw >= 0 && ih < CONV_H && iw < CONV_W;
            for (int c = 0; c < CONV_C; c++) dst[c] = inside ? input[n][ih][iw][c] : 0;
          }
      }
  tiled_matmul_auto(CONV_N * CONV_H * CONV_W, CONV_K, PATCH, &patches[0][0], &weights[0][0][0][0], bias,
                    &output[0][0][0][0], PATCH, CONV_K, 0, CONV_K, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, 1, RELU,
                    0.125f, 0, true, false, false, false, false, 0, WS);
#endif
}
