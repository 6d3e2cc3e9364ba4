"""
`make soak`: the site under load and faults, on loopback only, bounded in time and count.

1. Gunicorn in production mode (this checkout's config) on a throwaway PostgreSQL
   cluster and its own redis-server, driven by wrk with 64 connections across every
   public page in both languages. Meanwhile two editors save content through the admin,
   and redis-server is killed and restarted. Must: no errors, nothing but 2xx/3xx,
   every save on the site afterwards, no row lost or duplicated.
2. PostgreSQL is stopped for a few seconds under load: every answer must be 503 with
   Retry-After in the site's design, never a 500 or a stack trace. After it is started
   again the site must answer 200 by itself, without restarting Gunicorn.

Prints a summary table and exits non-zero if any check fails.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from .live_server import (
    Editor,
    RedisServer,
    browser,
    free_port,
    gunicorn,
    prepare_site,
    production_env,
)

CONNECTIONS = 64
LOAD_SECONDS = 40
OUTAGE_LOAD_SECONDS = 6
NOTICES = 20
FOCUS_AREA_EDITS = 20
REDIS_DOWN_AT, REDIS_DOWN_FOR = 12, 5  # seconds into the load
RECOVERY_TIMEOUT = 30

WRK_SCRIPT = r"""
local paths = {%(paths)s}
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  retry_after = 0
  designed = 0
end

function request()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  if %(bust_cache)s then
    -- A query string of its own misses the page cache, so the database is needed.
    path = path .. "?uncached=" .. counter
  end
  return wrk.format("GET", path, {["X-Forwarded-Proto"] = "https"})
end

function response(status, headers, body)
  statuses[tostring(status)] = (statuses[tostring(status)] or 0) + 1
  if headers["Retry-After"] then retry_after = retry_after + 1 end
  if body and string.find(body, "/static/css/site.", 1, true) then designed = designed + 1 end
end

