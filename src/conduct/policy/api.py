from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from conduct.core.access import allow
from conduct.policy.models import PolicyVersion
from conduct.policy.services import current_version, policy_of
from conduct.screening.categories import DETECTABLE

router = Router(tags=["policy"])


class Item(Schema):
    id: str
    text: str = ""
    title: str = ""
    group: str = ""
    channels: list[str] = []
    # For a category: the screener's categories that map onto it ([]: it cannot detect it).
    screener: list[str] = []


class PolicyOut(Schema):
    id: str
    version: str
    title: str
    sha256: str
    loaded_at: datetime
    principles: list[Item]
    channels: list[str]
    categories: list[Item]
    staff_rights: list[Item]
    procedure: list[Item]
    outcomes: list[Item]
    ombudsman_name: str
    ombudsman_url: str
    source_text: str


class VersionOut(Schema):
    version: str
    title: str
    sha256: str
    loaded_at: datetime
    is_current: bool


@router.get("/", response=PolicyOut, summary="The policy in force, with every id")
@allow("policy.view_policyversion")
def current(request: HttpRequest) -> PolicyOut:
    version = current_version()
    policy = policy_of(version)
    sources = policy.screener_sources(DETECTABLE)
    return PolicyOut(
        id=policy.id,
        version=policy.version,
        title=policy.title,
        sha256=version.sha256,
        loaded_at=version.loaded_at,
        principles=[Item(id=p.id, text=p.text) for p in policy.principles],
        channels=list(policy.channels),
        categories=[
            Item(id=c.id, title=c.title, group=c.group, screener=sources[c.id])
            for c in policy.categories
        ],
        staff_rights=[Item(id=r.id, text=r.text) for r in policy.staff_rights],
        procedure=[Item(id=s.id, text=s.text, channels=list(s.channels)) for s in policy.procedure],
        outcomes=[Item(id=o.id, title=o.title) for o in policy.outcomes],
        ombudsman_name=policy.ombudsman_name,
        ombudsman_url=policy.ombudsman_url,
        source_text=policy.source_text,
    )


@router.get("/versions", response=list[VersionOut], summary="Every policy version loaded")
@allow("policy.view_policyversion")
def versions(request: HttpRequest) -> list[PolicyVersion]:
    return list(PolicyVersion.objects.all())
