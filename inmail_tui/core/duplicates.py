"""Likely duplicates: two prospects that may be one person, offered for merge, never merged here.

Pure: ``likely_duplicates`` takes what the store knows of each prospect (:class:`Candidate`) and
returns the pairs worth a look, each with a score (0-100) and a reason a user can read:

- **same email** (case folded): score 100.
- **same LinkedIn member id**: one person imported under two URL forms, the vanity
  ``/in/<name>`` from one file and the member-id URL (``/in/ACwAA...``), the Sales Navigator
  lead URL (``/sales/lead/ACwAA...,``) or PhantomBuster's ``vmid`` from another: score 100.
- **names alike at the same (or a like) company**, for lists without a shared key: the names'
  RapidFuzz ``token_sort_ratio`` (word order ignored) of at least :data:`NAME_ALIKE` and the
  companies' ``token_set_ratio`` of at least :data:`COMPANY_ALIKE` (legal forms such as "Inc"
  and "GmbH" left out), both on text with accents and case folded and punctuation dropped. The
  score is the two averaged. Two prospects with
  different emails, or different member ids, are different people and never paired this way;
  nor is anyone without a company (a name alone is too weak).

Scale: comparing every prospect with every other is 5 billion comparisons at 100,000. Names are
compared only inside a block: the initials of the name's words, in alphabetical order ("José
García" and "garcia jose" share ``gj``), and the company's first word that is not a legal form
("Acme Corp" and "ACME Corporation" share ``acme``). A typo in an initial or a missing middle
name misses a pair; that is the price of seconds instead of hours (``bench/duplicates.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz, process

NAME_ALIKE = 90  # token_sort_ratio of the folded full names, at least
COMPANY_ALIKE = 85  # token_set_ratio of the folded companies, at least
BLOCK_LIMIT = 5000  # a block larger than this (one name at one company 5,000 times) is skipped

SAME_EMAIL = "same email"
SAME_MEMBER = "same LinkedIn member id"

# Words that say what kind of company it is, not which: left out of the blocking key.
_LEGAL_FORMS = frozenset(
    {
        *("the", "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited"),
        *("llc", "plc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "srl", "spa", "group"),
        *("holding", "holdings"),
    }
)
_MEMBER_ID = re.compile(r"(?<![A-Za-z0-9])(AC[a-zA-Z0-9]AA[A-Za-z0-9_-]{6,})")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the search needs of a prospect."""

    id: int
    full_name: str
    company: str
    email: str = ""
    member_id: str = ""  # LinkedIn's opaque member id, when a URL or a column gave it


@dataclass(frozen=True, slots=True)
class LikelyDuplicate:
    """Two prospects that may be one person: ``first`` < ``second`` (ids)."""

    first: int
    second: int
    score: int  # 0-100
    reason: str


def member_id(*sources: str) -> str:
    """The first LinkedIn member id (``ACwAA...``) found in ``sources`` (a member-id profile
    URL, a Sales Navigator lead URL, PhantomBuster's ``vmid``), or ''."""
    for source in sources:
        found = _MEMBER_ID.search(source or "")
        if found is not None:
            return found.group(1)
    return ""


def fold(text: str) -> str:
    """``text`` for comparing: accents dropped, case folded, punctuation as spaces."""
    if text.isascii():
        return " ".join(_NOT_WORD.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", bare.casefold()).split())


def pair_key(a: int, b: int) -> tuple[int, int]:
    """The pair ``(a, b)`` in the order it is stored: the smaller id first."""
    return (a, b) if a < b else (b, a)


def likely_duplicates(
    candidates: Iterable[Candidate], dismissed: Iterable[tuple[int, int]] = ()
) -> list[LikelyDuplicate]:
    """Every likely pair not in ``dismissed`` (pairs of ids, either order), the best score
    first (then by ids)."""
    people = list(candidates)
    by_id = {person.id: person for person in people}
    skip = {pair_key(a, b) for a, b in dismissed}
    found: dict[tuple[int, int], LikelyDuplicate] = {}

    def offer(a: int, b: int, score: int, reason: str) -> None:
        key = pair_key(a, b)
        if key in skip or a == b:
            return
        known = found.get(key)
        if known is None or score > known.score:
            found[key] = LikelyDuplicate(key[0], key[1], score, reason)

    for reason, value in ((SAME_EMAIL, _email), (SAME_MEMBER, _member)):
        for group in _groups(people, value).values():
            for a, b in combinations(sorted(group), 2):
                offer(a, b, 100, reason)
    folded = {p.id: _Folded(fold(p.full_name), " ".join(company_words(p.company))) for p in people}
    blocks: dict[str, list[int]] = defaultdict(list)
    for person_id, names in folded.items():
        if names.name and names.company:
            initials = "".join(sorted(word[0] for word in names.name.split()))
            blocks[f"{initials}\x00{names.company.split()[0]}"].append(person_id)
    for block in blocks.values():
        if 1 < len(block) <= BLOCK_LIMIT:
            for a, b, score, reason in _alike_in(block, by_id, folded):
                offer(a, b, score, reason)
    return sorted(found.values(), key=lambda d: (-d.score, d.first, d.second))


def _email(person: Candidate) -> str:
    return person.email.strip().casefold()


def _member(person: Candidate) -> str:
    return person.member_id


def company_words(company: str) -> list[str]:
    """The folded words that say which company it is: legal forms ("Inc", "GmbH") left out,
    unless that leaves none."""
    words = fold(company).split()
    return [word for word in words if word not in _LEGAL_FORMS] or words


@dataclass(frozen=True, slots=True)
class _Folded:
    name: str  # the folded full name
    company: str  # the folded company words, legal forms left out


def _groups(people: list[Candidate], key: Callable[[Candidate], str]) -> Mapping[str, list[int]]:
    grouped: dict[str, list[int]] = defaultdict(list)
    for person in people:
        value = key(person)
        if value:
            grouped[value].append(person.id)
    return grouped


def _alike_in(
    block: list[int], by_id: Mapping[int, Candidate], folded: Mapping[int, _Folded]
) -> Iterable[tuple[int, int, int, str]]:
    """Pairs of one block whose names and companies are alike enough, with score and reason."""
    people = [by_id[i] for i in block]
    names = [folded[i].name for i in block]
    companies = [folded[i].company for i in block]
    for i, person in enumerate(people[:-1]):
        rest = names[i + 1 :]
        matches = process.extract(
            names[i],
            rest,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=NAME_ALIKE,
            limit=None,
        )
        for _text, name_score, offset in matches:
            j = i + 1 + offset
            other = people[j]
            if _distinct(person, other):
                continue
            company_score = fuzz.token_set_ratio(companies[i], companies[j], processor=None)
            if company_score < COMPANY_ALIKE:
                continue
            name, company = round(name_score), round(company_score)
            at = " at the same company" if company == 100 else f", companies {company}% alike"
            yield person.id, other.id, (name + company) // 2, f"names {name}% alike{at}"


def _distinct(a: Candidate, b: Candidate) -> bool:
    """Known to be two people: different emails, or different member ids."""
    emails = _email(a), _email(b)
    members = a.member_id, b.member_id
    return (all(emails) and emails[0] != emails[1]) or (all(members) and members[0] != members[1])
