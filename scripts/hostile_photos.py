"""How long `nianjian validate` takes, and how much memory, to refuse a hostile photograph, and
what the largest photograph the rules allow costs to resize: figures for notes, not a test
(tests/test_photos.py checks that each is refused; tests/test_limits.py bounds time and memory).

    .venv/bin/python scripts/hostile_photos.py [--runs 5]    # needs GNU time (/usr/bin/time)

Each case is a copy of tests/fixtures/multi-year whose 2024 record lists one photograph. Each
run is a whole process; it reports the median wall time with its spread (min-max), the median
CPU time and the peak resident memory, and the machine's load before and after.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "multi-year"


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height`: a decompression bomb's front."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    raw = bytearray(buffer.getvalue())
    header = struct.pack(">II", width, height) + bytes(raw[24:29])
    raw[16:29] = header
    raw[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(raw)


def real_bomb(width: int, height: int) -> bytes:
    """A PNG that really decodes to `width` × `height` pixels of one colour: a few hundred KB on
    disk, gigabytes in memory once decoded."""
    row = b"\x00" + b"\x00" * width  # filter byte, then one grey byte per pixel
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def largest_allowed() -> bytes:
    """A JPEG of 7,200 × 5,400 pixels (38.9 MP, under the 40 MP limit) with detail in it, under
    the 20 MB limit."""
    image = Image.merge("RGB", [Image.effect_noise((7200, 5400), sigma) for sigma in (8, 12, 16)])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=75)
    return buffer.getvalue()


CASES = {
    "header claiming 30000×30000 (bomb.png)": ("bomb.png", lambda: png_claiming(30000, 30000)),
    "real bomb decoding to 30000×30000 (bomb2.png)": ("bomb2.png", lambda: real_bomb(30000, 30000)),
    "SVG named .jpg": ("drawing.jpg", lambda: b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    "40 MB file (huge.jpg)": ("huge.jpg", lambda: b"\xff\xd8\xff\xe0" + b"\x00" * (40 * 1024 * 1024)),
    "largest allowed, 38.9 MP (big.jpg)": ("big.jpg", largest_allowed),
}


def run_once(command: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak resident MiB, exit status) of one whole process, as GNU time measures
    it (a child's own maximum from wait4 would count the pages it shared with this process
    between fork and exec)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        status = subprocess.run(
            ["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M", *command], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ).returncode
        wall, user, system, peak_kib = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(peak_kib) / 1024, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"nproc {os.cpu_count()}, before: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="nianjian-hostile-photos-") as folder:
        for label, (name, make) in CASES.items():
            data = Path(folder) / name / "data"
            shutil.copytree(FIXTURE, data)
            (data / "sources").mkdir(exist_ok=True)
            content = make()
            (data / "sources" / name).write_bytes(content)
            year = data / "years" / "2024.yaml"
            year.write_text(year.read_text(encoding="utf-8").replace("problems: []\n", f"photos:\n  - file: sources/{name}\n    caption: 照片\nproblems: []\n", 1), encoding="utf-8")
            runs = [run_once([sys.executable, "-m", "nianjian", "validate", str(data)], data.parent) for _ in range(args.runs)]
            walls, cpus, memories = [run[0] for run in runs], [run[1] for run in runs], [run[2] for run in runs]
            print(
                f"{label:<48} file {len(content) / 1024:>9,.0f} KiB  exit {sorted({run[3] for run in runs})}  "
                f"wall {statistics.median(walls):.2f} s ({min(walls):.2f}-{max(walls):.2f})  CPU {statistics.median(cpus):.2f} s  "
                f"peak {max(memories):.0f} MiB"
            )
        # What the allowed maximum costs where the build resizes it (render/formats/photos.py).
        big = Path(folder) / "big.jpg" / "data" / "sources" / "big.jpg"
        resize = "import sys; from pathlib import Path; from nianjian.render.formats.photos import make_variants; make_variants(Path(sys.argv[1]), Path(sys.argv[2]), 'digest')"
        runs = [run_once([sys.executable, "-c", resize, str(Path(folder) / f"variants-{run}"), str(big)], REPO) for run in range(args.runs)]
        walls = [run[0] for run in runs]
        print(
            f"{'resizing it into its 3 variants':<48} exit {sorted({run[3] for run in runs})}  wall {statistics.median(walls):.2f} s "
            f"({min(walls):.2f}-{max(walls):.2f})  CPU {statistics.median(run[1] for run in runs):.2f} s  peak {max(run[2] for run in runs):.0f} MiB"
        )
    print(f"after: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
