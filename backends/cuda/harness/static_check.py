"""Static checks of a cuda candidate, before anything of it runs: it reads the source
as text (ast), never imports it. A rule it breaks makes the candidate `rejected`.

    static_check.py CANDIDATE.py [--allow-torch-ops]

Prints one JSON object: {"ok": bool, "problems": ["line N: ...", ...]}.

These rules are a first line only (docs/cuda.md): the judge's own process, inputs,
reference and clock are what make a verdict trustworthy. They catch the published
ways to fool a KernelBench harness cheaply and say why:
  - ModelNew must exist at top level; no try/except anywhere in it (a fallback to
    the reference when the kernel fails);
  - no call of torch's own compute operators (matmul, conv, softmax, norms,
    reductions, attention, nn layers called in forward) in any function: the work
    must be the candidate's kernels (--allow-torch-ops lifts this; the backend
    lifts it for the problem's own baseline);
  - no threads, processes, streams or tensor subclasses (work after "done", lazy
    outputs), in Python or in the extension sources;
  - no patching: no assignment to an attribute of a module, no setattr/delattr on
    anything but self, no access to frames, the garbage collector, builtins,
    sys.modules, ctypes, files or the environment's processes.
"""
import ast
import json
import re
import sys

COMPUTE_OPS = {
    "matmul", "mm", "bmm", "addmm", "addbmm", "baddbmm", "addmv", "mv", "einsum", "tensordot", "linear",
    "bilinear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "softmax", "log_softmax", "layer_norm", "group_norm", "batch_norm", "instance_norm", "rms_norm",
    "scaled_dot_product_attention", "multi_head_attention_forward", "sum", "mean", "amax", "amin", "max",
    "min", "prod", "cumsum", "cumprod", "logsumexp", "norm", "var", "std", "argmax", "argmin", "topk", "sort",
    "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d", "cross_entropy",
    "nll_loss", "mse_loss", "cosine_similarity", "cdist", "chain_matmul", "dot", "inner", "outer", "kron",
}
NN_LAYERS = {
    "Linear", "Bilinear", "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d",
    "Softmax", "LogSoftmax", "LayerNorm", "GroupNorm", "BatchNorm1d", "BatchNorm2d", "BatchNorm3d",
    "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "RMSNorm", "MultiheadAttention", "MaxPool1d",
    "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d", "Transformer", "TransformerEncoderLayer",
    "LSTM", "GRU", "RNN", "Embedding", "Sequential",
}
FORBIDDEN_MODULES = {"threading", "_thread", "multiprocessing", "concurrent", "asyncio", "subprocess", "ctypes",
                     "cffi", "gc", "inspect", "importlib", "builtins", "signal", "socket", "pickle", "marshal",
                     "mmap", "faulthandler", "atexit", "sys", "os", "time", "timeit", "resource", "pathlib",
                     "shutil", "tempfile", "io", "cProfile", "profile", "trace", "weakref", "code", "codeop"}
FORBIDDEN_NAMES = {"exec", "eval", "compile", "__import__", "globals", "locals", "vars", "open", "breakpoint",
                   "__builtins__", "getattr", "setattr", "delattr"}
FORBIDDEN_ATTRS = {"Stream", "stream", "ExternalStream", "set_stream", "CUDAGraph", "graph", "_getframe",
                   "settrace", "setprofile", "__torch_function__", "__torch_dispatch__", "__class__",
                   "__subclasses__", "__globals__", "__code__", "__dict__", "__bases__", "__mro__", "f_back",
                   "f_globals", "_C", "_dynamo", "jit", "fork", "system", "popen", "kill", "environ"}
SOURCE_WORDS = ["std::thread", "pthread_create", "std::async", "fork(", "cudaStreamCreate", "getStreamFromPool",
                "cudaLaunchHostFunc", "cudaGraph", "system(", "popen(", "dlopen", "dlsym", "__attribute__((constructor",
                "asm(", "asm volatile", "__asm__", "getenv", "fopen", "/proc/", "syscall("]


# torch's own operators called from extension sources (ATen), and the vendor libraries.
ATEN_OPS = "|".join(sorted(COMPUTE_OPS | {"conv_transpose2d", "native_layer_norm", "_softmax", "addmm_", "mm_out"}))
SOURCE_COMPUTE = re.compile(r"\b(?:torch|at)::(?:nn::functional::|native::)?(?:" + ATEN_OPS + r")\s*\(|"
                            r"\.(?:matmul|mm|bmm|addmm|softmax|log_softmax|sum|mean|amax|amin|conv2d|linear|"
                            r"layer_norm|einsum|cumsum|norm|logsumexp)\s*\(|\bcublas|\bcudnn|\bcutlass", re.I)


