"""`python -m bench` (`make bench`): build, measure beside the floor, print one table.

Steps, in order: build the site with publishconf.py (as published: precompressed copies) and
write the floor page; sizes; serve both the same way and count requests; time the
configurator; run Lighthouse; run it once more behind nginx with the production headers; time
builds; time a save until the page open in `quote serve` shows it; load the endpoint. A step
that fails is reported in the table and the others still run. The results go to
bench/results.json as well.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench import (
    behind_nginx,
    buildtime,
    configurator,
    endpoint,
    floor,
    lighthouse,
    offer,
    reload,
    report,
    requests,
    sizes,
)
from bench.common import BENCH, CHROMIUM, PAGES, build, built, static_server

STEPS = (
    "sizes",
    "requests",
    "configurator",
    "lighthouse",
    "behind-nginx",
    "build",
    "reload",
    "endpoint",
    "offer",
)
RESULTS = BENCH / "results.json"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def guarded(name: str, function, *args, **kwargs):
    """Run one step; a failure becomes {"error": ...} so that the other steps still run."""
    log(f"[{name}]")
    start = time.monotonic()
    try:
        return function(*args, **kwargs)
    except Exception as exc:  # a bench step may fail in any way: report it, go on
        traceback.print_exc()
        return {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        log(f"[{name}] {time.monotonic() - start:.1f} s")


def measure_sizes(site: Path, floor_dir: Path) -> dict:
    result = sizes.measure(site, built(site, PAGES))
    result["floor"] = sizes.measure_page(floor_dir, floor_dir / "index.html")
    return result


def machine() -> dict:
    try:
        chromium = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except OSError:
        chromium = None
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "chromium": chromium,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--skip", default="", help=f"comma-separated steps to skip: {STEPS}")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--build-runs", type=int, default=5)
    parser.add_argument("--offer-runs", type=int, default=5)
    parser.add_argument("--reload-runs", type=int, default=5)
    parser.add_argument("--endpoint-seconds", type=float, default=endpoint.SECONDS)
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument(
        "--gzip-only",
        action="store_true",
        help="serve the site and the floor with gzip only (their .br copies removed)",
    )
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s) {sorted(unknown)}; steps are {', '.join(STEPS)}")

    started = time.monotonic()
    results: dict = {
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        site = Path(tmp) / "site"
        log("[build the site with publishconf.py]")
        build(site, "publishconf.py")
        floor_dir = Path(tmp) / "floor"
        floor.write_floor(floor_dir)
        if args.gzip_only:
            # A host without brotli: the servers fall back to the .gz copies.
            for copy in [*site.rglob("*.br"), *floor_dir.rglob("*.br")]:
                copy.unlink()
        results["encoding"] = "gzip" if args.gzip_only else "br"

        if "sizes" not in skip:
            results["sizes"] = guarded("sizes", measure_sizes, site, floor_dir)

        with static_server(site) as origin, static_server(floor_dir) as floor_origin:
            urls = {name: origin + path for name, path in built(site, PAGES).items()}
            urls["floor"] = floor_origin + "/"
            if "requests" not in skip:
                results["requests"] = guarded("requests", requests.measure, urls)
            if "configurator" not in skip:
                results["configurator"] = guarded(
                    "configurator", configurator.measure, origin + "/"
                )
            if "lighthouse" not in skip:
                results["lighthouse"] = guarded(
                    "lighthouse", lighthouse.measure, urls, args.lighthouse_runs, log=log
                )
        if "behind-nginx" not in skip:
            results["behind-nginx"] = guarded(
                "behind-nginx", behind_nginx.measure, site, built(site, PAGES), log=log
            )
        if "build" not in skip:
            results["build"] = guarded("build", buildtime.measure, args.build_runs, log=log)
        if "reload" not in skip:
            results["reload"] = guarded("reload", reload.measure, args.reload_runs, log=log)
        if "endpoint" not in skip:
            results["endpoint"] = guarded(
                "endpoint", endpoint.measure, site, seconds=args.endpoint_seconds, log=log
            )
        if "offer" not in skip:
            results["offer"] = guarded("offer", offer.measure, args.offer_runs, log=log)

    for name in skip:
        results.setdefault(name, {"error": "skipped", "reason": "skipped"})
    table = report.build_table(results)
    results["table"] = [list(row) for row in table.rows]
    results["unmet"] = table.unmet
    results["seconds"] = round(time.monotonic() - started, 1)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")

    print(
        f"Bench on {results['machine']['cpus']} CPU(s), {results['machine']['chromium']}, "
        f"{results['generated']}, served with {results['encoding']}"
    )
    print()
    print(table.render())
    print()
    if table.unmet:
        print("Goals not met:")
        for line in table.unmet:
            print(f"- {line}")
    else:
        print("Every goal met.")
    print(f"\n{results['seconds']:.0f} s; JSON in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
