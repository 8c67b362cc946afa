#!/usr/bin/env bash
# The checks that need programs from outside Rust, with those programs required:
#   LibreOffice (soffice) converts Steward's workbook headless to CSV, ODS and XLS, and each
#   imports back unchanged (tests/libreoffice.rs);
#   Python's icalendar library parses Steward's calendar without a problem
#   (tests/calendar_parsers.rs).
# Installs what is missing with apt-get; a tool that cannot be installed fails loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

need soffice libreoffice-calc-nogui
need python3 python3
if ! python3 -c "import icalendar" >/dev/null 2>&1; then
  apt_install python3-icalendar || true
  python3 -c "import icalendar" >/dev/null 2>&1 || die_missing "Python's icalendar module (Debian package: python3-icalendar)"
fi
STEWARD_REQUIRE_TOOLS=1 cargo test --locked --test libreoffice --test calendar_parsers
