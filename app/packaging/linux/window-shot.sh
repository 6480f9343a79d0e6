#!/usr/bin/env bash
# Starts the window (the command after --) on $DISPLAY, waits until its title names an image and then until the outputs
# are drawn, writes a screenshot of the screen to OUT.png, stops the window and prints the seconds to each step. Needs
# xwininfo (x11-utils) and import, convert, identify (imagemagick). Used by check-deb-in-chroot.sh on a 1024x768 screen.
set -euo pipefail
[[ $# -ge 3 && "$2" == -- ]] || { echo "usage: window-shot.sh OUT.png -- COMMAND..." >&2; exit 2; }
OUT="$1"; shift 2
LIMIT=${WINDOW_SHOT_LIMIT:-240}

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
pixels_hash() { convert "$1" rgb:- | md5sum | cut -d' ' -f1; }
# grey-level standard deviation of the outputs panel (22-66 % of the width, 20-70 % of the height of a window that
# fills the screen): 0.03 while it says "Computing semseg on ...", 0.26 with the first sample's semseg outputs
panel_spread() {
  local w h
  read -r w h < <(identify -format '%w %h' "$1")
  convert "$1" -crop "$((w * 44 / 100))x$((h / 2))+$((w * 22 / 100))+$((h / 5))" +repage -colorspace gray \
    -format '%[fx:standard_deviation]' info:
}

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

# outputs drawn: the panel holds a picture, and the screen is the same as a second before
TMP="${OUT%.png}.poll.png" PREV="" DRAWN=0
while (( ! DRAWN )); do
  (( ${START%.*} + LIMIT > $(date +%s) )) || { echo "no outputs on screen within $LIMIT s" >&2; mv -f "$TMP" "$OUT" 2>/dev/null; exit 1; }
  sleep 1
  import -window root "$TMP"
  H=$(pixels_hash "$TMP")
  if [[ "$H" == "$PREV" ]] && awk -v v="$(panel_spread "$TMP")" 'BEGIN { exit !(v > 0.12) }'; then DRAWN=1; fi
  PREV=$H
done
mv "$TMP" "$OUT"
echo "outputs on screen (unchanged for 1 s) after $(since "$START") s; wrote $OUT"
kill "$APP" 2>/dev/null || true
wait "$APP" 2>/dev/null || true
trap - EXIT
