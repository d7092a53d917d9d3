"""Project-wide plumbing: health, problem+json errors, request ids, JSON logs."""
