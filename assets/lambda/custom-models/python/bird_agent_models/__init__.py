"""Custom-models layer of the multimodal-analysis function (`/opt/python` on the function's path).

Model artifacts sit under `artifacts/` next to this module (read-only in /opt). `path(name)` copies an
artifact to MODEL_CACHE (default /tmp/models, writable) once per execution environment and returns
its path there, so frameworks that write next to their models work.
"""

import os
import shutil

ARTIFACTS = os.path.join(os.path.dirname(__file__), "artifacts")


def cache_dir() -> str:
    directory = os.environ.get("MODEL_CACHE", "/tmp/models")
    os.makedirs(directory, exist_ok=True)
    return directory


def available() -> list:
    """Relative paths of the artifacts the layer ships."""
    if not os.path.isdir(ARTIFACTS):
        return []
    found = []
    for root, _dirs, files in os.walk(ARTIFACTS):
        found.extend(os.path.relpath(os.path.join(root, f), ARTIFACTS) for f in files)
    return sorted(found)


def path(relative: str) -> str:
    """Local, writable path of the artifact `relative`, copied into the cache on first use."""
    source = os.path.join(ARTIFACTS, relative)
    if not os.path.isfile(source):
        raise FileNotFoundError(f"model artifact {relative} is not in the layer (has: {', '.join(available()) or 'none'})")
    target = os.path.join(cache_dir(), relative)
    if not os.path.exists(target):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
    return target
