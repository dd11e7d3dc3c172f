"""Sign-up and password reset, mounted under /api/users/ beside the account endpoints."""

from django.urls import path

from .signup import SignUpView
from .views import ActivationView, PasswordResetConfirmView, PasswordResetView

urlpatterns = [
    path("signup/", SignUpView.as_view(), name="user_signup"),
    path("activation/", ActivationView.as_view(), name="user_activation"),
    path("password-reset/", PasswordResetView.as_view(), name="user_password_reset"),
    path(
        "password-reset/confirm/",
        PasswordResetConfirmView.as_view(),
        name="user_password_reset_confirm",
    ),
]
