"""Letter templates (versioned), letters, and police referral packs.

Nothing here writes: changes go through ``letters.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from conduct.clients.models import Client
from conduct.letters import rules

USER = settings.AUTH_USER_MODEL
KIND_CHOICES = [(k, t.capitalize()) for k, t in rules.KIND_TITLES.items()]


class LetterTemplate(models.Model):
    """One version of the words for one kind of letter. An edit adds a version."""

    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    version = models.PositiveIntegerField()
    subject = models.CharField(max_length=200)
    body = models.TextField(
        max_length=50_000,
        help_text="Django template language; paragraphs split by a blank line.",
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why it was changed.")
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="letter_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} template, version {self.version}"


class Letter(models.Model):
    """A letter to a client, generated from a decision or a review.

    ``generated_body`` keeps the words exactly as first generated; ``body`` and
    ``html`` are what the manager approved, frozen once the letter is sent.
    """

    DRAFT, SENT = "draft", "sent"
    STATUSES = [(DRAFT, "Draft"), (SENT, "Sent")]

    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="letters")
    decision = models.ForeignKey(
        "casework.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    review = models.ForeignKey(
        "casework.Review",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters")
    facts = models.JSONField(help_text="The facts filled in, as generated.")
    subject = models.CharField(max_length=200)
    generated_body = models.TextField()
    body = models.TextField(max_length=50_000)
    html = models.TextField(help_text="The whole letter as an HTML document.")
    status = models.CharField(max_length=10, choices=STATUSES, default=DRAFT)
    generated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    generated_at = models.DateTimeField()
    edited_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    sent_via = models.CharField(max_length=10, choices=list(rules.SEND_METHODS.items()), blank=True)
    sent_on = models.DateField(null=True, blank=True)
    sent_to = models.TextField(blank=True, help_text="Email address or postal address.")
    sent_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, help_text="Of the PDF as sent.")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-generated_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def policy_version(self) -> object:
        """The policy version the letter's decision was made under (its clauses' words)."""
        decision = self.decision or (self.review.decision if self.review else None)
        return decision.policy_version if decision is not None else None

    @property
    def is_sent(self) -> bool:
        return self.status == self.SENT


class PolicePack(models.Model):
    """A record that a police referral pack was produced, with what it held."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="police_packs")
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.PROTECT, related_name="police_packs"
    )
    generated_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    generated_at = models.DateTimeField()
    zip_sha256 = models.CharField(max_length=64)
    manifest = models.JSONField(help_text="Each file in the pack with its SHA-256.")

    class Meta:
        ordering = ["-generated_at", "-pk"]

    def __str__(self) -> str:
        return f"Police pack for case {self.case_id} ({self.zip_sha256[:12]})"
