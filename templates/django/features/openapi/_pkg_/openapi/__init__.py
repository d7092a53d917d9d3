"""The OpenAPI 3 document of the API, made by drf-spectacular from the views and serializers.

`GET /api/schema/` serves it to signed-in users (any role), never to anonymous clients;
`python manage.py spectacular --validate --fail-on-warn --file openapi.yaml` writes it to a file.
"""
