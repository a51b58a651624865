"""The letter rules, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from conduct.letters import rules, wording
from conduct.letters.rules import LetterRefused

TODAY = date(2026, 3, 10)


def restriction_facts(**changes: object) -> dict[str, object]:
    facts: dict[str, object] = {
        "organisation_name": "Example Organisation Ltd",
        "client_name": "Jane Example",
        "letter_date": "10 March 2026",
        "restriction_terms": ["Please contact us in writing only."],
        "reasons": "Threats continued after a warning.",
        "clauses": ["Threatening emails and telephone calls"],
        "starts_on": "10 March 2026",
        "review_on": "10 September 2026",
        "ombudsman_name": "the Legal Ombudsman",
        "ombudsman_url": "https://www.legalombudsman.org.uk",
        "organisation_address": "1 Example Street, London, SW1A 1AA",
    }
    facts.update(changes)
    return facts


def test_a_complete_restriction_letter_passes() -> None:
    rules.check_facts(rules.RESTRICTION, restriction_facts())


def test_a_restriction_letter_without_a_review_date_is_refused() -> None:
    with pytest.raises(LetterRefused) as refused:
        rules.check_facts(rules.RESTRICTION, restriction_facts(review_on=""))
    assert (
        refused.value.message == "A restriction letter needs a review date; the decision has none."
    )
    assert refused.value.rule == "letter_has_facts"


def test_missing_facts_are_named_together_by_where_they_come_from() -> None:
    facts = restriction_facts(review_on=None, starts_on="", restriction_terms=[], ombudsman_url="")
    with pytest.raises(LetterRefused) as refused:
        rules.check_facts(rules.RESTRICTION, facts)
    assert refused.value.message == (
        "A restriction letter needs exactly what is restricted, a start date and a review date; "
        "the decision has none. A restriction letter needs the ombudsman's website; "
        "the configuration has none."
    )


def test_blank_list_items_do_not_count_as_a_fact() -> None:
    missing = rules.missing_facts(rules.RESTRICTION, restriction_facts(clauses=["  "]))
    assert [f.key for f in missing] == ["clauses"]


def test_a_renewing_review_needs_the_next_review_date() -> None:
    facts = {
        "organisation_name": "Org",
        "client_name": "Jane",
        "letter_date": "1 May 2026",
        "review_outcome": "We have decided to keep the restriction in place.",
        "review_outcome_code": "confirm",
        "reasons": "Contact has stayed difficult.",
        "reviewed_on": "1 May 2026",
        "ombudsman_name": "the Ombudsman",
        "ombudsman_url": "https://ombudsman.example",
    }
    with pytest.raises(LetterRefused, match="the next review date; the review has none"):
        rules.check_facts(rules.REVIEW_OUTCOME, facts)
    rules.check_facts(rules.REVIEW_OUTCOME, {**facts, "review_outcome_code": "end"})


def test_unknown_kinds_are_refused() -> None:
    with pytest.raises(LetterRefused, match="no kind of letter"):
        rules.check_facts("apology", {})


def test_each_outcome_calls_for_its_letter_and_police_referral_for_none() -> None:
    assert rules.kinds_for_outcomes(["contact_restriction", "written_warning"]) == [
        rules.WARNING,
        rules.RESTRICTION,
    ]
    assert rules.kinds_for_outcomes(["terminate_engagement"]) == [rules.TERMINATION]
    assert rules.kinds_for_outcomes(["police_referral"]) == []


def test_a_decision_letter_must_fit_the_decision() -> None:
    rules.check_kind_fits_decision(rules.WARNING, ["written_warning"])
    with pytest.raises(LetterRefused, match="did not reach the outcome"):
        rules.check_kind_fits_decision(rules.TERMINATION, ["written_warning"])
    with pytest.raises(LetterRefused, match="written from a review"):
        rules.check_kind_fits_decision(rules.REVIEW_OUTCOME, ["contact_restriction"])
    # A restriction letter is judged by its facts (the restriction's review date).
    rules.check_kind_fits_decision(rules.RESTRICTION, ["written_warning"])


def test_sent_letters_cannot_change_and_drafts_keep_words() -> None:
    with pytest.raises(LetterRefused, match="kept exactly as it was sent"):
        rules.check_editable(sent=True, subject="s", body="b")
    with pytest.raises(LetterRefused, match="no words"):
        rules.check_editable(sent=False, subject="s", body="  ")
    rules.check_editable(sent=False, subject="s", body="b")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sent": True}, "already recorded as sent"),
        ({"method": "fax"}, "by email or by post"),
        ({"sent_on": None}, "Give the date"),
        ({"sent_on": date(2026, 3, 11)}, "cannot be in the future"),
        ({"method": "email", "sent_on": date(2026, 3, 9)}, "sent today"),
        ({"method": "email", "email": ""}, "client record has none"),
        ({"method": "post", "address": " "}, "postal address"),
    ],
)
def test_recording_a_letter_as_sent_is_checked(changes: dict[str, object], message: str) -> None:
    args: dict[str, object] = {
        "sent": False,
        "method": "email",
        "sent_on": TODAY,
        "today": TODAY,
        "email": "jane@example.com",
        "address": "1 High Street",
    }
    args.update(changes)
    with pytest.raises(LetterRefused, match=message):
        rules.check_send(**args)  # type: ignore[arg-type]


def test_post_may_be_recorded_for_an_earlier_day() -> None:
    rules.check_send(
        sent=False, method="post", sent_on=date(2026, 3, 2), today=TODAY, email="", address="x"
    )


def test_restriction_terms_say_exactly_what_is_asked() -> None:
    lines = wording.restriction_terms(
        wording.Terms(
            channels_allowed=("email", "letter"),
            single_contact="Sam Manager",
            max_call_minutes=10,
            no_visits=True,
        )
    )
    assert lines[0] == "Please contact us in writing only (email, letter); we will not take calls."
    assert "Sam Manager, who will be your single point of contact" in lines[1]
    assert "limited to 10 minutes" in lines[2]
    assert "do not visit our offices" in lines[3]


def test_letter_text_becomes_escaped_html() -> None:
    text = "Dear <b>Jane</b> & co,\n\n## What we decided\n- One\n- Two\nAfter the list"
    assert wording.to_html(text) == (
        "<p>Dear &lt;b&gt;Jane&lt;/b&gt; &amp; co,</p>\n<h2>What we decided</h2>\n"
        "<ul><li>One</li><li>Two</li></ul>\n<p>After the list</p>"
    )


def test_tidy_keeps_one_blank_line_at_most() -> None:
    assert wording.tidy("a  \n\n\n\nb\n\n") == "a\n\nb"


def test_every_template_variable_list_starts_with_the_required_facts() -> None:
    for kind in rules.KINDS:
        names = rules.variables_for(kind)
        assert names[: len(rules.REQUIRED[kind])] == [f.key for f in rules.REQUIRED[kind]]
        assert len(names) == len(set(names))


def test_a_template_must_still_state_what_its_letter_must_state() -> None:
    from conduct.letters.defaults import DEFAULT_TEMPLATES

    for kind, (subject, body) in DEFAULT_TEMPLATES.items():
        rules.check_template(kind, subject=subject, body=body)
    subject, body = DEFAULT_TEMPLATES[rules.RESTRICTION]
    cut = body.replace("{{ review_on }}", "later").replace("{{ ombudsman_name }}", "someone")
    with pytest.raises(LetterRefused) as refused:
        rules.check_template(rules.RESTRICTION, subject=subject, body=cut)
    assert refused.value.message == (
        "A restriction letter must state every required fact; this template leaves out "
        "a review date ({{ review_on }}) and the ombudsman the client can complain to "
        "({{ ombudsman_name }})."
    )