class Checker(ast.NodeVisitor):
    def __init__(self, allow_torch_ops):
        self.allow_torch_ops = allow_torch_ops
        self.problems = []
        self.in_model_new = False
        self.function_depth = 0
        self.layer_attrs = set()   # self.X = nn.Conv2d(...) in ModelNew
        self.module_names = {"torch", "nn", "F"}
        self.extensions = set()    # what load_inline/load returned: "ext", "self.ext"

    def flag(self, node, text):
        self.problems.append(f"line {getattr(node, 'lineno', '?')}: {text}")

    def visit_Import(self, node):
        for alias in node.names:
            root = alias.name.split(".")[0]
            if root in FORBIDDEN_MODULES:
                self.flag(node, f"imports {alias.name}")
            self.module_names.add((alias.asname or alias.name).split(".")[0])
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        root = (node.module or "").split(".")[0]
        if root in FORBIDDEN_MODULES:
            self.flag(node, f"imports from {node.module}")
        for alias in node.names:
            self.module_names.add(alias.asname or alias.name)
            if alias.name in COMPUTE_OPS and not self.allow_torch_ops:
                self.flag(node, f"imports torch's {alias.name}")
        self.generic_visit(node)

    def visit_ClassDef(self, node):
        for base in node.bases:
            text = ast.unparse(base)
            if text.endswith("Tensor"):
                self.flag(node, f"class {node.name} subclasses {text} (lazy or fake outputs)")
        outer = self.in_model_new
        if node.name == "ModelNew":
            self.in_model_new = True
            for stmt in ast.walk(node):
                if isinstance(stmt, ast.Assign):
                    for target in stmt.targets:
                        if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                                and target.value.id == "self" and isinstance(stmt.value, ast.Call)
                                and call_name(stmt.value.func) in NN_LAYERS):
                            self.layer_attrs.add(target.attr)
        self.generic_visit(node)
        self.in_model_new = outer

    def visit_Try(self, node):
        if self.in_model_new:
            self.flag(node, "try/except in ModelNew (a fallback when the kernel fails)")
        self.generic_visit(node)

    visit_TryStar = visit_Try

    def visit_FunctionDef(self, node):
        self.function_depth += 1
        self.generic_visit(node)
        self.function_depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self.function_depth += 1
        self.generic_visit(node)
        self.function_depth -= 1

    def visit_Name(self, node):
        if node.id in FORBIDDEN_NAMES:
            self.flag(node, f"uses {node.id}")
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if node.attr in FORBIDDEN_ATTRS:
            self.flag(node, f"uses .{node.attr}")
        if isinstance(node.ctx, (ast.Store, ast.Del)) and root_name(node) in self.module_names:
            self.flag(node, f"assigns to {ast.unparse(node)} (patching a module)")
        self.generic_visit(node)

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.MatMult) and self.function_depth and not self.allow_torch_ops:
            self.flag(node, "uses the @ operator (torch's matmul)")
        self.generic_visit(node)

    def visit_Call(self, node):
        name = call_name(node.func)
        on_extension = isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) in self.extensions
        if self.function_depth and not self.allow_torch_ops and not on_extension:
            if name in COMPUTE_OPS and isinstance(node.func, ast.Attribute):
                self.flag(node, f"calls torch's {name}() (the work must be the candidate's own kernels)")
            if (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self" and node.func.attr in self.layer_attrs):
                self.flag(node, f"calls the torch layer self.{node.func.attr}")
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            for word in SOURCE_WORDS:
                if word in node.value:
                    self.flag(node, f"extension source uses {word.rstrip('(')}")
            found = SOURCE_COMPUTE.search(node.value)
            if found and not self.allow_torch_ops:
                self.flag(node, f"extension source calls a library operator ({found.group(0).rstrip('( ')})")
        self.generic_visit(node)


def call_name(func):
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def root_name(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def check(source, allow_torch_ops):
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        return {"ok": False, "syntax": True, "problems": [f"line {e.lineno}: syntax error: {e.msg}"]}
    except (RecursionError, MemoryError, ValueError):
        return {"ok": False, "problems": ["the source is too deeply nested to check"]}
    if not any(isinstance(n, ast.ClassDef) and n.name == "ModelNew" for n in tree.body):
        return {"ok": False, "problems": ["defines no top-level class ModelNew"]}
    checker = Checker(allow_torch_ops)
    for node in ast.walk(tree):  # the candidate's own extensions: calling their functions is the point
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                call_name(node.value.func) in ("load_inline", "load"):
            for target in node.targets:
                if isinstance(target, (ast.Name, ast.Attribute)):
                    checker.extensions.add(ast.unparse(target))
    try:
        checker.visit(tree)
    except RecursionError:
        return {"ok": False, "problems": ["the source is too deeply nested to check"]}
    problems = list(dict.fromkeys(checker.problems))
    return {"ok": not problems, "problems": problems[:20]}


def main():
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        source = f.read()
    print(json.dumps(check(source, "--allow-torch-ops" in sys.argv[2:])))


if __name__ == "__main__":
    main()
