"""Staff verdicts on screening results, as labelled examples for retraining.

``conduct screening train`` can add these to its datasets: each is the text the
screener saw and whether a person judged it abusive (a referral) or not (a
dismissal). The latest verdict on a message wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from conduct.correspondence.models import ScreeningFeedback
from conduct.correspondence.screening import screened_text


@dataclass(frozen=True)
class Example:
    text: str
    abusive: bool
    channel: str
    model_version: str


def training_examples() -> Iterator[Example]:
    seen: set[int] = set()
    rows = ScreeningFeedback.objects.select_related("communication").order_by("-given_at", "-pk")
    for feedback in rows.iterator(chunk_size=500):
        comm = feedback.communication
        if comm.pk in seen:
            continue
        seen.add(comm.pk)
        yield Example(
            text=screened_text(comm.subject, comm.body),
            abusive=feedback.label == ScreeningFeedback.ABUSIVE,
            channel=comm.channel,
            model_version=feedback.model_version,
        )
