"""Kept apart from accounts.forms: allauth's forms module imports that one (the sign-up form class)."""

from allauth.account import forms as allauth_forms


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form, with the "forgot your password?" link moved out of the field's help.

    As help text it sits between the e-mail and password fields in the tab order.
    The login page shows the link after the form instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
