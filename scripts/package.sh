#!/usr/bin/env bash
# Builds Steward's two packages into dist/:
#   dist/steward_VERSION_amd64.deb       Debian and Ubuntu (dpkg-deb, from the release build)
#   dist/Steward-VERSION-setup.exe       Windows installer (NSIS, from a cross-built release)
# Installs the tools it needs with apt-get and rustup when missing; fails loudly otherwise.
#
#   scripts/package.sh          # both
#   scripts/package.sh deb      # only the .deb
#   scripts/package.sh windows  # only the installer
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

what=${1:-all}
# STEWARD_PACKAGE_PROFILE=debug packages the debug builds instead (what the tests already
# built), so that CI checks the packaging without two more release builds. Packages for
# people are always release builds: the default.
profile=${STEWARD_PACKAGE_PROFILE:-release}
case "$profile" in
  release) cargo_profile=(--release); out_dir=release ;;
  debug) cargo_profile=(); out_dir=debug; echo "!!! packaging DEBUG builds (STEWARD_PACKAGE_PROFILE=debug): for checks only, not for release" >&2 ;;
  *) echo "STEWARD_PACKAGE_PROFILE must be release or debug" >&2; exit 2 ;;
esac
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
mkdir -p dist

# Builds the program (for the given --target, if any). A debug package takes the binary the
# test build made: `cargo build` would compile everything again, since the tests' extra
# dependencies switch on other features of the GUI crates.
program_build() {
  if [ "$profile" = debug ]; then
    echo "--- cargo test --no-run $* (the binary the tests use)" >&2
    cargo test --locked --no-run "$@" >&2
  else
    echo "--- cargo build --release $*" >&2
    cargo build --locked --release --bin steward "$@"
  fi
}

build_deb() {
  need dpkg-deb dpkg
  program_build
  local root deb
  root=$(mktemp -d)
  chmod 755 "$root"
  trap 'rm -rf "$root"' RETURN
  install -Dm755 "target/$out_dir/steward" "$root/usr/bin/steward"
  install -Dm644 packaging/linux/steward.desktop "$root/usr/share/applications/steward.desktop"
  install -Dm644 packaging/linux/steward-mime.xml "$root/usr/share/mime/packages/steward.xml"
  for size in 16 24 32 48 64 128 256; do
    install -Dm644 "assets/icon/steward-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/steward.png"
  done
  install -Dm644 assets/icon/steward.svg "$root/usr/share/icons/hicolor/scalable/apps/steward.svg"
  install -Dm644 LICENSE "$root/usr/share/doc/steward/copyright"
  install -Dm644 assets/demo.json "$root/usr/share/doc/steward/examples/demo.steward"
  strip --strip-unneeded "$root/usr/bin/steward" 2>/dev/null || true
  # The newest C library version the binary asks for, as the package's minimum.
  local glibc
  glibc=$(objdump -T "$root/usr/bin/steward" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n1)
  local size_kb
  size_kb=$(du -sk "$root/usr" | cut -f1)
  mkdir -p "$root/DEBIAN"
  # The desktop, MIME and icon caches are refreshed by dpkg's triggers (desktop-file-utils,
  # shared-mime-info, hicolor-icon-theme): no maintainer scripts are needed.
  cat > "$root/DEBIAN/control" <<CONTROL
Package: steward
Version: $version
Section: office
Priority: optional
Architecture: amd64
Maintainer: Steward developers <steward@invalid>
Installed-Size: $size_kb
Depends: libc6 (>= ${glibc:-2.34}), libgcc-s1, libgl1 | libegl1, libx11-6, libxcursor1, libxi6, libxrandr2, libxkbcommon-x11-0
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme, xdg-desktop-portal
Description: keep ownership of a business-system implementation in-house
 Steward is the desktop tool for the customer's own project owner when an
 organization implements an association management system, a CRM or an ERP
 with outside consultants: stakeholder matrix with RACI, kickoff checklist,
 consultant-exit plan, findings and a go/no-go verdict for the exit date.
 .
 Projects are .steward files (JSON) that open with a double-click.
CONTROL
  deb="dist/steward_${version}_amd64.deb"
  local compress=-Zxz
  [ "$profile" = debug ] && compress=-Zgzip  # a quick check, not a download
  dpkg-deb --root-owner-group "$compress" --build "$root" "$deb" >&2
  echo "built $deb" >&2
}

build_windows() {
  need_windows_toolchain
  need makensis nsis
  program_build --target "$WIN_TARGET"
  local exe="target/$WIN_TARGET/$out_dir/steward.exe"
  local stripped="target/$WIN_TARGET/$out_dir/steward-stripped.exe"
  x86_64-w64-mingw32-strip --strip-unneeded -o "$stripped" "$exe"
  # The icon and the version information must be in it (build.rs embeds them).
  if ! LC_ALL=C strings -el "$stripped" | grep -q "FileDescription"; then
    echo "!!! $exe has no version information: was x86_64-w64-mingw32-windres missing?" >&2
    exit 1
  fi
  local out="$ROOT/dist/Steward-${version}-setup.exe"
  (cd packaging/windows && makensis -V2 -DVERSION="$version" \
    -DEXE="$ROOT/$stripped" -DOUTFILE="$out" steward.nsi) >&2
  echo "built dist/Steward-${version}-setup.exe" >&2
}

case "$what" in
  all) build_deb; build_windows ;;
  deb) build_deb ;;
  windows) build_windows ;;
  *) echo "usage: $0 [all|deb|windows]" >&2; exit 2 ;;
esac
ls -l dist/ >&2
