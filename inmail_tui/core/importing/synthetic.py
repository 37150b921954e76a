"""Realistic import files made up from a seed: for tests, benchmarks and the demo database.

``people(count, seed)`` invents prospects, deterministic for a seed: accented and non-Latin names,
and about one in eight hostile (Rich markup, an escape sequence, quotes, commas, emoji, a newline,
a spreadsheet formula, a field thousands of characters long). The writers lay the same people out
as LinkedIn's ``Connections.csv``, PhantomBuster's Sales Navigator export, or a generic lead list,
each with profile URLs spelled in the many ways real files spell them. Reading a file back gives
exactly one record per person, with ``person.url`` as its identity.
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from inmail_tui.core.model import Degree
from inmail_tui.core.urls import PROFILE_PREFIX

FIRST_NAMES = (
    "Mateus", "Chloé", "Nnamdi", "Giorgos", "Ilya", "Björn", "Priya", "Thảo", "Søren", "Fatima",
    "Olga", "Rania", "José", "Zoë", "Łukasz", "Ana", "Ngozi", "Hiroshi", "Дмитрий", "محمد", "山田",
)  # fmt: skip
LAST_NAMES = (
    "Costa", "Sokolov", "Nguyễn", "Nagy", "Khalil", "Ivanov", "Andersson", "Okafor", "Leroy",
    "Petrova", "Haddad", "Tanaka", "Müller", "García", "Çelik", "Ó Briain", "Новак", "太郎",
)  # fmt: skip
COMPANIES = (
    "Acme Corp", "Globex, Inc.", 'Umbrella "Bio" Labs', "Initech", "Hooli", "Pied Piper",
    "Stark Industries", "Wayne Enterprises", "Société Générale d'Exemple", "Müller & Söhne GmbH",
)  # fmt: skip
TITLES = (
    "Head of Talent Acquisition", "VP Sales", "Recruiter", "Founder & CTO", "Account Executive",
    "Senior Software Engineer", "CEO", "Directeur commercial", "Talent Partner (EMEA)",
)  # fmt: skip
TAGS = ("fintech", "warm", "event-2026", "hiring", "referral")
# Hostile values: (first name, last name, company, title, notes).
HOSTILE = (
    ("[bold red]Mallory[/bold red]", "O'Brien", "[link=https://evil.example]Acme[/link]",
     "[reverse]CEO", "[blink]call me[/blink]"),
    ("Eve\x1b[31m", "Escape\x1b]0;pwned\x07", "Acme\x1b[2J Corp", "CTO\x1b[0m",
     "line one\nline two\r\nline three"),
    ('Dwayne "The Rock"', "Smith, Jr.", '"Quoted", Inc.', 'Head of "Growth", EMEA', '"";;,,'),
    ("Zoë 🚀", "🦄 Unicorn", "Emoji 💼 Ltd", "Chief 🔥 Officer", "👋 hi\ttab"),
    ("=cmd|' /C calc'!A0", "+SUM(1,2)", "=HYPERLINK(\"http://x\")", "-2+3", "@import"),
    ("Zoe\u0308", "Ame\u0301lie", "  padded  ", " leading space", "trailing space "),
    ("Long", "Field", "Corp " * 400, "Title " * 500, "Notes " * 1500),
)  # fmt: skip

_BOOL_SPELLINGS = (("TRUE", "FALSE"), ("true", "false"), ("1", "0"), ("yes", "no"))
_PB_DEGREES = {1: "1st", 2: "2nd", 3: "3rd", 4: "Out of Network"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class SyntheticPerson:
    index: int  # unique across calls that use distinct ``start`` ranges
    slug: str  # canonical: lower-case, NFC
    url_as_written: str  # one of the many spellings of the profile URL
    first_name: str
    last_name: str
    company: str
    title: str
    email: str  # "" when unknown
    degree: Degree  # as a lead list reports it
    premium: bool
    open_profile: bool
    connected_on: date
    priority: int
    tags: tuple[str, ...]
    notes: str

    @property
    def url(self) -> str:
        return PROFILE_PREFIX + self.slug

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def people(count: int, seed: int, *, start: int = 0) -> list[SyntheticPerson]:
    """``count`` invented prospects numbered from ``start`` (slugs are unique by number)."""
    rng = random.Random(seed)
    return [_person(rng, index) for index in range(start, start + count)]


def _person(rng: random.Random, index: int) -> SyntheticPerson:
    if rng.random() < 0.125:
        first, last, company, title, notes = rng.choice(HOSTILE)
    else:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company, title = rng.choice(COMPANIES), rng.choice(TITLES)
        notes = rng.choice(("", "", "met at SaaStr", "intro via Ana, follow up in Q3"))
    slug = "-".join(part for part in (_slug_part(first), _slug_part(last), f"{index:x}") if part)
    premium = rng.random() < 0.3
    return SyntheticPerson(
        index=index,
        slug=slug,
        url_as_written=_spelling(rng, slug),
        first_name=first,
        last_name=last,
        company=company,
        title=title,
        email=f"{slug}@example.org" if rng.random() < 0.2 else "",
        degree=rng.choice((Degree.SECOND, Degree.SECOND, Degree.THIRD, Degree.OUT)),
        premium=premium,
        open_profile=premium and rng.random() < 0.4,
        connected_on=date(2012, 1, 1) + timedelta(days=rng.randrange(5000)),
        priority=rng.randint(1, 5),
        tags=tuple(rng.sample(TAGS, rng.randrange(3))),
        notes=notes,
    )


def _slug_part(name: str) -> str:
    lowered = unicodedata.normalize("NFC", name.lower())
    return "".join(ch for ch in lowered if ch.isalnum() and ch.lower() == ch)


def _spelling(rng: random.Random, slug: str) -> str:
    """The profile URL as some file might write it; all normalise to ``PROFILE_PREFIX + slug``."""
    shouted = "".join(ch.upper() if ch.isascii() else ch for ch in slug)
    return rng.choice(
        (
            PROFILE_PREFIX + slug,
            PROFILE_PREFIX + slug + "/",
            f"http://www.linkedin.com/in/{shouted}/",
            f"linkedin.com/in/{slug}",
            f"https://uk.linkedin.com/in/{slug}?trk=people-search#top",
            f"https://de.linkedin.com/in/{quote(slug)}/",
            f"https://m.linkedin.com/in/{slug}/details/experience/",
            f"  {PROFILE_PREFIX}{slug}  ",
        )
    )


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str, end: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=end)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def connections_csv(
    persons: Sequence[SyntheticPerson], *, delimiter: str = ",", end: str = "\n"
) -> str:
    """LinkedIn's ``Connections.csv``: the ``Notes:`` preamble, a blank line, then the rows."""
    preamble = (
        f"Notes:{end}"
        '"When exporting your connection data, you may notice that some of the email addresses '
        'are missing. You will only see email addresses for connections who have allowed it."'
        f"{end}{end}"
    )
    header = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
              "Connected On")  # fmt: skip
    rows = (
        (p.first_name, p.last_name, p.url_as_written, p.email, p.company, p.title,
         f"{p.connected_on.day:02d} {_MONTHS[p.connected_on.month - 1]} {p.connected_on.year}")
        for p in persons
    )  # fmt: skip
    return preamble + _csv(header, rows, delimiter, end)


