from pathlib import Path

import pytest

from inmail_tui.settings import SettingsError, load_settings, save_setting


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, "utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "nope.toml")
    assert settings.connect_wait_days == 7
    assert settings.catalog()["sales_navigator_core"].cap == 150


def test_plan_override_and_custom_plan(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[plans.sales_navigator_core]\ncredit_back = true\n\n"
        '[plans.acme]\nbase = "recruiter_corporate"\nseats = 7\n',
    )
    catalog = load_settings(path).catalog()
    assert catalog["sales_navigator_core"].credit_back is True
    assert catalog["acme"].allowance == 7 * 150
    assert catalog["acme"].cap == 4 * 7 * 150


def test_bad_plan_value_names_key_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "theme = 'nord'\n\n[plans.premium_career]\nname = 'x'\ncap_months = 'three'\n"
    )
    with pytest.raises(SettingsError) as err:
        load_settings(path)
    message = str(err.value)
    assert "line 5" in message and "cap_months" in message and "premium_career" in message


def test_unknown_plan_key_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "[plans.free]\ncredits_per_month = 3\n")
    with pytest.raises(SettingsError, match=r"line 2.*credits_per_month.*unknown setting"):
        load_settings(path)


def test_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, "theme = 'nord'\nstrong_fit = \n")
    with pytest.raises(SettingsError, match="line 2"):
        load_settings(path)


def test_wrong_scalar_type(tmp_path: Path) -> None:
    path = write(tmp_path, "connect_wait_days = 'seven'\n")
    with pytest.raises(SettingsError, match=r"line 1.*connect_wait_days"):
        load_settings(path)


def test_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "# hi\ncolour = 'red'\n")
    with pytest.raises(SettingsError, match=r"line 2.*colour"):
        load_settings(path)


def test_save_setting_keeps_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "# my comment\ntheme = 'nord'\n")
    save_setting(path, "theme", "gruvbox")
    text = path.read_text("utf-8")
    assert "# my comment" in text
    assert load_settings(path).theme == "gruvbox"


def test_bad_word_list_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "theme = 'nord'\n[lint]\njargon = ['synergize']\nbuzzwords = ['x']\n")
    with pytest.raises(SettingsError, match=r"line 4.*buzzwords"):
        load_settings(path)


def test_extra_jargon_is_added(tmp_path: Path) -> None:
    path = write(tmp_path, "[lint]\njargon = ['paradigm shift']\n")
    words = load_settings(path).word_lists()
    assert "paradigm shift" in words.jargon
    assert "synergy" in words.jargon