function done(summary, latency, requests)
  local statuses_total, retry_total, designed_total = {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      statuses_total[status] = (statuses_total[status] or 0) + count
    end
    retry_total = retry_total + thread:get("retry_after")
    designed_total = designed_total + thread:get("designed")
  end
  local parts = {}
  for status, count in pairs(statuses_total) do
    table.insert(parts, string.format('"%%s": %%d', status, count))
  end
  io.write(string.format(
    'WRK-JSON {"requests": %%d, "duration_us": %%d, "errors_connect": %%d, '
    .. '"errors_read": %%d, "errors_write": %%d, "errors_timeout": %%d, "non_2xx_3xx": %%d, '
    .. '"p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "max_us": %%d, '
    .. '"retry_after": %%d, "designed": %%d, "statuses": {%%s}}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    retry_total, designed_total, table.concat(parts, ", ")))
end
"""


class Checks:
    def __init__(self):
        self.results: list[tuple[str, bool, str]] = []

    def add(self, name: str, ok: bool, detail: str = "") -> bool:
        self.results.append((name, ok, detail))
        print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}", flush=True)
        return ok

    @property
    def passed(self) -> bool:
        return all(ok for _name, ok, _detail in self.results)


class Postgres:
    """A throwaway PostgreSQL cluster on a loopback port, run as the postgres user."""

    def __init__(self, root: Path):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        if not binaries:
            raise SystemExit("PostgreSQL is missing: `make soak` installs it")
        self.bin = Path(binaries[-1]).parent
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/miado"

    def run(self, *command: str, timeout: float = 60) -> str:
        return subprocess.run(
            [*self.as_postgres, *command],
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        ).stdout

    def init(self) -> None:
        self.root.mkdir()
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()
        self.psql("postgres", "CREATE DATABASE miado")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        log = str(self.root / "postgres.log")
        # -w: pg_ctl returns once the server accepts connections.
        self.run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", log, "-o", options, "-w", "start"
        )

    def stop(self) -> None:
        # "fast": open connections are cut, as when the server goes down.
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def psql(self, database: str, sql: str) -> str:
        return self.run(
            str(self.bin / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-Atc",
            sql,
        ).strip()


# wrk's --timeout counts a slower answer as an error: 10 s, because this machine's
# two cores are shared, while Gunicorn itself gives up on a request after 30 s.
def run_wrk(
    base_url: str, paths: list[str], seconds: int, script_dir: Path, bust_cache: bool = False
) -> dict:
    script = script_dir / "rotate.lua"
    script.write_text(
        WRK_SCRIPT
        % {
            "paths": ", ".join(json.dumps(p) for p in paths),
            "bust_cache": "true" if bust_cache else "false",
        }
    )
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
        + [base_url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    for line in result.stdout.splitlines():
        if line.startswith("WRK-JSON "):
            return json.loads(line.removeprefix("WRK-JSON "))
    raise RuntimeError(f"wrk gave no result:\n{result.stdout}\n{result.stderr}")


def final_titles_shown(page: str, final_titles: dict) -> bool:
    return all(title in page for title in final_titles.values())


def public_paths(pg: Postgres) -> list[str]:
    notices = pg.psql("miado", "SELECT slug FROM pages_notice WHERE published ORDER BY id")
    pages = pg.psql("miado", "SELECT slug FROM pages_freepage WHERE published ORDER BY id")
    paths = ["/de/", "/en/", "/de/schwerpunkte/", "/en/focus-areas/", "/de/ziele/", "/en/goals/"]
    paths += ["/de/aktuelles/", "/en/notices/"]
    for slug in notices.split():
        paths += [f"/de/aktuelles/{slug}/", f"/en/notices/{slug}/"]
    for slug in pages.split():
        paths += [f"/de/seite/{slug}/", f"/en/page/{slug}/"]
    return paths


def editor_creates_notices(base_url: str, run_id: str, outcomes: list) -> None:
    editor = Editor(base_url, timeout=30)
    editor.login()
    for n in range(NOTICES):
        slug = f"soak-{run_id}-{n:02d}"
        started = time.monotonic()
        try:
            response = editor.save(
                "/admin/pages/notice/add/",
                {
                    "title_de": f"Lasttest-Meldung {run_id} Nr. {n:02d}",
                    "title_en": f"Load test notice {run_id} no. {n:02d}",
                    "slug": slug,
                    "text_de": f"Gespeichert unter Last, Nummer {n}.",
                },
            )
            outcomes.append(("notice", slug, response.status_code, started, time.monotonic()))
        except requests.RequestException as error:
            outcomes.append(("notice", slug, repr(error), started, time.monotonic()))
        time.sleep(0.2)


def editor_edits_focus_areas(
    base_url: str, run_id: str, areas: list[int], outcomes: list, final: dict
) -> None:
    editor = Editor(base_url, timeout=30)
    editor.login()
    for n in range(FOCUS_AREA_EDITS):
        pk = areas[n % len(areas)]
        title = f"Schwerpunkt {pk} Stand {run_id}-{n:02d}"
        started = time.monotonic()
        try:
            response = editor.save(f"/admin/pages/focusarea/{pk}/change/", {"title_de": title})
            outcomes.append(("focus area", title, response.status_code, started, time.monotonic()))
            if response.status_code == 302:
                final[pk] = title
        except requests.RequestException as error:
            outcomes.append(("focus area", title, repr(error), started, time.monotonic()))
        time.sleep(0.2)


def kill_and_restart_redis(redis: RedisServer, log: list) -> None:
    time.sleep(REDIS_DOWN_AT)
    redis.kill()
    log.append(("killed", time.monotonic()))
    time.sleep(REDIS_DOWN_FOR)
    redis.start()
    log.append(("restarted", time.monotonic()))


def check_load(checks: Checks, name: str, result: dict) -> None:
    errors = sum(result[f"errors_{kind}"] for kind in ["connect", "read", "write", "timeout"])
    five_xx = sum(count for status, count in result["statuses"].items() if status.startswith("5"))
    checks.add(f"{name}: requests answered", result["requests"] > 0, str(result["requests"]))
    checks.add(f"{name}: socket errors and timeouts", errors == 0, str(errors))
    checks.add(f"{name}: non-2xx/3xx", result["non_2xx_3xx"] == 0, str(result["non_2xx_3xx"]))
    checks.add(f"{name}: 5xx", five_xx == 0, str(five_xx))


def main() -> int:
    checks = Checks()
    run_id = time.strftime("%H%M%S")
    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="miado-soak-"))
    tmp.chmod(0o755)  # the postgres user must reach its cluster inside
    pg = Postgres(tmp / "pg")
    redis = RedisServer()
    summary: dict[str, dict] = {}
    try:
        pg.init()
        redis.start()
        env = production_env(tmp, DATABASE_URL=pg.url, REDIS_URL=redis.url)
        print("preparing the site (static files, migrations, seed) ...", flush=True)
        prepare_site(env)
        log = tmp / "gunicorn.log"
        with gunicorn(env, log) as base_url:
            paths = public_paths(pg)
            visitor = browser()
            for path in paths:
                status = visitor.get(base_url + path, timeout=10).status_code
                checks.add(f"before the load: {path}", status == 200, str(status))
            areas = [int(pk) for pk in pg.psql("miado", "SELECT id FROM pages_focusarea").split()]
            rows_before = {
                "notices": int(pg.psql("miado", "SELECT count(*) FROM pages_notice")),
                "focus areas": len(areas),
            }

            # 1. Load, editors and a Redis crash at the same time.
            outcomes: list = []
            final_titles: dict[int, str] = {}
            redis_log: list = []
            workers = [
                threading.Thread(target=editor_creates_notices, args=(base_url, run_id, outcomes)),
                threading.Thread(
                    target=editor_edits_focus_areas,
                    args=(base_url, run_id, areas, outcomes, final_titles),
                ),
                threading.Thread(target=kill_and_restart_redis, args=(redis, redis_log)),
            ]
            print(f"load: {CONNECTIONS} connections for {LOAD_SECONDS} s ...", flush=True)
            for worker in workers:
                worker.start()
            summary["load"] = run_wrk(base_url, paths, LOAD_SECONDS, tmp)
            load_ended = time.monotonic()
            for worker in workers:
                worker.join(timeout=120)
                checks.add("editor and fault threads finished", not worker.is_alive())
            check_load(checks, "load", summary["load"])
            checks.add("redis killed and restarted mid-run", len(redis_log) == 2)
            checks.add(
                "redis in use again after its restart",
                int(redis.command("DBSIZE")) > 0,
                f"{redis.command('DBSIZE')} keys",
            )

            saves = [o for o in outcomes if o[2] == 302]
            checks.add(
                "every admin save succeeded",
                len(saves) == NOTICES + FOCUS_AREA_EDITS,
                f"{len(saves)}/{NOTICES + FOCUS_AREA_EDITS}; "
                + ", ".join(
                    f"{kind} {what}: {status}"
                    for kind, what, status, _started, _ended in outcomes
                    if status != 302
                ),
            )
            save_seconds = sorted(o[4] - o[3] for o in outcomes)
            saves_under_load = sum(o[4] <= load_ended for o in saves)
            rows_after = {
                "notices": int(pg.psql("miado", "SELECT count(*) FROM pages_notice")),
                "focus areas": int(pg.psql("miado", "SELECT count(*) FROM pages_focusarea")),
            }
            soak_notices = int(
                pg.psql(
                    "miado", f"SELECT count(*) FROM pages_notice WHERE slug LIKE 'soak-{run_id}-%'"
                )
            )
            checks.add(
                "notices: each saved exactly once", soak_notices == NOTICES, str(soak_notices)
            )
            checks.add(
                "notices: no other row lost or added",
                rows_after["notices"] == rows_before["notices"] + NOTICES,
                f"{rows_before['notices']} -> {rows_after['notices']}",
            )
            checks.add(
                "focus areas: no row lost or added",
                rows_after["focus areas"] == rows_before["focus areas"],
                f"{rows_before['focus areas']} -> {rows_after['focus areas']}",
            )
            missing = []
            for n in range(NOTICES):
                page = visitor.get(f"{base_url}/de/aktuelles/soak-{run_id}-{n:02d}/", timeout=10)
                if (
                    page.status_code != 200
                    or f"Lasttest-Meldung {run_id} Nr. {n:02d}" not in page.text
                ):
                    missing.append(n)
            checks.add("notices: each on its public page", not missing, f"missing {missing}")
            focus_page = visitor.get(f"{base_url}/de/schwerpunkte/", timeout=10).text
            stale = [pk for pk, title in final_titles.items() if title not in focus_page]
            checks.add(
                "focus areas: each last edit on the public page", not stale, f"stale {stale}"
            )

            # 2. The database goes away under load, and comes back.
            print(f"database outage: PostgreSQL stopped, {OUTAGE_LOAD_SECONDS} s of load ...")
            pg.stop()
            outage_started = time.monotonic()
            # Pages already in the page cache need no database and keep answering.
            cached = visitor.get(f"{base_url}/de/schwerpunkte/", timeout=10)
            checks.add(
                "outage: a cached page is still served",
                cached.status_code == 200 and final_titles_shown(cached.text, final_titles),
                str(cached.status_code),
            )
            # Everything that needs the database answers 503.
            probe = visitor.get(f"{base_url}/de/schwerpunkte/?outage-probe=1", timeout=10)
            checks.add("outage: 503", probe.status_code == 503, str(probe.status_code))
            checks.add(
                "outage: Retry-After",
                probe.headers.get("Retry-After") == "30",
                str(probe.headers.get("Retry-After")),
            )
            checks.add(
                "outage: in the site's design, in German, no stack trace",
                "/static/css/site." in probe.text
                and "Vorübergehend nicht erreichbar" in probe.text
                and "Traceback" not in probe.text,
            )
            english = visitor.get(f"{base_url}/en/focus-areas/?outage-probe=1", timeout=10)
            checks.add(
                "outage: in English under /en/",
                english.status_code == 503 and "Temporarily unavailable" in english.text,
            )
            summary["outage"] = run_wrk(base_url, paths, OUTAGE_LOAD_SECONDS, tmp, bust_cache=True)
            outage = summary["outage"]
            answered_503 = outage["statuses"].get("503", 0)
            checks.add(
                "outage: every answer 503 with Retry-After in the site's design",
                answered_503 == outage["requests"] == outage["retry_after"] == outage["designed"],
                f"{outage['statuses']}, Retry-After {outage['retry_after']}, "
                f"designed {outage['designed']}",
            )
            pg.start()
            outage_seconds = time.monotonic() - outage_started
            recovered_after = None
            deadline = time.monotonic() + RECOVERY_TIMEOUT
            restarted = time.monotonic()
            while time.monotonic() < deadline:
                statuses = {visitor.get(base_url + p, timeout=10).status_code for p in paths}
                if statuses == {200}:
                    recovered_after = time.monotonic() - restarted
                    break
                time.sleep(0.2)
            checks.add(
                "recovered by itself (no restart of Gunicorn)",
                recovered_after is not None,
                f"{recovered_after:.1f} s after PostgreSQL was back" if recovered_after else "",
            )
            summary["after"] = run_wrk(base_url, paths, OUTAGE_LOAD_SECONDS, tmp)
            check_load(checks, "after recovery", summary["after"])

        access_log = log.read_text(errors="replace")
        five_hundreds = len(re.findall(r'" 500 ', access_log))
        checks.add("no 500 in Gunicorn's access log", five_hundreds == 0, str(five_hundreds))
        checks.add("no stack trace in the log", "Traceback" not in access_log)
    finally:
        redis.kill()
        try:
            pg.stop()
        except subprocess.SubprocessError:
            pass  # already stopped
        shutil.rmtree(tmp, ignore_errors=True)

    load_after = os.getloadavg()
    print()
    print(
        f"{'phase':<16}{'requests':>10}{'req/s':>9}{'errors':>8}{'non-2xx/3xx':>13}"
        f"{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for phase, result in summary.items():
        errors = sum(result[f"errors_{kind}"] for kind in ["connect", "read", "write", "timeout"])
        print(
            f"{phase:<16}{result['requests']:>10}"
            f"{result['requests'] / (result['duration_us'] / 1e6):>9.0f}{errors:>8}"
            f"{result['non_2xx_3xx']:>13}"
            + "".join(f"{result[k] / 1000:>9.1f}" for k in ["p50_us", "p90_us", "p99_us", "max_us"])
            + f"   {result['statuses']}"
        )
    if "outage" in summary:
        print(
            f"database down for {outage_seconds:.1f} s; admin saves: "
            f"{len(saves)} ({saves_under_load} done while wrk ran), "
            f"{save_seconds[len(save_seconds) // 2]:.2f} s median, "
            f"{save_seconds[-1]:.2f} s max"
        )
    print(f"load average (1/5/15 min) before: {load_before}, after: {load_after}")
    print(f"{sum(ok for _n, ok, _d in checks.results)}/{len(checks.results)} checks passed")
    return 0 if checks.passed else 1


if __name__ == "__main__":
    sys.exit(main())