PHANTOMBUSTER_HEADER = (
    "profileUrl", "fullName", "firstName", "lastName", "companyName", "title", "companyId",
    "companyUrl", "regularCompanyUrl", "summary", "titleDescription", "industry",
    "companyLocation", "location", "durationInRole", "durationInCompany",
    "pastExperienceCompanyName", "pastExperienceCompanyUrl", "pastExperienceCompanyTitle",
    "pastExperienceDate", "pastExperienceDuration", "connectionDegree", "profileImageUrl",
    "sharedConnectionsCount", "name", "vmid", "linkedInProfileUrl", "isPremium", "isOpenLink",
    "query", "timestamp", "defaultProfileUrl",
)  # fmt: skip


def phantombuster_csv(
    persons: Sequence[SyntheticPerson], *, delimiter: str = ",", end: str = "\n"
) -> str:
    """PhantomBuster's Sales Navigator Search Export; booleans spelled four ways."""

    def row(p: SyntheticPerson) -> tuple[str, ...]:
        yes, no = _BOOL_SPELLINGS[p.index % len(_BOOL_SPELLINGS)]
        member = f"ACwAAB{p.index:08d}"
        return (
            f"https://www.linkedin.com/sales/lead/{member},NAME_SEARCH,x1y2", p.full_name,
            p.first_name, p.last_name, p.company, p.title, "", "", "", p.notes, "",
            "Staffing and Recruiting", "", "Lisbon, Portugal", "", "", "", "", "", "", "",
            _PB_DEGREES[p.degree], "", str(p.index % 50), p.full_name, member,
            f"https://www.linkedin.com/in/{member}/", yes if p.premium else no,
            yes if p.open_profile else no, "", "2026-10-01T09:00:00.000Z", p.url_as_written,
        )  # fmt: skip

    return _csv(PHANTOMBUSTER_HEADER, (row(p) for p in persons), delimiter, end)


GENERIC_HEADER = ("Person Linkedin Url", "Full Name", "First Name", "Last Name", "Company Name",
                  "Job Title", "Degree", "Open Profile", "Premium", "Email", "Tags", "Priority",
                  "Notes", "Location")  # fmt: skip


def generic_csv(
    persons: Sequence[SyntheticPerson], *, delimiter: str = ",", end: str = "\n"
) -> str:
    """A lead list with human headers, as a CRM or an enrichment tool exports it."""
    rows = (
        (p.url_as_written, p.full_name, p.first_name, p.last_name, p.company, p.title,
         p.degree.tag, "Yes" if p.open_profile else "No", "Yes" if p.premium else "No", p.email,
         ", ".join(p.tags), str(p.priority), p.notes, "Berlin, Germany")
        for p in persons
    )  # fmt: skip
    return _csv(GENERIC_HEADER, rows, delimiter, end)
