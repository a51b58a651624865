from dataclasses import dataclass

from conduct.privacy.redaction import THIRD_PARTY, Redactor


@dataclass
class FakeUser:
    pk: int
    username: str
    first_name: str = ""
    last_name: str = ""

    def get_username(self) -> str:
        return self.username

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


ANNA = FakeUser(1, "anna", "Anna", "Smith")
BEN = FakeUser(2, "bjones", "Ben", "Jones")


def test_without_redaction_people_keep_their_names() -> None:
    r = Redactor(enabled=False, known_users=[ANNA])
    assert r.person(ANNA) == "Anna Smith"
    assert r.person(None) == "system"
    assert r.third_party("Bob Witness") == "Bob Witness"
    assert r.text("Anna Smith took the call") == "Anna Smith took the call"


def test_staff_get_stable_pseudonyms_everywhere() -> None:
    r = Redactor(enabled=True, known_users=[ANNA, BEN])
    assert r.person(BEN) == "Staff member 1"
    assert r.person(ANNA) == "Staff member 2"
    assert r.person(BEN) == "Staff member 1"
    text = r.text("anna and Ben Jones spoke; Anna Smith took notes. Annabel did not.")
    assert text == (
        "Staff member 2 and Staff member 1 spoke; Staff member 2 took notes. Annabel did not."
    )


def test_third_parties_are_removed() -> None:
    r = Redactor(enabled=True)
    assert r.third_party("Bob Witness") == THIRD_PARTY
    assert r.third_party("") == ""
    assert r.text("no staff known") == "no staff known"
