from django.urls import path

from .views import SchemaView

urlpatterns = [path("schema/", SchemaView.as_view(), name="openapi-schema")]
