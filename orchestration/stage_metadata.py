"""Stage results as Dagster sees them: the CLI's lines in the log, metadata, or a Failure."""

import json

import dagster as dg

from sozialmonitor.stage_result import StageResult


def stage_metadata(context, results: list[StageResult]) -> dict:
    """Log every line the CLI prints; raise, like the CLI's exit code, when a result failed.

    Returns metadata for the materialisation: the lines and details per Stichtag.
    """
    for result in results:
        context.log.info(result.summary())
        for message in result.messages:
            (context.log.warning if not result.ok else context.log.info)(message)
    lines = [f"{r.summary()}: {m}" for r in results for m in r.messages]
    metadata = {
        "stichtage": [r.stichtag.isoformat() for r in results],
        "meldungen": dg.MetadataValue.md("\n".join(f"- {line}" for line in lines) or "keine"),
        # details may hold dates and paths: shown as text
        "details": json.loads(
            json.dumps({r.stichtag.isoformat(): r.details for r in results}, default=str)
        ),
    }
    failed = [r for r in results if not r.ok]
    if failed:
        raise dg.Failure(
            description="\n".join(
                [r.summary() for r in failed] + [m for r in failed for m in r.messages]
            ),
            metadata=metadata,
        )
    return metadata
