"""Inbox sensor: request the run of a Stichtag once all nine files of ``<inbox>/<YYYY>/``
are there, and again whenever one of them changes (a corrected delivery).

The cursor keeps size, modification time and SHA-256 of every file seen; a file is hashed
again only when its size or modification time changed, so an unchanged inbox costs a
directory listing per tick. A touched file with the same content requests nothing.
"""

import hashlib
import json
from pathlib import Path

import dagster as dg

from orchestration.defs.jobs import stichtag_job
from orchestration.defs.partitions import stichtag_partitions
from orchestration.defs.resources import SozialmonitorSettings
from sozialmonitor.landing import QUELLEN, lieferdatei
from sozialmonitor.pipeline import stichtage_in_inbox


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fingerprint(path: Path, known: dict | None) -> dict:
    stat = path.stat()
    if known and (known["size"], known["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns):
        return known
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": _sha256(path)}


@dg.sensor(
    job=stichtag_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Startet den Lauf eines Stichtags, sobald alle neun Lieferungen da sind oder eine korrigiert wurde.",
)
def lieferungen(context: dg.SensorEvaluationContext, settings: SozialmonitorSettings):
    cfg = settings.get()
    seen: dict[str, dict[str, dict]] = json.loads(context.cursor) if context.cursor else {}
    valid_keys = set(stichtag_partitions.get_partition_keys())
    requests, waiting = [], []
    for stichtag in stichtage_in_inbox(cfg):  # oldest first: the queue runs them in this order
        key = stichtag.isoformat()
        files = {quelle: lieferdatei(cfg, stichtag, quelle) for quelle in QUELLEN}
        missing = [quelle for quelle, path in files.items() if path is None]
        if missing or key not in valid_keys:
            waiting.append(
                f"{key} (fehlt: {', '.join(missing)})" if missing else f"{key} (kein Stichtag)"
            )
            continue
        before = seen.get(key, {})
        now = {q: _fingerprint(path, before.get(q)) for q, path in files.items()}
        if {q: f["sha256"] for q, f in now.items()} != {
            q: f.get("sha256") for q, f in before.items()
        }:
            # content and time of every file: a delivery reverted to an earlier version is new again
            digest = hashlib.sha256(
                "".join(f"{now[q]['sha256']}{now[q]['mtime_ns']}" for q in QUELLEN).encode()
            ).hexdigest()[:16]
            changed = [q for q in QUELLEN if now[q]["sha256"] != before.get(q, {}).get("sha256")]
            context.log.info(f"{key}: neu oder geändert: {', '.join(changed)}")
            requests.append(dg.RunRequest(run_key=f"{key}-{digest}", partition_key=key))
        seen[key] = now
    cursor = json.dumps(seen, sort_keys=True)
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    reason = f"Keine neuen oder geänderten Lieferungen in {cfg.inbox}"
    return dg.SensorResult(
        skip_reason=dg.SkipReason(
            reason + (f"; unvollständig: {'; '.join(waiting)}" if waiting else "")
        ),
        cursor=cursor,
    )
