#!/usr/bin/env bash
# Proves the .deb on a clean Debian 12: debootstraps bookworm (minbase) into CHROOT unless it is there, installs the
# .deb with apt-get (no recommended packages: only what the .deb declares), and then, offline (in a network namespace
# that has no network):
#   1. if the host has Xvfb: opens the window from the installed desktop entry on an X server of the host, so that
#      the chroot holds nothing but the .deb and its dependencies: first start (fresh home: libtorch and JavaFX's
#      native libraries get unpacked) and second start, a screenshot of each
#   2. runs the installed `m3vit infer` on a sample, cold (no ~/.djl.ai) and warm
#   3. installs xvfb, xauth, imagemagick and x11-utils in the chroot and opens the window there under xvfb-run at
#      1024x768, screenshot
# ROUNDS=n repeats step 1 n times (a first and a second start each). Screenshots, logs and one inference output go to
# SHOTS. Everything mounted is unmounted at the end. Needs root, debootstrap and unshare; docs/install.md shows a run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
[[ $# -eq 3 ]] || { echo "usage: check-deb-in-chroot.sh DEB CHROOT SHOTS (CHROOT outside the repository)" >&2; exit 2; }
DEB="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
C="$(mkdir -p "$(dirname "$2")" && cd "$(dirname "$2")" && pwd)/$(basename "$2")"
SHOTS="$(mkdir -p "$3" && cd "$3" && pwd)"
[[ -f "$DEB" ]] || { echo "$DEB: no such file" >&2; exit 1; }
[[ "$C/" != "$ROOT/"* ]] || { echo "$C is inside the repository: choose a folder outside it" >&2; exit 1; }
(( EUID == 0 )) || { echo "needs root (debootstrap, chroot, mount)" >&2; exit 1; }

MOUNTS=() XVFB_PID=""
cleanup() {
  [[ -n "$XVFB_PID" ]] && kill "$XVFB_PID" 2>/dev/null || true
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do umount "${MOUNTS[i]}" || echo "could not unmount ${MOUNTS[i]}" >&2; done
}
trap cleanup EXIT
mnt() { mount "$@"; MOUNTS+=("${!#}"); }
step() { echo; echo "== $*"; }
ENV=(env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
in_chroot() { chroot "$C" "${ENV[@]}" "$@"; }
offline() { unshare --net chroot "$C" "${ENV[@]}" "$@"; }
seconds() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

if [[ ! -d "$C" ]]; then
  step "debootstrap --variant=minbase bookworm $C"
  debootstrap --variant=minbase bookworm "$C" http://deb.debian.org/debian > "$SHOTS/debootstrap.log"
fi
in_chroot dpkg -s m3vit-explorer > /dev/null 2>&1 && { echo "$C already has m3vit-explorer: not a clean system" >&2; exit 1; }
in_chroot sh -c 'command -v java' && { echo "$C has a java: not a clean system" >&2; exit 1; }
mnt -t proc proc "$C/proc"
mnt -t tmpfs shm "$C/dev/shm"
cp /etc/resolv.conf "$C/etc/resolv.conf"

step "apt-get install --no-install-recommends ./$(basename "$DEB")"
in_chroot apt-get update -qq
cp "$DEB" "$C/tmp/"
in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "/tmp/$(basename "$DEB")" \
  > "$SHOTS/apt-install.log" 2>&1 || { tail -20 "$SHOTS/apt-install.log"; exit 1; }
grep -E "newly installed|^Setting up m3vit" "$SHOTS/apt-install.log"
in_chroot sh -c 'command -v java || echo "no java on the PATH"; ls /usr/lib/jvm 2>/dev/null || echo "no /usr/lib/jvm"'
DESKTOP=$(in_chroot sh -c 'ls /usr/share/applications/*m3vit-explorer.desktop')
echo "desktop entry $DESKTOP:"; sed 's/^/  /' "$C$DESKTOP"
EXEC=$(sed -n 's/^Exec=//p' "$C$DESKTOP")

if command -v Xvfb > /dev/null; then
  step "1. the window from the desktop entry ($EXEC) on the host's Xvfb, offline"
  N=90; while [[ -e /tmp/.X11-unix/X$N || -e /tmp/.X$N-lock ]]; do N=$((N + 1)); done
  Xvfb ":$N" -screen 0 1024x768x24 -nolisten tcp -ac > "$SHOTS/host-xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$N ]] && break; sleep 0.1; done
  mkdir -p "$C/tmp/.X11-unix"
  mnt --bind /tmp/.X11-unix "$C/tmp/.X11-unix"
  for round in $(seq "${ROUNDS:-1}"); do
    # a first start as on a new machine: no unpacked libraries, no settings
    rm -rf "$C/root/.djl.ai" "$C/root/.openjfx" "$C/root/.m3vit"
    for run in first second; do
      echo "round $round, $run start:"
      DISPLAY=":$N" "$HERE/window-shot.sh" "$SHOTS/host-display-$run-start.png" -- \
        unshare --net chroot "$C" "${ENV[@]}" DISPLAY=":$N" sh -c "exec $EXEC"
    done
  done
  kill "$XVFB_PID"; wait "$XVFB_PID" 2>/dev/null || true; XVFB_PID=""
  umount "$C/tmp/.X11-unix"; unset 'MOUNTS[-1]'
fi

step "2. /opt/m3vit-explorer/bin/m3vit infer, offline, cold (no ~/.djl.ai) and warm"
rm -rf "$C/root/.djl.ai"
for run in cold warm; do
  T=$(date +%s.%N)
  offline /opt/m3vit-explorer/bin/m3vit infer --task all --input /opt/m3vit-explorer/lib/app/sample-images/scene-900002.png \
    --out "/tmp/infer-$run" 2>&1 | tail -2
  echo "  $run: $(seconds "$T") s wall"
done
du -sh "$C/root/.djl.ai" | sed 's/^/  unpacked libtorch: /'
cp "$C/tmp/infer-warm/scene-900002-semseg.png" "$C/tmp/infer-warm/scene-900002-depth.png" "$SHOTS/"

step "3. xvfb-run in the chroot at 1024x768, the window from the desktop entry, offline"
in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends xvfb xauth imagemagick x11-utils \
  > "$SHOTS/apt-install-xvfb.log" 2>&1 || { tail -20 "$SHOTS/apt-install-xvfb.log"; exit 1; }
cp "$HERE/window-shot.sh" "$C/tmp/"
offline xvfb-run -a -s "-screen 0 1024x768x24" /tmp/window-shot.sh /tmp/xvfb-run.png -- sh -c "exec $EXEC"
cp "$C/tmp/xvfb-run.png" "$C/tmp/xvfb-run.log" "$SHOTS/"
echo; echo "screenshots and logs in $SHOTS"
