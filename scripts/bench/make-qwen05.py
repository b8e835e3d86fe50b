#!/usr/bin/env python3
"""A Qwen2.5-0.5B-shaped checkpoint with random BF16 weights (494 M parameters, ~1 GB), written tensor by
tensor, for the streaming-load benchmark: /usr/bin/python3 scripts/bench/make-qwen05.py <out-dir>"""
import json, struct, sys, torch
out = sys.argv[1]
import os; os.makedirs(out, exist_ok=True)
cfg = {"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "vocab_size": 151936, "hidden_size": 896, "intermediate_size": 4864,
       "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2, "hidden_act": "silu", "max_position_embeddings": 32768,
       "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "rope_scaling": None, "tie_word_embeddings": True, "use_sliding_window": False, "torch_dtype": "bfloat16"}
json.dump(cfg, open(f"{out}/config.json", "w"), indent=2)
C, F, H, K, D, V = 896, 4864, 14, 2, 64, 151936
shapes = [("model.embed_tokens.weight", (V, C)), ("model.norm.weight", (C,))]
for l in range(24):
    p = f"model.layers.{l}"
    shapes += [(p+".input_layernorm.weight", (C,)), (p+".post_attention_layernorm.weight", (C,)),
               (p+".self_attn.q_proj.weight", (H*D, C)), (p+".self_attn.q_proj.bias", (H*D,)),
               (p+".self_attn.k_proj.weight", (K*D, C)), (p+".self_attn.k_proj.bias", (K*D,)),
               (p+".self_attn.v_proj.weight", (K*D, C)), (p+".self_attn.v_proj.bias", (K*D,)),
               (p+".self_attn.o_proj.weight", (C, H*D)),
               (p+".mlp.gate_proj.weight", (F, C)), (p+".mlp.up_proj.weight", (F, C)), (p+".mlp.down_proj.weight", (C, F))]
header, off = {"__metadata__": {"format": "pt"}}, 0
for n, s in shapes:
    nb = 2
    for d in s: nb *= d
    header[n] = {"dtype": "BF16", "shape": list(s), "data_offsets": [off, off + nb]}; off += nb
h = json.dumps(header).encode(); h += b" " * ((8 - len(h) % 8) % 8)
g = torch.Generator().manual_seed(0)
with open(f"{out}/model.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(h))); f.write(h)
    for n, s in shapes:
        t = (torch.randn(s, generator=g) * 0.02).bfloat16() if len(s) == 2 else torch.ones(s).bfloat16()
        f.write(t.view(torch.int16).numpy().tobytes())
print("params", sum(__import__("math").prod(s) for _, s in shapes), "bytes", off)
