# backends/gemmini/runtime/crt0.S — start-up code of autocomp's bare-metal
# Gemmini programs, written for this project. Runs in machine mode on hart 0:
# enables the FPU and the accelerator (mstatus.FS/XS), installs the trap
# handler, sets gp, tp (thread-local data in place, see link.ld) and sp,
# calls main(0, 0) and passes its result to exit(). DRAM is zero when the
# program is loaded (Spike and FireSim load it that way), so .bss is not
# cleared here. Other harts wait forever.
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  csrr  t0, mhartid
  bnez  t0, 2f
  la    t0, __autocomp_trap_entry
  csrw  mtvec, t0
  li    t0, (3 << 13) | (3 << 15)
  csrs  mstatus, t0
  csrwi fcsr, 0
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop
  la    tp, __tls_base
  la    sp, __stack_top
  li    a0, 0
  li    a1, 0
  call  main
  call  exit
1:
  j     1b
2:
  wfi
  j     2b

  # Traps are program errors here: report the cause and stop.
  .align 2
__autocomp_trap_entry:
  la    sp, __stack_top
  addi  sp, sp, -64
  csrr  a0, mcause
  csrr  a1, mepc
  csrr  a2, mtval
  call  __autocomp_trap
3:
  j     3b
