"""The scaled-out assistant on one machine: `make cluster` (see docs/operations.md)."""
