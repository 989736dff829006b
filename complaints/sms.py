"""The SMS gateway, under the name the register and older settings use: it lives in `outbox.sms` now,
below every feature that texts people (the register's notifications, the council's invitations)."""

from outbox.sms import (  # noqa: F401
    DEFAULT_BACKEND,
    NETGSM_ERRORS,
    BaseSmsBackend,
    ConsoleBackend,
    LocmemBackend,
    NetgsmBackend,
    SentSms,
    SmsError,
    get_backend,
    outbox,
    send_sms,
)
