"""Lockout after repeated login failures, answered as 429 problem+json under DRF."""
