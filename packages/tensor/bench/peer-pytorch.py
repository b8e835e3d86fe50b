"""PyTorch peer of @girl/tensor's reference decoder benchmark (bench/reference-decoder.ts).

Same model: vocab 2000, context 128, d_model 128, 4 layers, 4 heads, MLP 4x, pre-LN GPT-2 block with
tanh GELU, untied head, batch 8, AdamW (lr 3e-4). Prints ONE JSON line:
  {"pytorchTokensPerSecond": ..., "pytorchGenTokensPerSecond": ..., "threads": ..., "torch": ...}
Run: OMP_WAIT_POLICY=PASSIVE python3 bench/peer-pytorch.py [threads] [steps]
(PASSIVE keeps PyTorch's and OpenBLAS's thread pools from spinning against each other on 2 cores.)
"""
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 6
VOCAB, CONTEXT, DIM, LAYERS, HEADS, BATCH = 2000, 128, 128, 4, 4, 8
torch.set_num_threads(THREADS)


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(DIM), nn.LayerNorm(DIM)
        self.qkv, self.proj = nn.Linear(DIM, 3 * DIM), nn.Linear(DIM, DIM)
        self.up, self.down = nn.Linear(DIM, 4 * DIM), nn.Linear(4 * DIM, DIM)

    def attend(self, x, past):
        b, t, _ = x.shape
        heads = [z.reshape(b, t, HEADS, DIM // HEADS).permute(0, 2, 1, 3) for z in self.qkv(self.norm1(x)).chunk(3, -1)]
        q, k, v = heads
        if past is not None:
            k, v = torch.cat([past[0], k], 2), torch.cat([past[1], v], 2)
        scores = q @ k.transpose(2, 3) / math.sqrt(DIM // HEADS)
        if t > 1:
            scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float('-inf'))
        out = (scores.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(b, t, DIM)
        return self.proj(out), (k, v)

    def forward(self, x, past=None):
        a, present = self.attend(x, past)
        x = x + a
        return x + self.down(F.gelu(self.up(self.norm2(x)), approximate='tanh')), present


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.tok, self.pos = nn.Embedding(VOCAB, DIM), nn.Embedding(CONTEXT, DIM)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.norm, self.head = nn.LayerNorm(DIM), nn.Linear(DIM, VOCAB, bias=False)

    def forward(self, ids, pasts=None, start=0):
        x = self.tok(ids) + self.pos(torch.arange(start, start + ids.shape[1]))
        presents = []
        for i, layer in enumerate(self.layers):
            x, present = layer(x, None if pasts is None else pasts[i])
            presents.append(present)
        return self.head(self.norm(x)), presents


def train_tokens_per_second(model):
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    times = []
    for step in range(STEPS + 2):
        x = torch.randint(0, VOCAB, (BATCH, CONTEXT))
        y = torch.randint(0, VOCAB, (BATCH, CONTEXT))
        start = time.perf_counter()
        logits, _ = model(x)
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        loss.item()
        if step >= 2:
            times.append(time.perf_counter() - start)
    return BATCH * CONTEXT / statistics.median(times)


@torch.no_grad()
def generate_tokens_per_second(model, new_tokens=64, prompt=32, batch=1):
    ids = torch.randint(0, VOCAB, (batch, prompt))
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        logits, pasts = model(ids)
        nxt = logits[:, -1].argmax(-1, keepdim=True)
        for i in range(1, new_tokens):
            logits, pasts = model(nxt, pasts, prompt + i - 1)
            nxt = logits[:, -1].argmax(-1, keepdim=True)
        runs.append(time.perf_counter() - start)
    return batch * new_tokens / statistics.median(runs)


torch.manual_seed(0)
net = Decoder()
print(json.dumps({
    'pytorchTokensPerSecond': round(train_tokens_per_second(net), 1),
    'pytorchGenTokensPerSecond': round(generate_tokens_per_second(net), 1),
    'threads': torch.get_num_threads(),
    'torch': torch.__version__,
}))
