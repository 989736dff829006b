"""Where to take a person after they have signed up or logged in.

A page that needs an account (an assembly's application, say) remembers itself
here; the login, or the e-mail confirmation after a sign-up, returns there.
"""

from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "accounts_return_to"


def remember(request, url):
    request.session[SESSION_KEY] = url


def forget(request, url=None):
    """Drop the remembered address (only if it is `url`, when given): the person got there."""
    if url is None or request.session.get(SESSION_KEY) == url:
        request.session.pop(SESSION_KEY, None)


def pop(request):
    url = request.session.pop(SESSION_KEY, None)
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return None
