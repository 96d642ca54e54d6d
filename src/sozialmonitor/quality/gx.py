"""Great Expectations (GX Core 1.x) on the pandas route: one ephemeral context per run.

Every (suite, frame) becomes a GX ExpectationSuite validated through a ValidationDefinition
against a whole-dataframe batch; the results stay in the context so Data Docs can be built
from them at the end of the run.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from sozialmonitor.quality.erwartung import BLOCKIEREND, Erwartung
from sozialmonitor.quality.frames import Frame
from sozialmonitor.quality.suites import Suite

# No usage statistics from a municipal server (set before GX is imported).
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.registry import get_expectation_impl
from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import BytecodeCache

# GX logs every ephemeral docs directory at INFO: noise in the yearly run's output.
logging.getLogger("great_expectations").setLevel(logging.WARNING)

#: How many unexpected values/rows a result keeps (frames are small; this bounds messages).
MAX_UNEXPECTED = 50


def expectation_parameters(stichtag: date) -> dict:
    """Values an expectation may use as ``{ "$PARAMETER" = "stichtag_jahr" }``."""
    return {"stichtag_jahr": stichtag.year}


def build_expectation(erwartung: Erwartung, nr: int):
    """The GX expectation object; ``meta.nr`` maps its result back to the configuration."""
    cls = get_expectation_impl(erwartung.typ)
    return cls(
        **erwartung.kwargs,
        severity="critical" if erwartung.schwere == BLOCKIEREND else "warning",
        meta={
            "nr": nr,
            "schwere": erwartung.schwere,
            "art": erwartung.art,
            "beschreibung": erwartung.beschreibung,
        },
    )


class _Uebersetzt(BytecodeCache):
    """Compiled Data Docs templates for the whole process. GX makes a new jinja environment
    for every view, and compiling its templates again was most of each docs build (in
    Dagster one per suite). jinja keys each entry by the template source's checksum."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if (code := self.code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


_UEBERSETZT = _Uebersetzt()


class _Vorlagen:
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.env.bytecode_cache = _UEBERSETZT


class Seite(_Vorlagen, DefaultJinjaPageView):
    """A validation page of the Data Docs, from the compiled templates."""


class Index(_Vorlagen, DefaultJinjaIndexPageView):
    """The index page of the Data Docs, from the compiled templates."""


#: Views of the Data Docs site by GX configuration.
_ANSICHT = {"module_name": __name__}


class GxRun:
    """An ephemeral GX context; Data Docs go to ``docs_dir``."""

    def __init__(self, docs_dir: Path):
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.context.add_data_docs_site(
            "sozialmonitor",
            {
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_dir),
                },
                "site_index_builder": {
                    "class_name": "DefaultSiteIndexBuilder",
                    "view": {**_ANSICHT, "class_name": "Index"},
                },
                # The validation pages list every expectation; separate suite pages and
                # profiling would double the rendering time of the check stage.
                "site_section_builders": {
                    "expectations": "0",
                    "profiling": "0",
                    "validations": {"view": {**_ANSICHT, "class_name": "Seite"}},
                },
            },
        )
        # One asset for all frames: every asset added re-serialises the whole context
        # configuration, and a whole-dataframe batch takes its frame at run time anyway.
        self.batch = (
            self.context.data_sources.add_pandas("sozialmonitor")
            .add_dataframe_asset("rahmen")
            .add_batch_definition_whole_dataframe("ganz")
        )

    def validate(
        self, suite: Suite, frame: Frame, erwartungen: list[tuple[int, Erwartung]], stichtag: date
    ):
        """Validate ``frame`` with the given (index, expectation) pairs; returns the GX result."""
        name = f"{suite.name}.{frame.name}"
        gx_suite = self.context.suites.add(
            gx.ExpectationSuite(
                name=name, meta={"schuetzt": suite.asset, "datei": str(suite.pfad.name)}
            )
        )
        for nr, erwartung in erwartungen:
            gx_suite.add_expectation(build_expectation(erwartung, nr))
        definition = self.context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=self.batch, suite=gx_suite)
        )
        result_format: dict = {
            "result_format": "COMPLETE",
            "partial_unexpected_count": MAX_UNEXPECTED,
        }
        keys = [k for k in frame.schluessel if k in frame.df.columns]
        if keys:
            result_format["unexpected_index_column_names"] = keys
        return definition.run(
            batch_parameters={"dataframe": frame.df},
            expectation_parameters=expectation_parameters(stichtag),
            result_format=result_format,
        )

    def build_docs(self) -> None:
        self.context.build_data_docs()
