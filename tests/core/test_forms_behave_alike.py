"""Every form behaves the same way: the server checks it and the page shows the
GOV.UK error summary, which takes focus. No form falls back to the browser's
own pop-up messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

ROOT = Path(__file__).resolve().parents[2] / "src" / "conduct"


def test_every_form_leaves_checking_to_the_server() -> None:
    forms = []
    for path in ROOT.rglob("templates/**/*.html"):
        for tag in re.findall(r"<form\b[^>]*>", path.read_text()):
            forms.append((path.relative_to(ROOT), tag))
    assert len(forms) > 30
    lacking = [f"{path}: {tag}" for path, tag in forms if "novalidate" not in tag]
    assert not lacking, "\n".join(lacking)


def test_every_page_loads_the_script_that_focuses_the_error_summary() -> None:
    base = (ROOT / "core/templates/base.html").read_text()
    assert "conduct/forms.js" in base
    script = (ROOT / "core/static/conduct/forms.js").read_text()
    assert "[data-error-summary]" in script and ".focus()" in script


@pytest.mark.django_db
def test_an_empty_note_on_the_case_page_gets_the_error_summary_at_the_top(
    as_manager: HttpClient, client_record: Any, staff: Any
) -> None:
    from conduct.casework.services import record_incident
    from tests.casework.conftest import details

    incident = record_incident(details(client_record), actor=staff)
    response = as_manager.post(f"/casework/cases/{incident.case_id}/notes/", {"text": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Case" in page
    main = page.split('<main id="main"', 1)[1]
    assert main.index("data-error-summary") < main.index("<h1>")
    assert 'href="#id_text">Investigation note: This field is required.' in page
    response = as_manager.post(
        f"/casework/cases/{incident.case_id}/override/", {"ground": "violence", "reason": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "data-error-summary" in page
    assert "<details open>" in page  # the override form is open at its error
