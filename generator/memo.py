"""Skip a generate step whose inputs have not changed since the last one, as make does.

The inputs are every file of ``data/``, the MkDocs config, the shard and the
generator's own source; their hash is stored with the size of every file the
step wrote (``docs/.generated.json``; MkDocs ignores dot files).  When the hash
matches and every output is still there with its size, nothing is read, parsed
or rendered.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator.writer import write_if_changed

STATE = ".generated.json"
PACKAGE = Path(__file__).resolve().parent


def inputs_hash(data_dir: Path, settings: str, shard: str | None) -> str:
    """``settings``: what the config resolves to (SITE_URL and friends come from the environment)."""
    digest = hashlib.blake2b(digest_size=20)
    named = [(f"generator/{p.relative_to(PACKAGE).as_posix()}", p) for p in sorted(PACKAGE.rglob("*.py"))]
    named += [(f"data/{p.relative_to(data_dir).as_posix()}", p) for p in sorted(data_dir.rglob("*")) if p.is_file()]
    for name, path in named:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(settings.encode() + b"\0" + (shard or "").encode())
    return digest.hexdigest()


def outputs(docs_dir: Path, folders: tuple[str, ...]) -> dict[str, int]:
    return {p.relative_to(docs_dir).as_posix(): p.stat().st_size for f in folders for p in (docs_dir / f).rglob("*") if p.is_file()}


def unchanged(docs_dir: Path, key: str, folders: tuple[str, ...]) -> dict | None:
    """The stored state when ``key`` matches and the outputs are intact, else None."""
    try:
        state = json.loads((docs_dir / STATE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("inputs") != key:
        return None
    return state if state.get("outputs") == outputs(docs_dir, folders) else None


def remember(docs_dir: Path, key: str, folders: tuple[str, ...], counts: dict[str, int]) -> None:
    state = {"inputs": key, **counts, "outputs": outputs(docs_dir, folders)}
    write_if_changed(docs_dir / STATE, json.dumps(state, sort_keys=True) + "\n")
