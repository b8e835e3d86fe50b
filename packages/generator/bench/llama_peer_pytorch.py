#!/usr/bin/env python3
"""PyTorch peer of bench/llama.mts: the same Llama-shaped model (read from the HF folder GIRL wrote), the
same training step (cross-entropy, AdamW) on the same [B, T] batch, and greedy KV-cache decoding.

  python3 bench/llama_peer_pytorch.py <hf-dir> <threads> <batch> <seq> <steps> <prompt> <new>
Prints one JSON line: trainTokensPerSecond, generateTokensPerSecond.
"""
import json
import math
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "scripts", "parity"))
from reference import load_weights, rms, rope_inv_freq  # noqa: E402

torch.set_grad_enabled(True)  # reference.py turns autograd off for its forward checks

d, threads, B, T, steps, P, N = sys.argv[1], *map(int, sys.argv[2:8])
torch.set_num_threads(threads)
cfg = json.load(open(f"{d}/config.json"))
w = {k: v.clone().requires_grad_(True) for k, v in load_weights(d).items()}
C, H, K, L = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["num_hidden_layers"]
D = cfg.get("head_dim") or C // H
eps = cfg["rms_norm_eps"]
inv = rope_inv_freq(cfg, D)


def forward(ids, cache=None, past=0):
    """Logits [B, t, V]; with `cache` (a list of (k, v) per layer) it is read and extended."""
    b, t = ids.shape
    freqs = torch.arange(past, past + t).float()[:, None] * inv[None, :]
    emb = torch.cat([freqs, freqs], dim=-1)
    cos, sin = emb.cos()[None, None], emb.sin()[None, None]
    rot = lambda x: torch.cat([-x[..., D // 2:], x[..., :D // 2]], dim=-1)  # noqa: E731
    x = w["model.embed_tokens.weight"][ids]
    for l in range(L):
        p = f"model.layers.{l}"
        a = rms(x, w[p + ".input_layernorm.weight"], eps)
        q = (a @ w[p + ".self_attn.q_proj.weight"].T).view(b, t, H, D).transpose(1, 2)
        k = (a @ w[p + ".self_attn.k_proj.weight"].T).view(b, t, K, D).transpose(1, 2)
        v = (a @ w[p + ".self_attn.v_proj.weight"].T).view(b, t, K, D).transpose(1, 2)
        q, k = q * cos + rot(q) * sin, k * cos + rot(k) * sin
        if cache is not None:
            if len(cache) > l:
                k, v = torch.cat([cache[l][0], k], 2), torch.cat([cache[l][1], v], 2)
                cache[l] = (k, v)
            else:
                cache.append((k, v))
        k, v = k.repeat_interleave(H // K, 1), v.repeat_interleave(H // K, 1)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(D)
        tk = k.shape[2]
        if t > 1:
            att = att.masked_fill(torch.triu(torch.ones(t, tk, dtype=torch.bool), tk - t + 1), float("-inf"))
        y = (torch.softmax(att, -1) @ v).transpose(1, 2).reshape(b, t, H * D)
        x = x + y @ w[p + ".self_attn.o_proj.weight"].T
        m = rms(x, w[p + ".post_attention_layernorm.weight"], eps)
        x = x + (torch.nn.functional.silu(m @ w[p + ".mlp.gate_proj.weight"].T) * (m @ w[p + ".mlp.up_proj.weight"].T)) @ w[p + ".mlp.down_proj.weight"].T
    x = rms(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if cfg.get("tie_word_embeddings") else w["lm_head.weight"]
    return x @ head.T


g = torch.Generator().manual_seed(0)
V = cfg["vocab_size"]
ids = torch.randint(0, V, (B, T + 1), generator=g)
opt = torch.optim.AdamW(list(w.values()), lr=1e-3, weight_decay=0.0)
times = []
for s in range(steps + 2):
    t0 = time.perf_counter()
    logits = forward(ids[:, :-1])
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), ids[:, 1:].reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    if s >= 2:
        times.append(time.perf_counter() - t0)
train_tps = B * T / (sum(times) / len(times))

with torch.no_grad():
    prompt = torch.randint(0, V, (1, P), generator=g)
    cache = []
    t0 = time.perf_counter()
    nxt = forward(prompt, cache, 0)[:, -1].argmax(-1, keepdim=True)
    for i in range(N - 1):
        nxt = forward(nxt, cache, P + i)[:, -1].argmax(-1, keepdim=True)
    gen_tps = N / (time.perf_counter() - t0)
print(json.dumps({"torch": torch.__version__, "threads": threads, "trainTokensPerSecond": round(train_tps, 1), "generateTokensPerSecond": round(gen_tps, 1)}))
