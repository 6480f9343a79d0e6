#!/usr/bin/env bash
# Starts the window (the command after --) on $DISPLAY, waits until its title names an image and then until the screen
# stops changing (the outputs are drawn), writes a screenshot of the screen to OUT.png, stops the window and prints
# the seconds to each step. Needs xwininfo (x11-utils) and import (imagemagick). Used by check-deb-in-chroot.sh.
set -euo pipefail
[[ $# -ge 3 && "$2" == -- ]] || { echo "usage: window-shot.sh OUT.png -- COMMAND..." >&2; exit 2; }
OUT="$1"; shift 2
LIMIT=${WINDOW_SHOT_LIMIT:-240}

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
screen_hash() { import -window root rgb:- 2>/dev/null | md5sum | cut -d' ' -f1; }

START=$(now)
"$@" > "${OUT%.png}.log" 2>&1 &
APP=$!
trap 'kill "$APP" 2>/dev/null || true' EXIT

TITLE=""
while [[ -z "$TITLE" ]]; do
  kill -0 "$APP" 2>/dev/null || { echo "the window process ended; its output:" >&2; cat "${OUT%.png}.log" >&2; exit 1; }
  (( ${START%.*} + LIMIT > $(date +%s) )) || { echo "no window with an image within $LIMIT s" >&2; exit 1; }
  TITLE=$(xwininfo -root -tree 2>/dev/null | sed -n 's/^ *0x[0-9a-f]* "\(M[^ ]*ViT Explorer [^"]*\.png[^"]*\)".*/\1/p' | head -1)
  [[ -n "$TITLE" ]] || sleep 0.5
done
echo "window with an image after $(since "$START") s: $TITLE"

# still: the same pixels three polls in a row (1 s apart)
PREV="" SAME=0
while (( SAME < 2 )); do
  (( ${START%.*} + LIMIT > $(date +%s) )) || { echo "the screen did not settle within $LIMIT s" >&2; break; }
  sleep 1
  H=$(screen_hash)
  if [[ "$H" == "$PREV" ]]; then SAME=$((SAME + 1)); else SAME=0; PREV=$H; fi
done
echo "screen still after $(since "$START") s (includes the 2 s of the stillness check)"
import -window root "$OUT"
echo "wrote $OUT"
kill "$APP" 2>/dev/null || true
wait "$APP" 2>/dev/null || true
trap - EXIT
