"""
`make bench`: how close the site comes to a static file, and how search, pages, sitemap
and feed hold up as notices grow to 5,000, measured with wrk.

For SQLite and then PostgreSQL (a throwaway server the bench starts; BENCH_DATABASES
chooses), starts two Gunicorn servers with production settings on 127.0.0.1 (one with
the page cache, one without), on a throwaway copy of the seed content, checks that every
target answers 200 with its expected text, and measures each in turn, at seed size, 500
and 5,000 notices. Prints the tables and writes them to docs/performance.md. Not a test:
speed is reported, not asserted. BENCH_DURATION (5s) is the time per target.
"""

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import django

from tests.live_server import free_port, manage, production_env, require_page, wait_for_port
from tests.soak import Postgres

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("BENCH_DURATION", "5s")
THREADS, CONNECTIONS = "2", "50"
# Production redirects plain HTTP; behind the load balancer every request says HTTPS.
HTTPS_HEADER = ("X-Forwarded-Proto", "https")


def ensure_wrk():
    if shutil.which("wrk"):
        return
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=600"]
    subprocess.run([*apt, "update", "-qq"], check=True)
    subprocess.run([*apt, "install", "-y", "-qq", "wrk"], check=True)


def fetch(url):
    request = urllib.request.Request(url, headers={HTTPS_HEADER[0]: HTTPS_HEADER[1]})
    # Long: on a busy machine the workers may still be starting.
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read().decode("utf-8", "replace")


