#!/usr/bin/env bash
# The performance budgets of issue 20 in one table: each figure, its budget, the peer doing the
# same work measured in the same run (git merge-file, Python's openpyxl, `steward check`, a bare
# eframe window) and the ratio, and whether it is met. See PERFORMANCE.md.
#
#   scripts/bench.sh                 # everything (about 2 minutes after the release build)
#   scripts/bench.sh merge startup   # some: merge poll reload xlsx ics timeline presenter startup heap
#
# Installs what the comparisons need when it is missing (git, Python's openpyxl, Xvfb) with
# apt-get, or openpyxl with pip, and says loudly what it could not install: the table then says
# NOT MEASURED for that comparison rather than leave it out. Without a display it starts a
# virtual one (Xvfb) for the start-up and idle figures.
set -euo pipefail
cd "$(dirname "$0")/.."

loud() {
  echo "" >&2
  echo "!!! $*" >&2
  echo "" >&2
}

apt_updated=
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

if ! command -v git >/dev/null 2>&1; then
  apt_install git || loud "git is missing and could not be installed: the merge is measured without git merge-file beside it."
fi

# The first Python with openpyxl: python3 on the PATH, then Debian's own.
python_with_openpyxl() {
  for p in ${STEWARD_BENCH_PYTHON:-} python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c "import openpyxl" >/dev/null 2>&1; then
      command -v "$p"
      return 0
    fi
  done
  return 1
}
if ! python_with_openpyxl >/dev/null; then
  apt_install python3-openpyxl || python3 -m pip install --quiet --user openpyxl >/dev/null 2>&1 || true
fi
if python=$(python_with_openpyxl); then
  export STEWARD_BENCH_PYTHON=$python
  echo "openpyxl: $("$python" -c 'import openpyxl; print(openpyxl.__version__)') ($python)"
else
  loud "Python's openpyxl is missing and could not be installed (apt-get install python3-openpyxl, or pip install openpyxl): the workbook export is measured without its peer."
fi

# Build first, so that the build does not run under the virtual display or count in its time.
cargo bench --locked --bench budgets --no-run

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if ! command -v xvfb-run >/dev/null 2>&1; then
    apt_install xvfb || true
  fi
  if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" cargo bench --locked --bench budgets -- "$@"
  fi
  loud "There is no display and Xvfb could not be installed (apt-get install xvfb): start-up and the idle window are not measured."
fi
exec cargo bench --locked --bench budgets -- "$@"
