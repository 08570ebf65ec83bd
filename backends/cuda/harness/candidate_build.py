"""The cuda backend's build stage, run in the sandbox on CPU cores (never the GPU):
imports the candidate file once, so that every torch.utils.cpp_extension.load_inline
(or load) it makes at import compiles into TORCH_EXTENSIONS_DIR, the candidate's own
build folder. The measure stage later loads those builds without compiling.

    candidate_build.py CANDIDATE.py DEVICE

DEVICE is what the measure stage runs on ("cuda" or "cpu"): the build has no GPU, so
torch.cuda.is_available() answers for the measure stage's device here, and a candidate
that chooses its sources by it builds the ones that will run.

Exit 0 when the module imported and defines ModelNew; otherwise the error is the last
thing printed (the C++ side takes the first compiler error from the output).
"""
import importlib.util
import os
import sys
import traceback

import torch
import torch.utils.cpp_extension as cpp_extension

built = []
real_load_inline, real_load = cpp_extension.load_inline, cpp_extension.load


def recording(real):
    def load(*args, **kwargs):
        module = real(*args, **kwargs)
        built.append(getattr(module, "__file__", "?"))
        return module
    return load


cpp_extension.load_inline = recording(real_load_inline)
cpp_extension.load = recording(real_load)


def main():
    path = sys.argv[1]
    measure_on_gpu = len(sys.argv) > 2 and sys.argv[2] == "cuda"
    torch.cuda.is_available = lambda: measure_on_gpu
    try:
        spec = importlib.util.spec_from_file_location("autocomp_candidate", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except SystemExit as e:
        print(f"autocomp: the candidate called exit({e.code}) while it was imported")
        return 1
    except BaseException:
        print(traceback.format_exc()[-6000:])
        return 1
    if not hasattr(module, "ModelNew"):
        print("autocomp: the candidate defines no ModelNew")
        return 1
    print(f"autocomp: built {len(built)} extension(s) in {os.environ.get('TORCH_EXTENSIONS_DIR', '?')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
