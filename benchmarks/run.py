"""Benchmark of the yearly run and its peers on the same generated data.

    .venv/bin/python benchmarks/run.py --sizes quick            # seconds, for a smoke test
    .venv/bin/python benchmarks/run.py --sizes dorsten,1m,10m    # the targets of issue 8

Each stage runs as its own process (`sozialmonitor <stage>`); wall time and peak RSS of
the process tree are sampled. The peers (DuckDB floor, pandas, dbt-postgres) compute the
same indicator numbers; the script compares them with the pipeline's ind_indikatoren before
it reports any time, and writes benchmarks/results.md with the targets of issue 8.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SIZES = {"quick": 0.1, "dorsten": 1.0, "1m": 13.33, "10m": 133.3}
JAHR = 2024
INDIKATOREN = (
    "bev_einwohner",
    "bev_anteil_u18",
    "bev_jugendquotient",
    "bev_altenquotient",
    "bev_anteil_auslaendisch",
    "bev_anteil_migrationshinweis",
    "hh_haushalte",
    "hh_anteil_mit_kindern",
    "hh_anteil_alleinerziehend",
    "hze_quote",
    "seu_uebergewicht",
    "seu_sprachfoerderbedarf",
    "bil_uebergang_gymnasium",
    "wohn_anteil_gefoerdert",
)


@dataclass
class Messung:
    name: str
    sekunden: float
    peak_mb: float
    #: the JSON object a process printed last, if any (the dbt-postgres peer's own timings)
    ausgabe: dict | None = None


def messen(name: str, cmd: list[str], env: dict) -> Messung:
    """Run ``cmd``; sample the RSS of it and all its children every 50 ms."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        parent = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                rss = sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)])
                peak = max(peak, rss)
            except psutil.Error:
                pass
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    stop.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{name} failed ({proc.returncode}):\n{output[-3000:]}")
    last = output.strip().splitlines()[-1] if output.strip() else ""
    ausgabe = json.loads(last) if last.startswith("{") else None
    return Messung(name, seconds, peak / 2**20, ausgabe)


def pipeline_numbers(warehouse: Path) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "SELECT indikator_id, stadtteil_nr, zaehler, nenner FROM indicators.ind_indikatoren "
            f"WHERE merkmal = 'gesamt' AND stichtag = DATE '{JAHR}-12-31' AND indikator_id IN {INDIKATOREN}"
        ).df()


def gleich(a: pd.DataFrame, b: pd.DataFrame) -> list[str]:
    """Differences between two indicator tables (rows present only in the pipeline for zero counts are fine)."""
    key = ["indikator_id", "stadtteil_nr"]
    m = a.merge(b, on=key, how="outer", suffixes=("_a", "_b"), indicator=True)
    fehler = []
    for r in m.itertuples():
        za, zb = (
            (r.zaehler_a if not pd.isna(r.zaehler_a) else 0),
            (r.zaehler_b if not pd.isna(r.zaehler_b) else 0),
        )
        na, nb = (
            (r.nenner_a if not pd.isna(r.nenner_a) else 0),
            (r.nenner_b if not pd.isna(r.nenner_b) else 0),
        )
        if abs(za - zb) > 1e-6 or abs(na - nb) > 1e-6:
            fehler.append(f"{r.indikator_id} {r.stadtteil_nr}: {za}/{na} vs {zb}/{nb}")
    return fehler


STAGES = ("land", "build", "check", "publish")


def peer_numbers(out: Path, size: str, peer: str, warehouse: Path) -> None:
    """Stop the benchmark if a peer's numbers differ from the pipeline's."""
    fehler = gleich(pipeline_numbers(warehouse), pd.read_csv(out, dtype={"stadtteil_nr": str}))
    if fehler:
        raise SystemExit(f"{size}: {peer} disagrees with the pipeline:\n" + "\n".join(fehler[:20]))


