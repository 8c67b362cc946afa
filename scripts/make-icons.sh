#!/usr/bin/env bash
# Draws Steward's icon in every size the packages need from its one source,
# assets/icon/steward.svg: PNGs for Linux (hicolor sizes) and the window, and
# steward.ico (PNG-compressed entries, as Windows Vista and later read) for the .exe
# and the installer. The results are committed, so builds need none of these tools.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "rsvg-convert is missing: apt-get install -y librsvg2-bin" >&2
  exit 1
fi
dir=assets/icon
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" "$dir/steward.svg" -o "$dir/steward-$size.png"
done
python3 - "$dir" <<'PY'
import struct, sys
d = sys.argv[1]
sizes = [16, 24, 32, 48, 64, 128, 256]
images = [open(f"{d}/steward-{s}.png", "rb").read() for s in sizes]
header = struct.pack("<HHH", 0, 1, len(images))
offset = len(header) + 16 * len(images)
entries = b""
for size, data in zip(sizes, images):
    side = 0 if size >= 256 else size  # 0 stands for 256 in the ICO directory
    entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
with open(f"{d}/steward.ico", "wb") as f:
    f.write(header + entries + b"".join(images))
PY
echo "icons written to $dir"
