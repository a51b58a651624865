"""Casework pages, one module per resource."""
