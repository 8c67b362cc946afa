#!/usr/bin/env bash
# Installs and removes the packages that scripts/package.sh built into dist/, and checks what
# each one promises:
#   .deb        dpkg installs it; `steward check` works on the demo; the .desktop entry passes
#               desktop-file-validate; the icons and the .steward MIME type are registered;
#               dpkg removes every file it installed.
#   setup.exe   under Wine in silent mode (/S): steward.exe lands in the per-user programs
#               folder with a Start-menu entry, `steward.exe check` works on the demo, .steward
#               is associated in the registry; the uninstaller removes all of that and leaves
#               a project the user kept in that folder alone.
# The .deb part needs root (dpkg). Fails loudly when a tool is missing and cannot be installed.
#
#   scripts/test-packages.sh [deb|windows|all]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

what=${1:-all}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
failures=0
ok() { echo "  ok: $*"; }
bad() { echo "  FAILED: $*" >&2; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
# reg_has PATTERN KEY [reg query options]: the Wine registry value matches PATTERN.
reg_has() { local pattern=$1; shift; "$WINE" reg query "$@" 2>/dev/null | tr -d '\r' | grep -qiF -- "$pattern"; }
reg_gone() { ! "$WINE" reg query "$1" >/dev/null 2>&1; }

test_deb() {
  local deb="dist/steward_${version}_amd64.deb"
  [ -f "$deb" ] || { bad "$deb is missing: run scripts/package.sh deb"; return; }
  [ "$(id -u)" = 0 ] || die_missing "root rights for dpkg (run as root, or in CI)"
  need desktop-file-validate desktop-file-utils
  need update-mime-database shared-mime-info
  echo "--- .deb: $deb"
  if dpkg -s steward >/dev/null 2>&1; then dpkg -r steward >/dev/null; fi
  # apt-get resolves the libraries it depends on; dpkg -i alone would not.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >/dev/null 2>&1; then
    dpkg -i "$deb" >/dev/null 2>&1 || true
  fi
  check "dpkg installed it" dpkg -s steward
  local files
  files=$(dpkg -L steward | while read -r f; do [ -f "$f" ] && echo "$f"; done)
  check "steward is on the PATH" test -x /usr/bin/steward
  check "steward check works on the demo" /usr/bin/steward check /usr/share/doc/steward/examples/demo.steward
  check "the .desktop entry passes desktop-file-validate" desktop-file-validate /usr/share/applications/steward.desktop
  check "the .desktop entry opens .steward files" grep -q '^MimeType=application/x-steward-project;' /usr/share/applications/steward.desktop
  for size in 16 32 48 64 128 256; do
    check "icon ${size}x${size}" test -f "/usr/share/icons/hicolor/${size}x${size}/apps/steward.png"
  done
  check "scalable icon" test -f /usr/share/icons/hicolor/scalable/apps/steward.svg
  # dpkg's trigger may be deferred: refresh the MIME database as the trigger would.
  update-mime-database /usr/share/mime >/dev/null 2>&1 || true
  check "*.steward is the MIME type application/x-steward-project" \
    grep -q 'application/x-steward-project:\*\.steward' /usr/share/mime/globs2
  # A double-click finds Steward through the desktop database (dpkg's trigger runs this too).
  update-desktop-database /usr/share/applications >/dev/null 2>&1 || true
  check "file managers open .steward files with steward.desktop" \
    grep -q '^application/x-steward-project=.*steward.desktop' /usr/share/applications/mimeinfo.cache
  dpkg -r steward >/dev/null
  check "dpkg removed it" sh -c '! dpkg -s steward 2>/dev/null | grep -q "^Status: install ok installed"'
  local left=0 f
  for f in $files; do
    if [ -e "$f" ]; then echo "  left behind: $f" >&2; left=1; fi
  done
  if [ "$left" = 0 ]; then ok "every installed file is gone ($(echo "$files" | wc -l) files)"; else bad "files left after removal"; fi
  update-mime-database /usr/share/mime >/dev/null 2>&1 || true
  check "the MIME type is gone" sh -c "! grep -q 'x-steward-project' /usr/share/mime/globs2"
}

test_windows() {
  local setup="dist/Steward-${version}-setup.exe"
  [ -f "$setup" ] || { bad "$setup is missing: run scripts/package.sh windows"; return; }
  setup_wine
  echo "--- Windows installer under Wine: $setup"
  local user_dir="$WINEPREFIX/drive_c/users/$(whoami)"
  local install_dir="$user_dir/AppData/Local/Programs/Steward"
  local start_menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Steward.lnk"
  if ! "$WINE" "$ROOT/$setup" /S; then
    bad "the installer ran (/S)"
    return
  fi
  "$WINESERVER" -w
  check "steward.exe is in %LOCALAPPDATA%\\Programs\\Steward" test -f "$install_dir/steward.exe"
  check "the uninstaller is there" test -f "$install_dir/uninstall.exe"
  check "a Start-menu entry" test -f "$start_menu"
  local out
  if out=$("$WINE" "$install_dir/steward.exe" check 'C:\users\'"$(whoami)"'\AppData\Local\Programs\Steward\demo.steward' 2>&1) \
    && echo "$out" | grep -q "Verdict\|verdict\|ready"; then
    ok "the installed steward.exe check works on the demo"
  else
    bad "the installed steward.exe check works on the demo: $out"
  fi
  check ".steward is registered to Steward.Project" \
    reg_has 'Steward.Project' 'HKCU\Software\Classes\.steward' /ve
  check "double-click opens it: shell\\open\\command runs steward.exe \"%1\"" \
    reg_has 'steward.exe" "%1"' 'HKCU\Software\Classes\Steward.Project\shell\open\command' /ve
  check "Steward is in Installed apps (HKCU uninstall key)" \
    reg_has 'uninstall.exe' 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Steward' /v UninstallString

  # A project the user keeps in that folder must survive the uninstall.
  echo '{}' > "$install_dir/My project.steward"
  "$WINE" "$install_dir/uninstall.exe" /S || bad "the uninstaller ran (/S)"
  "$WINESERVER" -w
  sleep 1
  check "steward.exe is gone" test ! -e "$install_dir/steward.exe"
  check "the uninstaller is gone" test ! -e "$install_dir/uninstall.exe"
  check "the Start-menu entry is gone" test ! -e "$start_menu"
  check "the user's own project is left alone" test -f "$install_dir/My project.steward"
  check "the .steward association is gone" reg_gone 'HKCU\Software\Classes\.steward'
  check "Steward.Project is gone" reg_gone 'HKCU\Software\Classes\Steward.Project'
  check "the uninstall entry is gone" reg_gone 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Steward'
  rm -rf "$install_dir"
}

case "$what" in
  all) test_deb; test_windows ;;
  deb) test_deb ;;
  windows) test_windows ;;
  *) echo "usage: $0 [all|deb|windows]" >&2; exit 2 ;;
esac
if [ "$failures" -gt 0 ]; then
  echo "test-packages: $failures check(s) FAILED" >&2
  exit 1
fi
echo "test-packages: all checks passed"
