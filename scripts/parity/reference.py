#!/usr/bin/env python3
"""PyTorch side of `npm run parity`: builds random-weight Hugging Face folders and runs their forward.

Uses transformers' own classes when `import transformers` works; otherwise a reference forward written
here from the published architectures (GPT-2; Llama / Qwen2 / Qwen3 / Mistral), on plain PyTorch.

  python3 scripts/parity/reference.py info
  python3 scripts/parity/reference.py make <config.json> <out-dir> <seed>
  python3 scripts/parity/reference.py forward <dir> <request.json> <out.json>
  python3 scripts/parity/reference.py score <dir> <request.json> <out.json>   (a ForSequenceClassification folder)

`forward` reads {"ids": [[...]], "prompts": [[...]], "newTokens": n} and writes {"logits": [...], "shape":
[B, T, V], "greedy": [[...]]}: logits of `ids`, and greedy continuations of each prompt (no cache).
"""
import json
import math
import struct
import sys

import numpy as np
import torch

try:  # transformers when available (a GPU machine); else the reference below
    import transformers
    from transformers import AutoConfig, AutoModelForCausalLM
except Exception:  # noqa: BLE001 - any import failure means "not available"
    transformers = None

torch.set_grad_enabled(False)

# ---------------------------------------------------------------------------- safetensors (F32/F16/BF16)

def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        raw = data[8 + n + b:8 + n + e]
        dt = info["dtype"]
        if dt == "F32":
            arr = np.frombuffer(raw, dtype="<f4").copy()
        elif dt == "F16":
            arr = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif dt == "BF16":
            arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise SystemExit(f"{path}: tensor {name} has dtype {dt}; the reference reads F32/F16/BF16")
        out[name] = torch.from_numpy(arr.reshape(info["shape"]))
    return out


def write_safetensors(path, tensors):
    header, chunks, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        raw = tensors[name].detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for c in chunks:
            f.write(c)

# ---------------------------------------------------------------------------- reference forward: GPT-2

def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def causal_attention(q, k, v):
    """q, k, v: [B, H, T, D] -> [B, H, T, D], scale 1/sqrt(D), causal."""
    t = q.shape[2]
    att = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    mask = torch.triu(torch.ones(t, t, dtype=torch.bool), 1)
    att = att.masked_fill(mask, float("-inf"))
    return torch.softmax(att, dim=-1) @ v


