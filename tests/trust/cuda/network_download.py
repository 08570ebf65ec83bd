# attempts: reach the network through torch.hub (a precomputed answer from a server, or exfiltration)
#   at import; prints BREACH if a connection could be made
# problem: cuda/ops/1
# expect: not_ok
# trace_lacks: BREACH
import torch
import torch.nn as nn

try:
    torch.hub.download_url_to_file("http://127.0.0.1:9/answer", "answer.bin", progress=False)
    print("BREACH: downloaded")
except Exception as e:
    print(f"no network: {type(e).__name__}")


class ModelNew(nn.Module):
    def forward(self, A, B):
        return torch.zeros(A.shape[0], B.shape[1])
