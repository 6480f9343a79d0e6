#!/usr/bin/python3
"""PyTorch eager peer of ONE training step of our Java trainer (Trainer.step), as a speed reference.

The network is the M3ViT of shared/M3VIT-REFERENCE.md built from our model config JSON, with the
checkpoint's parameter names (backbone.blocks.N..., decoders.<task>...), so our safetensors
weights load by name. One step: for each task in config order, the whole batch runs through the
backbone with that task's gates and through its head; loss = sum over tasks of
taskWeight * taskLoss + balanceLossWeight * (sum of that pass's MoE balance losses); one backward;
the finiteness check of Trainer.step (one sum per gradient); one AdamW update written out like
AdamW.java, with weight decay only where Trainer.decays(...) says; the learning rate of
LrSchedule at the step index.

Run with Debian's interpreter, /usr/bin/python3 (python3-torch 1.13). See benchmarks/README.md.
"""

import argparse
import json
import re
import math
import os
import statistics
import struct
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description="PyTorch eager peer of one M3ViT training step")
    p.add_argument("--batch", help="directory with images.npy, labels.npy, depth.npy, normals.npy")
    p.add_argument("--model-config", help="model config JSON (e.g. model/bundled/m3vit-synth/config.json)")
    p.add_argument("--train-config", help="train config JSON (e.g. model/bundled/m3vit-synth/train-config.json)")
    p.add_argument("--weights", help="model.safetensors to start from (strict, F32); default: random init")
    p.add_argument("--seed", type=int, default=None, help="torch.manual_seed for the random init (default: initSeed of the train config, else 0)")
    p.add_argument("--threads", type=int, default=1, help="intra-op threads (default 1)")
    p.add_argument("--steps", type=int, default=5, help="timed steps (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="untimed steps before the timed ones (default 1)")
    p.add_argument("--start-step", type=int, default=0, help="schedule step index of the first step (default 0)")
    p.add_argument("--json", help="write the result JSON here")
    p.add_argument("--check", action="store_true", help="self-check on a small random config and exit")
    p.add_argument("--forward", action="store_true",
                   help="time the single-image inference forward per task instead (needs --model-config; --steps = timed runs)")
    p.add_argument("--task", help="with --forward: only this task")
    p.add_argument("--turns", metavar="GO,DONE", help="with --forward and --task: after the warm-up, time passes on request over "
                   "these two named pipes, taking turns with another process (benchmarks/forward_turns.py)")
    p.add_argument("--op-profile", help="with --forward: then profile --steps passes of --task (default: the first task) with "
                   "torch.autograd.profiler and write its per-op Chrome trace here (benchmarks/op-profile.sh reads it)")
    a = p.parse_args(argv)
    if a.forward and not a.model_config:
        p.error("--forward needs --model-config")
    if not a.check and not a.forward and not (a.batch and a.model_config and a.train_config):
        p.error("--batch, --model-config and --train-config are required (or --check)")
    if a.threads < 1 or a.steps < 1 or a.warmup < 0:
        p.error("need --threads >= 1, --steps >= 1, --warmup >= 0")
    return a


ARGS = parse_args(sys.argv[1:])
# thread counts of the BLAS and OpenMP pools are read when the libraries load: set them first
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(ARGS.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(ARGS.threads)

LN_EPS = 1e-6  # TransformerBlock.LN_EPS
BN_EPS = 1e-5  # UpHead.BN_EPS
BN_MOMENTUM = 0.1  # PyTorch's convention (DJL's 0.9 in UpHead)
IGNORE = 255  # TaskLosses.IGNORE


# ----------------------------------------------------------------------------- configs

class Fail(Exception):
    """A one-line error for the user."""


def read_json(path):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise Fail(f"{path}: cannot read JSON: {e}")


def model_config(raw, dense_baseline=False):
    """The fields of ModelConfig that the network needs, checked like ModelConfig's constructor."""
    need = ["imageHeight", "imageWidth", "patchSize", "embedDim", "depth", "numHeads", "mlpHidden",
            "moeBlocks", "numExperts", "topK", "expertHidden", "headChannels", "tasks"]
    missing = [k for k in need if k not in raw]
    if missing:
        raise Fail(f"model config lacks {missing}")
    c = {k: raw[k] for k in need}
    c["name"] = raw.get("name", "model")
    c["moeBlocks"] = [int(b) for b in c["moeBlocks"]]
    c["tasks"] = [{"name": t["name"], "kind": t["kind"], "channels": int(t["channels"])} for t in c["tasks"]]
    p = c["patchSize"]
    if c["imageHeight"] % p or c["imageWidth"] % p:
        raise Fail(f"image {c['imageHeight']}x{c['imageWidth']} is not a multiple of patch {p}")
    if c["embedDim"] % c["numHeads"]:
        raise Fail(f"embedDim {c['embedDim']} is not divisible by numHeads {c['numHeads']}")
    if c["moeBlocks"] and not 1 <= c["topK"] <= c["numExperts"]:
        raise Fail(f"topK {c['topK']} not in 1..{c['numExperts']}")
    kinds = {"SEGMENTATION", "DEPTH", "NORMALS"}
    for t in c["tasks"]:
        if t["kind"] not in kinds:
            raise Fail(f"task {t['name']}: kind {t['kind']} has no training loss here (synthetic scenes carry {sorted(kinds)})")
    if dense_baseline:
        # Trainer.denseBaseline: MoE blocks become dense MLPs of hidden k x Dh (= mlpHidden)
        hidden = c["mlpHidden"] if not c["moeBlocks"] else c["topK"] * c["expertHidden"]
        if hidden != c["mlpHidden"]:
            raise Fail(f"dense baseline: dense blocks have hidden {c['mlpHidden']} but k x Dh = {hidden}")
        c["moeBlocks"] = []
        c["name"] += "-dense"
    return c


def train_config(raw):
    """The recipe fields a step uses, with TrainConfig's defaults for the optional ones."""
    c = {
        "steps": int(raw.get("steps", 1)),
        "peakLr": float(raw["peakLr"]),
        "warmupSteps": int(raw.get("warmupSteps", 0)),
        "minLrFraction": float(raw.get("minLrFraction", 0.0)),
        "weightDecay": float(raw.get("weightDecay", 0.0)),
        "balanceLossWeight": float(raw.get("balanceLossWeight", 0.0)),
        "taskLossWeights": {k: float(v) for k, v in (raw.get("taskLossWeights") or {}).items()},
        "denseBaseline": bool(raw.get("denseBaseline", False)),
        "initSeed": raw.get("initSeed"),
        "semsegClassWeights": [float(w) for w in (raw.get("semsegClassWeights") or [])],
        "depthLoss": raw.get("depthLoss") or "l1",
    }
    if c["depthLoss"] not in ("l1", "log-l1"):
        raise Fail(f"train config: depthLoss must be 'l1' or 'log-l1', was {c['depthLoss']!r}")
    if c["peakLr"] <= 0:
        raise Fail("train config: peakLr must be > 0")
    if not 0 <= c["warmupSteps"] <= c["steps"] or c["steps"] < 1:
        raise Fail(f"train config: need 0 <= warmupSteps <= steps, got {c['warmupSteps']}, {c['steps']}")
    return c


def lr_at(tc, step):
    """LrSchedule.at: linear warm-up to the peak, then cosine to floorFraction x peak."""
    peak, warm, total, floor = tc["peakLr"], tc["warmupSteps"], tc["steps"], tc["minLrFraction"]
    if step < warm:
        return peak * (step + 1) / warm
    decay_steps = max(1, total - warm)
    progress = min(1.0, (step - warm) / decay_steps)
    cosine = 0.5 * (1 + math.cos(math.pi * progress))
    return peak * (floor + (1 - floor) * cosine)


# ----------------------------------------------------------------------------- network

class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        hd = d // self.heads
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        attn = (q * hd ** -0.5) @ k.transpose(-2, -1)
        y = (attn.softmax(dim=-1) @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(y)


class DenseMlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x, task, losses):
        return self.fc2(F.gelu(self.fc1(x)))


class Gate(nn.Module):
    def __init__(self, dim, experts):
        super().__init__()
        self.w_gate = nn.Parameter(torch.empty(dim, experts))


class StackedLinear(nn.Module):
    """E linears stored stacked: weight (E, out, in), bias (E, out)."""

    def __init__(self, experts, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(experts, n_out, n_in))
        self.bias = nn.Parameter(torch.empty(experts, n_out))


class ExpertBank(nn.Module):
    def __init__(self, experts, dim, hidden):
        super().__init__()
        self.htoh4 = StackedLinear(experts, dim, hidden)
        self.h4toh = StackedLinear(experts, hidden, dim)

    def apply_expert(self, x, j):
        h = F.gelu(F.linear(x, self.htoh4.weight[j], self.htoh4.bias[j]))
        return F.linear(h, self.h4toh.weight[j], self.h4toh.bias[j])


def cv_squared(x):
    """var / (mean^2 + 1e-10) with the unbiased variance, as MoeLayer.cvSquared (and torch.var) does."""
    return x.var(unbiased=True) / (x.mean() ** 2 + 1e-10)


class MoeLayer(nn.Module):
    """One gate per task, shared experts; top-k of the softmax over all E, not renormalised; sparse."""

    def __init__(self, dim, experts, top_k, hidden, tasks):
        super().__init__()
        self.top_k = top_k
        self.num_experts = experts
        self.gate = nn.ModuleList([Gate(dim, experts) for _ in range(tasks)])
        self.experts = ExpertBank(experts, dim, hidden)

    def route(self, flat, task):
        probs = (flat @ self.gate[task].w_gate).softmax(dim=-1)
        weights, chosen = probs.topk(self.top_k, dim=-1)  # largest, sorted, like DJL's topK
        return probs, weights, chosen

    def forward(self, x, task, losses):
        shape = x.shape
        flat = x.reshape(-1, shape[-1])
        probs, weights, chosen = self.route(flat, task)
        out = self.sparse(flat, weights, chosen)
        if losses is not None:  # inference (None) skips the balance loss, as MoeLayer.java does
            losses.append(self.balance_loss(probs, chosen))
        return out.reshape(shape)

    def sparse(self, flat, weights, chosen):
        """Per expert: gather its tokens, run it once, scale the rows by their gate, scatter-add them back."""
        k, e = self.top_k, self.num_experts
        slots = chosen.reshape(-1)  # slot p = token p // k, its (p % k)-th choice
        _, order = torch.sort(slots, stable=True)  # slots grouped by expert, token order kept in a group
        counts = torch.bincount(slots, minlength=e).tolist()
        token_of_row = order // k
        grouped = flat.index_select(0, token_of_row)
        gate_of_row = weights.reshape(-1).index_select(0, order)
        outs = []
        for j, rows in enumerate(torch.split(grouped, counts)):
            if counts[j]:
                outs.append(self.experts.apply_expert(rows, j))
        scaled = torch.cat(outs) * gate_of_row.unsqueeze(1)
        return torch.zeros_like(flat).index_add(0, token_of_row, scaled)

    def dense_oracle(self, flat, task):
        """Every expert on every token, then masked by the top-k gates (tests only)."""
        probs, weights, chosen = self.route(flat, task)
        gates = torch.zeros_like(probs).scatter(1, chosen, weights)
        ex = self.experts
        h = F.gelu(torch.einsum("md,ehd->emh", flat, ex.htoh4.weight) + ex.htoh4.bias.unsqueeze(1))
        y = torch.einsum("emh,edh->emd", h, ex.h4toh.weight) + ex.h4toh.bias.unsqueeze(1)
        return (y * gates.t().unsqueeze(2)).sum(0)

    def balance_loss(self, probs, chosen):
        if self.num_experts == 1:
            return probs.new_zeros(())
        mask = torch.zeros_like(probs).scatter(1, chosen, 1.0)
        importance = (probs * mask).sum(0)
        load = mask.sum(0)
        return cv_squared(importance) + cv_squared(load)


class Block(nn.Module):
    def __init__(self, dim, heads, mlp):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=LN_EPS)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=LN_EPS)
        self.mlp = mlp

    def forward(self, x, task, losses):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x), task, losses)


