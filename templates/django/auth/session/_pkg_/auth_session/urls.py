from django.urls import path

from .views import CsrfView, LoginView, LogoutView

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("csrf/", CsrfView.as_view(), name="csrf"),
]
