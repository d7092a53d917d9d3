from django.urls import path

from .views import LogoutView, RefreshView, TokenView

urlpatterns = [
    path("token/", TokenView.as_view(), name="token"),
    path("token/refresh/", RefreshView.as_view(), name="token-refresh"),
    path("logout/", LogoutView.as_view(), name="logout"),
]
