"""PyTorch reference for `npm run bench:train`: the same shared-bottom and MMoE models as the
engine (same embedding tables, dense width, expert/tower sizes, batch, Adam), trained on random
inputs of the same shapes (speed does not depend on the values). Prints one JSON object:
{"torch": version, "threads": n, "results": {architecture: samples_per_second}}.
Usage: /usr/bin/python3 torch_models.py '<json spec>'"""
import json
import sys
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)
spec = json.loads(sys.argv[1])
B = spec["batchSize"]
vocab = spec["vocab"]
dense_dim = spec["denseDim"]
k = spec["embeddingDim"]
E = spec["numExperts"]
U = spec["expertUnits"]
V = spec["towerUnits"]
T = 2
D = len(vocab) * k + dense_dim


class Net(nn.Module):
    def __init__(self, arch):
        super().__init__()
        self.arch = arch
        self.emb = nn.ModuleList([nn.Embedding(n, k) for n in vocab])
        if arch == "mmoe":
            self.experts = nn.Linear(D, E * U)
            self.gates = nn.Linear(D, T * E)
        else:
            self.bottom = nn.Linear(D, U)
        self.t1 = nn.ModuleList([nn.Linear(U, V) for _ in range(T)])
        self.t2 = nn.ModuleList([nn.Linear(V, 1) for _ in range(T)])

    def forward(self, cats, dense):
        x = torch.cat([e(c) for e, c in zip(self.emb, cats)] + [dense], 1)
        if self.arch == "mmoe":
            h = torch.relu(self.experts(x)).view(-1, E, U)
            g = torch.softmax(self.gates(x).view(-1, T, E), -1)
            mixed = torch.bmm(g, h)
            ins = [mixed[:, t] for t in range(T)]
        else:
            h = torch.relu(self.bottom(x))
            ins = [h] * T
        return torch.cat([self.t2[t](torch.relu(self.t1[t](ins[t]))) for t in range(T)], 1)


def bench(arch, steps=60, warmup=10):
    torch.manual_seed(0)
    net = Net(arch)
    opt = torch.optim.Adam(net.parameters(), lr=spec["learningRate"])
    cats = [torch.randint(0, n, (B,)) for n in vocab]
    dense = torch.rand(B, dense_dim)
    y = (torch.rand(B, T) < 0.1).float()
    loss_fn = nn.BCEWithLogitsLoss()
    for i in range(steps + warmup):
        if i == warmup:
            t0 = time.perf_counter()
        opt.zero_grad()
        loss = loss_fn(net(cats, dense), y)
        loss.backward()
        opt.step()
    return steps * B / (time.perf_counter() - t0)


print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                  "results": {a: bench(a) for a in spec["architectures"]}}))
