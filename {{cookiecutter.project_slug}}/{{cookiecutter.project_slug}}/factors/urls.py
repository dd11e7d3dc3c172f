"""The second factor's endpoints, mounted under /api/: the second step of a login beside the
other token endpoints, and the signed-in user's factors."""

from django.urls import path

from .views import (
    FactorsView,
    RecoveryCodesView,
    SecondFactorLoginView,
    TOTPConfirmView,
    TOTPDisableView,
    TOTPEnrolView,
)

urlpatterns = [
    path("token/second-factor/", SecondFactorLoginView.as_view(), name="token_second_factor"),
    path("factors/", FactorsView.as_view(), name="factors"),
    path("factors/totp/", TOTPEnrolView.as_view(), name="totp"),
    path("factors/totp/confirm/", TOTPConfirmView.as_view(), name="totp_confirm"),
    path("factors/totp/disable/", TOTPDisableView.as_view(), name="totp_disable"),
    path("factors/recovery-codes/", RecoveryCodesView.as_view(), name="recovery_codes"),
]
