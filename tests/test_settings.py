from datetime import date
from pathlib import Path

import pytest

from sozialmonitor.gemeinde import load_gemeinde
from sozialmonitor.keys import create_key_file
from sozialmonitor.settings import Settings, parse_stichtag


def test_stichtag_is_31_december():
    assert parse_stichtag("2024-12-31") == date(2024, 12, 31)
    assert parse_stichtag("2024") == date(2024, 12, 31)
    with pytest.raises(
        ValueError, match=r"Stichtag muss ein 31\. Dezember sein \(JJJJ-12-31\), ist: '2024-06-30'"
    ):
        parse_stichtag("2024-06-30")
    with pytest.raises(ValueError, match="ist: 'Dez. 2024'"):
        parse_stichtag("Dez. 2024")


def test_paths_follow_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SOZIALMONITOR_WAREHOUSE", "/elsewhere/w.duckdb")
    settings = Settings.from_env(data_dir=tmp_path)
    assert settings.warehouse == tmp_path / "warehouse.duckdb"
    assert settings.published_db == tmp_path / "published" / "sozialmonitor.duckdb"
    assert settings.inbox == tmp_path / "inbox"
    from_env = Settings.from_env()
    assert from_env.warehouse == Path("/elsewhere/w.duckdb")


def test_key_file_is_private_and_never_overwritten(tmp_path):
    path = tmp_path / "keys" / "pseudonym.key"
    assert create_key_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    first = path.read_text()
    assert not create_key_file(path)
    assert path.read_text() == first


@pytest.mark.parametrize(
    "name, code",
    [
        ("Altstadt", "01"),
        ("Innenstadt", "01"),
        ("Oestrich", "06"),
        ("Östrich", "06"),
        ("Altendorf/Ulfkotte", "09"),
        ("Wulfen-Barkenberg", "08"),
        ("Dorsten insgesamt", "00"),
        ("Dorsten-Nord", None),
    ],
)
def test_district_names_resolve_through_aliases(name, code):
    assert load_gemeinde().resolve(name) == code


def test_districts_come_from_the_seed():
    gemeinde = load_gemeinde()
    assert gemeinde.ags == "05562012"
    assert [t.nr for t in gemeinde.stadtteile] == [f"{i:02d}" for i in range(1, 12)]
