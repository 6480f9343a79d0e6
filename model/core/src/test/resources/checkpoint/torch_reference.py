#!/usr/bin/python3
"""A small M3ViT written in PyTorch from M3VIT-REFERENCE.md (not from the published code), used to
write REAL torch.save checkpoints in the training code's layout and the PyTorch forward outputs
that our Java network must reproduce.

Usage: /usr/bin/python3 torch_reference.py OUT_DIR [CONFIG_JSON [--no-outputs]]
(CONFIG_JSON: another config in our schema, e.g. a full-size one for timing the importer;
--no-outputs: skip weights.f32, the input and the forward pass)
Writes into OUT_DIR:
  config.json             the model's config in our ModelConfig JSON schema
  checkpoint.pth          one file: {'epoch','backbone','state_dict' ('module.' keys),'best_result','optimizer'}
  checkpoint-protocol4.pth  the same, pickled with protocol 4 (STACK_GLOBAL, MEMOIZE, FRAME opcodes)
  ranks/0.pth, ranks/1.pth  the same split over 2 "GPU ranks": rank 0 holds everything but only experts 0..1,
                          rank 1 holds experts 2..3 (stored as views, so rank 1's tensors have a storage offset)
  weights.f32             every tensor of the state_dict (minus training-only keys), names sorted, raw float32 LE
  input.f32               one normalised 3xHxW input, raw float32 LE
  output-<task>.f32       PyTorch's raw head output for that task, CxHxW float32 LE
Needs torch (Debian: apt-get install python3-torch) and numpy.
"""
import json
import math
import os
import sys
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIG = {
    "name": "torch-reference-tiny",
    "imageHeight": 32, "imageWidth": 48, "patchSize": 16,
    "embedDim": 8, "depth": 4, "numHeads": 2, "mlpHidden": 32,
    "moeBlocks": [1, 3], "numExperts": 4, "topK": 2, "expertHidden": 16,
    "headChannels": 4,
    "tasks": [
        {"name": "semseg", "kind": "SEGMENTATION", "channels": 3, "labels": []},
        {"name": "depth", "kind": "DEPTH", "channels": 1, "labels": []},
    ],
    "description": "tiny M3ViT written in PyTorch from the reference maths (test fixture)",
}


class SelfAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        n, d = x.shape[1], x.shape[2]
        hd = d // self.heads
        q, k, v = self.qkv(x).reshape(x.shape[0], n, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        weights = torch.softmax((q @ k.transpose(-1, -2)) * hd ** -0.5, dim=-1)
        return self.proj((weights @ v).transpose(1, 2).reshape(x.shape[0], n, d))


class DenseMlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x, task):
        return self.fc2(F.gelu(self.fc1(x)))


class StackedLinear(nn.Module):
    """E linear layers stored as one (E, out, in) weight and (E, out) bias."""

    def __init__(self, experts, fan_in, fan_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(experts, fan_out, fan_in))
        self.bias = nn.Parameter(torch.zeros(experts, fan_out))

    def forward(self, x, e):
        return x @ self.weight[e].t() + self.bias[e]


class ExpertBank(nn.Module):
    def __init__(self, experts, dim, hidden):
        super().__init__()
        self.htoh4 = StackedLinear(experts, dim, hidden)
        self.h4toh = StackedLinear(experts, hidden, dim)

    def forward(self, x, e):
        return self.h4toh(F.gelu(self.htoh4(x, e)), e)


class TaskGate(nn.Module):
    def __init__(self, dim, experts):
        super().__init__()
        self.w_gate = nn.Parameter(torch.zeros(dim, experts))


class MoeMlp(nn.Module):
    """One gate per task; softmax over all experts, top-k, weights not renormalised."""

    def __init__(self, dim, hidden, experts, tasks, k):
        super().__init__()
        self.k = k
        self.gate = nn.ModuleList([TaskGate(dim, experts) for _ in range(tasks)])
        self.experts = ExpertBank(experts, dim, hidden)

    def forward(self, x, task):
        flat = x.reshape(-1, x.shape[-1])
        probs = torch.softmax(flat @ self.gate[task].w_gate, dim=-1)
        top_p, top_e = probs.topk(self.k, dim=-1)
        out = torch.zeros_like(flat)
        for slot in range(self.k):
            for e in range(self.gate[task].w_gate.shape[1]):
                rows = (top_e[:, slot] == e).nonzero(as_tuple=True)[0]
                if rows.numel():
                    out[rows] += top_p[rows, slot:slot + 1] * self.experts(flat[rows], e)
        return out.reshape(x.shape)


class Block(nn.Module):
    def __init__(self, c, index):
        super().__init__()
        d = c["embedDim"]
        self.norm1 = nn.LayerNorm(d, eps=1e-6)
        self.attn = SelfAttention(d, c["numHeads"])
        self.norm2 = nn.LayerNorm(d, eps=1e-6)
        if index in c["moeBlocks"]:
            self.mlp = MoeMlp(d, c["expertHidden"], c["numExperts"], len(c["tasks"]), c["topK"])
        else:
            self.mlp = DenseMlp(d, c["mlpHidden"])

    def forward(self, x, task):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x), task)


class PatchEmbed(nn.Module):
    def __init__(self, patch, dim):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, patch, stride=patch)


