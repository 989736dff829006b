"""The register's deadlines count working days with `config.working_days`, which lies below every feature that needs
the holiday list (the escort unit's booking days too); the names stay importable from here."""

from config.working_days import add_calendar_days, add_working_days, holiday_name, is_working_day, next_working_day

__all__ = ["add_calendar_days", "add_working_days", "holiday_name", "is_working_day", "next_working_day"]
