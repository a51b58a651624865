"""Correspondence: every client communication, ingested, screened on arrival, measured."""
