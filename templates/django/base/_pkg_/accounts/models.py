from django.db import models


class ApiAccess(models.Model):
    """No table: this model only anchors the permissions that roles are made of."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("api_read", "Can read through the API"),
            ("api_write", "Can create and change through the API"),
            ("api_delete", "Can delete through the API"),
        ]

    def __str__(self) -> str:
        return "API access"
