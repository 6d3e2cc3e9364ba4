"""
The embedded default's set-up step: its data folder and secret key.

    python -m miado_site.data_dir

creates DJANGO_DATA_DIR (by default var/) and, only when it is missing, a random
secret key in it that only its owner can read. Every make target that runs manage.py
(`make run`, `make dev`, `make reset-db`, …) runs it first; the settings only read the
key. It needs neither Django nor the settings, so it can run before they can load.
"""

import os
import secrets
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def set_up(folder: Path) -> bool:
    """Create `folder` and its secret key unless they exist; True if a key was made."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: a key that exists is never replaced (sessions and signed values depend
        # on it), even by two set-ups at once; 0600 from the first byte on.
        fd = os.open(folder / "secret_key", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as key_file:
        os.fchmod(key_file.fileno(), 0o600)  # whatever the umask
        key_file.write(secrets.token_urlsafe(64))
    return True


if __name__ == "__main__":
    folder = Path(os.environ.get("DJANGO_DATA_DIR", BASE_DIR / "var"))
    if set_up(folder):
        print(f"Created {folder / 'secret_key'}.", file=sys.stderr)