def run_size(size: str, work: Path) -> dict:
    data = work / size
    shutil.rmtree(data, ignore_errors=True)
    env = {
        **os.environ,
        "SOZIALMONITOR_DATA_DIR": str(data),
        "SOZIALMONITOR_INBOX": str(data / "inbox"),
        "SOZIALMONITOR_PSEUDONYM_KEY": os.environ.get(
            "SOZIALMONITOR_PSEUDONYM_KEY", "benchmark-key-" + "b" * 32
        ),
    }
    cli = str(BIN / "sozialmonitor")
    stichtag = f"{JAHR}-12-31"
    inbox = str(data / "inbox")
    generate = [
        cli,
        "generate",
        "--inbox",
        inbox,
        "--years",
        str(JAHR),
        "--scale",
        str(SIZES[size]),
    ]
    stages = {"generate": messen("generate", generate, env)}
    for stage in STAGES:
        stages[stage] = messen(stage, [cli, stage, "--stichtag", stichtag], env)
    warehouse = data / "warehouse.duckdb"
    folder = data / "inbox" / str(JAHR)
    peers = {}
    for peer in ("floor", "pandas"):
        out = data / f"peer_{peer}.csv"
        runner = [
            sys.executable,
            str(ROOT / "benchmarks/peers/run_peer.py"),
            peer,
            str(folder),
            str(JAHR),
            str(out),
        ]
        peers[peer] = messen(peer, runner, env)
        peer_numbers(out, size, peer, warehouse)
    out = data / "peer_postgres.csv"
    runner = [
        sys.executable,
        str(ROOT / "benchmarks/peers/postgres_peer.py"),
        str(warehouse),
        stichtag,
        str(data / "postgres"),
        str(out),
    ]
    gesamt = messen("postgres", runner, env)
    peer_numbers(out, size, "postgres", warehouse)
    # Load into PostgreSQL and dbt build; the server's start and stop are not counted.
    peers["postgres"] = Messung(
        "postgres",
        gesamt.ausgabe["load_s"] + gesamt.ausgabe["build_s"],
        gesamt.peak_mb,
        gesamt.ausgabe,
    )
    # The yearly run as the city starts it: one command, a fresh warehouse, the same deliveries.
    lauf_env = {**env, "SOZIALMONITOR_DATA_DIR": str(data / "jahreslauf")}
    stages["run"] = messen("run", [cli, "run", "--stichtag", stichtag], lauf_env)
    with open(folder / f"ewo_einwohner_{JAHR}1231.csv", "rb") as handle:
        einwohner = sum(1 for _ in handle) - 1
    return {"size": size, "einwohner": einwohner, "stages": stages, "peers": peers}


def _ziel(erreicht: bool) -> str:
    return "erreicht" if erreicht else "**verfehlt**"


def ziele(results: dict[str, dict]) -> list[str]:
    """The targets of issue 8 for the sizes that were run."""
    zeilen = ["| target | measured | |", "|---|---|---|"]
    if "dorsten" in results:
        lauf = jahreslauf(results["dorsten"])
        zeilen.append(
            f"| yearly run (`sozialmonitor run`) at Dorsten scale < 30 s | {lauf:.1f} s | {_ziel(lauf < 30)} |"
        )
    if "10m" in results:
        r = results["10m"]
        lb = land_build(r)
        fl, pdn, pg = (r["peers"][p].sekunden for p in ("floor", "pandas", "postgres"))
        peak = r["stages"]["run"].peak_mb
        zeilen += [
            f"| 10M: land + build ≤ 2× the DuckDB floor | {lb:.1f} s = {lb / fl:.1f}× {fl:.1f} s | {_ziel(lb <= 2 * fl)} |",
            f"| 10M: land + build ≥ 5× faster than pandas | pandas {pdn:.1f} s = {pdn / lb:.1f}× | {_ziel(pdn >= 5 * lb)} |",
            f"| 10M: land + build ≥ 3× faster than dbt-postgres | dbt-postgres {pg:.1f} s = {pg / lb:.1f}× | {_ziel(pg >= 3 * lb)} |",
            f"| 10M: peak memory of the yearly run < 6 GB | {peak / 1024:.2f} GB | {_ziel(peak < 6 * 1024)} |",
        ]
        if "1m" in results:
            wachstum = jahreslauf(r) / jahreslauf(results["1m"])
            zeilen.append(
                f"| yearly run 1M → 10M grows ≤ 12× | {wachstum:.1f}× | {_ziel(wachstum <= 12)} |"
            )
    return zeilen


