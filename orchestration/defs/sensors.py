"""Inbox sensor: request the run of a Stichtag once all nine files of ``<inbox>/<YYYY>/``
are there, and again whenever one of them changes (a corrected delivery) – unless the
warehouse already holds exactly these files.

The load history (``raw.lieferstatus``: SHA-256 of the last load per Stichtag and source)
says what the CLI or an earlier run has landed, so the first tick after ``make demo``
requests nothing. The cursor keeps size, modification time and SHA-256 of every file seen;
a file is hashed again only when its size or modification time changed, and the warehouse
is read only when a hash changed, so an unchanged inbox costs a directory listing per tick.
A touched file with the same content requests nothing.
"""

import hashlib
import json
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.defs.jobs import stichtag_job
from orchestration.defs.partitions import stichtag_partitions
from orchestration.defs.resources import SozialmonitorSettings
from sozialmonitor.landing import QUELLEN, lieferdatei
from sozialmonitor.pipeline import stichtage_in_inbox
from sozialmonitor.settings import Settings


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


class WarehouseBelegt(Exception):
    """Another process writes the warehouse (DuckDB allows no reader beside a writer)."""


def geladene_lieferungen(cfg: Settings) -> dict[str, dict[str, str | None]]:
    """SHA-256 of the last load per Stichtag (``YYYY-MM-DD``) and source; empty before the
    first load. Raises ``WarehouseBelegt`` while another process writes the warehouse."""
    if not cfg.warehouse.is_file():
        return {}
    try:
        with duckdb.connect(str(cfg.warehouse), read_only=True) as con:
            if not con.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = 'raw' AND table_name = 'lieferstatus'"
            ).fetchone()[0]:
                return {}
            rows = con.execute("SELECT stichtag, quelle, sha256 FROM raw.lieferstatus").fetchall()
    except duckdb.IOException as error:
        raise WarehouseBelegt(str(error).splitlines()[0]) from error
    loaded: dict[str, dict[str, str | None]] = {}
    for stichtag, quelle, sha256 in rows:
        loaded.setdefault(stichtag.isoformat(), {})[quelle] = sha256
    return loaded


@dg.sensor(
    job=stichtag_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Startet den Lauf eines Stichtags, sobald alle neun Lieferungen da sind oder eine "
        "korrigiert wurde – nicht für Dateien, die das Warehouse schon geladen hat."
    ),
)
def lieferungen(context: dg.SensorEvaluationContext, settings: SozialmonitorSettings):
    cfg = settings.get()
    seen: dict[str, dict[str, dict]] = json.loads(context.cursor) if context.cursor else {}
    changed, waiting, cursor = _scan_inbox(cfg, seen)
    requests, known = [], []
    if changed:
        try:
            loaded = geladene_lieferungen(cfg)
        except WarehouseBelegt as busy:
            # the cursor stays as it was: the next tick compares the same files again
            return dg.SkipReason(f"Warehouse belegt, nächster Versuch beim nächsten Tick: {busy}")
        for key, now in changed.items():
            if _hashes(now) == loaded.get(key):
                known.append(key)
            else:
                requests.append(_run_request(context, key, now, seen.get(key, {})))
    cursor_text = json.dumps(cursor, sort_keys=True)
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=cursor_text)
    reason = f"Keine neuen oder geänderten Lieferungen in {cfg.inbox}"
    if known:
        reason += f"; bereits im Warehouse geladen: {', '.join(known)}"
    if waiting:
        reason += f"; unvollständig: {'; '.join(waiting)}"
    return dg.SensorResult(skip_reason=dg.SkipReason(reason), cursor=cursor_text)


def _scan_inbox(
    cfg: Settings, seen: dict[str, dict[str, dict]]
) -> tuple[dict[str, dict[str, dict]], list[str], dict[str, dict[str, dict]]]:
    """Stichtage whose files changed since the cursor (with their fingerprints), the
    incomplete ones (named for the skip reason), and the new cursor."""
    valid_keys = set(stichtag_partitions.get_partition_keys())
    changed: dict[str, dict[str, dict]] = {}
    waiting, cursor = [], dict(seen)
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
        if _hashes(now) != {q: f.get("sha256") for q, f in before.items()}:
            changed[key] = now
        cursor[key] = now
    return changed, waiting, cursor


def _run_request(
    context: dg.SensorEvaluationContext, key: str, now: dict[str, dict], before: dict[str, dict]
) -> dg.RunRequest:
    # content and time of every file: a delivery reverted to an earlier version is new again
    digest = hashlib.sha256(
        "".join(f"{now[q]['sha256']}{now[q]['mtime_ns']}" for q in QUELLEN).encode()
    ).hexdigest()[:16]
    neu = [q for q in QUELLEN if now[q]["sha256"] != before.get(q, {}).get("sha256")]
    context.log.info(f"{key}: neu oder geändert: {', '.join(neu)}")
    return dg.RunRequest(run_key=f"{key}-{digest}", partition_key=key)


def _hashes(fingerprints: dict[str, dict]) -> dict[str, str]:
    return {quelle: f["sha256"] for quelle, f in fingerprints.items()}
