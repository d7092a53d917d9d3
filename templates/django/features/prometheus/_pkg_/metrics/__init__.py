"""Prometheus metrics: request and authentication-failure counters, served at /metrics/ to the
scraper only (access.py). Settings import access.py, so this package imports nothing else."""
