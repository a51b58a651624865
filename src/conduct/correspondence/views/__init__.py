"""Correspondence pages, one module per resource."""
