# attempts: end the process at import with status 0 (raise SystemExit), so a harness that only looks
#   at exit codes sees success
# problem: cuda/ops/1
# expect: compile_error
# message: exit
import torch.nn as nn

raise SystemExit(0)


class ModelNew(nn.Module):
    pass
