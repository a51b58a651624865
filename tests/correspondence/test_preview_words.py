"""Flagged evidence is explained in words on the page itself, not in a hover title."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from conduct.correspondence.models import Communication
from conduct.correspondence.parsing.email import parse_email
from conduct.correspondence.parsing.items import Item
from conduct.correspondence.services import store_items
from conduct.policy.services import current_policy

from .conftest import ABUSE, mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(client_record: Any, staff: Any) -> Communication:
    item = parse_email(mail(2, body=ABUSE, subject="Warning"), "b")
    assert isinstance(item, Item)
    store_items([item], actor=staff)
    return Communication.objects.get(review_state="pending")


@pytest.mark.parametrize("page", ["queue", "detail"])
def test_each_flagged_span_says_its_category_in_words_and_why(
    page: str, as_staff: HttpClient, flagged: Communication
) -> None:
    url = (
        reverse("correspondence:review")
        if page == "queue"
        else reverse("correspondence:detail", args=[flagged.pk])
    )
    page_html = as_staff.get(url).content.decode()
    preview = unescape(page_html.split('class="redacted-preview"', 1)[1].split("</div>", 1)[0])
    assert "<mark" in preview and "title=" not in preview
    policy = current_policy()
    for item in flagged.screening.evidence:
        assert f"[{item['category']}]" not in preview
        assert policy.category(item["category"]).title in preview
        assert str(item["why"]) in preview
    labels = re.findall(r'<span class="evidence-label">\(([^<]+)\)</span>', preview)
    assert len(labels) >= 1
    assert "hover" not in page_html.lower()
