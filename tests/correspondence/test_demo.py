"""The demo organisation has realistic correspondence: screened, with high-volume clients."""

from __future__ import annotations

import pytest

from conduct.correspondence import demand
from conduct.correspondence.models import Communication
from conduct.demo.seed import seed_demo


@pytest.mark.django_db
def test_demo_correspondence() -> None:
    assert seed_demo() is True
    assert Communication.objects.count() >= 300
    assert Communication.objects.filter(review_state="pending").exists()
    assert Communication.objects.filter(channel="phone").exists()
    assert Communication.objects.filter(channel="letter", client__isnull=False).exists()
    start, end = demand.window(90)
    rows, _ = demand.outliers(start, end, demand.thresholds())
    assert 1 <= len(rows) <= 5
