// attempts: define extra global symbols in top-level asm (A, B, C, tohost,
//   fromhost, main, solution_done) so the linker or the simulator's symbol
//   lookup resolves the harness's names to candidate data; solution does no
//   work.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of C
__asm__("\t.data\n\t.balign 64\n"
        "\t.globl A\n\t.type A, @object\n\t.size A, 65536\nA:\n\t.zero 65536\n"
        "\t.globl B\n\t.type B, @object\n\t.size B, 65536\nB:\n\t.zero 65536\n"
        "\t.globl C\n\t.type C, @object\n\t.size C, 65536\nC:\n\t.zero 65536\n"
        "\t.globl tohost\ntohost:\n\t.dword 0\n\t.globl fromhost\nfromhost:\n\t.dword 0\n"
        "\t.globl solution_done\nsolution_done:\n\t.dword 1\n"
        "\t.text\n\t.globl main\nmain:\n\tli a0, 0\n\tret\n");
void solution(int8_t a[256][256], int8_t b[256][256], int8_t c[256][256]) { (void)a; (void)b; (void)c; }
