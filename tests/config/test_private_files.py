"""Uploads that hold personal data are readable by the portal's own user only, whatever the umask."""

import os
import stat
import uuid

import pytest
from django.core.files.base import ContentFile

from assemblies.models import RosterImport
from complaints.models import Attachment
from distribution.models import RecipientImport


@pytest.fixture
def open_umask():
    """The usual umask of a shell (022), under which files come out world-readable by default."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.parametrize("model", [Attachment, RosterImport, RecipientImport])
def test_private_upload_is_written_owner_only(open_umask, model):
    storage = model._meta.get_field("file").storage
    name = storage.save(f"permissions-{uuid.uuid4().hex}/kisi.csv", ContentFile(b"ad,telefon\nAyse,05321234567\n"))
    try:
        path = storage.path(name)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    finally:
        storage.delete(name)
        os.rmdir(os.path.dirname(storage.path(name)))


def test_public_media_stays_readable_by_the_web_server_under_the_services_umask():
    from django.core.files.storage import default_storage

    previous = os.umask(0o027)
    try:
        name = default_storage.save(f"permissions-{uuid.uuid4().hex}/afis.txt", ContentFile(b"Kadin Meclisi"))
    finally:
        os.umask(previous)
    try:
        path = default_storage.path(name)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o644
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o755
    finally:
        default_storage.delete(name)
        os.rmdir(os.path.dirname(default_storage.path(name)))
