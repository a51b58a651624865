from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from conduct.accounts.access import user_roles
from conduct.accounts.models import ApiToken
from conduct.accounts.roles import Role
from conduct.accounts.services import (
    change_user_roles,
    create_api_token,
    create_user,
    revoke_api_token,
)
from conduct.core.access import allow, any_user

router = Router(tags=["accounts"])


class UserOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    roles: list[str]
    is_active: bool


def _user_out(user: AbstractBaseUser | AnonymousUser) -> UserOut:
    if not isinstance(user, AbstractUser):  # Django's User; a route never answers anonymously
        raise TypeError(f"not a user account: {type(user).__name__}")
    return UserOut(
        id=user.pk,
        username=user.get_username(),
        full_name=user.get_full_name(),
        email=user.email,
        roles=sorted(r.value for r in user_roles(user)),
        is_active=user.is_active,
    )


class UserIn(Schema):
    username: str = Field(..., min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")
    role: Role
    password: str = Field(..., min_length=1, max_length=200)
    email: str = Field("", max_length=254)
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)


class RolesIn(Schema):
    roles: list[Role] = Field(
        ..., max_length=len(Role), description="The user's roles, all of them"
    )


class TokenIn(Schema):
    user_id: int | None = Field(
        None, description="Your own user id, if given: a token is only ever for your own account"
    )
    name: str = Field(..., min_length=1, max_length=100)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    username: str
    created_at: datetime
    last_used_at: datetime | None
    active: bool

    @staticmethod
    def resolve_username(obj: ApiToken) -> str:
        return obj.user.get_username()


class NewTokenOut(TokenOut):
    token: str = Field(..., description="Shown once; store it safely.")


@router.get("/me", response=UserOut, summary="The user making the request")
@any_user
def me(request: HttpRequest) -> UserOut:
    return _user_out(request.user)


@router.get("/users", response=list[UserOut], summary="All users and their roles")
@allow("auth.view_user")
def users(request: HttpRequest) -> list[UserOut]:
    return [
        _user_out(u)
        for u in get_user_model().objects.order_by("username").prefetch_related("groups")
    ]


@router.post("/users", response={201: UserOut}, summary="Create a user with a role")
@allow("auth.add_user")
def add_user(request: HttpRequest, payload: UserIn) -> Status[UserOut]:
    user = create_user(
        payload.username,
        role=payload.role,
        password=payload.password,
        actor=request.user,
        email=payload.email,
        first_name=payload.first_name,
        last_name=payload.last_name,
    )
    return Status(201, _user_out(user))


@router.put(
    "/users/{user_id}/roles",
    response=UserOut,
    summary="Set another user's roles (never one's own); written to the audit log",
)
@allow("auth.view_user", "auth.change_user")
def set_roles(request: HttpRequest, user_id: int, payload: RolesIn) -> UserOut:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        raise HttpError(404, "No such user.")
    change_user_roles(user, set(payload.roles), actor=request.user, source="API")
    return _user_out(user)


@router.get("/tokens", response=list[TokenOut], summary="API tokens (never the secret)")
@allow("accounts.view_apitoken")
def tokens(request: HttpRequest) -> QuerySet[ApiToken]:
    return ApiToken.objects.select_related("user").all()


@router.post(
    "/tokens", response={201: NewTokenOut}, summary="Create an API token for your own account"
)
@allow("accounts.add_apitoken")
def add_token(request: HttpRequest, payload: TokenIn) -> Status[ApiToken]:
    if payload.user_id is not None and payload.user_id != request.user.pk:
        raise HttpError(403, "A token can be created only for your own account.")
    record, token = create_api_token(request.user, payload.name, actor=request.user)
    record.token = token  # shown once, never stored
    return Status(201, record)


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke an API token")
@allow("accounts.delete_apitoken")
def delete_token(request: HttpRequest, token_id: int) -> Status[None]:
    record = ApiToken.objects.filter(pk=token_id).first()
    if record is None:
        raise HttpError(404, "No such token.")
    revoke_api_token(record, actor=request.user)
    return Status(204, None)
