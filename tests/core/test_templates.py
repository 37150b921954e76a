"""Templates: placeholders, rendering (a missing value stays visible), and the starter set."""

import pytest

from inmail_tui.core.lint import Limits, Severity, lint, load_word_lists
from inmail_tui.core.model import Channel
from inmail_tui.core.plans import load_catalog
from inmail_tui.core.templates import (
    Rendered,
    Template,
    TemplateError,
    render,
    starter_templates,
    templates_from_toml,
)
from inmail_tui.core.text import visible_length

CATALOG = load_catalog()
WORDS = load_word_lists()
FULL = {
    "first_name": "Alexandra",
    "last_name": "Okonkwo-Vandenberghe",
    "company": "Northwind Logistics International",
    "title": "Vice President of Revenue Operations",
}


def inmail(subject: str, body: str) -> Template:
    return Template(name="t", channel=Channel.INMAIL, subject=subject, body=body)


def test_missing_placeholders_are_listed_once_in_order() -> None:
    rendered = render(inmail("", "Hi {first_name}, how is {company}? {first_name}"), {})
    assert rendered.missing == ("first_name", "company")
    assert rendered.body == "Hi {first_name}, how is {company}? {first_name}"


def test_escaped_braces_and_malformed_names_are_not_placeholders() -> None:
    text = "{{first_name}} {not a name} {1x} { company }"
    rendered = render(inmail("", text), FULL)
    assert (rendered.body, rendered.missing) == ("{first_name} {not a name} {1x} { company }", ())
    assert render(inmail("", "{{{company}}}"), FULL).body == "{Northwind Logistics International}"


def test_render_fills_prospect_and_user_fields() -> None:
    template = inmail("{company} and {first_name}", "Hi {first_name} {last_name}, {title}. {deal}")
    values = {**FULL, "deal": "the Lyon pilot"}
    assert render(template, values) == Rendered(
        subject="Northwind Logistics International and Alexandra",
        body=(
            "Hi Alexandra Okonkwo-Vandenberghe, Vice President of Revenue Operations. "
            "the Lyon pilot"
        ),
        missing=(),
    )


def test_a_placeholder_without_a_value_stays_in_the_text_and_is_listed_once() -> None:
    template = inmail("For {company}", "Hi {first_name}, about {company} and {title}.")
    rendered = render(template, {"first_name": "Sam", "title": "  "})
    assert rendered.subject == "For {company}"
    assert rendered.body == "Hi Sam, about {company} and {title}."
    assert rendered.missing == ("company", "title")


def test_double_braces_write_literal_braces() -> None:
    rendered = render(inmail("", "{{first_name}} is {first_name}; a set: {{1, 2}}"), FULL)
    assert rendered.body == "{first_name} is Alexandra; a set: {1, 2}"
    assert rendered.missing == ()


def test_stray_single_braces_are_left_as_written() -> None:
    rendered = render(inmail("", "a { b } c {"), FULL)
    assert rendered.body == "a { b } c {"


def test_values_are_inserted_as_plain_text() -> None:
    values = {"first_name": "[bold]{company}[/bold]", "company": "Acme"}
    rendered = render(inmail("", "Hi {first_name} at {company}"), values)
    assert rendered.body == "Hi [bold]{company}[/bold] at Acme"


def test_lint_flags_the_placeholder_a_render_left_unfilled() -> None:
    rendered = render(
        inmail("Idea", "Hi {first_name}, your work at {company}."), FULL | {"company": ""}
    )
    limits = Limits.for_plan(CATALOG["sales_navigator_core"])
    result = lint(Channel.INMAIL, rendered.body, rendered.subject, limits=limits, words=WORDS)
    found = [f for f in result.findings if f.check == "placeholder"]
    assert [rendered.body[f.start : f.end] for f in found] == ["{company}"]


def test_one_starter_template_per_channel() -> None:
    templates = starter_templates()
    assert sorted(t.channel for t in templates) == sorted(
        [Channel.INMAIL, Channel.CONNECT, Channel.MESSAGE]
    )
    assert all(t.name and t.body for t in templates)


@pytest.mark.parametrize("plan", ["free", "premium_career", "sales_navigator_core"])
def test_starter_templates_rendered_in_full_lint_with_no_warning_or_error(plan: str) -> None:
    limits = Limits.for_plan(CATALOG[plan])
    for template in starter_templates():
        rendered = render(template, FULL)
        assert rendered.missing == ()
        result = lint(template.channel, rendered.body, rendered.subject, limits=limits, words=WORDS)
        serious = [f for f in result.findings if f.severity is not Severity.HINT]
        assert serious == [], (template.name, serious)
        assert visible_length(rendered.body) < 400
        if template.channel is Channel.INMAIL:
            assert len(rendered.subject.split()) < 5
            assert "?" in rendered.body


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[templates]]\nname = "x"\nchannel = "fax"\nbody = "b"', "channel must be one of"),
        ('[[templates]]\nchannel = "inmail"\nbody = "b"', "'name' must be text"),
        ('[[templates]]\nname = "x"\nchannel = "inmail"', "template 'x': 'body' must be text"),
        ("templates = 3", "must be an array of tables"),
        ("templates = [1]", "template 1: must be a table"),
        ("[[templates]\n", "templates file:"),
    ],
)
def test_a_bad_templates_file_gets_a_clear_message(toml: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        templates_from_toml(toml)


def test_templates_from_toml_reads_every_field() -> None:
    text = '[[templates]]\nname = "B"\nchannel = "connect"\nbody = "Hi {first_name}"\nvariant = "B"'
    assert templates_from_toml(text) == [
        Template(name="B", channel=Channel.CONNECT, subject="", body="Hi {first_name}", variant="B")
    ]
