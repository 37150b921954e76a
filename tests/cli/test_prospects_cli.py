"""The queue through the CLI: import, merge, decisions, outcomes, export, lint and sent."""

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from inmail_tui.core.importing.synthetic import connections_csv, people, phantombuster_csv
from inmail_tui.core.model import Degree

Run = Callable[..., Result]
HOSTILE = "[bold red]Mallory[/bold red] \x1b[31mEve"


def test_connections_then_lead_list_merge(run: Run, tmp_path: Path) -> None:
    """Issue 3: 1,200 connections, then 400 leads of which 40 are connections."""
    connections = people(1200, seed=7)
    leads = people(360, seed=8, start=5000) + connections[:40]
    (tmp_path / "Connections.csv").write_text(connections_csv(connections), "utf-8")
    (tmp_path / "leads.csv").write_text(phantombuster_csv(leads), "utf-8")
    run("plan", "sales_navigator_core", "--renewal-day", "1", "--balance", "50")

    first = json.loads(run("import", str(tmp_path / "Connections.csv"), "--json").stdout)
    assert first["format"] == "connections"
    assert (first["added"], first["errors"]) == (1200, [])
    second = json.loads(run("import", str(tmp_path / "leads.csv"), "--json").stdout)
    assert second["format"] == "phantombuster"
    assert second["added"] == 360
    assert second["added"] + second["updated"] + second["unchanged"] == 400

    listed = json.loads(run("prospects", "--json").stdout)
    assert len(listed) == 1560
    by_url = {p["url"]: p for p in listed}
    for person in connections[:40]:
        merged = by_url[person.url]
        assert merged["degree"] == "1st"
        assert merged["decision"]["rule"] == "R2"
        assert merged["decision"]["cost"] == 0
    for person in leads[:360]:
        decision = by_url[person.url]["decision"]
        if person.open_profile:
            assert (decision["rule"], decision["cost"]) == ("R4", 0)
        elif person.degree == Degree.FIRST:
            assert decision["rule"] == "R2"
        else:
            assert (decision["rule"], decision["cost"], decision["allowed"]) == ("R12", 1, True)