class PatchEmbed(nn.Module):
    def __init__(self, patch, dim):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)  # row-major patches -> (B, N, D)


class Backbone(nn.Module):
    def __init__(self, c):
        super().__init__()
        d = c["embedDim"]
        tokens = 1 + (c["imageHeight"] // c["patchSize"]) * (c["imageWidth"] // c["patchSize"])
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d))
        self.pos_embed = nn.Parameter(torch.zeros(1, tokens, d))
        self.patch_embed = PatchEmbed(c["patchSize"], d)
        blocks = []
        for b in range(c["depth"]):
            if b in c["moeBlocks"]:
                mlp = MoeLayer(d, c["numExperts"], c["topK"], c["expertHidden"], len(c["tasks"]))
            else:
                mlp = DenseMlp(d, c["mlpHidden"])
            blocks.append(Block(d, c["numHeads"], mlp))
        self.blocks = nn.ModuleList(blocks)

    def forward(self, images, task, losses):
        x = self.patch_embed(images)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        for blk in self.blocks:
            x = blk(x, task, losses)
        return x  # no final norm


class UpHead(nn.Module):
    """VisionTransformerUpHead, 4 convs: LN, conv_0..3 3x3 + BN + ReLU (+ x2 after 0..2), conv_4 1x1, x2."""

    def __init__(self, dim, grid_h, grid_w, channels, outputs):
        super().__init__()
        self.grid_h, self.grid_w = grid_h, grid_w
        self.norm = nn.LayerNorm(dim, eps=LN_EPS)
        self.conv_0 = nn.Conv2d(dim, channels, 3, padding=1)
        self.conv_1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv_2 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv_3 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv_4 = nn.Conv2d(channels, outputs, 1)
        for k in range(4):
            setattr(self, f"syncbn_fc_{k}", nn.BatchNorm2d(channels, eps=BN_EPS, momentum=BN_MOMENTUM))

    def forward(self, tokens):
        x = self.norm(tokens[:, 1:])
        b, n, d = x.shape
        x = x.transpose(1, 2).reshape(b, d, self.grid_h, self.grid_w)
        for k in range(4):
            x = F.relu(getattr(self, f"syncbn_fc_{k}")(getattr(self, f"conv_{k}")(x)))
            if k < 3:
                x = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
        return F.interpolate(self.conv_4(x), scale_factor=2, mode="bilinear", align_corners=False)