def gpt2_logits(cfg, w, ids, head=True):
    g = lambda n: w[n] if n in w else w["transformer." + n]  # noqa: E731
    C, H = cfg["n_embd"], cfg["n_head"]
    eps = cfg.get("layer_norm_epsilon", 1e-5)
    B, T = ids.shape
    x = g("wte.weight")[ids] + g("wpe.weight")[torch.arange(T)][None]
    ln = lambda x, p: torch.nn.functional.layer_norm(x, (C,), g(p + ".weight"), g(p + ".bias"), eps)  # noqa: E731
    for l in range(cfg["n_layer"]):
        p = f"h.{l}"
        a = ln(x, p + ".ln_1")
        qkv = a @ g(p + ".attn.c_attn.weight") + g(p + ".attn.c_attn.bias")
        q, k, v = [z.view(B, T, H, C // H).transpose(1, 2) for z in qkv.split(C, dim=-1)]
        y = causal_attention(q, k, v).transpose(1, 2).reshape(B, T, C)
        x = x + y @ g(p + ".attn.c_proj.weight") + g(p + ".attn.c_proj.bias")
        m = ln(x, p + ".ln_2")
        x = x + gelu_new(m @ g(p + ".mlp.c_fc.weight") + g(p + ".mlp.c_fc.bias")) @ g(p + ".mlp.c_proj.weight") + g(p + ".mlp.c_proj.bias")
    x = ln(x, "ln_f")
    if not head:
        return x
    out = w["lm_head.weight"] if not cfg.get("tie_word_embeddings", True) else g("wte.weight")
    return x @ out.T

# ---------------------------------------------------------------------------- reference forward: Llama family

def rope_inv_freq(cfg, d):
    base = cfg.get("rope_theta", 10000.0)
    inv = 1.0 / (base ** (torch.arange(0, d, 2, dtype=torch.int64).float() / d))
    s = cfg.get("rope_scaling") or {}
    kind = s.get("rope_type", s.get("type", "default"))
    if kind == "linear":
        inv = inv / s["factor"]
    elif kind == "llama3":
        factor, lo, hi, old = s["factor"], s["low_freq_factor"], s["high_freq_factor"], s["original_max_position_embeddings"]
        wavelen = 2 * math.pi / inv
        out = torch.where(wavelen > old / lo, inv / factor, inv)
        smooth = (old / wavelen - lo) / (hi - lo)
        smoothed = (1 - smooth) * out / factor + smooth * out
        medium = ~(wavelen < old / hi) & ~(wavelen > old / lo)
        inv = torch.where(medium, smoothed, out)
    elif kind != "default":
        raise SystemExit(f"rope_scaling type {kind} not in the reference")
    return inv


def rms(x, weight, eps):
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def llama_logits(cfg, w, ids, head=True):
    mt = cfg["model_type"]
    C, H = cfg["hidden_size"], cfg["num_attention_heads"]
    K = cfg.get("num_key_value_heads", H)
    D = C // H if mt == "qwen2" else (cfg.get("head_dim") or C // H)
    eps = cfg["rms_norm_eps"]
    B, T = ids.shape
    inv = rope_inv_freq(cfg, D)
    freqs = torch.arange(T).float()[:, None] * inv[None, :]
    emb = torch.cat([freqs, freqs], dim=-1)
    cos, sin = emb.cos()[None, None], emb.sin()[None, None]  # [1, 1, T, D]
    rot = lambda x: torch.cat([-x[..., D // 2:], x[..., :D // 2]], dim=-1)  # noqa: E731
    lin = lambda x, n: x @ w[n + ".weight"].T + (w[n + ".bias"] if n + ".bias" in w else 0)  # noqa: E731
    x = w["model.embed_tokens.weight"][ids]
    for l in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{l}"
        a = rms(x, w[p + ".input_layernorm.weight"], eps)
        q = lin(a, p + ".self_attn.q_proj").view(B, T, H, D)
        k = lin(a, p + ".self_attn.k_proj").view(B, T, K, D)
        v = lin(a, p + ".self_attn.v_proj").view(B, T, K, D)
        if mt == "qwen3":
            q = rms(q, w[p + ".self_attn.q_norm.weight"], eps)
            k = rms(k, w[p + ".self_attn.k_norm.weight"], eps)
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        q, k = q * cos + rot(q) * sin, k * cos + rot(k) * sin
        k, v = k.repeat_interleave(H // K, dim=1), v.repeat_interleave(H // K, dim=1)
        y = causal_attention(q, k, v).transpose(1, 2).reshape(B, T, H * D)
        x = x + lin(y, p + ".self_attn.o_proj")
        m = rms(x, w[p + ".post_attention_layernorm.weight"], eps)
        g = lin(m, p + ".mlp.gate_proj")
        x = x + lin(torch.nn.functional.silu(g) * lin(m, p + ".mlp.up_proj"), p + ".mlp.down_proj")
    x = rms(x, w["model.norm.weight"], eps)
    if not head:
        return x
    out = w["model.embed_tokens.weight"] if cfg.get("tie_word_embeddings", False) else w["lm_head.weight"]
    return x @ out.T

# ---------------------------------------------------------------------------- folders

def load_weights(d):
    import os
    if os.path.exists(f"{d}/model.safetensors"):
        return read_safetensors(f"{d}/model.safetensors")
    with open(f"{d}/model.safetensors.index.json") as f:
        shards = sorted(set(json.load(f)["weight_map"].values()))
    w = {}
    for s in shards:
        w.update(read_safetensors(f"{d}/{s}"))
    return w


def randomise(named, gen):
    """Weights N(0, 0.08), norms 1 + N(0, 0.1), biases N(0, 0.1): logits well apart, every piece used."""
    out = {}
    for name, shape in named:
        if name.endswith("bias"):
            out[name] = torch.randn(shape, generator=gen) * 0.1
        elif len(shape) == 1:
            out[name] = 1 + torch.randn(shape, generator=gen) * 0.1
        else:
            out[name] = torch.randn(shape, generator=gen) * 0.08
    return out


def make(config_path, out_dir, seed):
    import os
    with open(config_path) as f:
        cfg = json.load(f)
    os.makedirs(out_dir, exist_ok=True)
    gen = torch.Generator().manual_seed(int(seed))
    if transformers is not None:
        config = AutoConfig.for_model(**cfg)
        model = AutoModelForCausalLM.from_config(config).float()
        state = randomise([(n, tuple(t.shape)) for n, t in model.state_dict().items() if t.is_floating_point() and not n.endswith("attn.bias") and not n.endswith("masked_bias") and "inv_freq" not in n], gen)
        model.load_state_dict(state, strict=False)
        model.save_pretrained(out_dir, safe_serialization=True)
        return
    shapes = reference_shapes(cfg)
    write_safetensors(f"{out_dir}/model.safetensors", randomise(shapes, gen))
    with open(f"{out_dir}/config.json", "w") as f:
        json.dump(cfg, f, indent=2)


def reference_shapes(cfg):
    V = cfg["vocab_size"]
    if cfg["model_type"] == "gpt2":
        C, L, T = cfg["n_embd"], cfg["n_layer"], cfg["n_positions"]
        F = cfg.get("n_inner") or 4 * C
        s = [("transformer.wte.weight", (V, C)), ("transformer.wpe.weight", (T, C))]
        for l in range(L):
            p = f"transformer.h.{l}"
            s += [(p + ".ln_1.weight", (C,)), (p + ".ln_1.bias", (C,)), (p + ".attn.c_attn.weight", (C, 3 * C)), (p + ".attn.c_attn.bias", (3 * C,)),
                  (p + ".attn.c_proj.weight", (C, C)), (p + ".attn.c_proj.bias", (C,)), (p + ".ln_2.weight", (C,)), (p + ".ln_2.bias", (C,)),
                  (p + ".mlp.c_fc.weight", (C, F)), (p + ".mlp.c_fc.bias", (F,)), (p + ".mlp.c_proj.weight", (F, C)), (p + ".mlp.c_proj.bias", (C,))]
        s += [("transformer.ln_f.weight", (C,)), ("transformer.ln_f.bias", (C,))]
        if not cfg.get("tie_word_embeddings", True):
            s.append(("lm_head.weight", (V, C)))
        return s
    mt = cfg["model_type"]
    C, H, L, F = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_hidden_layers"], cfg["intermediate_size"]
    K = cfg.get("num_key_value_heads", H)
    D = C // H if mt == "qwen2" else (cfg.get("head_dim") or C // H)
    bias_qkv = mt == "qwen2" or cfg.get("attention_bias", False)
    s = [("model.embed_tokens.weight", (V, C))]
    for l in range(L):
        p = f"model.layers.{l}"
        s += [(p + ".input_layernorm.weight", (C,)), (p + ".self_attn.q_proj.weight", (H * D, C)), (p + ".self_attn.k_proj.weight", (K * D, C)),
              (p + ".self_attn.v_proj.weight", (K * D, C)), (p + ".self_attn.o_proj.weight", (C, H * D)), (p + ".post_attention_layernorm.weight", (C,)),
              (p + ".mlp.gate_proj.weight", (F, C)), (p + ".mlp.up_proj.weight", (F, C)), (p + ".mlp.down_proj.weight", (C, F))]
        if bias_qkv:
            s += [(p + ".self_attn.q_proj.bias", (H * D,)), (p + ".self_attn.k_proj.bias", (K * D,)), (p + ".self_attn.v_proj.bias", (K * D,))]
        if mt != "qwen2" and cfg.get("attention_bias", False):
            s.append((p + ".self_attn.o_proj.bias", (C,)))
        if mt == "qwen3":
            s += [(p + ".self_attn.q_norm.weight", (D,)), (p + ".self_attn.k_norm.weight", (D,))]
    s.append(("model.norm.weight", (C,)))
    if not cfg.get("tie_word_embeddings", False):
        s.append(("lm_head.weight", (V, C)))
    return s


def forward(d, request_path, out_path):
    with open(f"{d}/config.json") as f:
        cfg = json.load(f)
    with open(request_path) as f:
        req = json.load(f)
    if transformers is not None:
        model, info = AutoModelForCausalLM.from_pretrained(d, torch_dtype=torch.float32, attn_implementation="eager", output_loading_info=True)
        bad = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
        if bad:
            raise SystemExit(f"{d}: transformers loaded it with {bad}")
        model.eval()
        logits_of = lambda ids: model(ids).logits  # noqa: E731
    else:
        w = load_weights(d)
        fn = gpt2_logits if cfg["model_type"] == "gpt2" else llama_logits
        logits_of = lambda ids: fn(cfg, w, ids)  # noqa: E731
    ids = torch.tensor(req["ids"], dtype=torch.long)
    logits = logits_of(ids).float()
    greedy = []
    for prompt in req["prompts"]:
        seq = list(prompt)
        for _ in range(req["newTokens"]):
            seq.append(int(logits_of(torch.tensor([seq]))[0, -1].argmax()))
        greedy.append(seq[len(prompt):])
    with open(out_path, "w") as f:
        json.dump({"logits": logits.reshape(-1).tolist(), "shape": list(logits.shape), "greedy": greedy}, f)


def score(d, request_path, out_path):
    """Sequence classification (num_labels 1): the score of each unpadded row's last token."""
    with open(f"{d}/config.json") as f:
        cfg = json.load(f)
    with open(request_path) as f:
        rows = json.load(f)["rows"]
    if transformers is not None:
        from transformers import AutoModelForSequenceClassification
        model, info = AutoModelForSequenceClassification.from_pretrained(d, torch_dtype=torch.float32, attn_implementation="eager", output_loading_info=True)
        bad = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
        if bad:
            raise SystemExit(f"{d}: transformers loaded it with {bad}")
        model.eval()
        scores = [float(model(torch.tensor([r])).logits[0, 0]) for r in rows]
    else:
        w = load_weights(d)
        fn = gpt2_logits if cfg["model_type"] == "gpt2" else llama_logits
        scores = [float(fn(cfg, w, torch.tensor([r]), head=False)[0, -1] @ w["score.weight"][0]) for r in rows]
    with open(out_path, "w") as f:
        json.dump({"scores": scores}, f)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "info"
    if cmd == "info":
        print(json.dumps({"torch": torch.__version__, "transformers": transformers.__version__ if transformers else None}))
    elif cmd == "make":
        make(*sys.argv[2:5])
    elif cmd == "forward":
        forward(*sys.argv[2:5])
    elif cmd == "score":
        score(*sys.argv[2:5])
    else:
        raise SystemExit(f"unknown command {cmd}; use info, make or forward")
