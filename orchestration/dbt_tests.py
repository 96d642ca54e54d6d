"""dbt tests as Dagster asset checks: a German description of what each test asserts.

dbt's tests carry no description of their own; the test name and its arguments say what is
asserted, so each known test becomes a sentence, an unknown one names itself.
"""

from collections.abc import Mapping
from typing import Any

#: What a test asserts, by test name; placeholders are the test's arguments.
AUSSAGEN = {
    "not_null": "Spalte {column_name} ist nie leer.",
    "unique": "Spalte {column_name} ist eindeutig.",
    "accepted_values": "Spalte {column_name} enthält nur {values}.",
    "relationships": "Jeder Wert von {column_name} kommt in {to}.{field} vor.",
    "eindeutig": "Die Kombination {spalten} ist eindeutig.",
    "fehlt_nur_mit_hinweis": "{column_name} fehlt genau dann, wenn {hinweis} den Grund nennt.",
    "ist_wahr": "Jede Zeile erfüllt: {ausdruck}.",
    "keine_einzelne_sperre": (
        "Geheimhaltung: in keiner Randsumme über {margin} ist genau eine Zelle gesperrt "
        "(sie ließe sich aus der Summe zurückrechnen)."
    ),
}


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    # relationships name their target as "ref('dim_stadtteil')"
    if text.startswith(("ref(", "source(")):
        return text.split("(", 1)[1].rstrip(")").replace("'", "").replace('"', "")
    return text


def beschreibung(test: Mapping[str, Any]) -> str:
    """``dbt-Test <name> (<model>), blockierend|Warnung: <what it asserts>``."""
    metadata = test.get("test_metadata") or {}
    name = metadata.get("name") or test["name"]
    arguments = {k: _text(v) for k, v in (metadata.get("kwargs") or {}).items() if k != "model"}
    try:
        aussage = AUSSAGEN[name].format(**arguments)
    except KeyError:
        aussage = test.get("description") or f"Abfrage {test['name']} liefert keine Zeile."
    schwere = (
        "blockierend"
        if (test["config"].get("severity") or "error").lower() == "error"
        else "Warnung"
    )
    return f"dbt-Test {name}, {schwere}: {aussage}"
