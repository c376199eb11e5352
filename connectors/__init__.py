"""Rasa input channels of this project (referenced by module path in credentials.yml)."""