class M3ViT(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.config = c
        self.backbone = Backbone(c)
        gh, gw = c["imageHeight"] // c["patchSize"], c["imageWidth"] // c["patchSize"]
        self.decoders = nn.ModuleDict({
            t["name"]: UpHead(c["embedDim"], gh, gw, c["headChannels"], t["channels"]) for t in c["tasks"]})

    def forward(self, images, task):
        """One single-task pass: head output and the sum of the MoE layers' balance losses."""
        losses = []
        tokens = self.backbone(images, task, losses)
        out = self.decoders[self.config["tasks"][task]["name"]](tokens)
        balance = torch.stack(losses).sum() if losses else images.new_zeros(())
        return out, balance


def init_weights(model):
    """The published init (as WeightInit.java): trunc-normal 0.02 for linears, experts, gates, cls and
    positions; zero biases; norms 1/0; convolutions keep PyTorch's default uniform init."""
    for name, p in model.named_parameters():
        with torch.no_grad():
            if "conv_" in name or "patch_embed.proj" in name:
                continue
            if "norm" in name or "syncbn" in name:
                p.fill_(1.0 if name.endswith(".weight") else 0.0)
            elif name.endswith(".bias"):
                p.zero_()
            else:
                nn.init.trunc_normal_(p, std=0.02, a=-0.04, b=0.04)


# ----------------------------------------------------------------------------- safetensors

def read_safetensors(path):
    """name -> float32 array, from the 8-byte little-endian header length, the JSON header and the data."""
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError as e:
        raise Fail(f"{path}: {e}")
    if len(blob) < 8:
        raise Fail(f"{path}: not a safetensors file ({len(blob)} bytes)")
    (hlen,) = struct.unpack("<Q", blob[:8])
    if 8 + hlen > len(blob):
        raise Fail(f"{path}: header length {hlen} runs past the end of the file")
    try:
        header = json.loads(blob[8:8 + hlen].decode("utf-8"))
    except ValueError as e:
        raise Fail(f"{path}: bad JSON header: {e}")
    data = memoryview(blob)[8 + hlen:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info.get("dtype") != "F32":
            raise Fail(f"{path}: tensor {name} has dtype {info.get('dtype')}, only F32 is supported")
        start, end = info["data_offsets"]
        shape = tuple(int(s) for s in info["shape"])
        if end > len(data) or end - start != 4 * int(np.prod(shape, dtype=np.int64)):
            raise Fail(f"{path}: tensor {name}: data_offsets {start}..{end} do not fit shape {list(shape)}")
        out[name] = np.frombuffer(data[start:end], dtype="<f4").reshape(shape)
    return out


def write_safetensors(path, tensors):
    """name -> float32 array, written in name order (used by --check)."""
    header, offset, chunks = {}, 0, []
    for name in sorted(tensors):
        a = np.ascontiguousarray(tensors[name], dtype="<f4")
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
        chunks.append(a.tobytes())
    h = json.dumps(header).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for c in chunks:
            f.write(c)


def load_weights(model, path):
    """Strict: every file key must be a parameter or buffer of the same shape, and every parameter and
    BatchNorm statistic must be in the file (num_batches_tracked may be missing: our files omit it)."""
    tensors = read_safetensors(path)
    state = model.state_dict()
    for name, a in tensors.items():
        if name not in state:
            raise Fail(f"{path}: key {name} is not a parameter or buffer of this model")
        if tuple(state[name].shape) != a.shape:
            raise Fail(f"{path}: key {name} has shape {list(a.shape)}, the model's is {list(state[name].shape)}")
    for name in state:
        if name not in tensors and not name.endswith("num_batches_tracked"):
            raise Fail(f"{path}: key {name} of the model is missing")
    with torch.no_grad():
        for name, a in tensors.items():
            state[name].copy_(torch.from_numpy(a.copy()))


# ----------------------------------------------------------------------------- losses and step

def semseg_loss(logits, labels, class_weights):
    """Cross-entropy, label 255 ignored; unweighted: sum / max(valid, 1) as TaskLosses.crossEntropy;
    weighted: sum w[y] nll / sum w[y] (PyTorch's weighted mean)."""
    nll = F.cross_entropy(logits, labels, weight=class_weights, ignore_index=IGNORE, reduction="sum")
    valid = labels != IGNORE
    if class_weights is None:
        denom = valid.sum().clamp_min(1).to(logits.dtype)
    else:
        denom = class_weights[labels[valid]].sum()
        denom = torch.where(denom > 0, denom, torch.ones_like(denom))
    return nll / denom


def depth_loss(pred, gt, kind):
    valid = gt > 0
    count = valid.sum().clamp_min(1).to(pred.dtype)
    if kind == "l1":  # TaskLosses.depthL1
        err = (pred - gt).abs()
    else:  # log-l1: |log(max(pred, 0.01)) - log(gt)| on gt > 0
        safe_gt = torch.where(valid, gt, torch.ones_like(gt))
        err = (pred.clamp_min(0.01).log() - safe_gt.log()).abs()
    return (err * valid).sum() / count


def normals_loss(pred, gt):
    """TaskLosses.normalsL1: L1 between pred / sqrt(sum pred^2 + 1e-12) and gt, summed over channels,
    mean over pixels whose target is not all zero."""
    unit = pred / (pred.square().sum(1, keepdim=True) + 1e-12).sqrt()
    valid = (gt.abs().sum(1, keepdim=True) > 0).to(pred.dtype)
    return ((unit - gt).abs().sum(1, keepdim=True) * valid).sum() / valid.sum().clamp_min(1)


def decays(name, p):
    """Trainer.decays: not biases, norms, BatchNorm, cls token, positions; only tensors of >= 2 dims."""
    if name.endswith(".bias") or "syncbn" in name:
        return False
    # LayerNorms are the path segments norm, norm1, norm2 (a task named "normals" is not one)
    if any(re.fullmatch(r"norm\d*", seg) for seg in name.split(".")):
        return False
    if name.endswith("cls_token") or name.endswith("pos_embed"):
        return False
    return p.dim() >= 2


class AdamW:
    """AdamW.java: w -= lr * (mhat / (sqrt(vhat) + eps) + decay * w), betas (0.9, 0.999), eps 1e-8."""

    def __init__(self, named_params, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8):
        self.params = [(n, p, weight_decay if decays(n, p) else 0.0) for n, p in named_params]
        self.m = [torch.zeros_like(p) for _, p, _ in self.params]
        self.v = [torch.zeros_like(p) for _, p, _ in self.params]
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.step_count = 0

    @torch.no_grad()
    def step(self, lr):
        self.step_count += 1
        b1, b2 = self.beta1, self.beta2
        c1 = 1 - b1 ** self.step_count
        c2 = 1 - b2 ** self.step_count
        for (name, w, decay), m, v in zip(self.params, self.m, self.v):
            g = w.grad
            m.mul_(b1).add_(g, alpha=1 - b1)
            v.mul_(b2).addcmul_(g, g, value=1 - b2)
            delta = (m / c1).div_((v / c2).sqrt_().add_(self.eps))
            if decay != 0:
                delta.add_(w, alpha=decay)
            w.sub_(delta.mul_(lr))


class StepRunner:
    def __init__(self, model, tc):
        self.model = model
        self.tc = tc
        self.tasks = model.config["tasks"]
        cw = tc["semsegClassWeights"]
        seg = [t for t in self.tasks if t["kind"] == "SEGMENTATION"]
        if cw and any(len(cw) != t["channels"] for t in seg):
            raise Fail(f"train config: {len(cw)} semsegClassWeights for {[t['channels'] for t in seg]} classes")
        self.class_weights = torch.tensor(cw, dtype=torch.float32) if cw else None
        # Trainer.trainableParameters: every parameter (running statistics are buffers here)
        self.opt = AdamW(list(model.named_parameters()), tc["weightDecay"])
        self.skipped = 0

    def task_loss(self, kind, out, batch):
        if kind == "SEGMENTATION":
            return semseg_loss(out, batch["labels"], self.class_weights)
        if kind == "DEPTH":
            return depth_loss(out, batch["depth"], self.tc["depthLoss"])
        return normals_loss(out, batch["normals"])

    def step(self, batch, step_index):
        """One training step; returns (total, {task: loss}, balance sum, lr)."""
        model, tc = self.model, self.tc
        model.train()
        for p in model.parameters():
            p.grad = None
        total, parts, balance_sum = None, {}, 0.0
        for t, spec in enumerate(self.tasks):
            out, balance = model(batch["images"], t)
            loss = self.task_loss(spec["kind"], out, batch)
            parts[spec["name"]] = loss.item()
            balance_sum += balance.item()
            term = loss * tc["taskLossWeights"].get(spec["name"], 1.0) + balance * tc["balanceLossWeight"]
            total = term if total is None else total + term
        total_value = total.item()
        total.backward()
        lr = lr_at(tc, step_index)
        grads = [p.grad for _, p, _ in self.opt.params if p.grad is not None]
        finite = math.isfinite(total_value) and bool(torch.isfinite(torch.stack([g.sum() for g in grads])).all())
        if finite:
            self.opt.step(lr)
        else:
            self.skipped += 1  # Trainer.step: a non-finite loss or gradient skips the update
        return total_value, parts, balance_sum, lr


# ----------------------------------------------------------------------------- batch, BLAS, benchmark

def load_batch(directory, c):
    h, w = c["imageHeight"], c["imageWidth"]

    def arr(name, ndim):
        path = os.path.join(directory, name)
        try:
            a = np.load(path)
        except (OSError, ValueError) as e:
            raise Fail(f"{path}: {e}")
        if a.ndim != ndim:
            raise Fail(f"{path}: expected {ndim} dims, got shape {list(a.shape)}")
        return a

    images = arr("images.npy", 4)
    b = images.shape[0]
    if images.shape != (b, 3, h, w):
        raise Fail(f"images.npy: shape {list(images.shape)}, the model takes ({b}, 3, {h}, {w})")
    batch = {"images": torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))}
    kinds = {t["kind"] for t in c["tasks"]}
    if "SEGMENTATION" in kinds:
        labels = arr("labels.npy", 3)
        if labels.shape != (b, h, w) or labels.dtype.kind not in "iuf" or (labels != np.round(labels)).any():
            raise Fail(f"labels.npy: need integer class ids ({b}, {h}, {w}), got {labels.dtype} {list(labels.shape)}")
        batch["labels"] = torch.from_numpy(labels.astype(np.int64))
    for name, ch, kind in (("depth", 1, "DEPTH"), ("normals", 3, "NORMALS")):
        if kind in kinds:
            a = arr(name + ".npy", 4)
            if a.shape != (b, ch, h, w):
                raise Fail(f"{name}.npy: need ({b}, {ch}, {h}, {w}), got {list(a.shape)}")
            batch[name] = torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))
    return batch


