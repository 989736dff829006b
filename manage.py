#!/usr/bin/env python
"""Django's command-line utility; development settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
