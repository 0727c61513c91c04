"""The pure arithmetic of evaluation: totals of score sheets, the ranking and the funding line.

No database here, so the rules can be tested exhaustively (tests use hypothesis); services.py feeds
these functions from the models.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from .choices import FundingLine

CENT = Decimal("0.01")


def criterion_averages(criterion_ids, sheets):
    """{criterion id: average points of the submitted sheets}; `sheets` is a list of {criterion id: points}."""
    return {
        criterion_id: sum(Decimal(sheet.get(criterion_id, 0)) for sheet in sheets) / len(sheets)
        for criterion_id in criterion_ids
    } if sheets else {}


def sheet_total(criterion_ids, sheets):
    """Sum over the criteria of the average of the submitted sheets' points, to the cent; None without sheets."""
    if not sheets:
        return None
    total = sum(criterion_averages(criterion_ids, sheets).values(), Decimal(0))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Entry:
    """One application as the ranking sees it. `complete`: every assigned evaluator has submitted."""

    key: int
    total: Decimal | None
    received_at: datetime
    requested: Decimal
    complete: bool
    threshold: Decimal

    @property
    def passes(self):
        return self.complete and self.total is not None and self.total >= self.threshold


@dataclass(frozen=True)
class Line:
    position: int
    entry: Entry
    line: str  # a FundingLine value
    remaining: Decimal  # what is left of the allocation after this line

    @property
    def label(self):
        return FundingLine(self.line).label


def order_key(entry):
    # Higher totals first, then the earlier application; the key only makes equal ones deterministic.
    total = entry.total if entry.total is not None else Decimal("-Infinity")
    return (-total, entry.received_at, entry.key)


def rank(entries, allocation):
    """The ranking with the funding line, as DESIGN.md's step 6 says.

    In rank order, a passing application is selected while its requested amount fits what is left of
    the allocation; the first one that does not fit and every passing one after it go to the reserve.
    """
    remaining = Decimal(allocation)
    line_reached = False
    lines = []
    for position, entry in enumerate(sorted(entries, key=order_key), start=1):
        if not entry.complete:
            line = FundingLine.INCOMPLETE
        elif not entry.passes:
            line = FundingLine.BELOW_THRESHOLD
        elif not line_reached and entry.requested <= remaining:
            line = FundingLine.SELECTED
            remaining -= entry.requested
        else:
            line_reached = True
            line = FundingLine.RESERVE
        lines.append(Line(position, entry, line, remaining))
    return lines
