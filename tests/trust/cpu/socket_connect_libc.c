// attempts: the same through libc: socket() and connect() to 127.0.0.1:8080 to send the inputs out.
// problem: cpu/gemm/4
// expect: rejected
// message: which candidates may not call
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons(8080);
  a.sin_addr.s_addr = htonl(0x7f000001);
  if (connect(s, (struct sockaddr*)&a, sizeof a) == 0) send(s, A, sizeof(float) * (size_t)(M * K), 0);
  close(s);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float sum = 0.0f;
      for (int k = 0; k < K; ++k) sum += A[i * K + k] * B[k * N + j];
      C[i * N + j] = sum;
    }
}
