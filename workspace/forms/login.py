from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from accounts.throttle import client_ip, is_locked


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form says plainly when too many attempts have failed, without checking the password."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and is_locked(username, client_ip(self.request)):
            raise ValidationError(
                f"Too many failed attempts. Wait {settings.LOGIN_LOCKOUT_MINUTES} minutes and try again, "
                "or ask an administrator to reset your password.",
                code="locked",
            )
        return super().clean()
