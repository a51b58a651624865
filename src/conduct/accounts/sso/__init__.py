"""Single sign-on through the organisation's OpenID Connect provider, and OAuth
tokens for the shared mailbox (IMAP and SMTP) from the same provider."""
