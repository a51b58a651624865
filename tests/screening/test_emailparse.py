"""Quoted history, forwarded messages and signatures are found, and masking keeps offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conduct.screening.engine.emailparse import history_spans, mask
from conduct.screening.engine.quotes import quote_spans

REPLY = """Thanks, I accept the offer.

Kind regards,
Jane Smith
07700 900123

On Mon, 3 Mar 2025 at 10:12, Advice Team <team@example.org> wrote:
> You are an idiot.
> I know where you live.
"""


def test_reply_history_and_signature_are_masked() -> None:
    masked = mask(REPLY, history_spans(REPLY))
    assert len(masked) == len(REPLY)
    assert "idiot" not in masked and "know where" not in masked
    assert "Jane Smith" not in masked
    assert masked.startswith("Thanks, I accept the offer.")


def test_forwarded_message_is_masked() -> None:
    text = "See below.\n\n---------- Forwarded message ---------\nFrom: x\nDate: y\n\nyou scum"
    assert "scum" not in mask(text, history_spans(text))


def test_outlook_original_message_is_masked() -> None:
    text = "My reply.\n\nFrom: Someone\nSent: 1 May\nTo: me\nSubject: hi\n\nyou idiot"
    assert "idiot" not in mask(text, history_spans(text))


def test_inline_reply_below_quote_is_kept() -> None:
    text = "On 1 May, Bob wrote:\n> what do you want?\nA refund, you useless idiot.\n"
    masked = mask(text, history_spans(text))
    assert "useless idiot" in masked and "what do you want" not in masked


def test_a_sign_off_followed_by_abuse_is_not_a_signature() -> None:
    text = "Thanks\nyou useless idiot"
    assert "idiot" in mask(text, history_spans(text))


def test_inline_quotes_and_reported_speech_are_masked() -> None:
    text = 'Your colleague called me an idiot. It is not OK to say "you are scum".'
    masked = mask(text, quote_spans(text))
    assert "idiot" not in masked and "scum" not in masked


LINES = st.lists(
    st.one_of(
        st.text(alphabet="abc yu!>-:", max_size=30),
        st.sampled_from(
            [
                "> quoted",
                "On Mon, Bob wrote:",
                "-- ",
                "Kind regards,",
                "-----Original Message-----",
                "From: a",
                "Sent: b",
                "Sent from my iPhone",
                '"quoted words here"',
                "he said you are an idiot",
                "it is wrong to say that",
            ]
        ),
    ),
    max_size=12,
)


@given(LINES)
def test_spans_always_lie_inside_the_text_and_masking_keeps_length(lines: list[str]) -> None:
    text = "\n".join(lines)
    spans = history_spans(text) + quote_spans(text)
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
    masked = mask(text, history_spans(text))
    assert len(masked) == len(text)
    for a, b in zip(text, masked, strict=True):
        assert b == a or b == " " or (a == b == "\n")
