#!/usr/bin/env bash
# Builds the installable application with the JDK's jpackage: an app image that carries its own Java runtime (jlink)
# and, on Linux, a .deb with a desktop entry. Run through `./m3vit package`, which builds the jars first and passes
# the class path and the JVM options the launcher uses; docs/install.md says what was built and proven.
set -euo pipefail
# (empty arrays are expanded as ${A[@]+"${A[@]}"}: macOS's bash 3.2 calls "${A[@]}" of an empty A unbound under -u)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
NAME=m3vit-explorer
TITLE="M3ViT Explorer"
MAIN_CLASS=org.m3vit.app.Main
# The JDK modules the class path needs: jdeps on every jar (module-info removed) gives java.base, java.desktop,
# java.logging, java.management, jdk.management, java.sql, java.xml, jdk.unsupported, jdk.unsupported.desktop and
# optional references to java.compiler (annotations) and jdk.jfr (JavaFX's event logging), which are left out.
# Checked by running the window, `screenshots`, infer, eval, simulate, render and import on this runtime; without
# jdk.management `bench model` fails (com.sun.management.OperatingSystemMXBean). docs/install.md has the details.
MODULES=java.base,java.desktop,java.logging,java.management,jdk.management,java.sql,java.xml,jdk.unsupported,jdk.unsupported.desktop
# What JavaFX's native libraries from its platform jars need (libglassgtk3.so, libprism_es2.so): jpackage finds only
# the runtime's own dependencies (X11, freetype, ...). Tried in a clean bookworm chroot: without libgtk-3-0 the
# window does not open ("Unable to load glass GTK library"); without libgl1 and libxxf86vm1 it opens with the software
# renderer after a 20-line UnsatisfiedLinkError on every start. libtorch needs only libc and libstdc++.
LINUX_DEPS="libgtk-3-0, libgl1, libxxf86vm1"

usage() {
  cat <<EOF
Usage: ./m3vit package [--image-only] [--dest DIR] [--verbose]

Builds $TITLE with jpackage: an app image with its own Java runtime in DIR/$NAME and, on Linux, a .deb in DIR
(default DIR: app/target/packaging). On macOS the installer is a .dmg, on Windows an .msi (needs WiX 3); neither
was tried (docs/install.md).
  --image-only   build the app image only, no installer
  --dest DIR     output folder (emptied of an earlier image and installer of this name)
  --verbose      jpackage's own account of what it does (resources used, commands run)
EOF
}

APP_JAR="" CP_FILE="" WINDOW_OPTS="" CLI_OPTS="" DEST="$ROOT/app/target/packaging" IMAGE_ONLY=0 VERBOSE=()
while (($#)); do
  case "$1" in
    --app-jar) APP_JAR="$2"; shift 2 ;;
    --classpath-file) CP_FILE="$2"; shift 2 ;;
    --window-opts) WINDOW_OPTS="$2"; shift 2 ;;
    --cli-opts) CLI_OPTS="$2"; shift 2 ;;
    --dest) DEST="$2"; shift 2 ;;
    --image-only) IMAGE_ONLY=1; shift ;;
    --verbose) VERBOSE=(--verbose); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "m3vit package: unknown option '$1' (see ./m3vit package --help)" >&2; exit 2 ;;
  esac
done
fail() { echo "m3vit package: $*" >&2; exit 1; }
[[ -n "$APP_JAR" && -n "$CP_FILE" && -n "$WINDOW_OPTS" && -n "$CLI_OPTS" ]] \
  || fail "run it as ./m3vit package (the launcher passes the jars and the JVM options)"
[[ -f "$APP_JAR" ]] || fail "$APP_JAR: no such jar (build first)"
[[ -f "$CP_FILE" ]] || fail "$CP_FILE: no such file (build first)"
APP_JAR="$(cd "$(dirname "$APP_JAR")" && pwd)/$(basename "$APP_JAR")"
DEST="$(mkdir -p "$DEST" && cd "$DEST" && pwd)"

JDK_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}"
for tool in jpackage jlink jar; do
  command -v "${JDK_BIN}$tool" >/dev/null || fail "'${JDK_BIN}$tool' not found: jpackage needs a full JDK 17 or later"
done

case "$(uname -s)" in
  Linux) OS=linux; INSTALLER=deb ;;
  Darwin) OS=mac; INSTALLER=dmg ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows; INSTALLER=msi ;;
  *) fail "unknown system $(uname -s)" ;;
esac

WORK="$ROOT/app/target/packaging-work"
INPUT="$WORK/input"
RUNTIME="$WORK/runtime"
rm -rf "$WORK" "${DEST:?}/$NAME" "$DEST/$NAME.app"
mkdir -p "$INPUT" "$DEST"

# The version: the app module's Maven version without -SNAPSHOT (jpackage takes numbers only).
(cd "$WORK" && "${JDK_BIN}jar" xf "$APP_JAR" META-INF/maven)
POM_PROPS="$(find "$WORK/META-INF/maven" -name pom.properties -print -quit)"
VERSION="$(sed -n 's/^version=\([0-9.]*\).*/\1/p' "$POM_PROPS")"
[[ -n "$VERSION" ]] || fail "no version in the app jar's pom.properties"

# The class path, as the build wrote it: every entry must be a jar; two with one file name would overwrite each other.
APP_JAR_NAME="$(basename "$APP_JAR")"
cp "$APP_JAR" "$INPUT/"
SEP=:; [[ "$OS" == windows ]] && SEP=';'
IFS="$SEP" read -r -a ENTRIES <<< "$(tr -d '\r\n' < "$CP_FILE")"
for entry in "${ENTRIES[@]}"; do
  [[ -n "$entry" ]] || continue
  [[ -f "$entry" && "$entry" == *.jar ]] || fail "class path entry $entry is not a jar (run the build's package phase)"
  [[ ! -e "$INPUT/$(basename "$entry")" ]] || fail "two class path entries are named $(basename "$entry")"
  cp "$entry" "$INPUT/"
