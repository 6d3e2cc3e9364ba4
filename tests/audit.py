"""
`make audit`: Lighthouse scores and page weights of the site as production serves it.

Starts Gunicorn with production settings (DEBUG off) on a free loopback port, on a
throwaway copy of the seed content, checks that every target answers 200 itself (not a
redirect), and runs npm `lighthouse` with Debian's Chromium on the home page and the news
list in both languages (mobile, as a phone on a slow network sees it). Prints a table and
writes it to docs/audit.md. Not a test: scores are reported, not asserted (they move with
the machine's load); the sizes and counts behind them are asserted in tests/test_budgets.py.
"""

import contextlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.live_server import (
    CHROMIUM_ARGS,
    REPO,
    free_port,
    gunicorn,
    manage,
    production_env,
    require_page,
)

# The last Lighthouse that runs on the Node.js of Debian 12 (13.x needs Node 22.19).
LIGHTHOUSE_VERSION = "12.8.2"
NPM_PREFIX = REPO / "var" / "audit-npm"  # git-ignored, kept between runs
LIGHTHOUSE = NPM_PREFIX / "node_modules" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Production redirects plain HTTP; behind the load balancer every request says HTTPS.
# Lighthouse's --extra-headers miss its own fetch of /robots.txt, so a small proxy in
# front of Gunicorn adds the header instead, as the load balancer does.
HTTPS_HEADERS = {"X-Forwarded-Proto": "https"}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}
PAGES = [
    ("home, de", "/de/", "MIA-DO-Kommunales Integrationszentrum Dortmund"),
    ("home, en", "/en/", "MIA-DO-KI"),
    ("news list, de", "/de/aktuelles/", "Eröffnung der neuen Räume"),
    ("news list, en", "/en/notices/", "Opening of the new office"),
]
APT = ["apt-get", "-o", "DPkg::Lock::Timeout=600"]


