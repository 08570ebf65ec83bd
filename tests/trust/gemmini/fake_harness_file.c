// attempts: declare in top-level asm that the following symbols come from
//   "gemm_harness.c" and define a file-local 64 KiB object named C there, so
//   a comparison that picks harness arrays by file and name could read the
//   candidate's decoy (left equal to whatever it likes) instead of the real C.
// problem: gemmini/gemm/2
// expect: rejected
// message: imitates the harness
__asm__(".file \"gemm_harness.c\"\n"
        "\t.bss\n\t.balign 64\n\t.type C, @object\n\t.size C, 65536\nC:\n\t.zero 65536\n\t.text");
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) { (void)A; (void)B; (void)C; }
