"""Django's SMTP e-mail backend signing in with an OAuth 2.0 token
(``CONDUCT_EMAIL_AUTH=xoauth2`` or ``oauthbearer``) instead of a password."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend

from conduct.accounts.sso.sasl import MECHANISMS, initial_response, responder
from conduct.accounts.sso.tokens import TokenUnavailable, access_token, mail_grant


class OAuthEmailBackend(EmailBackend):
    def open(self) -> bool | None:
        # Connect (and STARTTLS) without a password login; sign in with the token.
        username, self.username = self.username, ""
        try:
            opened = super().open()
        finally:
            self.username = username
        if not opened or self.connection is None:
            return opened
        mechanism = getattr(settings, "EMAIL_AUTH", "xoauth2")
        try:
            token = access_token(mail_grant())
            first = initial_response(
                mechanism,
                user=self.username,
                token=token,
                host=str(self.host),
                port=int(self.port),
            )
            self.connection.ehlo_or_helo_if_needed()
            self.connection.auth(MECHANISMS[mechanism], responder(mechanism, first))
        except (TokenUnavailable, smtplib.SMTPException, OSError, ValueError):
            self.close()
            if not self.fail_silently:
                raise
            return False
        return opened
