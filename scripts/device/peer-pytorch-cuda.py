"""PyTorch CUDA peer of the webgpu benchmark (packages/tensor/bench/webgpu-config.mts), for run-gpu.sh.

The same pre-LN GPT-2 decoder as bench/reference-decoder.ts (tanh GELU, untied head, AdamW lr 3e-4), in two
shapes: `reference` (vocab 2000, context 128, d 128, 4 layers, 4 heads, batch 8) and `base` (GPT-2 small:
vocab 50257, context 1024, d 768, 12 layers, 12 heads, batch 8). Training tokens/s in eager fp32 and with
bf16 autocast; greedy generation tokens/s with a KV cache (batch 1, 32-token prompt, 64 new tokens).
Prints ONE JSON line. Usage: python3 peer-pytorch-cuda.py [steps] [shapes, comma-separated]
NOT RUN YET (written 2026-11-29 without a GPU machine).
"""
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
SHAPES = {
    'reference': dict(vocab=2000, context=128, dim=128, layers=4, heads=4, batch=8),
    'base': dict(vocab=50257, context=1024, dim=768, layers=12, heads=12, batch=8),
}
WANTED = (sys.argv[2] if len(sys.argv) > 2 else 'reference,base').split(',')
dev = torch.device('cuda')


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.up, self.down = nn.Linear(dim, 4 * dim), nn.Linear(4 * dim, dim)

    def forward(self, x, past=None):
        b, t, c = x.shape
        q, k, v = [z.reshape(b, t, self.heads, c // self.heads).transpose(1, 2) for z in self.qkv(self.ln1(x)).chunk(3, -1)]
        if past is not None:
            k, v = torch.cat([past[0], k], 2), torch.cat([past[1], v], 2)
        s = q @ k.transpose(2, 3) / math.sqrt(c // self.heads)
        if t > 1:
            s = s.masked_fill(torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1), float('-inf'))
        x = x + self.proj((s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, c))
        return x + self.down(F.gelu(self.up(self.ln2(x)), approximate='tanh')), (k, v)


class Decoder(nn.Module):
    def __init__(self, vocab, context, dim, layers, heads, **_):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, dim), nn.Embedding(context, dim)
        self.blocks = nn.ModuleList(Block(dim, heads) for _ in range(layers))
        self.ln, self.head = nn.LayerNorm(dim), nn.Linear(dim, vocab, bias=False)

    def forward(self, ids, pasts=None, start=0):
        x = self.tok(ids) + self.pos(torch.arange(start, start + ids.shape[1], device=ids.device))
        presents = []
        for i, blk in enumerate(self.blocks):
            x, p = blk(x, None if pasts is None else pasts[i])
            presents.append(p)
        return self.head(self.ln(x)), presents


def train_tps(cfg, bf16):
    torch.manual_seed(0)
    model = Decoder(**cfg).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    times, loss = [], float('nan')
    for step in range(STEPS + 2):
        x = torch.randint(0, cfg['vocab'], (cfg['batch'], cfg['context']), device=dev)
        y = torch.randint(0, cfg['vocab'], (cfg['batch'], cfg['context']), device=dev)
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        with torch.autocast('cuda', dtype=torch.bfloat16, enabled=bf16):
            logits, _ = model(x)
            l = F.cross_entropy(logits.float().reshape(-1, cfg['vocab']), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        l.backward()
        opt.step()
        loss = l.item()  # one sync per step, as the webgpu benchmark reads its loss
        if step >= 2:
            times.append(time.perf_counter() - t0)
    return round(cfg['batch'] * cfg['context'] / statistics.median(times), 1), round(loss, 4)


@torch.no_grad()
def gen_tps(cfg, new_tokens=64, prompt=32):
    torch.manual_seed(0)
    model = Decoder(**cfg).to(dev).eval()
    ids = torch.randint(0, cfg['vocab'], (1, prompt), device=dev)
    runs = []
    for _ in range(3):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        logits, pasts = model(ids)
        nxt = logits[:, -1].argmax(-1, keepdim=True)
        for i in range(1, new_tokens):
            logits, pasts = model(nxt, pasts, prompt + i - 1)
            nxt = logits[:, -1].argmax(-1, keepdim=True)
            nxt.item()  # read the chosen id each step, as generation must
        runs.append(time.perf_counter() - t0)
    return round(new_tokens / statistics.median(runs), 1)


result = {'torch': torch.__version__, 'device': torch.cuda.get_device_name(0), 'steps': STEPS}
for name in WANTED:
    cfg = SHAPES[name]
    fp32, loss32 = train_tps(cfg, False)
    bf16, _ = train_tps(cfg, True)
    result[name] = {'trainTokensPerSecondFp32': fp32, 'trainTokensPerSecondBf16': bf16, 'finalLossFp32': loss32, 'genTokensPerSecond': gen_tps(cfg)}
print(json.dumps(result))
