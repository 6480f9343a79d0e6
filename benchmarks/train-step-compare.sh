#!/usr/bin/env bash
# Our training step against the PyTorch eager peer: same recipe, batch and initial weights,
# runs interleaved (ours, peer, ours, peer, ...) for each thread count. Usage: train-step-compare.sh [THREADS...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=/usr/bin/python3
ROUNDS=${ROUNDS:-3}
STEPS=${STEPS:-10}
THREADS=("$@"); [[ ${#THREADS[@]} -gt 0 ]] || THREADS=(1 2)
"$PY" -c "import torch" 2>/dev/null || { echo "train-step-compare: $PY has no torch (apt-get install python3-torch libopenblas0-openmp)" >&2; exit 2; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/m3vit" bench train --threads 1 --steps 1 --warmup 0 --write-batch "$WORK/batch" > /dev/null
for t in "${THREADS[@]}"; do
  for r in $(seq 1 "$ROUNDS"); do
    "$ROOT/m3vit" bench train --threads "$t" --steps "$STEPS" --warmup 8 --json "$WORK/ours-$t-$r.json" > /dev/null
    "$PY" "$ROOT/benchmarks/torch_train_step.py" --batch "$WORK/batch" --model-config "$WORK/batch/initial/config.json" \
      --train-config "$WORK/batch/train-config.json" --weights "$WORK/batch/initial/model.safetensors" \
      --threads "$t" --warmup 3 --steps "$STEPS" --json "$WORK/peer-$t-$r.json" > /dev/null
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" - "$WORK" "$ROUNDS" "${THREADS[@]}" <<'PYEOF'
import json, statistics, sys
work, rounds, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print("| threads | ours s/step: median of round medians (min, max) | PyTorch eager s/step | ours / PyTorch | first loss ours / PyTorch |")
print("|---|---|---|---|---|")
for t in threads:
    ours = [json.load(open(f"{work}/ours-{t}-{r}.json")) for r in range(1, rounds + 1)]
    peer = [json.load(open(f"{work}/peer-{t}-{r}.json")) for r in range(1, rounds + 1)]
    om = statistics.median(o["median"] for o in ours); pm = statistics.median(p["median"] for p in peer)
    print(f"| {t} | {om:.3f} ({min(o['min'] for o in ours):.3f}, {max(o['max'] for o in ours):.3f}) | "
          f"{pm:.3f} ({min(p['min'] for p in peer):.3f}, {max(p['max'] for p in peer):.3f}) | {om / pm:.2f} | "
          f"{ours[0]['first_loss']:.4f} / {peer[0]['first_loss']['total']:.4f} |")
PYEOF
