#!/usr/bin/python3
"""A stand-in for the FireSim manager, for tests only: FireSim needs FPGAs and
cannot run here. It answers the three commands the adapter issues
(infrasetup, runworkload, terminaterunfarm). For runworkload it reads the
workload JSON the adapter wrote, runs each job's boot binary on
autocomp-gemmini-sim (the built-in model) with a time limit, and writes each
job's console output as a UART log where FireSim puts it:
<dir of config_runtime.yaml>/results-workload/<date>-<workload>/<job>/uartlog.
A job that runs past the limit gets a log without result lines, as a hung
FireSim job would; FIRESIM_STANDIN_HANG_ONCE=<job> makes that job hang the
first time it runs (a flaky FPGA run), so the retry path can be tested. The model's rdcycle counts instructions, as Spike's
does; hardware counts cycles, so the stand-in replaces the harness's
`autocomp: cycles` figure with the model's cycle estimate of the same
span, the nearest thing to what FireSim would print. Every invocation is appended to $FIRESIM_STANDIN_LOG.
"""
import datetime
import json
import os
import subprocess
import sys


def main(argv):
    command = argv[1]
    config = argv[argv.index("-c") + 1]
    with open(os.environ["FIRESIM_STANDIN_LOG"], "a") as log:
        log.write(" ".join(argv[1:]) + "\n")
    if command != "runworkload":
        return 0
    override = argv[argv.index("--overrideconfigdata") + 1]
    workload_file = override.split()[-1]
    with open(workload_file) as f:
        workload = json.load(f)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d--%H-%M-%S-%f")
    results = os.path.join(os.path.dirname(os.path.abspath(config)), "results-workload",
                           f"{stamp}-{workload['benchmark_name']}")
    for job in workload["workloads"]:
        out_dir = os.path.join(results, job["name"])
        os.makedirs(out_dir, exist_ok=True)
        marker = os.environ["FIRESIM_STANDIN_LOG"] + ".hung-" + job["name"]
        if os.environ.get("FIRESIM_STANDIN_HANG_ONCE") == job["name"] and not os.path.exists(marker):
            open(marker, "w").close()
            with open(os.path.join(out_dir, "uartlog"), "w") as f:
                f.write("boot\n[the job hung and was terminated]\n")
            continue
        try:
            run = subprocess.run([os.environ["AUTOCOMP_GEMMINI_SIM"], "--json", "-", job["bootbinary"]],
                                 capture_output=True, text=True,
                                 timeout=float(os.environ.get("FIRESIM_STANDIN_TIMEOUT", "20")))
            report = json.loads(run.stdout)
            console = report.get("output", "")
            if "timed_region" in report:
                cycles = report["timed_region"]["cycle_estimate"]
                console = "".join(f"autocomp: cycles {cycles}\n" if line.startswith("autocomp: cycles ") else line
                                  for line in console.splitlines(keepends=True))
        except subprocess.TimeoutExpired as e:
            console = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
            console += "\n[the job hung and was terminated]\n"
        with open(os.path.join(out_dir, "uartlog"), "w") as f:
            f.write(console)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
