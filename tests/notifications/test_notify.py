"""``notify``: one notice per user and key, one insert for everyone, email after commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from conduct.accounts.roles import Role
from conduct.notifications import services
from conduct.notifications.models import Notification
from conduct.notifications.services import notify
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_once_per_key_and_mail_only_the_new(django_assert_max_num_queries: Any) -> None:
    a, b, c = (make_user(n, Role.SENIOR_MANAGER) for n in ("nina.a", "nina.b", "nina.c"))
    for user in (a, b, c):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    assert notify([a], key="k", text="First.") == 1
    mail.outbox.clear()
    with django_assert_max_num_queries(4):
        assert notify([a, b, c, b], key="k", text="Again.", url="/x/") == 2
    assert Notification.objects.filter(key="k").count() == 3
    assert Notification.objects.get(user=a, key="k").text == "First."
    assert Notification.objects.get(user=b, key="k").url == "/x/"
    assert [m.to for m in mail.outbox] == [[b.email, c.email]]
    assert notify([a, b, c], key="k", text="Third.") == 0


def test_a_notice_made_meanwhile_is_not_made_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another transaction tells ``a`` after ``notify`` looked: the one insert fails on the
    unique key and each notice is made one by one, ``a``'s left as it was."""
    a, b = make_user("nina.a", Role.SENIOR_MANAGER), make_user("nina.b", Role.SENIOR_MANAGER)
    Notification.objects.create(user=a, key="k", text="Other.", created_at=a.date_joined)
    real = Notification.objects.filter
    looked = []

    def before_it_was_made(*args: Any, **kwargs: Any) -> Any:
        looked.append(kwargs)
        return real(*args, **kwargs).none() if len(looked) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(Notification.objects, "filter", before_it_was_made)
    assert services.notify([a, b], key="k", text="Mine.") == 1
    monkeypatch.undo()
    assert Notification.objects.get(user=a, key="k").text == "Other."
    assert Notification.objects.get(user=b, key="k").text == "Mine."