def ensure_tools():
    if not Path(CHROMIUM).exists() or not shutil.which("npm"):
        subprocess.run([*APT, "update", "-qq"], check=True)
        subprocess.run([*APT, "install", "-y", "-qq", "chromium", "npm"], check=True)
    installed = LIGHTHOUSE / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != (
        LIGHTHOUSE_VERSION
    ):
        print(f"installing lighthouse {LIGHTHOUSE_VERSION} into {NPM_PREFIX} …", flush=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund"]
            + ["--silent", "--save-exact", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
            timeout=600,
        )


@contextlib.contextmanager
def load_balancer(upstream_port):
    """A loopback proxy that forwards GET and HEAD to Gunicorn as the load balancer would."""

    class Forward(BaseHTTPRequestHandler):
        def do_GET(self):
            upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            upstream.request(self.command, self.path, headers={**headers, **HTTPS_HEADERS})
            response = upstream.getresponse()
            body = response.read()
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            upstream.close()

        do_HEAD = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url, output, attempts=3):
    """Lighthouse's report on one page; a run whose trace broke (it happens under load) again."""
    for attempt in range(1, attempts + 1):
        Path(output).unlink(missing_ok=True)
        subprocess.run(
            ["node", str(LIGHTHOUSE / "cli" / "index.js"), url]
            + ["--quiet", "--output=json", f"--output-path={output}"]
            + [f"--chrome-flags={' '.join(CHROMIUM_ARGS)}", "--form-factor=mobile"]
            + [f"--only-categories={','.join(CATEGORIES)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            timeout=300,
        )
        report = json.loads(Path(output).read_text()) if Path(output).exists() else None
        if report and "runtimeError" not in report:
            break
        error = report["runtimeError"]["code"] if report else "no report"
        print(f"  attempt {attempt} failed: {error}", flush=True)
    else:
        sys.exit(f"lighthouse could not audit {url} in {attempts} attempts")
    failed = [
        f"{audit['id']}: {audit.get('errorMessage')}"
        for audit in report["audits"].values()
        if audit["scoreDisplayMode"] == "error"
    ]
    if failed:
        sys.exit(f"lighthouse audits failed on {url}:\n" + "\n".join(failed))
    return report


def weights(report):
    """Bytes transferred per kind of resource, and the number of requests."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    by_type = {}
    for request in requests:
        kind = request.get("resourceType", "Other")
        by_type[kind] = by_type.get(kind, 0) + request.get("transferSize", 0)
    return {
        "html": by_type.get("Document", 0),
        "css": by_type.get("Stylesheet", 0),
        "images": by_type.get("Image", 0),
        "other": sum(v for k, v in by_type.items() if k not in {"Document", "Stylesheet", "Image"}),
        "requests": len(requests),
        "hosts": sorted({urlsplit(request["url"]).hostname for request in requests}),
    }


def lost_points(report):
    """The audits that cost points, per category, with Lighthouse's own title."""
    lost = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{category}: {audit['id']} ({audit['score']:.2f}) {audit['title']}")
    return lost


def run():
    ensure_tools()
    work = Path(tempfile.mkdtemp(prefix="miado-audit-"))
    env = production_env(work, DJANGO_LOG_LEVEL="WARNING")
    results = []
    try:
        manage(env, "collectstatic", "--noinput", "-v0")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_seed", "-v0")
        manage(env, "make_renditions", "-v0")
        port = free_port()
        with (
            gunicorn(env, work / "gunicorn.log", workers=2, port=port),
            load_balancer(port) as base_url,
        ):
            for _name, path, text in PAGES:
                require_page(base_url + path, text)
            for name, path, _text in PAGES:
                print(f"lighthouse {name} ({path}) …", flush=True)
                report = lighthouse(base_url + path, work / "report.json")
                scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                results.append((name, path, scores, weights(report), lost_points(report)))
                robots = report["audits"]["robots-txt"]
                robots_txt = f"{robots['scoreDisplayMode']}, score {robots['score']}"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results, robots_txt


def kb(size):
    return f"{size / 1024:.1f}"


def write_report(results, robots_txt, version):
    header = (
        "| page | perf. | access. | best pr. | SEO | HTML KB | CSS KB | images KB "
        "| other KB | requests |"
    )
    lines = [header, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, path, scores, weight, _lost in results:
        lines.append(
            f"| {name} (`{path}`) | "
            + " | ".join(str(scores[c]) for c in CATEGORIES)
            + f" | {kb(weight['html'])} | {kb(weight['css'])} | {kb(weight['images'])} "
            f"| {kb(weight['other'])} | {weight['requests']} |"
        )
    missed = [
        f"- {name}: {category} {scores[category]} < {goal}"
        for name, _path, scores, _weight, _lost in results
        for category, goal in TARGETS.items()
        if scores[category] < goal
    ]
    hosts = sorted({host for *_rest, weight, _lost in results for host in weight["hosts"]})
    lost = sorted({line for *_rest, lost in results for line in lost})
    table = "\n".join(lines)
    summary = (
        "Targets: performance ≥ 95, accessibility, best practices and SEO 100: "
        + ("all met." if not missed else "MISSED:\n" + "\n".join(missed))
        + f"\n\nHosts asked for anything: {', '.join(hosts)}"
        + f"\n\nLighthouse's robots.txt audit: {robots_txt}"
        + "\n\nAudits that cost points:\n"
        + ("\n".join(f"- {line}" for line in lost) if lost else "- none")
    )
    print()
    print(table)
    print()
    print(summary)
    (REPO / "docs" / "audit.md").write_text(
        "# Audit\n\n"
        f"Measured by `make audit` (tests/audit.py): Lighthouse {version} with Debian's\n"
        "Chromium, mobile form factor with Lighthouse's simulated slow 4G and CPU throttling,\n"
        "against Gunicorn with production settings (DEBUG off) on 127.0.0.1 behind a loopback\n"
        "proxy that says HTTPS as the load balancer does, and the seed content in a throwaway\n"
        "SQLite database. Sizes are bytes transferred (compressed where the server\n"
        "compresses), 1 KB = 1024 bytes.\n\n"
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n{table}\n\n{summary}\n"
    )
    print("\nwritten to docs/audit.md")


if __name__ == "__main__":
    write_report(*run(), LIGHTHOUSE_VERSION)
