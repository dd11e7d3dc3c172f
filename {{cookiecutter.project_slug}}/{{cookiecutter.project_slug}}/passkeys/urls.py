"""The passkey endpoints, mounted under /api/: the login steps beside the other token
endpoints, and the signed-in user's passkeys beside their other factors."""

from django.urls import path

from .views import (
    PasskeyOptionsView,
    PasskeyRecoveryCodesView,
    PasskeysView,
    PasskeyView,
    PasswordlessOptionsView,
    PasswordlessView,
    RecoveryCodesOptionsView,
    SecondFactorOptionsView,
    SecondFactorView,
)

urlpatterns = [
    path(
        "token/second-factor/passkey/options/",
        SecondFactorOptionsView.as_view(),
        name="token_second_factor_passkey_options",
    ),
    path(
        "token/second-factor/passkey/",
        SecondFactorView.as_view(),
        name="token_second_factor_passkey",
    ),
    path(
        "token/passkey/options/", PasswordlessOptionsView.as_view(), name="token_passkey_options"
    ),
    path("token/passkey/", PasswordlessView.as_view(), name="token_passkey"),
    path("factors/passkeys/", PasskeysView.as_view(), name="passkeys"),
    path("factors/passkeys/options/", PasskeyOptionsView.as_view(), name="passkey_options"),
    path("factors/passkeys/<int:pk>/", PasskeyView.as_view(), name="passkey"),
    path(
        "factors/passkeys/recovery-codes/options/",
        RecoveryCodesOptionsView.as_view(),
        name="passkey_recovery_codes_options",
    ),
    path(
        "factors/passkeys/recovery-codes/",
        PasskeyRecoveryCodesView.as_view(),
        name="passkey_recovery_codes",
    ),
]
