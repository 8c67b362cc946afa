#!/usr/bin/env bash
# Cross-builds the test suite for Windows (x86_64-pc-windows-gnu, linked with mingw) and runs
# it under Wine, in a Wine prefix of its own under target/wine/. Installs what it needs with
# apt-get and rustup when missing, and fails loudly when it cannot.
#
#   scripts/test-windows.sh                 # the whole suite
#   scripts/test-windows.sh --test windows  # any `cargo test` arguments narrow it
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
need_windows_toolchain
setup_wine
# A "file server" for the tests: Wine serves dosdevices/unc/SERVER/SHARE as \\SERVER\SHARE,
# and a dosdevices/LETTER: link is a mapped drive.
share="$ROOT/target/wine/share"
mkdir -p "$share/projects" "$share/mapped" "$WINEPREFIX/dosdevices/unc/fileserver"
ln -sfn "$share/projects" "$WINEPREFIX/dosdevices/unc/fileserver/projects"
ln -sfn "$share/mapped" "$WINEPREFIX/dosdevices/s:"
export STEWARD_TEST_UNC='\\fileserver\projects' STEWARD_TEST_DRIVE='S:'
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$ROOT/scripts/wine/run"
export WINE
echo "--- cargo test --target $WIN_TARGET (under Wine: $("$WINE" --version))" >&2
cargo test --locked --target "$WIN_TARGET" "$@"
