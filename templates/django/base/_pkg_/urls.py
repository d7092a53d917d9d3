"""URL map. Errors, in DRF views or not, answer application/problem+json (core.views)."""

from django.urls import path

from .core import views

urlpatterns = [
    path("health/", views.health, name="health"),
    # bulwark-needle-urls
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
