from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from conduct.audit.reads import Door
from conduct.clients.access import get_client_for_change, get_client_for_user
from conduct.clients.contact import MAX_PER_KIND
from conduct.clients.models import Client
from conduct.clients.services import (
    ClientDetails,
    create_client,
    search_clients,
    update_client,
)
from conduct.core.access import allow
from conduct.core.limits import limit
from conduct.core.pagination import BoundedPagination

router = Router(tags=["clients"])


class ContactPointOut(Schema):
    kind: str
    value: str
    normalised: str


class ClientOut(Schema):
    id: int
    reference: str
    name: str
    postal_address: str
    notes: str
    contact_points: list[ContactPointOut]
    version: int
    created_at: datetime
    updated_at: datetime
    marker: str | None = Field(
        None, description="What is in force (warning or restriction) and what staff should do."
    )

    @staticmethod
    def resolve_marker(obj: Client) -> str | None:
        from conduct.clients.markers import marker_text

        if hasattr(obj, "marker_text"):  # set for a whole page by MarkedPagination
            text: str | None = obj.marker_text
            return text
        return marker_text(obj.pk)

    @staticmethod
    def resolve_contact_points(obj: Client) -> list[ContactPointOut]:
        return [
            ContactPointOut(kind=p.kind, value=p.value, normalised=p.normalised)
            for p in obj.contact_points.all()
        ]


class ClientIn(Schema):
    name: str = Field(..., min_length=1, max_length=limit(Client, "name"))
    reference: str = Field("", max_length=limit(Client, "reference"))
    postal_address: str = Field("", max_length=limit(Client, "postal_address"))
    notes: str = Field("", max_length=limit(Client, "notes"))
    emails: list[str] = Field(default_factory=list, max_length=MAX_PER_KIND)
    phones: list[str] = Field(default_factory=list, max_length=MAX_PER_KIND)
    social_handles: list[str] = Field(default_factory=list, max_length=MAX_PER_KIND)

    def details(self) -> ClientDetails:
        return ClientDetails(
            name=self.name,
            reference=self.reference,
            postal_address=self.postal_address,
            notes=self.notes,
            emails=self.emails,
            phones=self.phones,
            social_handles=self.social_handles,
        )


class ClientUpdate(ClientIn):
    version: int = Field(..., ge=1, description="The version you read; a stale version gets 409.")


class MarkedPagination(BoundedPagination):
    """A page of clients with every client's marker found at once (three queries a page,
    not three a client)."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        from conduct.clients.markers import marker_texts

        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        texts = marker_texts([c.pk for c in items])
        for c in items:
            c.marker_text = texts[c.pk]
        page[self.items_attribute] = items
        return page


@router.get("/", response=list[ClientOut], summary="List or search clients")
@allow("clients.view_client")
@paginate(MarkedPagination)
def list_clients(request: HttpRequest, q: str = "") -> object:
    return search_clients(q[:200]).prefetch_related("contact_points")


@router.post("/", response={201: ClientOut}, summary="Create a client")
@allow("clients.add_client")
def create(request: HttpRequest, payload: ClientIn) -> Status[Client]:
    client = create_client(payload.details(), actor=request.user)
    return Status(201, Client.objects.prefetch_related("contact_points").get(pk=client.pk))


@router.get("/{client_id}", response=ClientOut, summary="A client's record (the view is audited)")
@allow("clients.view_client")
def detail(request: HttpRequest, client_id: int) -> Client:
    return get_client_for_user(request.user, client_id, door=Door.API)


@router.put("/{client_id}", response=ClientOut, summary="Change a client's record")
@allow("clients.change_client")
def update(request: HttpRequest, client_id: int, payload: ClientUpdate) -> Client:
    client = get_client_for_change(request.user, client_id, perm="clients.change_client")
    update_client(client, payload.details(), actor=request.user, expected_version=payload.version)
    return Client.objects.prefetch_related("contact_points").get(pk=client.pk)
