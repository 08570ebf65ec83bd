// attempts: make the trusted simulator fail instead of giving a verdict: with
//   its own trap handler skipping each faulting instruction, the candidate
//   issues an unknown Gemmini funct in a tight loop. Every one adds a
//   diagnostic (these are not capped like warnings), so the simulator's
//   memory grows without bound until it dies or its report is too large; a
//   death without a verdict reads as the machine's fault (infra_error), not
//   the candidate's. Whatever happens must be the candidate's failure.
// problem: gemmini/gemm/2
// expect: not_ok
__asm__("\t.text\n\t.balign 4\nskip_trap:\n"
        "\tcsrr t0, mepc\n\taddi t0, t0, 4\n\tcsrw mepc, t0\n\tmret\n");
extern char skip_trap[] __asm__("skip_trap");
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  __asm__ volatile("csrw mtvec, %0" ::"r"(skip_trap));
  for (;;) gemmini_rocc(22, 0, 0);  // funct 22: no such Gemmini instruction
}
