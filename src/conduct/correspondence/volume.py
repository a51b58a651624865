"""How much a client writes and calls, against what is normal for the organisation.

One GROUP BY for any number of clients, plus the organisation's (cached)
distribution: for the case queue, the case page and the decision page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Sum
from django.template.defaultfilters import floatformat

from conduct.correspondence import demand
from conduct.correspondence.models import DemandDay


@dataclass(frozen=True)
class Volume:
    days: int
    contacts: int  # from the client, in the period
    per_week: float
    median: float  # the organisation's, over clients who made contact
    p95: float

    @property
    def above_usual(self) -> bool:
        return self.contacts > 0 and self.per_week > self.p95

    @property
    def in_brief(self) -> str:
        """One line for a list row (the case queue): the rate, the period and the usual rate."""
        if not self.contacts:
            return f"No contact in the last {self.days} days"
        plural = "" if self.contacts == 1 else "s"
        return (
            f"{floatformat(self.per_week, 1)} a week over {self.days} days "
            f"({self.contacts} contact{plural}); usual {floatformat(self.median, 1)}"
        )

    @property
    def summary(self) -> str:
        if not self.contacts:
            return f"No contact from the client in the last {self.days} days"
        return (
            f"{self.contacts} from the client in the last {self.days} days "
            f"({self.per_week:.1f} a week; usual for the organisation {self.median:.1f}, "
            f"95th percentile {self.p95:.1f})"
        )


def volumes(client_ids: Iterable[int], days: int | None = None) -> dict[int, Volume]:
    """Each client's incoming contacts over ``days`` (the demand period by default)."""
    ids = sorted({i for i in client_ids if i})
    period = days or demand.thresholds().period_days
    start, end = demand.window(period)
    org = demand.organisation(start, end)
    weeks = max(period / 7, 1)
    first, last = demand.days(start, end)
    counts = dict(
        DemandDay.objects.filter(client_id__in=ids, day__gte=first, day__lte=last)
        .values("client_id")
        .annotate(n=Sum("incoming"))
        .values_list("client_id", "n")
    )
    return {
        i: Volume(period, counts.get(i, 0), counts.get(i, 0) / weeks, org.median, org.p95)
        for i in ids
    }