def start_server(env, port):
    process = subprocess.Popen(
        [
            f"{ROOT}/.venv/bin/gunicorn",
            "--config",
            "miado_site/gunicorn_conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "miado_site.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 10, process)
    except (RuntimeError, TimeoutError) as error:
        process.terminate()
        sys.exit(f"Gunicorn did not start on port {port}: {error}")
    return process


def worker_pids(master):
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_rss_mb(pids):
    peaks = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url):
    output = subprocess.run(
        [
            "wrk",
            "-t",
            THREADS,
            "-c",
            CONNECTIONS,
            "-d",
            DURATION,
            "--latency",
            # A slow answer is measured, not dropped as a timeout at wrk's 2 s.
            "--timeout",
            "10s",
            "-H",
            f"{HTTPS_HEADER[0]}: {HTTPS_HEADER[1]}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))

    def ms(percentile):
        value, unit = re.fullmatch(r"([\d.]+)(\w+)", latency[percentile]).groups()
        return to_ms(value, unit)

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    kinds = ["connect", "read", "write", "timeout"]
    counts = (
        dict(zip(kinds, map(int, socket_errors.groups()), strict=True)) if socket_errors else {}
    )
    counts["non-2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    errors = sum(counts.values())
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": errors,
        "detail": detail,
    }


def add_notices(env, total):
    """Notices up to `total`, each with its own words, none of them the searched one; rows
    made in bulk send no signals, so the search index is rebuilt as `restore` does."""
    code = (
        "from pages.models import Notice; "
        "from editorial.page_cache import bump_content_version; "
        "have = Notice.objects.filter(slug__startswith='bench-').count(); "
        "Notice.objects.bulk_create(Notice(title_de=f'Meldung {i}', slug=f'bench-{i}', "
        "text_de=f'Ein *kurzer* Text Nummer {i} mit [Link](https://example.org). ' * 5) "
        f"for i in range(have, {total} - 1)); "
        "bump_content_version()"
    )
    manage(env, "shell", "-v0", "-c", code)


def machine_facts():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {
        "CPUs (nproc)": str(os.cpu_count()),
        "CPU": cpu,
        "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
        if shutil.which("wrk")
        else "?",
        "load average before the run (1, 5, 15 min)": " ".join(
            Path("/proc/loadavg").read_text().split()[:3]
        ),
    }


# The searched word is in the seed content only; the other is nowhere.
SEARCH_HITS = "/de/suche/?q=Integration"
SEARCH_NO_HITS = "/de/suche/?q=Zebrastreifen"


def measure_database(label, env):
    """Every target on one database: a server with the page cache, one without (and without
    the search's memory of results, so that searches measure the index)."""
    servers = []
    results = []
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "load_seed", "-v0")
        cached_port, uncached_port = free_port(), free_port()
        servers.append(start_server(env, cached_port))
        uncached_env = {**env, "DJANGO_PAGE_CACHE": "0", "DJANGO_SEARCH_CACHE_SECONDS": "0"}
        servers.append(start_server(uncached_env, uncached_port))
        cached = f"http://127.0.0.1:{cached_port}"
        uncached = f"http://127.0.0.1:{uncached_port}"

        _status, home = fetch(f"{cached}/de/")
        css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1)
        _status, notices = fetch(f"{cached}/de/aktuelles/")
        notice = re.search(r'href="(/de/aktuelles/[^"/]+/)"', notices).group(1)
        agency = "MIA-DO-Kommunales Integrationszentrum Dortmund"

        def pages(size):
            return [
                (f"home page, uncached, {size}", f"{uncached}/de/", agency),
                (f"notice detail, uncached, {size}", f"{uncached}{notice}", "Zurück zu allen"),
                (f"sitemap, cached, {size}", f"{cached}/sitemap.xml", "<sitemapindex"),
                (f"feed, uncached, {size}", f"{uncached}/de/aktuelles/feed.xml", "<feed"),
            ]

        def searches(size):
            return [
                (f"search with hits, {size}", f"{uncached}{SEARCH_HITS}", "search-result"),
                (f"search without hits, {size}", f"{uncached}{SEARCH_NO_HITS}", "0 Ergebnisse"),
            ]

        def sitemap(size):
            # /sitemap.xml is the index of the sections, which are paged by 1,000 items. Last
            # of its stage: a section's first page at 5,000 notices lists 1,000 of them in
            # two languages, and the requests still queued when wrk stops would be counted
            # against the next target.
            return [
                (f"sitemap, uncached, {size}", f"{uncached}/sitemap.xml", "<sitemapindex"),
                (
                    f"sitemap notices section, page 1, uncached, {size}",
                    f"{uncached}/sitemap-notices.xml",
                    "<urlset",
                ),
            ]

        stages = [
            (
                None,
                [
                    ("static CSS file (WhiteNoise)", f"{cached}{css}", ".wrap"),
                    ("home page, cached", f"{cached}/de/", agency),
                    *pages("seed"),
                    *searches("seed"),
                    *sitemap("seed"),
                ],
            ),
            (500, searches(500)),
            (5000, [*pages(5000), *searches(5000), *sitemap(5000)]),
        ]
        for total, targets in stages:
            if total:
                add_notices(env, total)
            for _name, url, text in targets:
                require_page(url, text, dict([HTTPS_HEADER]))
                for _warm in range(10):  # every worker imports and renders once
                    fetch(url)
            for name, url, _text in targets:
                print(f"{label}: measuring {name} …", end=" ", flush=True)
                fetch(url)  # waits its turn behind what the last target left queued
                result = wrk(url)
                print(f"{result['rps']:.0f} req/s, p99 {result['p99']:.0f} ms", flush=True)
                results.append((name, result))
        rss = max(peak_rss_mb(worker_pids(server)) for server in servers)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    return results, rss


def main():
    ensure_wrk()
    facts = machine_facts()
    tables = {}
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    with tempfile.TemporaryDirectory(prefix="miado-bench-") as tmp:
        tmp = Path(tmp)
        tmp.chmod(0o755)  # the postgres user must reach its cluster inside
        # Production settings and the local cache, whatever the caller's environment; no
        # limit on searches from one address (wrk is one address).
        settings = {"DJANGO_LOG_LEVEL": "WARNING", "DJANGO_SEARCH_RATE": ""}
        if "sqlite" in databases:
            env = production_env(tmp / "sqlite", **settings)
            tables["SQLite"] = measure_database("SQLite", env)
        if "postgresql" in databases:
            postgres = Postgres(tmp / "postgres")
            postgres.init()
            try:
                env = production_env(tmp / "pg", DATABASE_URL=postgres.url, **settings)
                tables["PostgreSQL"] = measure_database("PostgreSQL", env)
            finally:
                postgres.stop()
    report(tables, facts)