def loaded_blas():
    """Resolved paths of the BLAS libraries mapped into this process (libblas*, libopenblas*)."""
    found = []
    try:
        with open("/proc/self/maps", "r") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 6:
                    continue
                path = parts[5]
                base = os.path.basename(path)
                if ("blas" in base.lower() and ".so" in base) and os.path.realpath(path) not in found:
                    found.append(os.path.realpath(path))
    except OSError:
        pass
    # the implementation first (libopenblas*), then wrappers such as libblas.so.3
    return sorted(found, key=lambda f: 0 if "openblas" in os.path.basename(f).lower() else 1)


def benchmark(a):
    tc = train_config(read_json(a.train_config))
    c = model_config(read_json(a.model_config), tc["denseBaseline"])
    batch = load_batch(a.batch, c)
    seed = a.seed if a.seed is not None else int(tc["initSeed"] or 0)
    torch.manual_seed(seed)
    model = M3ViT(c)
    if a.weights:
        load_weights(model, a.weights)
    else:
        init_weights(model)
    runner = StepRunner(model, tc)
    seconds, losses, first = [], [], None
    for i in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        total, parts, balance, lr = runner.step(batch, a.start_step + i)
        dt = time.perf_counter() - t0
        if first is None:
            first = {"total": total, "tasks": parts, "balance": balance, "lr": lr}
        if i >= a.warmup:
            seconds.append(dt)
            losses.append(total)
    blas = loaded_blas()
    result = {
        "impl": "pytorch-eager",
        "torch": torch.__version__,
        "blas": blas[0] if blas else None,
        "blas_all": blas,
        "threads": torch.get_num_threads(),
        "batch": int(batch["images"].shape[0]),
        "model": c["name"],
        "steps": a.steps,
        "warmup": a.warmup,
        "seconds": seconds,
        "median": statistics.median(seconds),
        "min": min(seconds),
        "max": max(seconds),
        "first_loss": first,
        "timed_losses": losses,
        "skipped_steps": runner.skipped,
        "weights": a.weights or f"random, torch.manual_seed({seed})",
    }
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
    print(f"pytorch-eager torch {torch.__version__} blas {result['blas']} threads {result['threads']} "
          f"batch {result['batch']} {c['name']}: step median {result['median']:.3f} s "
          f"(min {result['min']:.3f}, max {result['max']:.3f}, {a.steps} timed after {a.warmup} warm-up); "
          f"first loss {first['total']:.4f} " + " ".join(f"{k} {v:.4f}" for k, v in first["tasks"].items())
          + f" balance {first['balance']:.4f}")
    return 0


