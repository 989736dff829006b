"""The public forms' rate limits, counted together in one round trip (accounts.limits)."""

import time

from accounts import limits


def _request(rf, address):
    return rf.post("/", REMOTE_ADDR=address)


def test_each_limit_counts_its_own_key_and_the_refusing_one_is_named(rf, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "suggestion_phone": "2/d/key",
        "suggestion_email": "3/d/key",
    }
    request = _request(rf, "10.1.0.1")
    both = [("suggestion_phone", "+905321112233"), ("suggestion_email", "ayse@example.org")]
    assert limits.consume(request, *both) is None
    assert limits.consume(request, *both) is None
    # The third sending with this phone number is over its limit of two; the e-mail's three still allow it.
    assert limits.consume(request, *both) == "suggestion_phone"
    assert limits.consume(request, ("suggestion_email", "ayse@example.org")) == "suggestion_email"
    # Another number and address are counted apart.
    assert limits.consume(request, ("suggestion_phone", "+905329998877"), ("suggestion_email", "b@example.org")) is None


def test_a_limit_per_address_counts_get_requests_and_each_address_apart(rf, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "case_lookup": "2/10m/ip"}
    first, other = rf.get("/", REMOTE_ADDR="10.2.0.1"), rf.get("/", REMOTE_ADDR="10.2.0.2")
    assert [limits.consume(first, ("case_lookup", None)) for _ in range(3)] == [None, None, "case_lookup"]
    assert limits.consume(other, ("case_lookup", None)) is None


def test_a_period_starts_with_its_first_attempt_and_the_count_ends_with_it(rf, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "suggestion_send": "1/1s/ip"}
    request = _request(rf, "10.3.0.1")
    assert limits.consume(request, ("suggestion_send", None)) is None
    assert limits.consume(request, ("suggestion_send", None)) == "suggestion_send"
    time.sleep(1.2)
    assert limits.consume(request, ("suggestion_send", None)) is None