# Profiled with cProfile on the seed home page, page cache off (in-process, test client).
ANALYSIS = """
## Where the time goes, and what changed

Before (issue 15, same machine): search read every public row and matched in Python,
18 ms of server time per search with the seed content and 230 ms (127 ms without hits)
after 2,000 notices were added, under 10 searches a second on two cores; an uncached page
cost 4–6 ms of CPU, 0.07 × the static file; every save emptied the page cache. After
the first round of this issue (docs/performance.md of 01:58 UTC): uncached home 0.08 ×
static (0.04–0.08 × in later runs under load), and the uncached sitemap at 5,000 notices
answered 0 requests a second (~1.1 s per render).

- **Search** asks an index (search/index.py: one entry per object and language with the
  text its visitors read, folded) kept in step by the page cache's signals, rebuilt by the
  migration, `rebuild_search_index` and `bump_content_version()`. SQLite: FTS5 with the
  trigram tokenizer (words inside compounds are found, as before); PostgreSQL: a stored
  tsvector per entry behind a GIN index (a test checks the plan with EXPLAIN). What the
  public may see is asked of each kind's own QuerySet in the database, so the cost grows
  with the number of matches, not the number of rows: the "5000" searches above cost
  what the seed-size ones do. A search that matches thousands of rows still ranks them
  all (one row each, no rendering); only the page shown is loaded and rendered.
- **Repeated searches** come from memory (a minute per query, language and content
  version, SEARCH_CACHE_SECONDS); the bench switches that off to measure the index.
  Searches are limited per client address (DJANGO_SEARCH_RATE, 30 per 10 s): the bench
  switches that off too, as wrk is one address.
- **Uncached pages**: the profile of the seed home page was about half template rendering
  and 40 % the ORM (query compilation through modeltranslation more than SQLite), the
  rest middleware. Header (language links through translate_url, the agency profile) and
  footer (footer pages) are fragments kept per language, address and content version;
  the next scheduled change is asked once per content version rather than on every
  stored page. Then (cProfile, 200 test-client GETs of /de/, page cache off: 14.6 ms per
  request, 5 of 7 s in the view's queries and the template) the page's own head and main
  content became fragments too (`{% kept_fragment %}`, editorial/templatetags/
  page_cache.py), keyed by language, address, template and content version with the next
  scheduled change; the home view's context and the footer pages are lazy, so a kept page
  asks the database nothing: 0.9 ms per request in-process, most of it middleware and the
  response. Never kept: previews, visitors with a session (staff see drafts), query
  strings (searches, later list pages), POSTs, and a fragment that used the visitor's CSRF
  token (the barrier form). So "uncached" here is a page rendered without the page
  cache, with its fragments kept: the first render after a save still pays the full
  cost once per page and language (and the refill below pays it before visitors do).
  Django's template engine was kept (Jinja2 would mean rewriting every template and the
  admin's overrides, not a small change).
- **After a save** the most-visited pages (home, focus areas, goals, notices) are rendered
  into the cache again in every language by a background thread of the worker that saved
  (editorial/page_refill.py), so their next visitor gets the cached page.
- **Sitemap**: /sitemap.xml listed every notice in every language, about a second of CPU
  per render at 5,000 notices (0 requests a second uncached). It is now
  Django's sitemap index (robots.txt points to it) over three sections (pages, notices,
  free pages); notices and free pages are paged by 1,000 items, sliced in the database,
  and counted with their latest change in one aggregate (the pages section, one page by
  definition, gives no date there: its entries carry theirs), so the index costs six
  queries at any size. A section page still lists up to 1,000 items in two languages
  (the "notices section, page 1" rows: one item at seed size, 1,000 at 5,000); the page
  cache keeps the index and each section page like a page (PAGE_CACHE_PATHS), so
  crawlers get them at the cached rate.
- **Feed**: limited to the newest notices, which an index in the notices' order reads
  without sorting them all. Written afresh it is the seed's one entry against twenty
  (FEED_LENGTH) at 5,000, and sat near 0.5 (0.38–0.57 SQLite, 0.23–0.56 PostgreSQL in
  three runs); now it is kept per language and content version like a main fragment
  (editorial.page_cache.kept_response), so a polling reader costs no queries.
- Load from other processes on the machine moves every number; compare ratios, and
  re-run on a quiet machine.
"""