# ----------------------------------------------------------------------------- self-check

def self_check():
    torch.manual_seed(1234)
    rng = np.random.default_rng(1234)
    c = model_config({
        "name": "check", "imageHeight": 32, "imageWidth": 32, "patchSize": 16, "embedDim": 16, "depth": 2,
        "numHeads": 2, "mlpHidden": 32, "moeBlocks": [1], "numExperts": 4, "topK": 2, "expertHidden": 16,
        "headChannels": 8,
        "tasks": [{"name": "semseg", "kind": "SEGMENTATION", "channels": 5},
                  {"name": "depth", "kind": "DEPTH", "channels": 1}]})
    tc = train_config({"steps": 5, "peakLr": 1e-3, "warmupSteps": 0, "minLrFraction": 1.0, "weightDecay": 0.05,
                       "balanceLossWeight": 0.01})
    model = M3ViT(c)
    init_weights(model)
    failures = []

    # 1. sparse MoE == dense all-experts-then-mask, for each task's gate
    moe = model.backbone.blocks[1].mlp
    with torch.no_grad():
        moe.gate[0].w_gate.normal_(0, 1.0)  # spread the routing so that every expert gets tokens
        moe.gate[1].w_gate.normal_(0, 1.0)
        flat = torch.randn(3 * 5, 16)
        for t in range(2):
            probs, weights, chosen = moe.route(flat, t)
            diff = (moe.sparse(flat, weights, chosen) - moe.dense_oracle(flat, t)).abs().max().item()
            print(f"check: task {t} sparse vs dense MoE max |diff| {diff:.2e}")
            if not diff <= 1e-5:
                failures.append(f"sparse MoE differs from the dense oracle by {diff:.2e} (task {t})")

    # 2. safetensors round trip, strict key check
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "w.safetensors")
        state = {k: v.numpy() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
        write_safetensors(path, state)
        other = M3ViT(c)
        load_weights(other, path)
        same = all(torch.equal(other.state_dict()[k], torch.from_numpy(v)) for k, v in state.items())
        print(f"check: safetensors round trip {'ok' if same else 'DIFFERS'}")
        if not same:
            failures.append("safetensors round trip changed weights")
        state["backbone.nonexistent"] = np.zeros(1, np.float32)
        write_safetensors(path, state)
        try:
            load_weights(other, path)
            failures.append("a stray key was accepted")
        except Fail as e:
            print(f"check: stray key rejected: {e}")

    # 3. loss goes down over 5 AdamW steps on a fixed batch
    b = 4
    batch = {
        "images": torch.from_numpy(rng.standard_normal((b, 3, 32, 32)).astype(np.float32)),
        "labels": torch.from_numpy(rng.integers(0, 5, (b, 32, 32)).astype(np.int64)),
        "depth": torch.from_numpy(rng.uniform(0.5, 8.0, (b, 1, 32, 32)).astype(np.float32)),
    }
    runner = StepRunner(model, tc)
    totals = [runner.step(batch, i)[0] for i in range(5)]
    after = runner.step(batch, 5)[0]
    print("check: losses " + " ".join(f"{x:.4f}" for x in totals) + f", after 5 updates {after:.4f}")
    if not after < totals[0]:
        failures.append(f"loss did not decrease: {totals[0]:.4f} -> {after:.4f}")

    for f in failures:
        print("check FAILED: " + f, file=sys.stderr)
    if not failures:
        print("check: all passed")
    return 1 if failures else 0


class SteadyWarmUp:
    """SteadyWarmUp.java: windows of 5 passes, steady when the last two windows' medians are within 5 %
    (at least 10 passes; at most 300 passes or 60 s)."""

    def __init__(self):
        self.ms = []

    def add(self, ms):
        self.ms.append(ms)
        return self.steady() or len(self.ms) >= 300 or sum(self.ms) / 1000 >= 60

    def steady(self):
        n = len(self.ms)
        if n < 10:
            return False
        last, before = statistics.median(self.ms[n - 5:]), statistics.median(self.ms[n - 10:n - 5])
        return abs(last - before) <= before * 5 / 100


def settle(one, task):
    """Passes of task until their times settle (SteadyWarmUp); returns the warm-up."""
    warm = SteadyWarmUp()
    while not warm.add(one(task)):
        pass
    return warm


def forward_benchmark(a):
    """The inference forward per task (eval mode, no autograd, no balance loss): warm-up until steady, then
    --steps timed single-image passes; JSON tasks.<task>.medianMs / minMs / maxMs / warmUpPasses / steady."""
    c = model_config(read_json(a.model_config))
    torch.manual_seed(0 if a.seed is None else a.seed)
    model = M3ViT(c)
    if a.weights:
        load_weights(model, a.weights)
    model.eval()
    rng = np.random.default_rng(7)
    image = torch.from_numpy(rng.standard_normal((1, 3, c["imageHeight"], c["imageWidth"])).astype(np.float32))
    names = [t["name"] for t in c["tasks"]]
    if a.task and a.task not in names:
        raise Fail(f"--task '{a.task}': the model has tasks {', '.join(names)}")
    out = {"model": c.get("name", "?"), "threads": a.threads, "runs": a.steps, "tasks": {}}

    def one(task):
        start = time.perf_counter()
        with torch.no_grad():
            tokens = model.backbone(image, task, None)
            model.decoders[names[task]](tokens).sum().item()
        return (time.perf_counter() - start) * 1000

    if a.turns:
        return serve_turns(a, names, one)
    for i, name in enumerate(names):
        if a.task and name != a.task:
            continue
        warm = settle(one, i)
        ms = [one(i) for _ in range(a.steps)]
        out["tasks"][name] = {"medianMs": statistics.median(ms), "minMs": min(ms), "maxMs": max(ms),
                              "warmUpPasses": len(warm.ms), "steady": warm.steady()}
        print(f"{name}: median {statistics.median(ms):.2f} ms [{min(ms):.2f}, {max(ms):.2f}] after {len(warm.ms)} warm-up passes")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=2)
    if a.op_profile:
        profiled = names.index(a.task) if a.task else 0
        with torch.autograd.profiler.profile(record_shapes=True) as prof:
            for _ in range(a.steps):
                one(profiled)
        prof.export_chrome_trace(a.op_profile)
        print(f"written {a.op_profile} (per-op trace of {a.steps} {names[profiled]} passes)")
    return 0


def serve_turns(a, names, one):
    """ForwardTurns.java's protocol: warm-up, 'ready' on DONE, then per line N read from GO, N timed passes of --task
    answered by 'ok' and their ms; 'end' or the end of GO stops."""
    if not a.task:
        raise Fail("--turns needs --task")
    go, done = a.turns.split(",")
    task = names.index(a.task)
    settle(one, task)
    with open(done, "w", buffering=1) as out:
        out.write("ready\n")
        with open(go) as inp:
            for line in inp:
                if line.strip() == "end":
                    break
                n = int(line)
                out.write("ok " + " ".join(f"{one(task):.4f}" for _ in range(n)) + "\n")
    return 0


def main():
    try:
        if ARGS.forward:
            return forward_benchmark(ARGS)
        return self_check() if ARGS.check else benchmark(ARGS)
    except Fail as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
