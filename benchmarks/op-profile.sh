#!/usr/bin/env bash
# libtorch's per-op profile of our inference forward next to PyTorch eager's (torch.autograd.profiler), same network,
# weights and input: each side is warmed up as in forward-compare.sh, then RUNS passes of one task are profiled;
# prints the top-level ops' time per pass and calls per pass on both sides.
# Usage: op-profile.sh [THREADS]   (MODEL=<model dir>, TASK (default: the first), RUNS (default 100), TOP (default 25))
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=/usr/bin/python3
MODEL=${MODEL:-$ROOT/model/bundled/m3vit-synth}
RUNS=${RUNS:-100}
T=${1:-2}
"$PY" -c "import torch" 2>/dev/null || { echo "op-profile: $PY has no torch (apt-get install python3-torch libopenblas0-openmp)" >&2; exit 2; }
[[ -f "$MODEL/config.json" && -f "$MODEL/model.safetensors" ]] || { echo "op-profile: $MODEL: needs config.json and model.safetensors" >&2; exit 2; }
TASK=${TASK:-$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['tasks'][0]['name'])" "$MODEL/config.json")}
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
echo "model $MODEL, task $TASK, $T thread(s), $RUNS profiled passes per side; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/m3vit" bench model --model "$MODEL" --task "$TASK" --threads "$T" --runs "$RUNS" --op-profile "$WORK/ours.json" > /dev/null
"$PY" "$ROOT/benchmarks/torch_train_step.py" --forward --model-config "$MODEL/config.json" --weights "$MODEL/model.safetensors" \
  --task "$TASK" --threads "$T" --steps "$RUNS" --op-profile "$WORK/peer.json" > /dev/null
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" "$ROOT/benchmarks/op_profile_table.py" "$WORK/ours.json" "$WORK/peer.json" "$RUNS" "${TOP:-25}"
