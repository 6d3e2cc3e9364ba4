"""
compose.yaml, checked without a Docker engine: it parses, what it refers to exists,
and the commands of its site services run in this venv as they would in the image.
"""

import re
import tempfile
import unittest
from pathlib import Path

import yaml

from .live_server import free_port
from .test_container import (
    REPO,
    cmd_words,
    get,
    manage,
    running_server,
    server_env,
)

COMPOSE = REPO / "compose.yaml"
# ${NAME}, ${NAME:-default}, ${NAME:?error}: the forms compose.yaml uses.
VARIABLE = re.compile(r"\$\{(\w+)(?:(:?[-?])([^}]*))?\}")


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def services() -> dict:
    return compose()["services"]


def variables(text: str) -> set[str]:
    return {match.group(1) for match in VARIABLE.finditer(text)}


def interpolate(value: str, values: dict[str, str]) -> str:
    """As compose does it for the forms above, with `values` as the .env file."""

    def replace(match):
        name, operator, default = match.groups()
        if name in values:
            return values[name]
        assert operator and operator.endswith("-"), f"compose would stop: {name} is required"
        return default

    return VARIABLE.sub(replace, value)


class ComposeFileTests(unittest.TestCase):
    def test_has_web_postgresql_and_redis_with_healthchecks(self):
        found = services()
        assert {"web", "migrate", "db", "cache"} <= set(found)
        assert found["db"]["image"].startswith("postgres:")
        assert found["cache"]["image"].startswith("redis:")
        for name in ["db", "cache"]:
            assert found[name]["healthcheck"]["test"], name
        # web keeps the image's HEALTHCHECK (/healthz) unless compose replaces it.
        assert "healthcheck" not in found["web"] or not found["web"]["healthcheck"].get("disable")

    def test_web_starts_only_after_migrate_succeeded_and_the_engines_are_healthy(self):
        depends = services()["web"]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["cache"]["condition"] == "service_healthy"
        assert services()["migrate"]["command"][-2:] == ["migrate", "--noinput"]

    def test_site_services_build_this_repository_and_keep_state_in_volumes(self):
        declared = set(compose()["volumes"])
        for name in ["web", "migrate"]:
            service = services()[name]
            assert (REPO / service["build"] / "Dockerfile").is_file()
            for volume in service.get("volumes", []):
                assert volume.split(":")[0] in declared, volume
        assert services()["db"]["volumes"][0].split(":")[0] in declared
        # web runs what the image runs.
        assert services()["web"]["command"] == cmd_words()

    def test_every_variable_it_asks_for_is_documented(self):
        documented = (REPO / ".env.example").read_text() + (REPO / "README.md").read_text()
        asked = variables(COMPOSE.read_text())
        assert asked
        for name in asked:
            assert name in documented, name


class ComposeCommandTests(unittest.TestCase):
    """migrate, then web, as compose runs them; SQLite stands in for the db service."""

    def test_migrate_then_web_serves_the_site(self):
        values = {
            "DJANGO_SECRET_KEY": "test-only-" + "y" * 50,
            "DJANGO_ALLOWED_HOSTS": "www.example.test",
            "POSTGRES_PASSWORD": "geheim",
        }
        environment = {
            name: interpolate(str(value), values)
            for name, value in services()["web"]["environment"].items()
        }
        assert environment["DATABASE_URL"].startswith("postgres://miado:geheim@db:5432/")
        with tempfile.TemporaryDirectory() as folder:
            tmp_path = Path(folder)
            port = free_port()
            env = server_env(tmp_path, port, **environment)
            # No db or cache host here: the embedded engines stand in for them.
            del env["DATABASE_URL"], env["REDIS_URL"]
            env = {name: value for name, value in env.items() if value != ""}
            program, _manage, *arguments = services()["migrate"]["command"]
            assert (program, _manage) == ("python", "manage.py")
            manage(arguments, env)
            log = tmp_path / "gunicorn.log"
            with running_server(env, log, services()["web"]["command"]):
                # Ready means: migrated to the newest migration, database and cache answer.
                assert get(port, "/readyz").status == 200, log.read_text()
                # Production settings are in force: plain HTTP is sent to HTTPS.
                assert get(port, "/de/", Host="www.example.test").status == 301
