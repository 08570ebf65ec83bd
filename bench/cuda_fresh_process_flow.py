"""The comparison flow of bench/p5_cuda_throughput.sh: one candidate evaluated the way the original
does it, in a fresh process that imports torch, compiles the candidate's extension, then checks
(5 trials with fresh inputs) and times it (10 warm-ups, 100 timed calls). No sandbox, no judge:
this is the throughput baseline, not an evaluator.

    cuda_fresh_process_flow.py PROBLEM.py CANDIDATE.py ci|full cpu|cuda
"""
import importlib.util
import json
import os
import statistics
import sys
import time

import torch


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    problem_path, candidate_path, size, device = sys.argv[1:5]
    problem = load(problem_path, "problem")
    if size == "ci":
        table = json.load(open(os.path.join(os.path.dirname(problem_path), "problems.json")))["problems"]
        number = os.path.basename(problem_path).split("_")[0]
        for key, value in table[number].get("ci", {}).items():
            setattr(problem, key, value)
    candidate = load(candidate_path, "candidate")  # compiles its load_inline extension here
    torch.manual_seed(0)
    reference = problem.Model(*problem.get_init_inputs()).to(device)
    torch.manual_seed(0)
    model = candidate.ModelNew(*problem.get_init_inputs()).to(device)
    correct = True
    for seed in range(5):
        torch.manual_seed(seed)
        inputs = [x.to(device) for x in problem.get_inputs()]
        with torch.no_grad():
            correct &= torch.allclose(model(*inputs), reference(*inputs), atol=1e-4, rtol=1e-4)
    times = []
    torch.manual_seed(99)
    inputs = [x.to(device) for x in problem.get_inputs()]
    for i in range(110):
        if device == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        model(*inputs)
        if device == "cuda":
            torch.cuda.synchronize()
        if i >= 10:
            times.append(time.perf_counter() - t0)
    print(json.dumps({"correct": bool(correct), "median_s": statistics.median(times)}))


if __name__ == "__main__":
    main()