def errors_cell(result):
    return f"{result['errors']} ({result['detail']})" if result["detail"] else "0"


def ratio(by_name, name, base):
    base_rps = by_name[base]["rps"]
    return by_name[name]["rps"] / base_rps if base_rps else 0.0


def checks_for(by_name, rss, errors):
    static = "static CSS file (WhiteNoise)"
    checks = [
        ("cached home ≥ 0.8 × static", ratio(by_name, "home page, cached", static), 0.8),
        ("uncached home ≥ 0.2 × static", ratio(by_name, "home page, uncached, seed", static), 0.2),
    ]
    kinds = ["search with hits", "search without hits", "sitemap, uncached", "sitemap, cached"]
    for kind in [*kinds, "feed, uncached"]:
        value = ratio(by_name, f"{kind}, 5000", f"{kind}, seed")
        checks.append((f"{kind} at 5,000 notices ≥ 0.5 × seed", value, 0.5))
    lines = [
        f"- {label}: {value:.2f} ({'met' if value >= goal else 'MISSED'})"
        for label, value, goal in checks
    ]
    lines.append(f"- errors: {errors} ({'met' if errors == 0 else 'MISSED'})")
    lines.append(f"- peak worker RSS (VmHWM): {rss:.1f} MB ({'met' if rss <= 100 else 'MISSED'})")
    return lines


def report(tables, facts):
    sections = []
    for label, (results, rss) in tables.items():
        static_rps = results[0][1]["rps"]
        lines = [
            f"## {label}",
            "",
            "| target | req/s | p50 ms | p99 ms | errors | × static |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, result in results:
            lines.append(
                f"| {name} | {result['rps']:.0f} | {result['p50']:.2f} | {result['p99']:.2f} "
                f"| {errors_cell(result)} | {result['rps'] / static_rps if static_rps else 0:.2f} |"
            )
        errors = sum(result["errors"] for _name, result in results)
        lines += ["", *checks_for(dict(results), rss, errors)]
        sections.append("\n".join(lines))
    text = "\n\n".join(sections)
    print()
    print(text)

    facts_text = "\n".join(f"- {key}: {value}" for key, value in facts.items())
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "performance.md").write_text(
        "# Performance\n\n"
        "Measured by `make bench` (tests/bench.py): Gunicorn with production settings and\n"
        "the repository's gunicorn_conf.py on 127.0.0.1, the seed content in a throwaway\n"
        "database (SQLite, then a PostgreSQL server the bench starts), wrk with "
        f"{THREADS} threads,\n{CONNECTIONS} connections, {DURATION} per target, running on "
        "the same machine.\nUncached targets run on a second server with "
        "`DJANGO_PAGE_CACHE=0` and\n`DJANGO_SEARCH_CACHE_SECONDS=0` (every search asks the "
        'index). "5000" rows: notices added\nin bulk up to 5,000, none containing the '
        "searched word.\n\n"
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n{facts_text}\n\n{text}\n" + ANALYSIS
    )
    print("\nwritten to docs/performance.md")


if __name__ == "__main__":
    main()
