// attempts: recognise the inputs of a seed a naive harness always uses (seed
//   1: Kinf[0][0..3] = -601/1024, 592/1024, 634/1024, -68/1024) and write the
//   answer precomputed for it, doing no work; on any other inputs write zeros
//   and hope no other seed is ever checked. Seeds here are fresh per run.
// problem: gemmini/admm-multifunction/0
// expect: wrong_answer
// message: elements of u
void solution(float Kinf[4][12], float x[12][1], float d[4][1], float u[4][1]) {
  (void)x; (void)d;
  static const float seed1[4] = {0.698791504f, -0.30360508f, -1.8059206f, 2.16647816f};
  const int known = Kinf[0][0] * 1024 == -601 && Kinf[0][1] * 1024 == 592 && Kinf[0][2] * 1024 == 634 &&
                    Kinf[0][3] * 1024 == -68;
  for (int i = 0; i < 4; i++) u[i][0] = known ? seed1[i] : 0.0f;
}
