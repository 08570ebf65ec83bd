"""autocomp with LLM models served by the scripted loopback server, under mpirun -np 3.

The real client talks to tests/llm/scripted_llm_server.py, which speaks the
OpenAI and Anthropic wire formats. Checked: plans and code come back through
both providers of an ensemble; every call is recorded with tokens and cost;
keys never reach the run file, the journal or the logs; a run stopped by
SIGTERM and resumed pays for no request twice; --replay re-runs the search
from recorded responses with the server gone and no keys set.
The cpu backend scores by callgrind instruction counts here, so that scores,
and with them the prompts, are the same in every session.
"""
import json
import os
import signal
import subprocess
import sys
import time
import unittest
import urllib.request

import h5py

sys.path.insert(0, os.path.dirname(__file__))
import autocomp_test_support as t  # noqa: E402

SERVER = os.path.join(t.SOURCE_DIR, "tests", "llm", "scripted_llm_server.py")
KEYS = {"OPENAI_API_KEY": "sk-test-openai-DO-NOT-LEAK-1234", "ANTHROPIC_API_KEY": "sk-ant-DO-NOT-LEAK-5678"}
MODELS = ["openai/gpt-4o", "anthropic/claude-sonnet-4"]

PLAN = ("I choose option 2: reorder the loops to i-k-j so the innermost loop streams a row of B "
        "into a row of C and vectorizes.")
IKJ = """Here is the faster version.
```c
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) {
    float* c = C + i * N;
    for (int j = 0; j < N; ++j) c[j] = 0.0f;
    for (int k = 0; k < K; ++k) {
      const float a = A[i * K + k];
      for (int j = 0; j < N; ++j) c[j] += a * B[k * N + j];
    }
  }
}
```"""
UNROLLED = IKJ.replace("for (int k = 0; k < K; ++k) {", "#pragma GCC unroll 4\n    for (int k = 0; k < K; ++k) {")
WRONG = IKJ.replace("c[j] += a * B[k * N + j]", "c[j] += a * B[k * N + j] * 0.5f")
NO_CODE = "I would reorder the loops, but I cannot show the code right now."


