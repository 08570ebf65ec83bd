"""Red-team corpus: hostile candidates must never fool the evaluator; honest controls must pass.

Every file under tests/trust/<backend>/ (attacks) and tests/trust/<backend>/controls/ (honest code)
starts with a header of `// key: value` lines (`# key: value` in Python files; README.md). Each is evaluated with `autocomp eval`
and its expectation asserted; the baselines they are compared with are measured once, in the same
run. Needs AUTOCOMP_BIN and AUTOCOMP_SOURCE_DIR (as tests/cli/cli_test.py).
"""
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

AUTOCOMP = os.environ["AUTOCOMP_BIN"]
SOURCE_DIR = os.environ["AUTOCOMP_SOURCE_DIR"]
HERE = os.path.dirname(os.path.abspath(__file__))
BACKENDS = ("cpu", "gemmini", "cuda")
SUFFIXES = {"cpu": (".c", ".cc", ".cpp"), "gemmini": (".c", ".cc", ".cpp"), "cuda": (".py",)}
# AUTOCOMP_TRUST_BACKENDS=cpu limits a run to some backends' folders (default: every folder present).
SELECTED = tuple(b for b in os.environ.get("AUTOCOMP_TRUST_BACKENDS", ",".join(BACKENDS)).split(",") if b)
STATUSES = {"ok", "compile_error", "wrong_answer", "runtime_error", "timeout", "resource_limit",
            "infra_error", "rejected", "implausible"}
ATTACK_EXPECTS = {"rejected", "wrong_answer", "runtime_error", "timeout", "implausible", "compile_error",
                  "not_ok", "no_faster"}
ATTACK_KEYS = {"attempts", "problem", "expect", "config", "message", "leak", "trace_lacks"}
CONTROL_KEYS = {"control", "problem", "expect", "config", "message", "faster_than_baseline"}
CONFIGS = {"time", "instructions"}
# An attack "gained" if it is ok with a score below this fraction of the naive baseline's.
GAIN = 0.5
PARALLEL = 2
# An honest eval after the corpus: the machine must still judge normally.
FOLLOW_UP = ("cpu/gemm/4", "time") if "cpu" in SELECTED or not SELECTED else \
    {"gemmini": ("gemmini/gemm/2", "time"), "cuda": ("cuda/ops/1", "time")}[SELECTED[0]]
EVAL_TIMEOUT_S = 150
HEADER_LINE = re.compile(r"^(?://|#) ([a-z_]+):\s*(.*?)\s*$")  # "// key: value" or "# key: value"
CONTINUATION = re.compile(r"^(?://|#)\s{2,}(\S.*?)\s*$")   # "//   more of the previous value"


def parse_header(path):
    """The `// key: value` lines at the top of `path` as a dict; raises ValueError naming the problem."""
    fields = {}
    last = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = HEADER_LINE.match(line)
            if m:
                key, value = m.group(1), m.group(2)
                if key in fields:
                    raise ValueError(f"header field '{key}' given twice")
                fields[key] = value
                last = key
            elif CONTINUATION.match(line) and last is not None:
                fields[last] += " " + CONTINUATION.match(line).group(1)
            else:
                break
    return fields


def check_header(rel, fields):
    """An error message for a bad header, or None."""
    control = "/controls/" in "/" + rel
    allowed = CONTROL_KEYS if control else ATTACK_KEYS
    required = ("control" if control else "attempts", "problem", "expect")
    for key in required:
        if not fields.get(key):
            return f"{rel}: header lacks '// {key}:'"
    for key in fields:
        if key not in allowed:
            return f"{rel}: unknown header field '{key}' (known: {', '.join(sorted(allowed))})"
    expect = fields["expect"]
    if control and expect != "ok":
        return f"{rel}: a control must expect ok, not '{expect}'"
    if not control and expect not in ATTACK_EXPECTS:
        return f"{rel}: unknown expectation '{expect}' (known: {', '.join(sorted(ATTACK_EXPECTS))})"
    if fields.get("config", "time") not in CONFIGS:
        return f"{rel}: unknown config '{fields['config']}' (known: {', '.join(sorted(CONFIGS))})"
    if fields.get("faster_than_baseline", "true") not in ("true", "false"):
        return f"{rel}: faster_than_baseline must be true or false"
    problem = fields["problem"]
    if problem.count("/") != 2 or problem.split("/")[0] not in BACKENDS:
        return f"{rel}: problem '{problem}' is not <backend>/<set>/<index>"
    if problem.split("/")[0] != rel.split("/")[0]:
        return f"{rel}: problem '{problem}' is not a {rel.split('/')[0]} problem"
    return None


