"""`make bench`: every benchmark of the tracker on a scratch PostgreSQL database, one table of figures.

1. Create the scratch database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ica_bench),
   migrate it, load the seed documents.
2. Run the benchmark commands (each seeds its rows in a transaction and rolls back):
   bench_dashboard, bench_agreement_page (100 vs 10,000 requests), bench_sweep (10k vs 100k
   deadlines), bench_documents (our render vs bare WeasyPrint; stored download).
3. Load: gunicorn (DEBUG off, 2 workers) serving the dashboard to wrk, 20 connections for
   BENCH_SECONDS on loopback, as the demo counsel; requests per second, errors, p50/p95/p99.
4. Drop the scratch database.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ica_bench")
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
WRK_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d errors=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def psql(sql: str) -> None:
    server = URL.rsplit("/", 1)[0]
    subprocess.run(["psql", f"{server}/postgres", "-qc", sql], check=True, capture_output=True)


def manage(*args: str, env: dict, capture: bool = True) -> str:
    out = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=capture, text=True)
    if out.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def login(port: int, username: str, password: str) -> str:
    """Log in like a browser; return the Cookie header for wrk."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"X-Forwarded-Proto": "https"}
    conn.request("GET", "/login/", headers=headers)
    page = conn.getresponse()
    csrf = re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    conn.request(
        "POST",
        "/login/",
        body=body,
        headers={
            **headers,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"https://127.0.0.1:{port}/login/",
        },
    )
    answer = conn.getresponse()
    answer.read()
    cookies = " ".join(answer.headers.get_all("Set-Cookie") or [])
    session = re.search(r"sessionid=([^;]+)", cookies)
    if answer.status != 302 or not session:
        raise SystemExit(f"could not log in for the load test ({answer.status})")
    return f"sessionid={session.group(1)}; csrftoken={csrf}"


def load_test(env: dict) -> str:
    if not shutil.which("wrk"):
        return "wrk is not installed (apt-get install wrk): load test skipped"
    port = free_port()
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--threads",
            "4",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz/")
                break
            except OSError:
                time.sleep(0.2)
        cookie = login(port, "counsel", "counsel-demo-pass-2004")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(WRK_LUA)
        out = subprocess.run(
            [
                "wrk",
                "-t2",
                "-c20",
                f"-d{SECONDS}s",
                "-s",
                lua.name,
                "-H",
                f"Cookie: {cookie}",
                "-H",
                "X-Forwarded-Proto: https",
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            timeout=SECONDS + 60,
        )
        line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH")), out.stdout + out.stderr)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
        return line + (f" non2xx={non2xx.group(1)}" if non2xx else " non2xx=0")
    finally:
        server.terminate()
        server.wait(20)


def main() -> None:
    name = urlparse(URL).path.lstrip("/")
    var = tempfile.mkdtemp(prefix="ica-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": URL,
        "DEBUG": "True",
        "VAR_DIR": var,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{name}"')
    try:
        manage("migrate", "--noinput", env=env)
        manage("seed_demo", env=env)
        print(f"# ICA tracker benchmarks — {os.cpu_count()} cores, PostgreSQL, {time.strftime('%Y-%m-%d')}\n")
        commands = [
            ("bench_dashboard", []),
            ("bench_agreement_page", []),
            ("bench_sweep", ["--sizes", "10000", "100000"]),
            ("bench_documents", []),
        ]
        available = manage("help", "--commands", env=env).split()
        for command, args in commands:
            if command not in available:
                print(f"## {command}\n(not available)\n")
                continue
            print(f"## {command}\n```\n{manage(command, *args, env=env).rstrip()}\n```\n")
        prod = {
            **env,
            "DEBUG": "False",
            "SECRET_KEY": "bench-" + "k" * 60,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "DB_CONN_MAX_AGE": "60",
        }
        manage("collectstatic", "--noinput", env=prod)
        print(f"## dashboard under load (gunicorn 2 workers x 4 threads, wrk 20 connections, {SECONDS} s)")
        print(f"```\n{load_test(prod)}\n```")
    finally:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