done
echo "m3vit package: $(( ${#ENTRIES[@]} + 1 )) jars, version $VERSION" >&2

# What the app reads through m3vit.home, laid out as in the repository: the samples, the icons and the bundled model's
# config and weights (not its training-run/, the resumable training state). Nothing writes there (settings and
# imports go to ~/.m3vit), so the installed folder can stay read-only.
cp -r "$ROOT/sample-images" "$INPUT/sample-images"
mkdir -p "$INPUT/icons" "$INPUT/model/bundled/m3vit-synth"
cp "$ROOT"/icons/*.png "$INPUT/icons/"
find "$ROOT/model/bundled/m3vit-synth" -maxdepth 1 -type f \( -name '*.json' -o -name '*.safetensors' \) \
  -exec cp {} "$INPUT/model/bundled/m3vit-synth/" \;
[[ -f "$INPUT/model/bundled/m3vit-synth/model.safetensors" ]] || fail "the bundled model's weights are missing"

echo "m3vit package: jlink runtime ($MODULES)" >&2
"${JDK_BIN}jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --strip-native-commands \
  --output "$RUNTIME"

# Launchers: the main one opens the window with the launcher's window options; `m3vit` runs the command-line tools
# with the launcher's options for them. $APPDIR is the installed lib/app folder (jpackage expands it at start).
COMMON_OPTS=('-Dm3vit.home=$APPDIR' -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
JAVA_OPTION_ARGS=()
for o in $WINDOW_OPTS "${COMMON_OPTS[@]}"; do JAVA_OPTION_ARGS+=(--java-options "$o"); done
echo "java-options=$CLI_OPTS ${COMMON_OPTS[*]}" > "$WORK/m3vit.properties"
[[ "$OS" == windows ]] && echo "win-console=true" >> "$WORK/m3vit.properties"

ICON_ARGS=()
case "$OS" in
  linux) ICON_ARGS=(--icon "$ROOT/icons/m3vit-256.png") ;;
  *) echo "m3vit package: no .icns/.ico icon yet on $OS: jpackage uses its default icon" >&2 ;;
esac

echo "m3vit package: app image" >&2
"${JDK_BIN}jpackage" ${VERBOSE[@]+"${VERBOSE[@]}"} --type app-image --name "$NAME" --app-version "$VERSION" --vendor "M3ViT Explorer" \
  --description "$TITLE: a multi-task mixture-of-experts ViT and its accelerator, visualised" \
  --input "$INPUT" --main-jar "$APP_JAR_NAME" --main-class "$MAIN_CLASS" --runtime-image "$RUNTIME" \
  "${JAVA_OPTION_ARGS[@]}" --add-launcher m3vit="$WORK/m3vit.properties" ${ICON_ARGS[@]+"${ICON_ARGS[@]}"} --dest "$DEST"
IMAGE="$DEST/$NAME"; [[ "$OS" == mac ]] && IMAGE="$DEST/$NAME.app"
echo "m3vit package: $IMAGE ($(du -sh "$IMAGE" | cut -f1))" >&2
((IMAGE_ONLY)) && exit 0

INSTALLER_ARGS=()
if [[ "$OS" == linux ]]; then
  # The desktop entries: our own templates (jpackage fills in the upper-case words). The window's sets
  # MALLOC_ARENA_MAX=2 as ./m3vit does (jpackage's java-options cannot set an environment variable); JDK 17's jpackage
  # gives every launcher an entry, so the command-line launcher's is hidden from the menus (NoDisplay). The postinst
  # creates the folders xdg-desktop-menu needs on a minimal system.
  mkdir -p "$WORK/resources"
  cp "$HERE/linux/$NAME.desktop" "$HERE/linux/m3vit.desktop" "$HERE/linux/postinst" "$WORK/resources/"
  # one main menu category (desktop-file-validate: two main ones list the entry twice), the others additional
  INSTALLER_ARGS=(--linux-package-name "$NAME" --linux-shortcut
    --linux-menu-group "Education;ArtificialIntelligence;ComputerScience;" --linux-app-category science
    --linux-package-deps "$LINUX_DEPS" --resource-dir "$WORK/resources")
elif [[ "$OS" == windows ]]; then
  # not tried (docs/install.md): a Start menu entry, and a choice of folder
  INSTALLER_ARGS=(--win-menu --win-menu-group "$TITLE" --win-dir-chooser)
fi
rm -f "$DEST/$NAME"*."$INSTALLER"
echo "m3vit package: $INSTALLER installer (jpackage compresses ~170 MB: a few minutes)" >&2
"${JDK_BIN}jpackage" ${VERBOSE[@]+"${VERBOSE[@]}"} --type "$INSTALLER" --app-image "$IMAGE" --name "$NAME" --app-version "$VERSION" \
  --vendor "M3ViT Explorer" --description "$TITLE: a multi-task mixture-of-experts ViT and its accelerator, visualised" \
  ${ICON_ARGS[@]+"${ICON_ARGS[@]}"} ${INSTALLER_ARGS[@]+"${INSTALLER_ARGS[@]}"} --dest "$DEST"
for f in "$DEST/$NAME"*."$INSTALLER"; do
  if [[ -f "$f" ]]; then echo "m3vit package: $f ($(du -h "$f" | cut -f1))" >&2; fi
done
