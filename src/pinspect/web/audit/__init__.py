"""Audit trail: who changed what, when, from which value to which; nothing deletes it."""
