"""
The lock files in requirements/ (written by `make lock`) agree with pyproject.toml.

Everything installs from them (`make run`, `make test`, CI, the image), so a requirement
added to or changed in pyproject.toml without `make lock` would never be installed, or
would be installed at a version outside its range.
"""

import tomllib
import unittest
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
TEST_LOCK = REPO / "requirements" / "test.txt"
PRODUCTION_LOCK = REPO / "requirements" / "production.txt"
# How uv names pyproject.toml in the "# via" lines of a direct requirement.
FROM_PYPROJECT = "(pyproject.toml)"
FIX = "run `make lock` (README, Dependencies)"


@dataclass
class Pin:
    requirement: Requirement
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)

    @property
    def version(self) -> str:
        (specifier,) = self.requirement.specifier
        assert specifier.operator == "==", self.requirement
        return specifier.version

    @property
    def direct(self) -> bool:
        return any(FROM_PYPROJECT in reason for reason in self.via)


def read_lock(path: Path) -> dict[str, Pin]:
    """uv's requirements format: `name[extras]==version ; marker \\`, its `--hash=` lines,
    then `# via` lines naming what asked for it. The lock holds every platform and Python
    from 3.11 on; what is returned is what pip installs here, as on this venv's Python."""
    pins: dict[str, Pin] = {}
    current = None
    for line in path.read_text().splitlines():
        text = line.strip().rstrip("\\").strip()
        if not text:
            continue
        if not line[0].isspace() and not text.startswith("#"):
            current = Pin(Requirement(text))
            marker = current.requirement.marker
            if marker and not marker.evaluate():
                continue  # not for here; its lines still go to `current`, then are dropped
            name = canonicalize_name(current.requirement.name)
            assert name not in pins, f"{path.name}: {name} is pinned twice; {FIX}"
            pins[name] = current
        elif current and text.startswith("--hash="):
            current.hashes.append(text)
        elif current and text.startswith("#"):
            reason = text.lstrip("#").strip().removeprefix("via").strip()
            if reason:
                current.via.append(reason)
    return pins


def wanted(*extras: str) -> dict[str, Requirement]:
    """pyproject.toml's dependencies and those of `extras`, by canonical name."""
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    lines = project["dependencies"] + [
        line for extra in extras for line in project["optional-dependencies"][extra]
    ]
    requirements = {}
    for line in lines:
        requirement = Requirement(line)
        requirements[canonicalize_name(requirement.name)] = requirement
    return requirements


def disagreements(lock: Path, requirements: dict[str, Requirement]) -> list[str]:
    pins = read_lock(lock)
    found = []
    for name, requirement in requirements.items():
        pin = pins.get(name)
        if pin is None:
            found.append(f"{requirement} is not in the lock")
            continue
        if not requirement.specifier.contains(pin.version, prereleases=True):
            found.append(f"{requirement}: the lock has {pin.version}")
        missing = requirement.extras - pin.requirement.extras
        if missing:
            found.append(f"{requirement}: the lock lacks the extras {sorted(missing)}")
        if not pin.direct:
            found.append(f"{requirement}: the lock has it only as someone else's dependency")
    for name, pin in pins.items():
        if pin.direct and name not in requirements:
            found.append(f"{pin.requirement.name} is in the lock, no longer in pyproject.toml")
    return found


class LockTests(unittest.TestCase):
    def assert_agrees(self, lock: Path, requirements: dict[str, Requirement]):
        found = disagreements(lock, requirements)
        assert not found, (
            f"pyproject.toml and {lock.relative_to(REPO)} disagree; {FIX}:\n  " + "\n  ".join(found)
        )

    def test_test_lock_has_the_dependencies_and_both_extras(self):
        self.assert_agrees(TEST_LOCK, wanted("production", "test"))

    def test_production_lock_has_the_dependencies_and_the_production_extra(self):
        self.assert_agrees(PRODUCTION_LOCK, wanted("production"))

    def test_production_lock_installs_the_versions_the_tests_ran_with(self):
        tested = read_lock(TEST_LOCK)
        for name, pin in read_lock(PRODUCTION_LOCK).items():
            assert name in tested, f"{name} is in production.txt only; {FIX}"
            assert pin.version == tested[name].version, f"{name} differs; {FIX}"

    def test_every_pin_has_hashes(self):
        # pip's --require-hashes refuses a lock with any pin lacking them.
        for lock in [TEST_LOCK, PRODUCTION_LOCK]:
            for name, pin in read_lock(lock).items():
                assert pin.hashes, f"{lock.name}: {name} has no hash; {FIX}"

    def test_a_changed_pyproject_is_noticed(self):
        # The checks above have something to find: a new requirement, a raised lower bound.
        requirements = wanted("production")
        requirements["not-locked-yet"] = Requirement("not-locked-yet>=1.0")
        requirements["django"] = Requirement("Django>=99")
        found = disagreements(PRODUCTION_LOCK, requirements)
        assert any(line.startswith("not-locked-yet") for line in found), found
        assert any(line.startswith("Django>=99") for line in found), found
