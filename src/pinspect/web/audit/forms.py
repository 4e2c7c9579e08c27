"""The audit trail is read-only: no forms change it."""
