"""The first version of each letter template, loaded by a data migration.

Plain, calm, respectful English: each letter describes the conduct and what
we decided, never a label on the person. Admins change the words in the app;
every change is a new version.
"""

from __future__ import annotations

_SIGN_OFF = """Yours sincerely,

{{ signatory }}
On behalf of the Senior Management team, {{ organisation_name }}"""

_ADJUSTMENTS = """If there is anything about your circumstances that we should take into account, for example a health condition or disability that affects how you contact us, please tell us. We will consider what reasonable adjustments we can make."""

_OMBUDSMAN = """## Your right to complain to the ombudsman
If you are unhappy with the outcome, you have the right to complain to {{ ombudsman_name }} ({{ ombudsman_url }})."""

_REVIEW_ROUTE = f"""## How to ask for a review
You can ask us to review this decision. Write to us at {{{{ organisation_address }}}}{{% if organisation_email %}}, or email {{{{ organisation_email }}}}{{% endif %}}, and tell us why you think the decision should change. A senior manager who was not involved in the decision will look at it again and write to you with the outcome and the reasons.

{_OMBUDSMAN}"""

WARNING = f"""Dear {{{{ client_name }}}},

We are writing about how some recent contact with our staff was conducted. Our Senior Management team has looked at it and has decided to give you a written warning. We want to keep helping you with your matter, and we are asking you to change how you contact us so that we can.

## What happened
{{% for incident in incidents %}}
- {{{{ incident }}}}{{% endfor %}}

## Why we are giving this warning
{{{{ reasons }}}}

Our Client Expectation or Behaviour Policy asks everyone to treat our staff with courtesy, consideration and respect, whether on the phone, in writing, in person or online. We relied on these parts of the policy:
{{% for clause in clauses %}}
- {{{{ clause }}}}{{% endfor %}}

## What we ask of you
Please keep all your contact with us courteous and respectful from now on. You can continue to raise any concern about your matter, and we will continue to deal with it.

## How long this lasts
This warning stays on our records until {{{{ warning_until }}}}. If the conduct happens again, our staff may end the call or not reply, and our Senior Management team will decide what further action to take. That could include limiting how you can contact us.

{_REVIEW_ROUTE}

{_ADJUSTMENTS}

{_SIGN_OFF}"""

RESTRICTION = f"""Dear {{{{ client_name }}}},

Our Senior Management team has looked carefully at recent contact between you and our staff, and has decided to limit how you can contact us for a time. This letter explains what we have decided, why, for how long, and how you can ask us to look at it again.

## What we have decided
From {{{{ starts_on }}}} until {{{{ review_on }}}}:
{{% for term in restriction_terms %}}
- {{{{ term }}}}{{% endfor %}}

We will continue to deal with your matter while this is in place.

## Why we have decided this
{{{{ reasons }}}}

We relied on these parts of our Client Expectation or Behaviour Policy:
{{% for clause in clauses %}}
- {{{{ clause }}}}{{% endfor %}}

## How long this lasts
The restriction starts on {{{{ starts_on }}}} and will be reviewed on {{{{ review_on }}}}. Unless a review decides to keep it in place, it ends on that date.

{_REVIEW_ROUTE}

{_ADJUSTMENTS}

{_SIGN_OFF}"""

TERMINATION = f"""Dear {{{{ client_name }}}},

Our Senior Management team has looked carefully at recent contact between you and our staff and, on {{{{ decided_on }}}}, decided to end our engagement with you. We do not take this step lightly, and this letter explains why and what you can do.

## Why we have decided this
{{{{ reasons }}}}

We relied on these parts of our Client Expectation or Behaviour Policy:
{{% for clause in clauses %}}
- {{{{ clause }}}}{{% endfor %}}

## What happens next
We will write to you separately about your matter, any documents we hold for you, and any deadlines you need to know about, so that you can arrange for someone else to help you.

{_REVIEW_ROUTE}

{_SIGN_OFF}"""

NO_FURTHER_ACTION = f"""Dear {{{{ client_name }}}},

We are writing about recent contact between you and our staff:
{{% for incident in incidents %}}
- {{{{ incident }}}}{{% endfor %}}

Our Senior Management team has looked at what happened and has decided to take no further action.

{{{{ reasons }}}}

We ask that all contact with our staff stays courteous and respectful, and we will continue to deal with your matter in the usual way.

{_SIGN_OFF}"""

REVIEW_OUTCOME = f"""Dear {{{{ client_name }}}},

We have reviewed the restriction on how you can contact us{{% if requested_by_client %}}, as you asked us to{{% endif %}}. The review was carried out on {{{{ reviewed_on }}}} by a senior manager who was not involved in the original decision.

## The outcome
{{{{ review_outcome }}}}
{{% if restriction_terms %}}
From now until {{{{ next_review_on }}}}:
{{% for term in restriction_terms %}}
- {{{{ term }}}}{{% endfor %}}
{{% endif %}}
## Why
{{{{ reasons }}}}
{{% if next_review_on %}}
We will review it again on {{{{ next_review_on }}}}. Unless that review decides to keep it in place, it ends on that date. You can ask for a review before then by writing to us at {{{{ organisation_address }}}}{{% if organisation_email %}} or emailing {{{{ organisation_email }}}}{{% endif %}}.
{{% endif %}}
{_OMBUDSMAN}

{_SIGN_OFF}"""

WARNING_REVIEW_OUTCOME = f"""Dear {{{{ client_name }}}},

We have reviewed the written warning we gave you{{% if requested_by_client %}}, as you asked us to{{% endif %}}. The review was carried out on {{{{ reviewed_on }}}} by a senior manager who was not involved in the original decision.

## The outcome
{{{{ review_outcome }}}}
{{% if warning_until %}}
The warning stays on our records until {{{{ warning_until }}}}.
{{% endif %}}
## Why
{{{{ reasons }}}}

{_OMBUDSMAN}

{_SIGN_OFF}"""

TERMINATION_REVIEW_OUTCOME = f"""Dear {{{{ client_name }}}},

We have reviewed our decision to end our engagement with you{{% if requested_by_client %}}, as you asked us to{{% endif %}}. The review was carried out on {{{{ reviewed_on }}}} by a senior manager who was not involved in the original decision.

## The outcome
{{{{ review_outcome }}}}
{{% if restriction_terms %}}
From {{{{ starts_on }}}} until {{{{ next_review_on }}}}:
{{% for term in restriction_terms %}}
- {{{{ term }}}}{{% endfor %}}

We will review this on {{{{ next_review_on }}}}. Unless that review decides to keep it in place, it ends on that date. You can ask for a review before then by writing to us at {{{{ organisation_address }}}}{{% if organisation_email %}} or emailing {{{{ organisation_email }}}}{{% endif %}}.
{{% endif %}}
## Why
{{{{ reasons }}}}

{_OMBUDSMAN}

{_SIGN_OFF}"""

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "warning": ("Your contact with our staff", WARNING),
    "restriction": ("How you can contact us from {{ starts_on }}", RESTRICTION),
    "termination": ("Ending our engagement with you", TERMINATION),
    "no_further_action": ("Your recent contact with us", NO_FURTHER_ACTION),
    "review_outcome": ("The review of how you can contact us", REVIEW_OUTCOME),
    "warning_review_outcome": ("The review of your warning", WARNING_REVIEW_OUTCOME),
    "termination_review_outcome": (
        "The review of our decision to end our engagement",
        TERMINATION_REVIEW_OUTCOME,
    ),
}
