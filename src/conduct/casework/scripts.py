"""The words the live-call guide shows; admins edit them as ``Script`` rows."""

from __future__ import annotations

DEFAULT_SCRIPTS: dict[str, tuple[str, str]] = {
    "warn_and_explain": (
        "The warning: what, why, what happens next",
        "I want to help you, but I need to ask you to stop [say what: for example, shouting, "
        "swearing or making threats]. It is unacceptable because our staff have the right to "
        "be treated with courtesy and respect, and our client behaviour policy does not allow it. If it continues, I will end this call and report it to "
        "our Senior Management team, who will decide what happens next.",
    ),
    "staff_withdraws": (
        "Behaviour continued: withdrawing",
        "I asked you to stop and it has continued, so I am going to end this conversation now.",
    ),
    "inform_call_termination": (
        "Telling the caller the call is ending",
        "I am ending this call now. What happened will be recorded and passed to our Senior "
        "Management team. You can write to us if you want to continue with your matter.",
    ),
}
