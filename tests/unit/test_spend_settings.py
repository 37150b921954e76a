"""The spend plan's settings (docs/planning.md, "Settings"): read from the file, bounded."""

from pathlib import Path

import pytest

from inmail_tui.settings import Settings, SettingsError, load_settings


def test_the_spend_plan_settings_and_their_defaults(tmp_path: Path) -> None:
    assert (Settings().reserve, Settings().min_fit) == (0, 3)
    assert (Settings().reply_prior_percent, Settings().prior_weight) == (15, 20)
    path = tmp_path / "settings.toml"
    path.write_text(
        "reserve = 10\nmin_fit = 2\nreply_prior_percent = 22\nprior_weight = 0\n", "utf-8"
    )
    settings = load_settings(path)
    assert (settings.reserve, settings.min_fit) == (10, 2)
    assert (settings.reply_prior_percent, settings.prior_weight) == (22, 0)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("reserve = -1", "'reserve' must be from 0 to 1000000, not -1"),
        ("min_fit = 6", "'min_fit' must be from 1 to 5, not 6"),
        ("reply_prior_percent = 0", "'reply_prior_percent' must be from 1 to 99, not 0"),
        ("prior_weight = 'a lot'", "'prior_weight' must be a whole number"),
    ],
)
def test_a_bad_value_is_refused_naming_the_key(tmp_path: Path, line: str, words: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"theme = 'nord'\n{line}\n", "utf-8")
    with pytest.raises(SettingsError, match=f"line 2: {words}"):
        load_settings(path)