def discover():
    """(relative path, absolute path) of every case, attacks and controls, sorted."""
    cases = []
    for backend in SELECTED:
        root = os.path.join(HERE, backend)
        if not os.path.isdir(root):
            continue
        for dirpath, _, files in os.walk(root):
            for name in files:
                if name.endswith(SUFFIXES[backend]):
                    full = os.path.join(dirpath, name)
                    cases.append((os.path.relpath(full, HERE), full))
    return sorted(cases)


GENERATED = tempfile.mkdtemp(prefix="autocomp-trust-baselines-")


def baseline_file(problem):
    backend, pset, index = problem.split("/")
    if backend == "cuda":  # the start point: the reference file with Model renamed ModelNew
        found = glob.glob(os.path.join(SOURCE_DIR, "sols", "cuda", pset, f"{index}_*.py"))
        if not found:
            return None
        path = os.path.join(GENERATED, f"{pset}-{index}.py")
        with open(found[0]) as f, open(path, "w") as out:
            out.write(re.sub(r"\bModel\b", "ModelNew", f.read()))
        return path
    for candidate in (os.path.join(SOURCE_DIR, "sols", backend, pset, index, "baseline.c"),
                      os.path.join(SOURCE_DIR, "sols", backend, pset, "baseline.c")):
        if os.path.exists(candidate):
            return candidate
    return None


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def leaked(path, text):
    """Lines of the file at `path` that appear in `text` (long lines as substrings, short ones as words)."""
    try:
        with open(path, errors="replace") as f:
            lines = [line.strip() for line in f]
    except OSError:
        return []
    found = []
    for line in lines:
        if len(line) >= 12:
            if line in text:
                found.append(line)
        elif len(line) >= 2 and re.search(r"(?<![A-Za-z0-9_])" + re.escape(line) + r"(?![A-Za-z0-9_])", text):
            found.append(line)
    return found


