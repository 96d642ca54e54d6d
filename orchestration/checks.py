"""The Great Expectations suites as Dagster asset checks (see docs/quality.md).

A suite becomes one check on the asset it guards. It is *blocking* when it has a blocking
expectation: a failed blocking expectation stops everything downstream of that asset in
the run (so the publish asset does not run) and the run names the check. Failed warnings
are reported with severity WARN and block nothing.
"""

import dagster as dg

from orchestration.defs.partitions import run_per_stichtag, stichtag_partitions
from orchestration.defs.resources import SozialmonitorSettings
from sozialmonitor import quality


def suite_check(suite: quality.Suite, asset_key: dg.AssetKey) -> dg.AssetChecksDefinition:
    blocking = any(e.schwere == quality.BLOCKIEREND for e in suite.erwartungen)

    @dg.asset_check(
        asset=asset_key,
        name=suite.name,
        description=suite.beschreibung or None,
        blocking=blocking,
        partitions_def=stichtag_partitions,
        metadata={"suite": str(suite.pfad.relative_to(suite.pfad.parents[2]))},
    )
    def _check(
        context: dg.AssetCheckExecutionContext, settings: SozialmonitorSettings
    ) -> dg.AssetCheckResult:
        # One lauf_id per Dagster run: the suites of a run form one quality run.
        cfg, results = run_per_stichtag(
            context, settings, quality.run_suite, suite.name, lauf_id=context.run.run_id
        )
        messages = [m for r in results for m in r.messages]
        blocked = any(r.blocking_failures for r in results)
        for message in messages:
            context.log.warning(message)
        return dg.AssetCheckResult(
            passed=not messages,
            severity=dg.AssetCheckSeverity.ERROR if blocked else dg.AssetCheckSeverity.WARN,
            description="\n".join(messages) or None,
            metadata={
                "stichtage": [r.stichtag.isoformat() for r in results],
                "lauf_id": context.run.run_id,
                "erwartungen": sum(len(r.ergebnisse) for r in results),
                "blockierend_fehlgeschlagen": sum(len(r.blocking_failures) for r in results),
                "warnungen": sum(len(r.warnings) for r in results),
                # offline page of all suites, and this suite's GX validation pages per frame
                "pruefseite": dg.MetadataValue.path(
                    str(quality.page_path(cfg, results[-1].stichtag))
                ),
                "data_docs": dg.MetadataValue.md(
                    "\n".join(
                        f"- {rahmen}: `{quality.page_path(cfg, r.stichtag).parent / page}`"
                        for r in results
                        for rahmen, page in r.data_docs.items()
                    )
                    or "keine"
                ),
            },
        )

    return _check
