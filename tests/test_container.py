"""
The container image, checked without a Docker engine.

The Dockerfile is read with dockerfile-parse and checked statically; what the
image would run (its CMD and its HEALTHCHECK) is run here for real, against the
project's own Gunicorn config and WSGI application. None of it touches the test
database.
"""

import contextlib
import http.client
import json
import os
import re
import runpy
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path
from unittest import mock

from dockerfile_parse import DockerfileParser
from gunicorn.config import Config

from miado_site.data_dir import set_up

from .live_server import clean_env, free_port, stop

REPO = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO / "Dockerfile"
DOCKERIGNORE = REPO / ".dockerignore"
GUNICORN_CONF = REPO / "miado_site" / "gunicorn_conf.py"

DOCKER_INSTRUCTIONS = {
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
}
START_TIMEOUT = 30  # seconds for Gunicorn to answer its first request
STOP_TIMEOUT = 35  # graceful_timeout (30) plus a margin


# Reading the Dockerfile


def parser() -> DockerfileParser:
    # env_replace=False: values as written, e.g. PATH=/opt/venv/bin:$PATH.
    return DockerfileParser(path=str(DOCKERFILE), env_replace=False)


def instructions() -> list[dict]:
    return [i for i in parser().structure if i["instruction"] != "COMMENT"]


def stages() -> list[list[dict]]:
    """The instructions of each build stage, each list starting with its FROM."""
    result = []
    for instruction in instructions():
        if instruction["instruction"] == "FROM":
            result.append([])
        assert result, f"line {instruction['startline'] + 1}: instruction before the first FROM"
        result[-1].append(instruction)
    return result


def final_stage() -> list[dict]:
    return stages()[-1]


def split_flags(value: str) -> tuple[dict[str, str], str]:
    """`--from=build --chown=app a b` -> ({"from": "build", "chown": "app"}, "a b")."""
    flags = {}
    rest = value.strip()
    while rest.startswith("--"):
        flag, _, rest = rest.partition(" ")
        name, _, flag_value = flag[2:].partition("=")
        flags[name] = flag_value
        rest = rest.lstrip()
    return flags, rest


def command_words(value: str) -> list[str]:
    """CMD/RUN arguments in exec form (a JSON array) or shell form."""
    value = value.strip()
    if value.startswith("["):
        return json.loads(value)
    return ["/bin/sh", "-c", value]


def command_words_or_list(value: str) -> list[str]:
    """COPY/ADD arguments: a JSON array or whitespace-separated words."""
    value = value.strip()
    return json.loads(value) if value.startswith("[") else shlex.split(value)


def the_one(stage: list[dict], name: str) -> dict:
    found = [i for i in stage if i["instruction"] == name]
    assert found, f"the final stage has no {name}"
    return found[-1]  # as in Docker, the last one counts


def cmd_words() -> list[str]:
    return command_words(the_one(final_stage(), "CMD")["value"])


def healthcheck_words() -> list[str]:
    _flags, rest = split_flags(the_one(final_stage(), "HEALTHCHECK")["value"])
    keyword, _, command = rest.partition(" ")
    assert keyword.upper() == "CMD", f"HEALTHCHECK {rest!r} runs no command"
    return command_words(command)


def dockerignore_patterns() -> list[str]:
    lines = DOCKERIGNORE.read_text().splitlines() if DOCKERIGNORE.exists() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def is_dockerignored(relative: str) -> bool:
    """Docker's rule, simplified: the last matching pattern wins, `!` re-includes,
    and a pattern matching a directory excludes everything under it."""
    parts = Path(relative).parts
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    ignored = False
    for pattern in dockerignore_patterns():
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").strip("/")
        regex = re.escape(pattern).replace(r"\*\*/", "(.*/)?").replace(r"\*\*", ".*")
        regex = regex.replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
        if any(re.fullmatch(regex, candidate) for candidate in candidates):
            ignored = not negate
    return ignored


# Running Gunicorn as the image would


