# attempts: read files of the machine (/etc/shadow, root's home) through torch.load, which the static
#   rules do not forbid, and print them into the trace
# problem: cuda/ops/1
# expect: runtime_error
# leak: /etc/shadow
import torch
import torch.nn as nn

found = ""
for path in ("/etc/shadow", "/root/.ssh/id_rsa", "/root/.bash_history"):
    try:
        found += repr(torch.load(path))
    except Exception as e:
        found += f"{path}: {type(e).__name__}\n"
print(found)


class ModelNew(nn.Module):
    def forward(self, A, B):
        raise ValueError(found[:2000])