class Server:
    def __enter__(self):
        self.proc = subprocess.Popen(["/usr/bin/python3", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("PORT "), line
        self.port = int(line.split()[1])
        return self

    def url(self, route):
        return f"http://127.0.0.1:{self.port}{route}"

    def call(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url(path), data=data, method="POST" if body is not None else "GET",
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def llm_config(path, server, iterations=2):
    return t.write_config(
        path, models=MODELS,
        search={"iterations": iterations, "beam_size": 2, "plans_per_candidate": 2, "impls_per_plan": 2,
                "menu_keep_probability": 0.8, "seed": 13},
        eval={"score": "instructions", "run_timeout_s": 60},
        llm={"providers": {"openai": {"base_url": server.url("/openai/v1")},
                           "anthropic": {"base_url": server.url("/anthropic")}},
             "max_retries": 1, "backoff_initial_s": 0.05})


def env_with(keys):
    env = dict(os.environ)
    for k in KEYS:
        env.pop(k, None)
    env.update(keys)
    return env


def setup_server(server):
    server.call("/_control/setup", {
        "keys": {"openai": KEYS["OPENAI_API_KEY"], "anthropic": KEYS["ANTHROPIC_API_KEY"]},
        "replies": [{"match": {"prompt_contains": "carries out the plan"}, "times": 100000,
                     "contents": [IKJ, UNROLLED, WRONG, NO_CODE]}],
        "default": {"content": PLAN, "usage": {"prompt": 1000, "completion": 50}}})


def sent_requests(server):
    return [r for r in server.call("/_control/log")["requests"] if not r.get("path", "").startswith("/_control")]


def expected_beam(rows, old_beam, iteration, beam_size, factor):
    """SelectNextBeam (src/master/search/beam_selection.h) at duplicate-filter level 0, in Python."""
    by_id = {int(r["id"]): r for r in rows}

    def final_check(r):
        # The end-of-run re-verification may change a row after the beams were chosen
        # (docs/evaluation.md): the selection saw the first measurement.
        checks = json.loads(r["metrics"]).get("verification", []) if r["metrics"] else []
        return next((c for c in checks if c.get("purpose") == "final"), None)

    def ok(r):
        return r["status"] == b"ok" or final_check(r) is not None

    def score(r):
        check = final_check(r)
        return check["first_score"] if check else r["score"]
    pool = [i for i in old_beam if ok(by_id[i])]
    for r in rows:
        if int(r["iteration"]) != iteration or not ok(r) or int(r["id"]) in old_beam:
            continue
        parent = by_id[int(r["parent"])]
        if ok(parent) and score(r) < score(parent) * factor:
            pool.append(int(r["id"]))
    pool.sort(key=lambda i: (score(by_id[i]), 0 if i in old_beam else 1, by_id[i]["lineage_key"]))
    kept, codes = [], set()
    normalize = lambda code: "\n".join(l.rstrip() for l in code.decode().strip().splitlines() if l.strip())
    for i in pool:
        if len(kept) >= beam_size:
            break
        r = by_id[i]
        if normalize(r["code"]) in codes:
            continue
        if any(by_id[k]["parent"] == r["parent"] and by_id[k]["plan"] == r["plan"] for k in kept):
            continue
        codes.add(normalize(r["code"]))
        kept.append(i)
    return kept


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class LlmRunTest(unittest.TestCase):
    def test_ensemble_resume_and_replay(self):
        with t.Workdir() as work, Server() as server:
            setup_server(server)
            config = llm_config(os.path.join(work, "llm.json"), server, iterations=3)
            run_file = os.path.join(work, "llm.h5")

            # Session 0: stopped by SIGTERM part way.
            proc = subprocess.Popen(t.mpirun_command(3, "run", config, "--out", run_file, "--json-progress"),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                    env=env_with(KEYS))
            master, results, out_lines = None, 0, []
            for line in proc.stdout:
                out_lines.append(line)
                for e in t.json_events(line):
                    master = e.get("pid", master)
                    results += e["event"] == "result"
                if master and results >= 6:
                    break
            os.kill(master, signal.SIGTERM)
            rest, err0 = proc.communicate(timeout=300)
            self.assertEqual(proc.returncode, 5, err0[-2000:])
            first_requests = len(sent_requests(server))
            self.assertGreater(first_requests, 0)

            # Session 1: resume to the end.
            resumed = subprocess.run(t.mpirun_command(3, "run", "--resume", run_file, "--json-progress"),
                                     capture_output=True, text=True, timeout=600, env=env_with(KEYS))
            self.assertEqual(resumed.returncode, 0, resumed.stderr[-3000:])
            requests = sent_requests(server)

            routes = {r.get("route") for r in requests}
            self.assertTrue({"/openai/v1", "/anthropic"} <= routes, f"both providers were used: {routes}")

            with h5py.File(run_file, "r") as f:
                calls = f["llm/calls"][:]
                sent = [c for c in calls if not c["cached"] and c["status"] == b"ok"]
                self.assertEqual(len(sent), len(requests), "every request the server saw is recorded once")
                # Nothing was paid twice: each request hash was sent once, across both sessions.
                hashes = [c["request_hash"] for c in sent]
                self.assertEqual(len(hashes), len(set(hashes)), "a request was paid for again after the resume")
                self.assertTrue(any(c["cached"] for c in calls), "the resume answered from the cache")
                self.assertTrue(all(c["prompt_tokens"] > 0 and c["cost_usd"] > 0 for c in sent))
                self.assertEqual({c["model"].decode() for c in calls}, set(MODELS))
                self.assertGreater(len(f["llm/prompts"][:]), 0)
                self.assertGreaterEqual(len(f["llm/cache"][:]), len(sent))
                rows = f["problems/cpu/gemm/4/candidates"][:]
                statuses = {r["status"].decode() for r in rows}
                self.assertIn("no_code", statuses)
                self.assertIn("wrong_answer", statuses)
                origins = {r["origin"].decode() for r in rows if r["id"] > 0}
                self.assertEqual(origins, set(MODELS))
                beam = [0]
                for b in f["problems/cpu/gemm/4/beams"][:]:
                    for i in b["ids"]:
                        self.assertEqual(rows[i]["status"], b"ok", "only correct candidates in a beam")
                    # The beam evolves as the rules say: re-derive it from the recorded candidates.
                    iteration = int(b["iteration"])
                    factor = 1.1 if iteration <= 2 else 1.0
                    self.assertEqual([int(i) for i in b["ids"]], expected_beam(rows, beam, iteration, 2, factor),
                                     f"beam of iteration {iteration}")
                    beam = [int(i) for i in b["ids"]]
                self.assertNotEqual(beam, [0], "the LLM's faster code made it into the beam")

            report = t.report(run_file)
            self.assertEqual(report["run"]["status"], "finished")
            self.assertEqual(report["totals"]["llm_calls"], len(calls))
            self.assertGreater(report["totals"]["cost_usd"], 0)
            self.assertGreater(report["problems"][0]["speedup"], 1.0)

            # No key anywhere.
            for key in KEYS.values():
                self.assertNotIn(key.encode(), file_bytes(run_file))
                for text in (err0, rest, "".join(out_lines), resumed.stdout, resumed.stderr):
                    self.assertNotIn(key, text)

            # Replay: no server, no keys, the same search.
            server.proc.terminate()
            server.proc.wait(timeout=10)
            replay_file = os.path.join(work, "replay.h5")
            replay = subprocess.run(t.mpirun_command(3, "run", "--replay", run_file, "--out", replay_file,
                                                     "--json-progress"),
                                    capture_output=True, text=True, timeout=600, env=env_with({}))
            self.assertEqual(replay.returncode, 0, replay.stderr[-3000:])
            with h5py.File(replay_file, "r") as f, h5py.File(run_file, "r") as g:
                self.assertIn("replay of", f.attrs["proposer"])
                replay_calls = f["llm/calls"][:]
                self.assertTrue(all(c["cached"] for c in replay_calls if c["status"] == b"ok"))
                self.assertEqual(sum(c["cost_usd"] for c in replay_calls), 0.0)
                old = {(r["lineage_key"], r["code_key"], r["status"]) for r in g["problems/cpu/gemm/4/candidates"][:]}
                new = {(r["lineage_key"], r["code_key"], r["status"]) for r in f["problems/cpu/gemm/4/candidates"][:]}
                self.assertEqual(old, new, "the replay reproduces the search, candidate for candidate")

    def test_budget_stops_the_run_cleanly(self):
        with t.Workdir() as work, Server() as server:
            setup_server(server)
            config = llm_config(os.path.join(work, "budget.json"), server, iterations=3)
            with open(config) as f:
                c = json.load(f)
            c["llm"]["max_llm_calls"] = 5
            with open(config, "w") as f:
                json.dump(c, f)
            run_file = os.path.join(work, "budget.h5")
            proc = subprocess.run(t.mpirun_command(3, "run", config, "--out", run_file, "--json-progress"),
                                  capture_output=True, text=True, timeout=600, env=env_with(KEYS))
            self.assertEqual(proc.returncode, 5, proc.stderr[-2000:])
            self.assertLessEqual(len(sent_requests(server)), 5, "nothing is sent past the budget")
            report = t.report(run_file)
            self.assertEqual(report["run"]["status"], "stopped")
            self.assertIn("budget", report["run"]["stop_reason"])
            text = subprocess.run([t.AUTOCOMP, "report", run_file], capture_output=True, text=True).stdout
            self.assertIn("budget", text)

    def test_missing_key_fails_at_start_naming_the_variable(self):
        with t.Workdir() as work, Server() as server:
            config = llm_config(os.path.join(work, "nokey.json"), server)
            proc = subprocess.run([t.AUTOCOMP, "run", config, "--out", os.path.join(work, "nokey.h5")],
                                  capture_output=True, text=True, timeout=60,
                                  env=env_with({"OPENAI_API_KEY": KEYS["OPENAI_API_KEY"]}))
            self.assertEqual(proc.returncode, 4)
            self.assertIn("ANTHROPIC_API_KEY", proc.stderr)
            self.assertFalse(os.path.exists(os.path.join(work, "nokey.h5")), "nothing written before the check")


if __name__ == "__main__":
    unittest.main(verbosity=2)