def server_env(tmp_path: Path, port: int, **overrides: str) -> dict[str, str]:
    # The data folder as the image has it (and, for the embedded default, its key as
    # `make run` makes it): the settings only read.
    set_up(tmp_path / "var")
    env = clean_env(
        DJANGO_DATA_DIR=str(tmp_path / "var"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    env.update(overrides)
    return env


def with_our_python(words: list[str]) -> list[str]:
    """The image's `gunicorn`/`python` from its venv are this test run's venv."""
    program, *args = words
    if program == "gunicorn":
        return [sys.executable, "-m", "gunicorn", *args]
    if program in {"python", "python3"}:
        return [sys.executable, *args]
    raise AssertionError(f"{program!r} is neither gunicorn nor python")


def get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


@contextlib.contextmanager
def running_server(env: dict[str, str], log: Path, command: list[str] | None = None):
    """Start the image's CMD (or `command`); yield the process once it answers HTTP;
    always end it."""
    port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
    with log.open("wb") as output:
        process = subprocess.Popen(
            with_our_python(command or cmd_words()),
            cwd=REPO,  # the image's WORKDIR holds the same tree
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            # Its own process group, so that its workers can be ended with it.
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, f"Gunicorn exited early:\n{log.read_text()}"
            try:
                get(port, "/static/css/site.css")
                break
            except OSError:
                assert time.monotonic() < deadline, f"no answer:\n{log.read_text()}"
                time.sleep(0.2)
        yield process
    finally:
        stop(process, timeout=STOP_TIMEOUT)


def manage(command: list[str], env: dict[str, str]) -> None:
    """Run a management command of this checkout with exactly `env` on top of a clean one."""
    subprocess.run(
        [sys.executable, "manage.py", *command, "-v0"],
        cwd=REPO,
        env=clean_env(**env),
        check=True,
        timeout=120,
    )


class DockerfileTests(unittest.TestCase):
    def test_parses_into_known_instructions(self):
        found = instructions()
        assert found
        unknown = {i["instruction"] for i in found} - DOCKER_INSTRUCTIONS
        assert not unknown

    def test_is_multi_stage_on_the_official_python_slim_image(self):
        images = [split_flags(stage[0]["value"])[1].split()[0] for stage in stages()]
        assert len(images) >= 2
        for image in images:
            assert re.fullmatch(r"python:3\.\d+-slim", image), image
        # The venv built in one stage links to the other's interpreter.
        assert len(set(images)) == 1

    def test_final_stage_runs_as_an_unprivileged_user(self):
        user = the_one(final_stage(), "USER")["value"].strip()
        name = user.split(":")[0]
        assert name not in {"", "root", "0"}

    def test_final_stage_has_a_healthcheck(self):
        healthcheck = the_one(final_stage(), "HEALTHCHECK")["value"]
        assert healthcheck.strip().upper() != "NONE"
        assert healthcheck_words()

    def test_final_stage_runs_in_production_mode(self):
        env = parser().envs
        assert env["DJANGO_ENV"] == "production"
        assert env["GUNICORN_BIND"].startswith("0.0.0.0:")

    def test_build_stage_compiles_translations_and_collects_static_files(self):
        build_runs = " ".join(
            i["value"] for stage in stages()[:-1] for i in stage if i["instruction"] == "RUN"
        )
        assert "gettext" in build_runs
        assert "compilemessages" in build_runs
        assert "collectstatic --noinput" in build_runs
        # The embedded settings must apply while building, not the production ones.
        for stage in stages()[:-1]:
            for i in stage:
                if i["instruction"] in {"ENV", "ARG"}:
                    assert "DJANGO_ENV" not in i["value"]

    def test_build_stage_gives_every_management_command_a_throwaway_key(self):
        # The embedded settings refuse to load without one, and a key file made by the
        # set-up step would be copied into the image.
        runs = [i["value"] for i in instructions() if i["instruction"] == "RUN"]
        commands = [c for run in runs for c in run.split("&&") if "python manage.py" in c]
        assert commands
        for command in commands:
            assert "DJANGO_SECRET_KEY=" in command, command
        assert not any("miado_site.data_dir" in run for run in runs)

    def test_every_copied_file_exists_and_reaches_the_build_context(self):
        copies = [i for i in instructions() if i["instruction"] in {"COPY", "ADD"}]
        local = [i for i in copies if "from" not in split_flags(i["value"])[0]]
        assert local
        for instruction in local:
            *sources, _destination = command_words_or_list(split_flags(instruction["value"])[1])
            assert sources, instruction["content"]
            for source in sources:
                assert list(REPO.glob(source)), f"{source} is not in the repository"
                assert not is_dockerignored(source), f"{source} is in .dockerignore"

    def test_copies_every_folder_of_code(self):
        copied = set()
        for instruction in instructions():
            flags, value = split_flags(instruction["value"])
            if instruction["instruction"] == "COPY" and "from" not in flags:
                *sources, _destination = command_words_or_list(value)
                copied.update(Path(source).parts[0] for source in sources)
        folders = {
            folder.name
            for folder in REPO.iterdir()
            if folder.is_dir() and any(folder.glob("*.py")) and not is_dockerignored(folder.name)
        }
        assert folders <= copied, folders - copied

    def test_installs_exactly_the_locked_versions_with_their_hashes(self):
        # The lock of `make lock`, the same versions the tests ran with (tests/test_lock.py).
        copies = {}
        for instruction in instructions():
            flags, value = split_flags(instruction["value"])
            if instruction["instruction"] == "COPY" and "from" not in flags:
                *sources, destination = command_words_or_list(value)
                copies.update(dict.fromkeys(sources, destination))
        lock = copies["requirements/production.txt"]
        installs = [
            i["value"]
            for i in instructions()
            if i["instruction"] == "RUN" and "pip install" in i["value"]
        ]
        assert installs
        for install in installs:
            words = shlex.split(install)
            assert "--require-hashes" in words, install
            assert words[words.index("-r") + 1] == lock, install

    def test_leaves_no_package_build_in_the_application_folder(self):
        # `pip install .` would leave build/ and *.egg-info in /app, which the runtime
        # stage copies whole; the project has no package to install anyway.
        for instruction in instructions():
            if instruction["instruction"] == "RUN" and "pip install" in instruction["value"]:
                words = shlex.split(instruction["value"])
                assert not any(word == "." or word.startswith(".[") for word in words), words
        # Nor does the lock go into /app.
        for instruction in instructions():
            flags, value = split_flags(instruction["value"])
            if instruction["instruction"] == "COPY" and "from" not in flags:
                *sources, destination = command_words_or_list(value)
                if "requirements/production.txt" in sources:
                    assert not destination.startswith(("/app", ".")), destination

    def test_cmd_starts_gunicorn_with_the_project_config(self):
        words = cmd_words()
        assert words[0] == "gunicorn"
        config = words[words.index("--config") + 1]
        assert (REPO / config).resolve() == GUNICORN_CONF
        assert GUNICORN_CONF.is_file()
        assert words[-1] == "miado_site.wsgi:application"


class DockerignoreTests(unittest.TestCase):
    def test_keeps_local_state_and_secrets_out(self):
        for path in [".git/HEAD", ".venv/bin/python", ".env", "var/db.sqlite3", "tests"]:
            assert is_dockerignored(path), path
        assert is_dockerignored("pages/__pycache__/views.cpython-311.pyc")
        assert is_dockerignored("locale/de/LC_MESSAGES/django.mo")

    def test_keeps_the_application_in(self):
        for path in ["manage.py", "pages/views.py", "locale/de/LC_MESSAGES/django.po"]:
            assert not is_dockerignored(path), path

    def test_keeps_the_seed_content_in(self):
        for path in [
            "editorial/seed.py",
            "pages/seed/legal/impressum.de.md",
            "pages/seed/images/friedensplatz-platzhalter.jpg",
            "goals/seed/goals/1.en.md",
        ]:
            assert (REPO / path).is_file(), path
            assert not is_dockerignored(path), path


class GunicornConfigTests(unittest.TestCase):
    def load(self, **env):
        """The config module's names, loaded as gunicorn does, under exactly `env`."""
        with mock.patch.dict(os.environ, clean_env(**env), clear=True):
            return runpy.run_path(str(GUNICORN_CONF))

    def test_web_concurrency_sets_the_workers(self):
        assert self.load(WEB_CONCURRENCY="3")["workers"] == 3

    def test_workers_follow_the_cpus_without_it(self):
        assert 2 <= self.load()["workers"] <= 8

    def test_binds_to_loopback_unless_told_otherwise(self):
        assert self.load()["bind"] == "127.0.0.1:8000"
        assert self.load(GUNICORN_BIND="0.0.0.0:9000")["bind"] == "0.0.0.0:9000"

    def test_every_setting_is_one_gunicorn_knows(self):
        # Gunicorn silently ignores unknown names in a config file, so a typo
        # would otherwise go unnoticed.
        namespace = self.load()
        settings = {
            name
            for name, value in namespace.items()
            if not name.startswith("_") and not callable(value) and type(value).__name__ != "module"
        }
        assert settings
        known = Config().settings
        assert settings <= set(known), settings - set(known)
        config = Config()
        for name in settings:
            config.set(name, namespace[name])  # runs gunicorn's own validators


class GunicornStartTests(unittest.TestCase):
    """The image's CMD and HEALTHCHECK, run on this checkout as the image would run them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # As in the image build: static files collected once, outside the repository,
        # with a throwaway key and no data folder, and none is made.
        tmp = Path(cls.enterClassContext(tempfile.TemporaryDirectory()))
        cls.static_root = tmp / "static"
        manage(
            ["collectstatic", "--noinput"],
            {
                "DJANGO_STATIC_ROOT": str(cls.static_root),
                "DJANGO_DATA_DIR": str(tmp / "var"),
                "DJANGO_SECRET_KEY": "build-only-throwaway-key",
            },
        )
        assert not (tmp / "var").exists()

    def setUp(self):
        self.tmp_path = Path(self.enterContext(tempfile.TemporaryDirectory()))

    def env(self, port: int, **overrides: str) -> dict[str, str]:
        return server_env(
            self.tmp_path, port, DJANGO_STATIC_ROOT=str(self.static_root), **overrides
        )

    def test_image_command_serves_and_shuts_down_gracefully(self):
        port = free_port()
        # The embedded default, with a fresh (unmigrated) database.
        log = self.tmp_path / "gunicorn.log"
        with running_server(self.env(port), log) as process:
            # Through Django's middleware, served by WhiteNoise.
            response = get(port, "/static/css/site.css")
            assert response.status == 200, log.read_text()
            response = get(port, "/healthz", **{"X-Request-ID": "lb-probe-0001"})
            assert response.getheader("X-Request-ID") == "lb-probe-0001"
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.fail(f"Gunicorn ignored SIGTERM:\n{log.read_text()}")
            assert process.returncode == 0, log.read_text()
        # Everything on stdout is JSON lines; the request's line carries its id.
        lines = [json.loads(line) for line in log.read_text().splitlines()]
        assert any("Shutting down" in line["message"] for line in lines)
        probe = [line for line in lines if line.get("path") == "/healthz"]
        assert probe and probe[0]["request_id"] == "lb-probe-0001"
        assert probe[0]["status"] == "200"

    def test_healthcheck_passes_on_a_production_server(self):
        port = free_port()
        image_env = {k: v for k, v in parser().envs.items() if k != "PATH"}
        env = self.env(
            port,
            **{k: v for k, v in image_env.items() if not k.startswith(("DJANGO_", "GUNICORN_"))},
            DJANGO_ENV=image_env["DJANGO_ENV"],
            DJANGO_SECRET_KEY="test-only-" + "x" * 50,
            DJANGO_ALLOWED_HOSTS=".example.test,www.example.test",
        )
        manage(["migrate", "--noinput"], env)  # the documented one-off command
        healthcheck = with_our_python(healthcheck_words())
        log = self.tmp_path / "gunicorn.log"
        with running_server(env, log) as process:
            result = subprocess.run(healthcheck, env=env, capture_output=True, timeout=15)
            assert result.returncode == 0, result.stderr.decode() + log.read_text()
            # A load balancer's probe: plain HTTP, an IP address as Host.
            assert get(port, "/readyz").status == 200, log.read_text()
            # The site itself still refuses that Host.
            assert get(port, "/de/", **{"X-Forwarded-Proto": "https"}).status == 400
            stop(process, timeout=STOP_TIMEOUT)

        # And it fails when nothing answers, so the pass above means something.
        result = subprocess.run(healthcheck, env=env, capture_output=True, timeout=15)
        assert result.returncode != 0

    def test_healthcheck_asks_the_liveness_endpoint_and_wants_a_200(self):
        assert any("/healthz" in word for word in healthcheck_words())
        # Something else on the port that answers, but not with a 200: unhealthy.
        port = free_port()
        env = self.env(port)
        other = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
            cwd=self.tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                try:
                    assert get(port, "/healthz").status == 404
                    break
                except OSError:
                    assert time.monotonic() < deadline, "http.server did not start"
                    time.sleep(0.1)
            healthcheck = with_our_python(healthcheck_words())
            result = subprocess.run(healthcheck, env=env, capture_output=True, timeout=15)
            assert result.returncode != 0
        finally:
            other.terminate()
            other.wait(timeout=10)
