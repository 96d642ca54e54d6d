"""Benchmark of the yearly run and its peers on the same generated data.

    .venv/bin/python benchmarks/run.py --sizes quick            # seconds, for a smoke test
    .venv/bin/python benchmarks/run.py --sizes dorsten,1m,10m    # the targets of issue 8

Each stage runs as its own process (`sozialmonitor <stage>`); wall time and peak RSS of
the process tree are sampled. The peers compute the same indicator numbers; the script
compares them with the pipeline's fct_indikatoren before it reports any time, and writes
benchmarks/results.md.
"""

from __future__ import annotations

import argparse
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
    "bev_altenquotient",
    "bev_anteil_auslaendisch",
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
    return Messung(name, seconds, peak / 2**20)


def pipeline_numbers(warehouse: Path) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "SELECT indikator_id, stadtteil_nr, zaehler, nenner FROM indicators.fct_indikatoren "
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


def run_size(size: str, work: Path) -> dict:
    scale = SIZES[size]
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
    messungen = [
        messen(
            "generate",
            [
                cli,
                "generate",
                "--inbox",
                str(data / "inbox"),
                "--years",
                str(JAHR),
                "--scale",
                str(scale),
            ],
            env,
        )
    ]
    for stage in ("land", "build", "check", "publish"):
        messungen.append(messen(stage, [cli, stage, "--stichtag", stichtag], env))
    folder = data / "inbox" / str(JAHR)
    peers = {}
    for peer in ("floor", "pandas"):
        out = data / f"peer_{peer}.csv"
        peers[peer] = messen(
            peer,
            [
                sys.executable,
                str(ROOT / "benchmarks/peers/run_peer.py"),
                peer,
                str(folder),
                str(JAHR),
                str(out),
            ],
            env,
        )
        fehler = gleich(
            pipeline_numbers(data / "warehouse.duckdb"),
            pd.read_csv(out, dtype={"stadtteil_nr": str}),
        )
        if fehler:
            raise SystemExit(
                f"{size}: {peer} disagrees with the pipeline:\n" + "\n".join(fehler[:20])
            )
    with open(folder / f"ewo_einwohner_{JAHR}1231.csv", "rb") as handle:
        einwohner = sum(1 for _ in handle) - 1
    return {"size": size, "einwohner": einwohner, "stages": messungen, "peers": peers}


def bericht(results: list[dict]) -> str:
    vm = psutil.virtual_memory()
    lines = [
        "# Benchmark results",
        "",
        (
            f"Run {date.today():%Y-%m-%d} on {platform.node()}: {platform.processor() or platform.machine()}, "
            f"{psutil.cpu_count()} cores, {vm.total / 2**30:.0f} GiB RAM, Python {platform.python_version()}, "
            f"DuckDB {duckdb.__version__}."
        ),
        "",
        (
            "Times in seconds, peak memory (RSS of the process tree) in MB. Every peer's numbers were checked "
            f"equal to the pipeline's `fct_indikatoren` ({len(INDIKATOREN)} indicators × all districts) first."
        ),
        "",
        "| size | residents | generate | land | build | check | publish | yearly run (land→publish) | peak MB | floor (DuckDB SQL) | pandas | land+build ÷ floor | pandas ÷ land+build |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        s = {m.name: m for m in r["stages"]}
        run = sum(s[n].sekunden for n in ("land", "build", "check", "publish"))
        lb = s["land"].sekunden + s["build"].sekunden
        fl, pd_ = r["peers"]["floor"], r["peers"]["pandas"]
        lines.append(
            f"| {r['size']} | {r['einwohner']:,} | "
            + " | ".join(
                f"{s[n].sekunden:.1f}" for n in ("generate", "land", "build", "check", "publish")
            )
            + f" | {run:.1f} | {max(m.peak_mb for m in r['stages']):.0f} | {fl.sekunden:.1f} ({fl.peak_mb:.0f} MB) | "
            f"{pd_.sekunden:.1f} ({pd_.peak_mb:.0f} MB) | {lb / fl.sekunden:.1f}× | {pd_.sekunden / lb:.1f}× |"
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
    results = []
    for size in args.sizes.split(","):
        print(f"== {size}", flush=True)
        results.append(run_size(size, args.work))
        for m in [*results[-1]["stages"], *results[-1]["peers"].values()]:
            print(f"  {m.name:10s} {m.sekunden:8.1f} s {m.peak_mb:8.0f} MB", flush=True)
    args.out.write_text(bericht(results), encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
