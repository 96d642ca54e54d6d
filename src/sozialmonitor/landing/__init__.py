"""Landing: deliveries checked against the contract, pseudonymised and loaded into ``raw``.

- ``land(settings, stichtag)``: all nine sources, the ``land`` stage of the pipeline.
- ``land_source(settings, stichtag, quelle)``: one source (one Dagster asset each).
- ``lieferdatei(settings, stichtag, quelle)``: the delivered file, None if missing or no regular file.
- ``QUELLEN``: the nine source names (= raw table names).
"""

from sozialmonitor.landing.land import land, land_source, lieferdatei
from sozialmonitor.landing.quellen import QUELLEN

__all__ = ["QUELLEN", "land", "land_source", "lieferdatei"]
