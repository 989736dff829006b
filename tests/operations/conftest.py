import pytest


@pytest.fixture
def operations_middleware(settings):
    """The site's own middleware, with ours right after SecurityMiddleware so that it times everything."""
    middleware = settings.MIDDLEWARE
    after_security = middleware[middleware.index("django.middleware.security.SecurityMiddleware") + 1]
    assert after_security == "operations.middleware.OperationsMiddleware"
