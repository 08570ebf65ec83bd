#!/usr/bin/env python3
"""scripts/gemmini-header-compare.py — our gemmini.h against the original one.

For each problem's solution files (baseline.c, tuned.c, library.c, those that
exist), builds the problem's harness twice: once with the solution compiled
against backends/gemmini/include/gemmini.h (exactly as the backend prepends
it), once with the solution compiled against the ORIGINAL gemmini-rocc-tests
include/gemmini.h plus the short-API macros of scripts/gemmini-original-shim.h.
The harness and its reference are always built with our header. Both programs
are checked against the reference on the built-in simulator
(autocomp-gemmini-sim --reference), whose counts equal Spike's; the table has
the timed-region instructions of each and their difference.

  scripts/gemmini-header-compare.py [--original DIR] [--sim PATH] [--versions library,tuned]
                                    [--define=-DACC_ROWS=2048 ...] [problem-id ...]

problem ids are like exo/0 (default: every exo, gemm and exo-conv problem).
--original is a gemmini-rocc-tests checkout holding include/ and rocc-software/
(default /work/spike/src/gemmini-rocc-tests, what ../shared/tools/reference-spike.sh
exports). Prints a markdown table; exit status 1 when a build or check failed.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PICO = pathlib.Path("/usr/lib/picolibc/riscv64-unknown-elf")
GCC = "riscv64-unknown-elf-gcc"
SETS = ["exo", "gemm", "exo-conv"]


def base_flags(spec, problem):
    # The gemmini backend's compile flags (gemmini_backend.cc CompileFlags), without its -I paths.
    f = ["-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany", "-O2", "-std=gnu11", "-fno-common",
         "-fno-tree-loop-distribute-patterns", "-static", "-nostdlib", "-nostartfiles",
         "-isystem", str(PICO / "include")]
    if spec.get("config", "int8") == "fp32":
        f.append("-DGEMMINI_FP32")
    for k, v in problem.get("defines", {}).items():
        f.append("-D%s=%s" % (k, v if isinstance(v, str) else json.dumps(v)))
    return f


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--original", default="/work/spike/src/gemmini-rocc-tests")
    ap.add_argument("--sim", default=str(ROOT / "build/release/backends/gemmini/autocomp-gemmini-sim"))
    ap.add_argument("--versions", default="baseline,tuned,library")
    ap.add_argument("--define", action="append", default=[], help="an extra -D flag for every unit: --define=-DX=1")
    ap.add_argument("problems", nargs="*")
    args = ap.parse_args()
    orig = pathlib.Path(args.original)
    if not (orig / "include/gemmini.h").exists() or not (orig / "rocc-software/src/xcustom.h").exists():
        sys.exit("no original gemmini-rocc-tests headers under %s" % orig)
    inc, rt, har = ROOT / "backends/gemmini/include", ROOT / "backends/gemmini/runtime", ROOT / "backends/gemmini/harness"
    ours_i = ["-I", str(inc), "-I", str(rt), "-I", str(har)]
    link_tail = ["-T", str(rt / "link.ld"), "-L", str(PICO / "lib/rv64imafdc/lp64d"), "-lc", "-lm", "-lgcc",
                 "-Wl,--no-warn-rwx-segments"]
    ids = args.problems or ["%s/%d" % (s, p["index"]) for s in SETS
                            for p in json.loads((ROOT / "sols/gemmini" / s / "problems.json").read_text())["problems"]]
    print("| problem | version | our header | original gemmini.h | difference | both correct |")
    print("|---|---|---|---|---|---|")
    failed = False
    for pid in ids:
        set_name, index = pid.split("/")
        spec = json.loads((ROOT / "sols/gemmini" / set_name / "problems.json").read_text())
        problem = next(p for p in spec["problems"] if str(p["index"]) == index)
        flags = base_flags(spec, problem) + args.define
        harness = spec["harness"]
        with tempfile.TemporaryDirectory(prefix="hdrcmp-") as tmp:
            t = pathlib.Path(tmp)
            steps = [
                [GCC] + flags + ours_i + ["-c", str(rt / "crt0.S"), "-o", "crt0.o"],
                [GCC] + flags + ours_i + ["-c", str(rt / "syscalls.c"), "-o", "syscalls.o"],
                [GCC] + flags + ours_i + ["-c", str(har / (harness + "_harness.c")), "-o", "harness.o"],
                [GCC] + flags + ours_i + ["-Dreference=solution", "-c", str(har / (harness + "_reference.c")),
                                          "-o", "reference.o"],
                [GCC] + flags + ours_i + ["crt0.o", "syscalls.o", "harness.o", "reference.o"] + link_tail +
                ["-o", "reference.elf"],
            ]
            for s in steps:
                rc, out = run(s, t)
                if rc != 0:
                    sys.exit("building the %s harness failed:\n%s" % (pid, out))
            for version in args.versions.split(","):
                src = ROOT / "sols/gemmini" / set_name / index / (version + ".c")
                if not src.exists():
                    continue
                code = src.read_text()
                counts = {}
                for which in ("ours", "original"):
                    sol = t / ("%s_%s.c" % (version, which))
                    if which == "ours":
                        prefix = '#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n#include "gemmini.h"\n'
                        inc_flags = ours_i
                    else:
                        prefix = '#include "gemmini-original-shim.h"\n'
                        inc_flags = ["-I", str(ROOT / "scripts"), "-I", str(orig)]
                    sol.write_text(prefix + '#line 1 "%s.c"\n' % version + code + "\n")
                    obj, elf = sol.with_suffix(".o"), sol.with_suffix(".elf")
                    rc, out = run([GCC] + flags + inc_flags + ["-w", "-c", str(sol), "-o", str(obj)], t)
                    if rc == 0:
                        rc, out = run([GCC] + flags + ours_i + ["crt0.o", "syscalls.o", "harness.o", str(obj)] +
                                      link_tail + ["-o", str(elf)], t)
                    if rc != 0:
                        counts[which] = (None, "build failed: " + out.strip().splitlines()[-1] if out.strip() else "")
                        continue
                    rc, out = run([args.sim, "--reference", "reference.elf", "--seeds", "1", "--json", "-", str(elf)], t)
                    try:
                        v = json.loads(out)
                        counts[which] = (v.get("instructions"), v.get("status"))
                    except ValueError:
                        counts[which] = (None, "simulator: " + out[-200:])
                (a, sa), (b, sb) = counts["ours"], counts["original"]
                ok = sa == "ok" and sb == "ok"
                failed |= not ok
                diff = "%+.2f%%" % (100.0 * (a - b) / b) if a and b else "-"
                note = "" if ok else " (ours: %s, original: %s)" % (sa, sb)
                print("| %s | %s | %s | %s | %s | %s%s |" % (pid, version, a, b, diff, ok, note), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