class Backbone(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["embedDim"]
        patches = (c["imageHeight"] // c["patchSize"]) * (c["imageWidth"] // c["patchSize"])
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d))
        self.pos_embed = nn.Parameter(torch.zeros(1, patches + 1, d))
        self.patch_embed = PatchEmbed(c["patchSize"], d)
        self.blocks = nn.ModuleList([Block(c, b) for b in range(c["depth"])])

    def forward(self, img, task):
        x = self.patch_embed.proj(img).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        for block in self.blocks:
            x = block(x, task)
        return x


class UpHead(nn.Module):
    def __init__(self, dim, channels, outputs):
        super().__init__()
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        for i in range(4):
            setattr(self, "conv_%d" % i, nn.Conv2d(dim if i == 0 else channels, channels, 3, padding=1))
            setattr(self, "syncbn_fc_%d" % i, nn.BatchNorm2d(channels))
        self.conv_4 = nn.Conv2d(channels, outputs, 1)

    def forward(self, tokens, gh, gw):
        x = self.norm(tokens[:, 1:])
        x = x.transpose(1, 2).reshape(x.shape[0], x.shape[2], gh, gw)
        for i in range(4):
            x = F.relu(getattr(self, "syncbn_fc_%d" % i)(getattr(self, "conv_%d" % i)(x)))
            if i < 3:
                x = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
        return F.interpolate(self.conv_4(x), scale_factor=2, mode="bilinear", align_corners=False)


class TinyM3vit(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.backbone = Backbone(c)
        self.decoders = nn.ModuleDict(
            {t["name"]: UpHead(c["embedDim"], c["headChannels"], t["channels"]) for t in c["tasks"]})

    def forward(self, img, task_name):
        task = [t["name"] for t in self.c["tasks"]].index(task_name)
        tokens = self.backbone(img, task)
        return self.decoders[task_name](tokens, self.c["imageHeight"] // self.c["patchSize"],
                                        self.c["imageWidth"] // self.c["patchSize"])


def initialise(model):
    """Random weights of a sensible scale, BatchNorm statistics that are not the identity."""
    g = torch.Generator().manual_seed(1234)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("w_gate"):
                p.copy_(torch.randn(p.shape, generator=g))
            elif "norm" in name or "syncbn" in name:
                p.copy_((1.0 if name.endswith("weight") else 0.0) + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith("bias"):
                p.copy_(0.1 * torch.randn(p.shape, generator=g))
            else:
                fan_in = p[0].numel() if p.dim() > 1 else p.shape[-1]
                if p.dim() == 3 and "experts" in name:
                    fan_in = p.shape[2]
                p.copy_(torch.randn(p.shape, generator=g) / math.sqrt(fan_in))
        for name, b in model.named_buffers():
            if name.endswith("running_mean"):
                b.copy_(0.2 * torch.randn(b.shape, generator=g))
            elif name.endswith("running_var"):
                b.copy_(0.5 + torch.rand(b.shape, generator=g))
            elif name.endswith("num_batches_tracked"):
                b.fill_(321)
    return g


def training_only(name):
    return name.endswith("num_batches_tracked") or any(part.startswith("tam_model") for part in name.split("."))


def checkpoint(state, epoch=7):
    return {
        "epoch": epoch,
        "backbone": "VisionTransformer_moe",
        "state_dict": state,
        "best_result": {"semseg": {"mIoU": np.float64(0.25)}},
        "optimizer": {"state": {}, "param_groups": [{"lr": 2e-5, "weight_decay": 1e-6, "params": [0, 1, 2]}]},
    }


def main(out, config, outputs):
    os.makedirs(os.path.join(out, "ranks"), exist_ok=True)
    model = TinyM3vit(config).eval()
    g = initialise(model)
    state = model.state_dict()
    wrapped = OrderedDict(("module." + k, v) for k, v in state.items())
    wrapped["module.tam_model.aux.weight"] = torch.zeros(2, 3)
    torch.save(checkpoint(wrapped), os.path.join(out, "checkpoint.pth"))
    torch.save(checkpoint(wrapped), os.path.join(out, "checkpoint-protocol4.pth"), pickle_protocol=4)

    world = 2
    for rank in range(world):
        part = OrderedDict()
        for k, v in state.items():
            if ".mlp.experts." in k:
                per = v.shape[0] // world
                part["module." + k] = v[rank * per:(rank + 1) * per]  # a view: rank 1's has a storage offset
            elif rank == 0:
                part["module." + k] = v
        if rank == 0:
            part["module.tam_model.aux.weight"] = torch.zeros(2, 3)
        torch.save(checkpoint(part), os.path.join(out, "ranks", "%d.pth" % rank))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    if not outputs:
        return

    with open(os.path.join(out, "weights.f32"), "wb") as f:
        for k in sorted(k for k in state if not training_only(k)):
            f.write(state[k].detach().contiguous().numpy().astype("<f4").tobytes())

    img = torch.randn(1, 3, config["imageHeight"], config["imageWidth"], generator=g)
    img.numpy().astype("<f4").tofile(os.path.join(out, "input.f32"))
    with torch.no_grad():
        for t in config["tasks"]:
            model(img, t["name"])[0].numpy().astype("<f4").tofile(os.path.join(out, "output-%s.f32" % t["name"]))


if __name__ == "__main__":
    chosen = CONFIG
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            chosen = json.load(f)
    main(sys.argv[1], chosen, "--no-outputs" not in sys.argv)
