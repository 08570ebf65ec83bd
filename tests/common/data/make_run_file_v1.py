"""Writes run files with the autocomp binary named by AUTOCOMP_BIN, as fixtures.

tests/common/data/run_v1_llm.h5 was written by the program as it was at commit
361f8fd (before the record fields were described once, in src/common/record_fields.h):
  AUTOCOMP_BIN=<that build>/autocomp AUTOCOMP_SOURCE_DIR=<its checkout> \
    /usr/bin/python3 tests/common/data/make_run_file_v1.py OUT.h5
A one-process LLM run against the scripted server: an ensemble of two providers,
correct, wrong and no-code candidates, beams, LLM calls, prompts and the response cache.
run_file_compat_test.py reads it with today's program.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "mpi"))
import autocomp_test_support as t  # noqa: E402
import mpi_llm_test as llm  # noqa: E402


def main(out):
    with t.Workdir() as work, llm.Server() as server:
        llm.setup_server(server)
        config = llm.llm_config(os.path.join(work, "llm.json"), server, iterations=1)
        done = subprocess.run([t.AUTOCOMP, "run", config, "--out", out, "--json-progress"], capture_output=True,
                              text=True, timeout=600, env=llm.env_with(llm.KEYS))
        if done.returncode != 0:
            sys.exit(done.stderr[-3000:])


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]))
