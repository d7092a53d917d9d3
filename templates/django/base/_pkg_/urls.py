"""URL map. Errors, in DRF views or not, answer application/problem+json (core.views)."""

from django.urls import include, path

from .accounts import urls as accounts_urls
from .core import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("api/v1/auth/", include(accounts_urls)),
    # bulwark-needle-urls
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
