"""A right-to-left override in a client's name cannot reorder what follows it:
pages wrap user-supplied names and text in <bdi>, letters isolate them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client as HttpClient

from conduct.casework.models import Decision
from conduct.clients.models import Client
from conduct.letters import rules
from conduct.letters.services import generate_letter
from conduct.letters.wording import isolate

RLO = "\u202e"
NAME = f"Jane {RLO}elpmaxE"


def test_isolate_wraps_only_text_that_can_reorder_its_neighbours() -> None:
    assert isolate("Jane Example") == "Jane Example"
    assert isolate(NAME) == f"\u2068{NAME}\u2069"
    assert isolate("\u05d3\u05e0\u05d4") == "\u2068\u05d3\u05e0\u05d4\u2069"  # Hebrew


@pytest.mark.django_db
def test_pages_wrap_a_clients_name_and_notes_in_bdi(
    as_staff: HttpClient, as_manager: HttpClient, client_record: Client
) -> None:
    Client.objects.filter(pk=client_record.pk).update(name=NAME, notes=f"{RLO}seton")
    detail = as_staff.get(f"/clients/{client_record.pk}/").content.decode()
    assert f"<h1><bdi>{NAME}</bdi></h1>" in detail
    assert f"<bdi>{RLO}seton</bdi>" in detail
    assert f"<title>\u2068{NAME}\u2069" in detail  # no markup in a title: the isolates
    listing = as_staff.get("/clients/").content.decode()
    assert f"<bdi>{NAME}</bdi>" in listing
    assert NAME not in listing.replace(f"<bdi>{NAME}</bdi>", "")


@pytest.mark.django_db
def test_a_letter_isolates_the_clients_name_in_its_sentences_and_letterhead(
    restriction_decision: Decision, manager: Any
) -> None:
    Client.objects.filter(pk=restriction_decision.client_id).update(name=NAME)
    restriction_decision.client.refresh_from_db()
    letter = generate_letter(rules.RESTRICTION, decision=restriction_decision, actor=manager)
    assert f"Dear \u2068{NAME}\u2069," in letter.body
    assert f"<bdi>\u2068{NAME}\u2069</bdi><br>" in letter.html
