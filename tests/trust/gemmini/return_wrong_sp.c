// attempts: return to the right address with a different stack pointer (16
//   bytes lower), so a counter that stops at "pc == return address" alone
//   would stop, yet the caller then runs on a corrupted frame.
// problem: gemmini/gemm/2
// expect: runtime_error
__asm__("\t.text\n\t.globl solution\n\t.type solution, @function\nsolution:\n"
        "\taddi sp, sp, -16\n"
        "\tret\n"
        "\t.size solution, .-solution\n");
