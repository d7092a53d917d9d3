"""Who may do what in the catalog. Placeholder until the accounts app lands."""

from rest_framework.permissions import IsAdminUser, IsAuthenticated

CatalogPermission = IsAuthenticated
ExplainPermission = IsAdminUser