def land_build(r: dict) -> float:
    return r["stages"]["land"].sekunden + r["stages"]["build"].sekunden


def jahreslauf(r: dict) -> float:
    return r["stages"]["run"].sekunden


def bericht(results: dict[str, dict]) -> str:
    vm = psutil.virtual_memory()
    lines = [
        "# Benchmark results",
        "",
        (
            f"Run {date.today():%Y-%m-%d} on {platform.node()}: {platform.processor() or platform.machine()}, "
            f"{psutil.cpu_count()} cores, {vm.total / 2**30:.0f} GiB RAM, Python {platform.python_version()}, "
            f"DuckDB {duckdb.__version__}, PostgreSQL 15."
        ),
        "",
        (
            "Every peer's numbers were checked equal to the pipeline's `ind_indikatoren` "
            f"({len(INDIKATOREN)} indicators × all districts) before any time was kept."
        ),
        "",
        "## Targets",
        "",
        *ziele(results),
        "",
        "## Stages of the yearly run",
        "",
        "Seconds / peak MB (RSS of the process tree, dbt's own process included). Each stage",
        "as its own command (`sozialmonitor land|build|check|publish`); the yearly run is",
        "`sozialmonitor run --stichtag` (land, build, check, publish and the report in one",
        "process) on a fresh warehouse.",
        "",
        "| size | residents | generate | land | build | check | publish | yearly run |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results.values():
        s = r["stages"]
        zellen = " | ".join(
            f"{s[n].sekunden:.1f} / {s[n].peak_mb:.0f}" for n in ("generate", *STAGES)
        )
        lauf = s["run"]
        lines.append(
            f"| {r['size']} | {r['einwohner']:,} | {zellen} | {lauf.sekunden:.1f} / {lauf.peak_mb:.0f} |"
        )
    lines += [
        "",
        "## Peers",
        "",
        "Seconds / peak MB. dbt-postgres: load of the raw tables into PostgreSQL + `dbt build`, the",
        "server's start and stop not counted; its peak is the Python side only (the server is not a child).",
        "",
        "| size | pipeline land + build | DuckDB floor | pandas | dbt-postgres (load + build) | ÷ floor | pandas ÷ | dbt-postgres ÷ |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results.values():
        lb = land_build(r)
        fl, pdn, pg = (r["peers"][p] for p in ("floor", "pandas", "postgres"))
        lines.append(
            f"| {r['size']} | {lb:.1f} | {fl.sekunden:.1f} / {fl.peak_mb:.0f} | {pdn.sekunden:.1f} / {pdn.peak_mb:.0f} | "
            f"{pg.sekunden:.1f} ({pg.ausgabe['load_s']:.1f} + {pg.ausgabe['build_s']:.1f}) | "
            f"{lb / fl.sekunden:.1f}× | {pdn.sekunden / lb:.1f}× | {pg.sekunden / lb:.1f}× |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="quick", help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "benchmark")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args()
    results = {}
    for size in args.sizes.split(","):
        print(f"== {size}", flush=True)
        results[size] = run_size(size, args.work)
        for m in [*results[size]["stages"].values(), *results[size]["peers"].values()]:
            print(f"  {m.name:10s} {m.sekunden:8.1f} s {m.peak_mb:8.0f} MB", flush=True)
        shutil.rmtree(args.work / size, ignore_errors=True)  # 10M leaves gigabytes
    args.out.write_text(bericht(results), encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
