"""Subject access and retention providers for apps whose own code has none yet."""
