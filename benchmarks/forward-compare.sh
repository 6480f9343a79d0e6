#!/usr/bin/env bash
# Our inference forward against the PyTorch eager peer: same network, same weights, same input size, single image,
# no autograd, the same warm-up rule; runs interleaved (ours, peer, ours, peer, ...) per thread count.
# Usage: forward-compare.sh [THREADS...]   (MODEL=<model dir with config.json + model.safetensors>, ROUNDS, RUNS)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=/usr/bin/python3
MODEL=${MODEL:-$ROOT/model/bundled/m3vit-synth}
ROUNDS=${ROUNDS:-3}
RUNS=${RUNS:-30}
THREADS=("$@"); [[ ${#THREADS[@]} -gt 0 ]] || THREADS=(1 2)
"$PY" -c "import torch" 2>/dev/null || { echo "forward-compare: $PY has no torch (apt-get install python3-torch libopenblas0-openmp)" >&2; exit 2; }
[[ -f "$MODEL/config.json" && -f "$MODEL/model.safetensors" ]] || { echo "forward-compare: $MODEL: needs config.json and model.safetensors" >&2; exit 2; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
echo "model $MODEL; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for t in "${THREADS[@]}"; do
  for r in $(seq 1 "$ROUNDS"); do
    "$ROOT/m3vit" bench model --model "$MODEL" --threads "$t" --runs "$RUNS" --json "$WORK/ours-$t-$r.json" > /dev/null
    "$PY" "$ROOT/benchmarks/torch_train_step.py" --forward --model-config "$MODEL/config.json" --weights "$MODEL/model.safetensors" \
      --threads "$t" --steps "$RUNS" --json "$WORK/peer-$t-$r.json" > /dev/null
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" - "$WORK" "$ROUNDS" "${THREADS[@]}" <<'PYEOF'
import json, statistics, sys
work, rounds, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print("| threads | task | ours ms: median of round medians (min, max) | PyTorch eager ms | ours / PyTorch |")
print("|---|---|---|---|---|")
for t in threads:
    ours = [json.load(open(f"{work}/ours-{t}-{r}.json"))["tasks"] for r in range(1, rounds + 1)]
    peer = [json.load(open(f"{work}/peer-{t}-{r}.json"))["tasks"] for r in range(1, rounds + 1)]
    for task in ours[0]:
        om = statistics.median(o[task]["medianMs"] for o in ours)
        pm = statistics.median(p[task]["medianMs"] for p in peer)
        print(f"| {t} | {task} | {om:.2f} ({min(o[task]['minMs'] for o in ours):.2f}, {max(o[task]['maxMs'] for o in ours):.2f}) | "
              f"{pm:.2f} ({min(p[task]['minMs'] for p in peer):.2f}, {max(p[task]['maxMs'] for p in peer):.2f}) | {om / pm:.2f} |")
PYEOF
