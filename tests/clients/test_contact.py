import pytest

from conduct.clients.contact import (
    InvalidContact,
    display_phone,
    normalise_email,
    normalise_handle,
    normalise_phone,
    search_keys,
)


@pytest.mark.parametrize(
    "raw",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "0044 7700 900123",
        "(07700) 900-123",
        "+447700900123",
    ],
)
def test_uk_mobile_formats_all_normalise_to_e164(raw: str) -> None:
    assert normalise_phone(raw) == "+447700900123"


def test_landlines_and_international_numbers() -> None:
    assert normalise_phone("0113 496 0000") == "+441134960000"
    assert normalise_phone("+1 202 555 0100") == "+12025550100"
    assert display_phone("+441134960000") == "0113 496 0000"


@pytest.mark.parametrize("bad", ["", "abc", "12", "0770090012345678901"])
def test_impossible_numbers_are_refused(bad: str) -> None:
    with pytest.raises(InvalidContact):
        normalise_phone(bad)


def test_email_and_handle_normalisation() -> None:
    assert normalise_email(" Jane.Doe@Example.COM ") == "jane.doe@example.com"
    assert normalise_handle("@Jane_Doe") == "jane_doe"
    with pytest.raises(InvalidContact):
        normalise_email("not-an-email")
    with pytest.raises(InvalidContact):
        normalise_handle("two words")


def test_search_keys_recognise_a_phone_number_in_any_format() -> None:
    assert "+447700900123" in search_keys("07700 900 123")
    assert search_keys("@Jane") == ["jane"]
    assert search_keys("") == []
