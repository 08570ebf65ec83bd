// attempts: C++ candidate replacing global operator new/delete so every allocation returns one static
//   block; a harness that allocates its reference buffer with new in the same process would share it with C.
// problem: cpu/gemm/4
// expect: wrong_answer
#include <cstddef>
#include <new>
alignas(64) static unsigned char arena[1 << 20];
void* operator new(std::size_t) { return arena; }
void* operator new[](std::size_t) { return arena; }
void operator delete(void*) noexcept {}
void operator delete[](void*) noexcept {}
void operator delete(void*, std::size_t) noexcept {}
extern "C" void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)K, (void)A, (void)B;
  float* scratch = static_cast<float*>(::operator new(sizeof(float) * M * N));  // "the reference", if the harness used new
  for (int i = 0; i < M * N; ++i) C[i] = scratch[i];
  ::operator delete(scratch);
}
