"""What storing a chunk writes, worked out without a database."""

from conduct.correspondence import store_plan
from conduct.correspondence.store_plan import Arrival, Intake, Notice


def test_the_first_of_each_key_not_already_held_is_stored() -> None:
    keys = ["a", "b", "a", "c", "b", "d"]
    assert store_plan.first_of_each(keys) == {"a": 0, "b": 1, "c": 3, "d": 5}
    intake = store_plan.plan_intake(keys, held={"c"})
    assert intake == Intake(fresh=(0, 1, 5), duplicates=3)
    assert store_plan.plan_intake([], held=set()) == Intake(fresh=(), duplicates=0)


def test_flagged_items_are_held_and_a_clients_go_to_their_single_contact() -> None:
    arrivals = [
        Arrival(key="a", ref="box #1", client_id=7, flagged=True),
        Arrival(
            key="b", ref="box #2", client_id=8, flagged=False, notes=("text is not valid utf-8",)
        ),
        Arrival(key="c", ref="box #3", client_id=None, flagged=True),
    ]
    plan = store_plan.plan_store(
        Intake(fresh=(0, 1, 2), duplicates=2),
        arrivals,
        rejected=[("box #9", "truncated")],
        refused_attachments=[("box #1", "virus.exe is not an allowed type")],
        single_contacts={7: 42, 9: 43},
    )
    assert plan.hold == {"a", "c"}
    assert plan.routes == {"a": 42}
    assert plan.rejected == 1 and plan.duplicates == 2
    assert plan.problems == (
        {"item": "box #9", "reason": "truncated"},
        {"item": "box #1", "reason": "stored, but virus.exe is not an allowed type"},
        {"item": "box #2", "reason": "stored, but text is not valid utf-8"},
    )


def test_each_single_contact_gets_one_notice_for_what_this_call_stored() -> None:
    routes = {"a": 42, "b": 43, "c": 42, "d": 42}
    stored = {"a": 101, "b": 102, "c": 103}  # "d" was stored first by another worker
    notices = store_plan.plan_notices(["a", "b", "c", "d", "e"], routes, stored)
    assert notices == [
        Notice(
            user_id=42,
            key="correspondence-routed-101",
            text="2 new communication(s) from a client you are the single point of contact for.",
            url="/correspondence/101/",
        ),
        Notice(
            user_id=43,
            key="correspondence-routed-102",
            text="1 new communication(s) from a client you are the single point of contact for.",
            url="/correspondence/102/",
        ),
    ]
    assert store_plan.plan_notices(["a"], {}, {"a": 1}) == []