class Env:
    """A private scratch root (so the harness cache and locks are this run's own) and configs."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="autocomp-trust-")
        os.chmod(self.tmp, 0o755)  # the sandbox's uid must reach the scratch dirs below it
        self.env = dict(os.environ, TMPDIR=self.tmp, AUTOCOMP_HOME=SOURCE_DIR)
        self.scratch_root = os.path.join(self.tmp, f"autocomp-{os.getuid()}")
        self.configs = {}
        self.gave_up = False
        for mode, score, timeout, repeats in (("time", "time", 5, 5), ("instructions", "instructions", 2, 2)):
            path = os.path.join(self.tmp, f"{mode}.json")
            with open(path, "w") as f:
                json.dump({"backend": "cpu", "problems": {"set": "gemm", "ids": [4]}, "models": ["offline"],
                           "eval": {"score": score, "run_timeout_s": timeout, "repeats": repeats, "warmup": 1,
                                    "build_timeout_s": 60}}, f)
            self.configs[mode] = path
        # gemmini: a short run limit, so that a candidate that never returns costs seconds, not minutes.
        path = os.path.join(self.tmp, "gemmini.json")
        with open(path, "w") as f:
            json.dump({"backend": "gemmini", "problems": {"set": "gemm", "ids": [2]}, "models": ["offline"],
                       "eval": {"run_timeout_s": 8, "build_timeout_s": 60}}, f)
        self.configs["gemmini"] = path
        # cuda: CPU tensors at CI sizes, fewer timed calls, and a short limit for a call that never returns.
        path = os.path.join(self.tmp, "cuda.json")
        with open(path, "w") as f:
            json.dump({"backend": "cuda", "problems": {"set": "ops", "ids": [1]}, "models": ["offline"],
                       "backend_options": {"size": "ci", "timed_trials": 30, "warmup_trials": 3,
                                           "measure_timeout_s": 30, "memory_gb": 4},
                       "eval": {"build_timeout_s": 180}}, f)
        self.configs["cuda"] = path

    def placeholders(self):
        cache = os.path.join(self.scratch_root, "cache")
        gemm_cache = sorted(glob.glob(os.path.join(cache, "cpu-harness-gemm-*")))
        return {"@SOURCE_DIR@": SOURCE_DIR, "@CACHE_DIR@": cache,
                "@GEMM_CACHE@": gemm_cache[0] if gemm_cache else os.path.join(cache, "cpu-harness-gemm-missing")}

    def evaluate(self, problem, path, mode):
        """The JSON `autocomp eval` printed (with 'wall_s'), or a synthetic infra_error describing the failure."""
        backend = problem.split("/")[0]
        with open(path, encoding="utf-8", errors="replace") as f:
            code = f.read()
        for key, value in self.placeholders().items():
            code = code.replace(key, value)
        work = tempfile.mkdtemp(prefix="case-", dir=self.tmp)
        source = os.path.join(work, os.path.basename(path))
        with open(source, "w") as f:
            f.write(code)
        cmd = [AUTOCOMP, "eval", "--backend", backend]
        cmd += ["--config", self.configs[mode] if backend == "cpu" else self.configs[backend]]
        cmd += [problem, source]
        start = time.time()
        try:
            for attempt in range(4):
                # A binary being rebuilt (cannot start, or exit code 4: the environment is not usable) is
                # waited for, a few times per eval until one eval has given up.
                last = attempt == 3 or self.gave_up
                try:
                    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=EVAL_TIMEOUT_S, env=self.env)
                    if proc.returncode != 4:
                        break
                except OSError as e:
                    if last:
                        self.gave_up = True
                        return {"status": "infra_error", "message": f"cannot run {AUTOCOMP}: {e}", "trace": ""}
                if last:
                    self.gave_up = True
                    break
                time.sleep(10)
        except subprocess.TimeoutExpired:
            return {"status": "infra_error", "message": f"autocomp eval ran past {EVAL_TIMEOUT_S} s", "trace": ""}
        finally:
            shutil.rmtree(work, ignore_errors=True)
        try:
            result = json.loads(proc.stdout)
        except json.JSONDecodeError:
            result = {"status": "infra_error", "trace": "",
                      "message": f"autocomp eval exited {proc.returncode} without JSON: {proc.stderr[-500:]}"}
        result["wall_s"] = time.time() - start
        return result

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def trusted_files(env):
    """Paths whose content no candidate may change: binaries, harness sources, problem sets, harness cache."""
    bindir = os.path.dirname(os.path.abspath(AUTOCOMP))
    paths = [os.path.abspath(AUTOCOMP)] + [os.path.join(bindir, n) for n in ("autocomp-cpu-runner", "autocomp-sandbox")]
    for pattern in ("backends/cpu/harness/*", "backends/cpu/runner/*", "sols/cpu/*/*", "backends/cuda/harness/*",
                    "sols/cuda/*/*"):
        paths += glob.glob(os.path.join(SOURCE_DIR, pattern))
    paths += glob.glob(os.path.join(env.scratch_root, "cache", "*", "*"))
    return {p: sha256(p) for p in sorted(paths) if os.path.isfile(p)}


class TrustTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.started = time.time()
        cls.env = Env()
        cls.addClassCleanup(cls.env.close)  # also when setUpClass fails
        cls.cases = discover()
        cls.headers, cls.header_errors = {}, {}
        for rel, full in cls.cases:
            try:
                fields = parse_header(full)
                error = check_header(rel, fields)
            except (OSError, ValueError) as e:
                fields, error = {}, f"{rel}: {e}"
            if error:
                cls.header_errors[rel] = error
            else:
                cls.headers[rel] = fields
        before = trusted_files(cls.env)
        # Baselines first: they build the harness cache the placeholders and file checks refer to.
        needed = sorted({(h["problem"], h.get("config", "time")) for h in cls.headers.values()})
        cls.baselines = {}
        with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
            jobs = {key: pool.submit(cls.env.evaluate, key[0], baseline_file(key[0]), key[1])
                    for key in needed if baseline_file(key[0])}
            for key, job in jobs.items():
                cls.baselines[key] = job.result()
        cls.trusted_before = dict(before, **trusted_files(cls.env))
        with concurrent.futures.ThreadPoolExecutor(PARALLEL) as pool:
            jobs = {rel: pool.submit(cls.env.evaluate, h["problem"], dict(cls.cases)[rel], h.get("config", "time"))
                    for rel, h in cls.headers.items()}
            cls.results = {rel: job.result() for rel, job in jobs.items()}
        cls.confirm_speed()
        cls.trusted_after = trusted_files(cls.env)
        cls.follow_up = cls.env.evaluate(FOLLOW_UP[0], baseline_file(FOLLOW_UP[0]), FOLLOW_UP[1])
        cls.elapsed = time.time() - cls.started
        cls.write_summary()

    @classmethod
    def speed_at_risk(cls, rel):
        """True if a timed case's score comparison with its baseline would fail (maybe from noise)."""
        h, r = cls.headers[rel], cls.results[rel]
        b = cls.baselines.get((h["problem"], h.get("config", "time")))
        if h.get("config") == "instructions" or r.get("status") != "ok" or not b or b.get("status") != "ok":
            return False
        if "/controls/" in "/" + rel:
            return r["score"] > 1.5 * b["score"] or (h.get("faster_than_baseline") == "true" and r["score"] >= b["score"])
        return r["score"] < GAIN * b["score"]

    @classmethod
    def confirm_speed(cls):
        """Timing on a shared machine is noisy: a timed comparison that fails is measured twice more,
        alternating case and baseline, one at a time; each keeps its best score."""
        for rel in sorted(r for r in cls.results if cls.speed_at_risk(r)):
            h = cls.headers[rel]
            key = (h["problem"], h.get("config", "time"))
            for _ in range(2):
                for target, path, store in ((rel, dict(cls.cases)[rel], cls.results), (key, baseline_file(key[0]), cls.baselines)):
                    again = cls.env.evaluate(key[0], path, key[1])
                    if again.get("status") == "ok" and again["score"] < store[target]["score"]:
                        store[target]["score"] = again["score"]
                    store[target]["remeasured"] = store[target].get("remeasured", 0) + 1

    @classmethod
    def write_summary(cls):
        lines = [f"trust corpus: {len(cls.cases)} files, {cls.elapsed:.1f} s"]
        for (problem, mode), r in sorted(cls.baselines.items()):
            lines.append(f"  baseline {problem} [{mode}]: {r.get('status')} score={r.get('score')}")
        for rel in sorted(cls.results):
            r, h = cls.results[rel], cls.headers[rel]
            again = f" [best of {1 + r['remeasured']}]" if r.get("remeasured") else ""
            lines.append(f"  {rel}: expect {h['expect']} -> {r.get('status')} score={r.get('score')}{again} "
                         f"({r.get('wall_s', 0):.1f} s) {str(r.get('message', ''))[:110]}")
        text = "\n".join(lines) + "\n"
        sys.stderr.write(text)
        out = os.environ.get("AUTOCOMP_TRUST_SUMMARY")
        if out:
            with open(out, "w") as f:
                f.write(text)

    def describe(self, rel, r):
        h = self.headers[rel]
        what = h.get("attempts") or h.get("control")
        return (f"\n  file: tests/trust/{rel}\n  {'attempts' if 'attempts' in h else 'control'}: {what}\n"
                f"  expected: {h['expect']}\n  actual: status={r.get('status')} score={r.get('score')}\n"
                f"  message: {r.get('message')}\n  trace (tail): {str(r.get('trace', ''))[-600:]}")

    def baseline_score(self, rel):
        h = self.headers[rel]
        b = self.baselines.get((h["problem"], h.get("config", "time")))
        self.assertIsNotNone(b, f"no baseline for {h['problem']} (tests/trust/{rel})")
        self.assertEqual(b.get("status"), "ok", f"baseline for {h['problem']} failed: {b.get('message')}")
        return b["score"]

    def test_corpus_is_not_empty(self):
        attacks = [rel for rel in self.headers if "/controls/" not in "/" + rel]
        self.assertGreaterEqual(len(attacks), 1, "no attacks found under tests/trust/cpu")

    def test_headers(self):
        for rel, error in sorted(self.header_errors.items()):
            with self.subTest(file=rel):
                self.fail(error)

    def test_attacks(self):
        for rel in sorted(self.results):
            if "/controls/" in "/" + rel:
                continue
            h, r = self.headers[rel], self.results[rel]
            with self.subTest(file=rel):
                status, expect, why = r.get("status"), h["expect"], self.describe(rel, r)
                self.assertIn(status, STATUSES, "unknown status" + why)
                self.assertNotEqual(status, "infra_error",
                                    "a candidate must not be able to make the evaluator report an infrastructure error" + why)
                if status == "ok":
                    self.assertGreaterEqual(r["score"], GAIN * self.baseline_score(rel),
                                            f"attack accepted with a score better than {GAIN}x the naive baseline's" + why)
                if expect == "not_ok":
                    self.assertNotEqual(status, "ok", why)
                elif expect != "no_faster":
                    self.assertEqual(status, expect, why)
                if h.get("message"):
                    self.assertIn(h["message"], str(r.get("message", "")), why)
                if h.get("trace_lacks"):
                    self.assertNotIn(h["trace_lacks"], str(r.get("trace", "")) + str(r.get("message", "")),
                                     "the trace shows the forbidden action succeeded" + why)
                if h.get("leak"):
                    target = h["leak"]
                    for key, value in self.env.placeholders().items():
                        target = target.replace(key, value)
                    found = leaked(target, str(r.get("trace", "")) + "\n" + str(r.get("message", "")))
                    self.assertEqual(found, [], f"content of {target} leaked into the result" + why)

    def test_controls(self):
        for rel in sorted(self.results):
            if "/controls/" not in "/" + rel:
                continue
            h, r = self.headers[rel], self.results[rel]
            with self.subTest(file=rel):
                why = self.describe(rel, r)
                self.assertEqual(r.get("status"), "ok", "honest code must pass" + why)
                if h.get("message"):
                    self.assertIn(h["message"], str(r.get("message", "")), why)
                base = self.baseline_score(rel)
                # "no worse than the naive baseline", with room for timing noise on shared nodes
                slack = 1.0 if h.get("config") == "instructions" else 1.5
                self.assertLessEqual(r["score"], slack * base, "honest fast code scored worse than the baseline" + why)
                if h.get("faster_than_baseline") == "true":
                    self.assertLess(r["score"], base, "expected to beat the baseline" + why)

    def test_trusted_files_unchanged(self):
        changed = [p for p, digest in self.trusted_before.items() if self.trusted_after.get(p) != digest]
        self.assertEqual(changed, [], "trusted files changed while the corpus ran")

    def test_honest_eval_after_attacks(self):
        r = self.follow_up
        self.assertEqual(r.get("status"), "ok", f"honest baseline after the corpus: {r.get('message')}")
        first = self.baselines.get(FOLLOW_UP)
        if first and first.get("status") == "ok":
            self.assertLess(r["score"], 3 * first["score"], "the honest re-run was scored abnormally")

    def test_run_time(self):
        # Not a hard limit on slow machines, but the corpus should stay quick.
        self.assertLess(self.elapsed, 400, f"the corpus took {self.elapsed:.0f} s")


if __name__ == "__main__":
    try:
        unittest.main(verbosity=2)
    finally:
        shutil.rmtree(GENERATED, ignore_errors=True)
