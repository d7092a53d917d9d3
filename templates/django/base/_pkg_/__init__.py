"""The Django project: settings, URL map, entry points and the core app."""
