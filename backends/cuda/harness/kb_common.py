"""Pieces the cuda judge and the candidate host share: loading a KernelBench-format
problem module (with size overrides), making a trial's inputs from a seed, moving
tensors between processes, and the framed messages of their pipe.

A problem file defines `class Model`, `get_inputs()` and `get_init_inputs()`, and
usually module-level sizes (`batch_size = 16`) those functions read; an override
replaces such a global before they are called (our own set's CI sizes).
"""
import importlib.util
import json
import os
import struct
import sys
import time

import torch

# Upper bounds for what one side accepts from the other (the host is untrusted).
MAX_HEADER_BYTES = 1 << 20
MAX_PAYLOAD_BYTES = 8 << 30

DTYPES = {
    "float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16,
    "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "int16": torch.int16,
    "int8": torch.int8, "uint8": torch.uint8, "bool": torch.bool,
}
DTYPE_NAMES = {v: k for k, v in DTYPES.items()}


def load_module(path, name, overrides=None):
    """Executes the Python file `path` as module `name`; `overrides` replace module globals afterwards."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    for key, value in (overrides or {}).items():
        if not hasattr(module, key):
            raise KeyError(f"{os.path.basename(path)} has no global '{key}' to size")
        setattr(module, key, value)
    return module


def to_device(values, device):
    return [v.to(device) if isinstance(v, torch.Tensor) else v for v in values]


def make_inputs(problem_module, seed, device):
    """The trial's inputs: get_inputs() under `seed`, drawn on the CPU (the same values in
    every process, whatever the device), then moved to `device`."""
    torch.manual_seed(seed)
    return to_device(list(problem_module.get_inputs()), device)


def init_inputs(problem_module):
    return list(problem_module.get_init_inputs())


def l2_flush_buffer(device):
    """A buffer whose zeroing writes twice the GPU's L2, so nothing of a last call stays cached
    (None on a CPU)."""
    if not str(device).startswith("cuda"):
        return None
    l2 = getattr(torch.cuda.get_device_properties(0), "L2_cache_size", 0) or (64 << 20)
    return torch.empty(2 * l2 // 4 + 1, dtype=torch.float32, device=device)


def timed_call(call, gpu):
    """(result, seconds) of call(): CUDA events and a device-wide synchronize on a GPU,
    perf_counter on a CPU. The one way both the host and the judge time a call."""
    if gpu:
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        result = call()
        end.record()
        torch.cuda.synchronize()
        return result, start.elapsed_time(end) / 1e3
    t0 = time.perf_counter()
    result = call()
    return result, time.perf_counter() - t0


def as_tensor_list(value):
    """A model's result as a list of tensors; TypeError names what else it was."""
    items = list(value) if isinstance(value, (tuple, list)) else [value]
    for i, item in enumerate(items):
        if type(item) is not torch.Tensor:  # subclasses could compute lazily when read
            raise TypeError(f"output {i} is a {type(item).__name__}, not a torch.Tensor")
    return items


def pack_tensors(tensors):
    """(descriptions, payload) for a list of tensors, copied to the CPU."""
    descriptions, chunks, offset = [], [], 0
    for t in tensors:
        cpu = t.detach().to("cpu").contiguous()
        raw = cpu.view(torch.int16) if cpu.dtype == torch.bfloat16 else cpu
        data = raw.numpy().tobytes() if cpu.numel() else b""
        descriptions.append({"dtype": DTYPE_NAMES.get(cpu.dtype, str(cpu.dtype)), "shape": list(cpu.shape),
                             "offset": offset, "nbytes": len(data)})
        chunks.append(data)
        offset += len(data)
    return descriptions, b"".join(chunks)


def unpack_tensors(descriptions, payload):
    """Tensors from pack_tensors' output; ValueError when the description does not fit the bytes."""
    out = []
    for d in descriptions:
        dtype = DTYPES.get(d.get("dtype"))
        if dtype is None:
            raise ValueError(f"unknown dtype {d.get('dtype')!r}")
        shape = [int(s) for s in d["shape"]]
        offset, nbytes = int(d["offset"]), int(d["nbytes"])
        count = 1
        for s in shape:
            if s < 0:
                raise ValueError("negative dimension")
            count *= s
        item = torch.empty((), dtype=dtype).element_size()
        if nbytes != count * item or offset < 0 or offset + nbytes > len(payload):
            raise ValueError("tensor description does not match its bytes")
        if count == 0:
            out.append(torch.empty(shape, dtype=dtype))
            continue
        storage_dtype = torch.int16 if dtype == torch.bfloat16 else dtype
        flat = torch.frombuffer(bytearray(payload[offset:offset + nbytes]), dtype=storage_dtype)
        t = flat.view(torch.bfloat16) if dtype == torch.bfloat16 else flat
        out.append(t.reshape(shape))
    return out


def write_frame(fd, header, payload=b""):
    body = json.dumps(header).encode()
    data = struct.pack("<IQ", len(body), len(payload)) + body
    _write_all(fd, data)
    if payload:
        _write_all(fd, payload)


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def read_exact(fd, n, wait):
    """`n` bytes from `fd`; `wait(remaining)` blocks until it is readable or raises."""
    chunks, got = [], 0
    while got < n:
        wait()
        chunk = os.read(fd, min(n - got, 1 << 22))
        if not chunk:
            raise EOFError("the other side closed the pipe")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_frame(fd, wait=lambda: None, max_payload=MAX_PAYLOAD_BYTES):
    head = read_exact(fd, 12, wait)
    header_len, payload_len = struct.unpack("<IQ", head)
    if header_len > MAX_HEADER_BYTES or payload_len > max_payload:
        raise ValueError(f"frame too large ({header_len} + {payload_len} bytes)")
    header = json.loads(read_exact(fd, header_len, wait))
    if not isinstance(header, dict):
        raise ValueError("frame header is not an object")
    payload = read_exact(fd, payload_len, wait) if payload_len else b""
    return header, payload