def test_dry_run_writes_nothing(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(connections_csv(people(5, seed=1)), "utf-8")
    result = json.loads(run("import", str(path), "--dry-run", "--json").stdout)
    assert result["added"] == 5
    assert json.loads(run("prospects", "--json").stdout) == []


def test_not_a_csv_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_url_column_lists_headers(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("Name,Employer\nAna,Acme\n", "utf-8")
    result = run("import", str(path))
    assert result.exit_code == 1
    assert "Name" in result.stderr and "Employer" in result.stderr


def test_hostile_names_survive_export_and_reimport(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "Profile URL,Full Name,Company,Degree\n"
        f'https://linkedin.com/in/mallory,"{HOSTILE}","Evil, Inc.",2nd\n',
        "utf-8",
    )
    assert run("import", str(path)).exit_code == 0
    listed = json.loads(run("prospects", "--json").stdout)
    assert listed[0]["name"] == HOSTILE
    out = tmp_path / "out.csv"
    assert run("export", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert HOSTILE in rows[0].values()
    again = json.loads(run("import", str(out), "--json").stdout)
    assert (again["format"], again["added"], again["updated"]) == ("export", 0, 0)


def test_cost_sent_and_outcome_with_credit_back(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "Profile URL,Full Name,Degree,Open Profile\n"
        "https://www.linkedin.com/in/ana-2nd,Ana Two,2nd,false\n"
        "https://www.linkedin.com/in/olu-open,Olu Open,3rd,true\n",
        "utf-8",
    )
    run("plan", "recruiter_lite", "--renewal-day", "20", "--balance", "10")
    run("import", str(path))
    cost = json.loads(run("cost", "linkedin.com/in/ANA-2nd/", "--json").stdout)
    assert (cost["rule"], cost["cost"]) == ("R12", 1)
    assert any(alt["channel"] == "connect" for alt in cost["alternatives"])

    body = tmp_path / "body.txt"
    body.write_text("Hi Ana, saw your talk on hiring. Is this a priority for you now?", "utf-8")
    sent = run(
        "sent", "https://www.linkedin.com/in/ana-2nd", "--subject", "Your hiring talk",
        "--body-file", str(body), "--yes", "--json",
    )  # fmt: skip
    assert sent.exit_code == 0, sent.output
    assert json.loads(sent.stdout)["balance_after"] == 9
    free = run("sent", "https://www.linkedin.com/in/olu-open", "--body-file", str(body), "--yes")
    assert free.exit_code == 0, free.output
    assert json.loads(run("balance", "--json").stdout)["balance"] == 9

    url = "https://www.linkedin.com/in/ana-2nd"
    future = run("outcome", url, "replied", "--on", "2026-04-15")
    assert future.exit_code == 1 and "future" in future.stderr
    # Sent 2026-01-15: 2026-04-15 is day 90, the last day of Recruiter Lite's window.
    replied = run("outcome", url, "replied", today="2026-04-15")
    assert replied.exit_code == 0, replied.output
    assert "credit came back" in replied.stdout
    after = json.loads(run("balance", "--json", today="2026-04-15").stdout)["balance"]
    assert after == 9 + 3 * 30 + 1  # grants of 30 on 20 Jan, Feb and Mar, then the credit back
    capped = json.loads(run("balance", "--json", today="2026-04-20").stdout)
    assert capped["balance"] == capped["cap"] == 120


def test_reply_on_day_91_gives_nothing_back(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("Profile URL,Degree\nhttps://www.linkedin.com/in/late,3rd\n", "utf-8")
    run("plan", "recruiter_lite", "--renewal-day", "1", "--balance", "10")
    run("import", str(path))
    assert run("sent", "https://www.linkedin.com/in/late", "--yes").exit_code == 0
    late = run("outcome", "https://www.linkedin.com/in/late", "replied", today="2026-04-16")
    assert late.exit_code == 0, late.output
    assert "credit came back" not in late.stdout
    assert json.loads(run("balance", "--json", today="2026-04-16").stdout)["balance"] == 9 + 90


def test_sent_refused_for_opted_out(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "Profile URL,Full Name,Degree,Accepts InMail\n"
        "https://www.linkedin.com/in/no-thanks,No Thanks,2nd,false\n",
        "utf-8",
    )
    run("plan", "sales_navigator_core", "--balance", "10")
    run("import", str(path))
    result = run("sent", "https://www.linkedin.com/in/no-thanks", "--yes")
    assert result.exit_code == 1
    assert "opted out" in result.stderr.lower() or "inmail" in result.stderr.lower()
    assert json.loads(run("balance", "--json").stdout)["balance"] == 10


def test_sent_asks_before_spending(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("Profile URL,Degree\nhttps://www.linkedin.com/in/bo,2nd\n", "utf-8")
    run("plan", "sales_navigator_core", "--balance", "10")
    run("import", str(path))
    declined = run("sent", "https://www.linkedin.com/in/bo", input="n\n")
    assert declined.exit_code == 1
    assert "cannot be unsent" in declined.stderr
    assert json.loads(run("balance", "--json").stdout)["balance"] == 10
    accepted = run("sent", "https://www.linkedin.com/in/bo", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert json.loads(run("balance", "--json").stdout)["balance"] == 9


def test_lint_exit_codes_and_json(run: Run, tmp_path: Path) -> None:
    long_body = tmp_path / "long.txt"
    long_body.write_text("x" * 2001, "utf-8")
    result = run("lint", str(long_body), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert data["length"] == 2001 and data["limit"] == 2000
    assert any(f["severity"] == "error" for f in data["findings"])
    clean = run(
        "lint", "-", "--subject", "Your hiring plans", input="Hi Ana, is hiring a priority?"
    )
    assert clean.exit_code == 0


def test_search_and_tag_filters_on_a_fresh_database(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "Profile URL,Full Name,Company,Degree,Tags\n"
        "https://www.linkedin.com/in/ana,Ana Müller,Globex,2nd,hot\n"
        "https://www.linkedin.com/in/bo,Bo Chen,Initech,1st,\n",
        "utf-8",
    )
    run("import", str(path))
    found = json.loads(run("prospects", "--search", "müll", "--json").stdout)
    assert [p["name"] for p in found] == ["Ana Müller"]
    by_url = json.loads(run("prospects", "--search", "linkedin.com/in/bo/", "--json").stdout)
    assert [p["name"] for p in by_url] == ["Bo Chen"]  # a profile URL, searched as its slug
    tagged = json.loads(run("prospects", "--tag", "hot", "--json").stdout)
    assert [p["name"] for p in tagged] == ["Ana Müller"]
    first = json.loads(run("prospects", "--tag", "1st", "--json").stdout)
    assert [p["name"] for p in first] == ["Bo Chen"]


def test_analytics_after_sends_and_starter_templates(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_text(
        "Profile URL,Degree\n"
        "https://www.linkedin.com/in/a1,2nd\nhttps://www.linkedin.com/in/a2,3rd\n",
        "utf-8",
    )
    run("plan", "recruiter_lite", "--renewal-day", "3", "--balance", "10")
    run("import", str(path))
    for slug in ("a1", "a2"):
        assert run("sent", f"linkedin.com/in/{slug}", "--yes", "--variant", "A").exit_code == 0
    run("outcome", "linkedin.com/in/a1", "replied")
    data = json.loads(run("analytics", "--json").stdout)
    assert (data["inmails_sent"], data["replies"], data["credits_spent"]) == (2, 1, 2)
    assert data["credited_back"] == 1
    assert [p["url"] for p in data["pending_credit_backs"]] == ["https://www.linkedin.com/in/a2"]
    text = run("analytics").stdout
    assert "2 InMails sent" in text


def test_free_allowances_are_counted(run: Run, tmp_path: Path, isolated_home: Path) -> None:
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(
        "[plans.sales_navigator_core]\nopen_profile_monthly_limit = 1\n"
        "invitation_weekly_budget = 1\n",
        "utf-8",
    )
    path = tmp_path / "leads.csv"
    path.write_text(
        "Profile URL,Degree,Open Profile\n"
        "https://www.linkedin.com/in/open1,3rd,yes\n"
        "https://www.linkedin.com/in/open2,3rd,yes\n"
        "https://www.linkedin.com/in/closed,2nd,no\n",
        "utf-8",
    )
    run("plan", "sales_navigator_core", "--balance", "5")
    run("import", str(path))
    cost = json.loads(run("cost", "linkedin.com/in/open2", "--json").stdout)
    assert (cost["rule"], cost["cost"]) == ("R4", 0)
    assert run("sent", "linkedin.com/in/open1", "--yes").exit_code == 0
    cost = json.loads(run("cost", "linkedin.com/in/open2", "--json").stdout)
    assert cost["cost"] == 1  # the month's one free Open Profile InMail is used
    connect = json.loads(
        run("cost", "linkedin.com/in/closed", "--channel", "connect", "--json").stdout
    )
    assert connect["allowed"] is True
    assert run("sent", "linkedin.com/in/closed", "--channel", "connect", "--yes").exit_code == 0
    other = json.loads(
        run("cost", "linkedin.com/in/open2", "--channel", "connect", "--json").stdout
    )
    assert other["allowed"] is False  # the week's one invitation is used
