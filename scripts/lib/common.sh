# Shared by the scripts in scripts/: installing what a check needs, and Wine set up for
# running Windows programs built here. Source it; it expects to run from the repository root.

ROOT="$(pwd)"
WIN_TARGET=x86_64-pc-windows-gnu
APT_UPDATED=${APT_UPDATED:-}

# Says loudly that a check cannot run, and fails: a missing tool never passes silently.
die_missing() {
  echo "" >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!!! NOT CHECKED: $1" >&2
  echo "!!! This check FAILED because its tool is missing and could not be installed." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  exit 1
}

# apt_install PACKAGE... : installs Debian packages (once per run does `apt-get update`).
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || return 1
    sudo="sudo -n"
  fi
  if [ -z "$APT_UPDATED" ]; then
    echo "--- apt-get update" >&2
    $sudo apt-get update -qq >&2 || return 1
    APT_UPDATED=1
  fi
  echo "--- apt-get install $*" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

# need COMMAND PACKAGE... : makes sure COMMAND exists, installing the packages if not.
need() {
  local cmd=$1
  shift
  if ! command -v "$cmd" >/dev/null 2>&1 && [ ! -x "$cmd" ]; then
    apt_install "$@" || true
  fi
  command -v "$cmd" >/dev/null 2>&1 || [ -x "$cmd" ] || die_missing "$cmd (Debian package: $*)"
}

# The Rust target and the mingw linker for Windows builds.
need_windows_toolchain() {
  if ! rustup target list --installed 2>/dev/null | grep -qx "$WIN_TARGET"; then
    echo "--- rustup target add $WIN_TARGET" >&2
    rustup target add "$WIN_TARGET" >&2 || die_missing "the Rust target $WIN_TARGET (rustup target add)"
  fi
  need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
  need x86_64-w64-mingw32-windres binutils-mingw-w64-x86-64
}

# Wine with its own prefix (under target/, never the user's ~/.wine) and the ProcessPrng shim.
# Sets WINE, WINEPREFIX, WINEDEBUG, WINEDLLOVERRIDES.
setup_wine() {
  WINE=/usr/lib/wine/wine64
  WINESERVER=/usr/lib/wine/wineserver
  if [ ! -x "$WINE" ]; then
    apt_install wine64 || apt_install wine || true
  fi
  [ -x "$WINE" ] || die_missing "Wine ($WINE; Debian package wine64)"
  need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
  export WINEPREFIX="${STEWARD_WINEPREFIX:-$ROOT/target/wine/prefix}"
  export WINEDEBUG=-all
  # The shim replaces Wine's own bcryptprimitives.dll for these programs only.
  export WINEDLLOVERRIDES="bcryptprimitives=n;mscoree,mshtml="
  mkdir -p "$(dirname "$WINEPREFIX")"
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "--- creating the Wine prefix $WINEPREFIX" >&2
    "$WINE" wineboot -i >/dev/null 2>&1 || die_missing "a working Wine prefix (wineboot failed)"
    # No display in CI: Wine's null graphics driver lets hidden windows exist without one.
    if [ -z "${DISPLAY:-}" ]; then
      "$WINE" reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f >/dev/null 2>&1 || true
    fi
    "$WINESERVER" -w >/dev/null 2>&1 || true
  fi
  local shim="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
  if [ ! -f "$WINEPREFIX/.steward-shim" ]; then
    echo "--- building the ProcessPrng shim (bcryptprimitives.dll) with mingw" >&2
    x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/bcryptprimitives.dll" \
      scripts/wine/processprng.c scripts/wine/processprng.def -ladvapi32 \
      || die_missing "the ProcessPrng shim (mingw could not build it)"
    cp "$WINEPREFIX/bcryptprimitives.dll" "$shim"
    touch "$WINEPREFIX/.steward-shim"
  fi
}
