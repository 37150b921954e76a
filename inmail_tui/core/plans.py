"""The plan catalog: LinkedIn plans and their policy switches, loaded from data.

The defaults ship in ``data/plans.toml``; a user's settings can override any key of any plan or add
a plan of their own (a Recruiter contract with 7 seats, say). Nothing here hard-codes a number.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from importlib import resources
from typing import Any

from inmail_tui.core.errors import DomainError


class Renewal(StrEnum):
    BILLING_DAY = "billing_day"
    CALENDAR_FIRST = "calendar_first"
    CONTRACT_DAY = "contract_day"


class PendingPolicy(StrEnum):
    ALLOW_CHARGE = "allow_charge"
    BLOCK = "block"


class TeamPolicy(StrEnum):
    """What the rules do when a teammate got there first (docs/rules.md, "Teams and seats")."""

    WARN = "warn"  # the decision stands, and its reason starts with the warning
    REFUSE = "refuse"  # rules R14, R15, C6, E5, M8 refuse the send


class CreditBackPolicy(StrEnum):
    """Which outcomes of an InMail give its credit back (when the plan's ``credit_back`` is on)."""

    ACCEPTED_REPLIED = "accepted_replied"  # the brief (Recruiter)
    ACCEPTED_DECLINED_REPLIED = "accepted_declined_replied"  # LinkedIn Help: Premium, Recruiter
    ANY_RESPONSE = "any_response"  # LinkedIn Help: Sales Navigator


class PlanError(DomainError):
    """A plan definition is invalid; ``key`` names the offending setting."""

    def __init__(self, plan_id: str, key: str, message: str) -> None:
        super().__init__(f"plan {plan_id!r}, key {key!r}: {message}")
        self.plan_id = plan_id
        self.key = key


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    name: str
    family: str
    monthly_credits: int
    seats: int
    cap_months: int
    renewal: Renewal
    can_send_inmail: bool
    credit_back: bool
    credit_back_days: int
    credit_back_on: CreditBackPolicy
    can_buy: bool
    purchase_block: int
    second_inmail_while_pending: PendingPolicy
    team_policy: TeamPolicy
    out_of_network_inmail: bool
    applicant_free: bool
    lot_expiry: bool
    expiry_days: int
    open_profile_monthly_limit: int
    group_message_monthly_cap: int
    invitation_weekly_budget: int
    connect_note_limit: int
    free_notes_per_month: int
    inmail_subject_limit: int
    inmail_body_limit: int
    inmail_body_warn: int
    inmail_body_advice: int
    message_warn: int
    price_per_credit: float

    @property
    def allowance(self) -> int:
        """Credits granted to the pool each month (all seats)."""
        return self.monthly_credits * self.seats

    @property
    def cap(self) -> int:
        """The most the pool's balance can hold after a grant."""
        return self.allowance * self.cap_months

    def with_overrides(self, **changes: Any) -> Plan:
        return _build(self.id, {**_as_raw(self), **changes})


# The most credits a pool holds, whatever the plan: a cap, a balance shown by LinkedIn, a
# purchase. Far above any plan LinkedIn sells, and below a 32-bit integer (PostgreSQL's column).
MAX_CREDITS = 1_000_000

# The largest value each number of a plan may take (a user's settings are checked against them):
# counts of credits, seats and messages, days and character limits. Generous, never unbounded.
_MAXIMA: dict[str, int] = {
    "monthly_credits": 10_000,
    "seats": 10_000,
    "cap_months": 120,
    "credit_back_days": 3_650,
    "purchase_block": 10_000,
    "expiry_days": 3_650,
    "open_profile_monthly_limit": 100_000,
    "group_message_monthly_cap": 100_000,
    "invitation_weekly_budget": 100_000,
    "connect_note_limit": 100_000,
    "free_notes_per_month": 100_000,
    "inmail_subject_limit": 100_000,
    "inmail_body_limit": 100_000,
    "inmail_body_warn": 100_000,
    "inmail_body_advice": 100_000,
    "message_warn": 100_000,
    "price_per_credit": 1_000_000,
}

_ENUMS: dict[str, type[StrEnum]] = {
    "renewal": Renewal,
    "second_inmail_while_pending": PendingPolicy,
    "credit_back_on": CreditBackPolicy,
    "team_policy": TeamPolicy,
}
_FIELD_TYPES: dict[str, type] = {}


def _field_types() -> dict[str, type]:
    if not _FIELD_TYPES:
        hints = {"str": str, "int": int, "bool": bool, "float": float}
        for f in fields(Plan):
            t = str(f.type)
            _FIELD_TYPES[f.name] = _ENUMS[f.name] if f.name in _ENUMS else hints[t]
    return _FIELD_TYPES


def _as_raw(plan: Plan) -> dict[str, Any]:
    return {f.name: getattr(plan, f.name) for f in fields(plan) if f.name != "id"}


def _coerce(plan_id: str, key: str, value: Any) -> Any:
    types = _field_types()
    if key not in types or key == "id":
        raise PlanError(plan_id, key, "unknown setting")
    want = types[key]
    if want in _ENUMS.values():
        try:
            return want(value)
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in want)  # type: ignore[attr-defined]
            raise PlanError(plan_id, key, f"must be one of {allowed}, not {value!r}") from None
    if want is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if want is bool and not isinstance(value, bool):
        raise PlanError(plan_id, key, f"must be true or false, not {value!r}")
    if want is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise PlanError(plan_id, key, f"must be a whole number, not {value!r}")
    if not isinstance(value, want):
        raise PlanError(plan_id, key, f"must be a {want.__name__}, not {value!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise PlanError(plan_id, key, f"must be a number, not {value!r}")
        if value < 0:
            raise PlanError(plan_id, key, f"cannot be negative ({value})")
        most = _MAXIMA.get(key)
        if most is not None and value > most:
            raise PlanError(plan_id, key, f"must be at most {most:,}, not {value:,}")
    return value


def _build(plan_id: str, raw: Mapping[str, Any]) -> Plan:
    values = {k: _coerce(plan_id, k, v) for k, v in raw.items()}
    missing = [f.name for f in fields(Plan) if f.name != "id" and f.name not in values]
    if missing:
        raise PlanError(plan_id, missing[0], "is required for a new plan")
    if values["seats"] < 1:
        raise PlanError(plan_id, "seats", "must be at least 1")
    plan = Plan(id=plan_id, **values)
    if plan.cap > MAX_CREDITS:
        raise PlanError(
            plan_id,
            "cap_months",
            f"the cap (monthly_credits x seats x cap_months) comes to {plan.cap:,} credits;"
            f" a pool holds at most {MAX_CREDITS:,}",
        )
    return plan


@dataclass(frozen=True, slots=True)
class Catalog:
    plans: Mapping[str, Plan]

    def __getitem__(self, plan_id: str) -> Plan:
        try:
            return self.plans[plan_id]
        except KeyError:
            known = ", ".join(sorted(self.plans))
            raise KeyError(f"unknown plan {plan_id!r}; known plans: {known}") from None

    def __contains__(self, plan_id: object) -> bool:
        return plan_id in self.plans

    def __iter__(self) -> Iterator[Plan]:
        return iter(self.plans.values())

    def ids(self) -> list[str]:
        return list(self.plans)


def default_catalog_data() -> dict[str, Any]:
    text = resources.files("inmail_tui.core").joinpath("data/plans.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_catalog(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Catalog:
    """The shipped catalog with ``overrides`` applied: ``{plan_id: {key: value}}``.

    An override for an unknown plan id adds a plan; it inherits ``[defaults]`` and, when it names
    ``base = "<plan id>"``, everything from that plan.
    """
    data = default_catalog_data()
    defaults: dict[str, Any] = data["defaults"]
    raw_plans: dict[str, dict[str, Any]] = {
        pid: {**defaults, **body} for pid, body in data["plans"].items()
    }
    for pid, body in (overrides or {}).items():
        body = dict(body)
        base_id = body.pop("base", None)
        if base_id is not None:
            if base_id not in raw_plans:
                raise PlanError(pid, "base", f"names no known plan ({base_id!r})")
            start = dict(raw_plans[base_id])
        else:
            start = dict(raw_plans.get(pid, defaults))
        start.setdefault("name", pid)
        raw_plans[pid] = {**start, **body}
    return Catalog({pid: _build(pid, raw) for pid, raw in raw_plans.items()})
