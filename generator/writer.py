"""The only code that writes files: atomic, and silent when nothing changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` atomically unless the file already holds exactly it."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def sync_tree(root: Path, files: dict[str, str | bytes]) -> tuple[int, int]:
    """Make the generator-owned folder ``root`` hold exactly ``files``.

    Keys are '/'-separated paths relative to ``root``; anything else under it
    is deleted.  Returns (written, deleted).
    """
    root = root.resolve()
    written = 0
    for rel in files:
        # Generated names are slugs; anything that could climb out of root is a bug upstream.
        parts = rel.split("/")
        if rel.startswith("/") or "\\" in rel or any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"refusing to write {rel!r} outside {root}")
    for rel, content in sorted(files.items()):
        written += write_if_changed(root / rel, content)
    wanted = {root / rel for rel in files}
    deleted = 0
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                deleted += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, deleted
