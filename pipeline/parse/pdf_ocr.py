"""OCR for PDF pages without a text layer (scans): Tesseract with the Swedish model.

The page's images come from pypdf (``page.images``, decoded by Pillow) and are read by the
``tesseract`` command (Debian packages ``tesseract-ocr`` and ``tesseract-ocr-swe``). Low-resolution
scans are enlarged to about 300 dpi first, which is what Tesseract is trained for. When the command or
the Swedish model is missing, :func:`available` says so and the parser reports the page instead.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import lru_cache

LANGUAGE = "swe"
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-swe to OCR it"
MIN_PIXELS = 120 * 40  # smaller images are logos and icons, not scanned text
TARGET_DPI = 300
MAX_PIXELS = 40_000_000


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether ``tesseract`` is installed with the Swedish model."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in (out.stdout + out.stderr).split()


class OcrError(Exception):
    """Tesseract failed on an image (the message says why)."""


def ocr_page(page, placements, timeout: float) -> str:
    """Text of the images on ``page`` (paragraphs separated by blank lines), read with Tesseract.

    ``placements`` are the image boxes on the page (points), used to estimate each image's dpi.
    """
    texts = []
    width_pt = max((p.width for p in placements), default=0.0)
    for image_file in page.images:
        try:
            image = image_file.image
        except Exception as exc:  # an image filter Pillow cannot decode (e.g. JBIG2)
            raise OcrError(f"cannot decode image {image_file.name}: {exc}") from exc
        if image is None or image.width * image.height < MIN_PIXELS:
            continue
        texts.append(_tesseract(_prepare(image, width_pt), timeout))
    return "\n\n".join(t for t in texts if t.strip())


def _prepare(image, width_pt: float):
    """Greyscale, enlarged towards ``TARGET_DPI`` when the scan is coarse."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    if width_pt > 0:
        dpi = image.width / (width_pt / 72.0)
        scale = min(TARGET_DPI / dpi, 4.0) if dpi < 200 else 1.0
        if scale > 1.0 and image.width * image.height * scale * scale <= MAX_PIXELS:
            image = image.resize((round(image.width * scale), round(image.height * scale)))
    return image.convert("L")


def _tesseract(image, timeout: float) -> str:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    try:
        out = subprocess.run(["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "3"], input=buf.getvalue(),
                             capture_output=True, timeout=max(timeout, 1.0), check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"tesseract took longer than {timeout:.0f} s") from exc
    except OSError as exc:
        raise OcrError(f"cannot run tesseract: {exc}") from exc
    if out.returncode != 0:
        lines = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(lines[-1] if lines else f"tesseract exited with status {out.returncode}")
    return out.stdout.decode("utf-8", "replace").replace("\f", "")


def paragraphs(text: str) -> list[list[str]]:
    """OCR output as paragraphs, each a list of lines."""
    return [[ln for ln in chunk.splitlines() if ln.strip()] for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
