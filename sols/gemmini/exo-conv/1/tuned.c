// Hand-tuned: the hardware convolution unroller (loop_conv_ws) on blocks of
// 14 output rows x 16 output channels, sized so the input rows, the weights
// and the output block fit one half of the scratchpad and accumulator.
void solution(int8_t input[4][28][28][128], int8_t weights[3][3][128][128], int32_t bias[128],
              int8_t output[4][28][28][128]) {
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(128, RELU, 0.125f);
  for (int n = 0; n < 4; n++) {
    for (int r0 = 0; r0 < 28; r0 += 14) {
      const int upad = r0 == 0 ? 1 : 0, dpad = r0 + 14 == 28 ? 1 : 0;
      const int8_t* in = &input[n][r0 - 1 + upad][0][0];
      for (int k0 = 0; k0 < 128; k0 += 16) {
        gemmini_loop_conv_ws(1, 28, 28, 128, 128, 28, 28, 28, 28, 1, 1, 3, 1, 0, 0, 0,
                             1, 14, 28, 16, 3, 3, 128, 1, 1, upad, dpad, 0, 0, 0, 0, 14, 28,
                             &weights[0][0][0][k0], &output[n][r0][0][k0], &bias[k0], in,
                             false, true, false, false, false, RELU, false, false, false, false, 1,
                             128, 128, 128, false, 0, 0);
      }
    }
  }
  fence();
}
