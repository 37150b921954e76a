"""Finding likely duplicates among 10k and 100k prospects, against a floor in the same run.

    .venv/bin/python bench/duplicates.py [--sizes 10000 100000] [--runs 3]

The prospects are ``core.importing.synthetic`` people whose last names get a second word of
seven random letters (the synthetic name lists are small: without it every name repeats
thousands of times, which real lists do not), a fifth with an email, a tenth with a member id;
then 1% of them again as a teammate would import them: the name reordered and without
accents, the company with a legal form, another URL form (no email, the same member id when
there was one).

Timed, best of ``--runs``, interleaved:

- floor: one pass that folds every name and company (``core.duplicates.fold``) and groups by
  email, the least any search for duplicates must do;
- ``likely_duplicates``: emails, member ids, and names alike at a like company (RapidFuzz),
  blocked.

Prints seconds, the ratio to the floor, the pairs found and how many of the planted ones.
"""

from __future__ import annotations

import argparse
import random
import string
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from inmail_tui.core.duplicates import Candidate, fold, likely_duplicates
from inmail_tui.core.importing.synthetic import people


def candidates(count: int, seed: int = 7) -> tuple[list[Candidate], set[tuple[int, int]]]:
    rng = random.Random(seed)
    made: list[Candidate] = []
    for person in people(count, seed):
        word = "".join(rng.choices(string.ascii_lowercase, k=7)).capitalize()
        member = f"ACwAAB{person.index:08d}" if rng.random() < 0.1 else ""
        made.append(
            Candidate(
                person.index + 1,
                f"{person.first_name} {person.last_name} {word}",
                person.company,
                person.email,
                member,
            )
        )
    planted: set[tuple[int, int]] = set()
    for original in rng.sample(made, count // 100):
        twin_id = len(made) + 1
        words = fold(original.full_name).split()
        made.append(
            Candidate(
                twin_id,
                " ".join(reversed(words)),
                f"{original.company} Inc",
                "",
                original.member_id,
            )
        )
        planted.add((original.id, twin_id))
    return made, planted


def floor(people: list[Candidate]) -> int:
    by_email: dict[str, list[int]] = defaultdict(list)
    folded = 0
    for person in people:
        folded += len(fold(person.full_name)) + len(fold(person.company))
        if person.email:
            by_email[person.email.casefold()].append(person.id)
    return folded + len(by_email)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        made, planted = candidates(size)
        floor_s, search_s = [], []
        for _ in range(args.runs):  # interleaved: floor, search, floor, search, ...
            floor_s.append(timed(partial(floor, made)))
            search_s.append(timed(partial(likely_duplicates, made)))
        pairs = {(d.first, d.second) for d in likely_duplicates(made)}
        print(
            f"{len(made):>7,} prospects: floor {min(floor_s):.2f} s, likely_duplicates "
            f"{min(search_s):.2f} s ({min(search_s) / min(floor_s):.1f}x the floor); "
            f"{len(pairs):,} pairs, {len(planted & pairs):,} of {len(planted):,} planted found"
        )


if __name__ == "__main__":
    main()
