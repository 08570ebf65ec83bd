// Vendor-library version: one call to the Gemmini library's tiled_conv_auto
// (weight-stationary loop_conv_ws blocks chosen by the library), in the form of
// Autocomp's vendor-library conv baselines, for this problem's convolution:
// unpadded NHWC input with padding 1 done by the unroller, bias, ReLU, scale 1/8.
void solution(int8_t input[4][56][56][64], int8_t weights[3][3][64][64], int32_t bias[64],
              int8_t output[4][56][56][64]) {
  tiled_conv_auto(CONV_N, CONV_H, CONV_W, CONV_C, CONV_K, CONV_H, CONV_W, 1, 1, 1, 1, 3, false, false, false, false,
                  false, INP_MATRIX_NAME, WEIGHT_MATRIX_NAME, BIAS_MATRIX_NAME, OUTPUT_MATRIX_NAME, RELU, 0.125f,
                  0, 0, 0, WEIGHT_STATIONARY);
  fence();
}
