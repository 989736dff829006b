"""A job seeker's uploaded CV file: PDF or DOCX judged by content, stored without its metadata, served to few.

`clean_cv_file()` reads at most MAX_BYTES, decides the kind from the bytes alone (a PDF's header and a structure
pypdf can read; a DOCX's zip with `[Content_Types].xml` and `word/document.xml`, no macros), and returns a fresh
copy: a PDF rewritten by pypdf without its document information (/Info) and XMP metadata (nor scripts or actions
that run on opening), a DOCX re-zipped member by member with the author fields of `docProps/core.xml` and the
company of `docProps/app.xml` blanked. The uploaded bytes themselves are never stored.

`serve()` hands the stored file only to those `access.may_see_cv()` lets see the CV: its owner, the centre's
staff, and a firm's users through a referral the person agreed to.
"""

import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

from employment.access import may_see_cv
from theme.uploads import UploadTooLarge, read_limited

MAX_BYTES = 5 * 1024 * 1024
# A DOCX is a zip: refuse one whose members would unpack to more than this, or that has too many (zip bombs).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ACCEPT = f".pdf,.docx,{PDF_TYPE},{DOCX_TYPE}"

_TOO_LARGE = _("The file is larger than 5 MB. Please send a smaller PDF or Word (.docx) file.")
_NOT_ACCEPTED = _("This file is not a PDF or a Word (.docx) document. Please send your CV as PDF or DOCX.")
_UNREADABLE_PDF = _("This PDF could not be read. Please save it again as PDF and send it.")
_ENCRYPTED_PDF = _("This PDF is protected by a password. Please send it without a password.")
_UNREADABLE_DOCX = _("This Word document could not be read. Please save it again as .docx and send it.")
_MACROS = _("Word documents with macros are not accepted. Please save it as an ordinary .docx document.")

# Document-level entries of a PDF that carry metadata or run something when it is opened.
_PDF_ROOT_KEYS = ("/Metadata", "/OpenAction", "/AA", "/PieceInfo")
# docProps/core.xml elements that name people or say what the document is about.
_CORE_FIELDS = ("dc:creator", "cp:lastModifiedBy", "dc:title", "dc:subject", "dc:description", "cp:keywords")
_APP_FIELDS = ("Company", "Manager")


class CVFileRefused(Exception):
    """An upload that cannot be accepted; `message` is a lazily translated text to show the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class CleanFile:
    content: bytes
    extension: str  # "pdf" or "docx"
    content_type: str

    def as_file(self, name="cv"):
        return ContentFile(self.content, name=f"{name}.{self.extension}")


def clean_cv_file(uploaded):
    """Check an uploaded CV (PDF or DOCX, by content) and return a copy without metadata, or raise CVFileRefused."""
    try:
        data = read_limited(uploaded, MAX_BYTES)
    except UploadTooLarge as error:
        raise CVFileRefused(_TOO_LARGE) from error
    # A PDF may have a few bytes before its header (the specification allows up to 1024); nothing else does.
    if b"%PDF-" in data[:1024]:
        return CleanFile(_clean_pdf(data), "pdf", PDF_TYPE)
    if data.startswith(b"PK\x03\x04"):
        return CleanFile(_clean_docx(data), "docx", DOCX_TYPE)
    raise CVFileRefused(_NOT_ACCEPTED)


def _clean_pdf(data):
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError
    from pypdf.generic import NameObject

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise CVFileRefused(_ENCRYPTED_PDF)
        if not reader.pages:
            raise CVFileRefused(_UNREADABLE_PDF)
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        root = writer.root_object
        for key in _PDF_ROOT_KEYS:
            root.pop(NameObject(key), None)
        names = root.get("/Names")
        if names is not None:
            names.get_object().pop(NameObject("/JavaScript"), None)
        for page in writer.pages:
            for key in ("/Metadata", "/PieceInfo", "/AA"):
                page.pop(NameObject(key), None)
        # What was taken out still sits among the writer's objects until the orphans are dropped.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        output = io.BytesIO()
        writer.write(output)
    except CVFileRefused:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, OSError, RecursionError) as error:
        raise CVFileRefused(_UNREADABLE_PDF) from error
    return output.getvalue()


def _clean_docx(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise CVFileRefused(_NOT_ACCEPTED)
            if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise CVFileRefused(_UNREADABLE_DOCX)
            content_types = archive.read("[Content_Types].xml")
            if b"macroEnabled" in content_types or any(name.lower().endswith("vbaproject.bin") for name in names):
                raise CVFileRefused(_MACROS)
            output = io.BytesIO()
            with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as clean:
                for member in members:
                    content = archive.read(member)
                    if member.filename == "docProps/core.xml":
                        content = _blank_elements(content, _CORE_FIELDS)
                    elif member.filename == "docProps/app.xml":
                        content = _blank_elements(content, _APP_FIELDS)
                    clean.writestr(_fresh_info(member), content)
    except CVFileRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise CVFileRefused(_UNREADABLE_DOCX) from error
    return output.getvalue()


def _fresh_info(member):
    """The member's name and compression only: no dates, comments or extra fields of the original zip."""
    info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _blank_elements(xml, tags):
    """`xml` with the text of each element in `tags` removed (the elements stay, empty)."""
    for tag in tags:
        name = re.escape(tag.encode())
        xml = re.sub(
            rb"<" + name + rb"(\s[^>]*)?>.*?</" + name + rb">", rb"<" + tag.encode() + rb"\1/>", xml, flags=re.S
        )
    return xml


def serve(request, cv):
    """The CV's stored file, for those who may see the CV (else 403); 404 when it has none."""
    if not may_see_cv(request.user, cv):
        raise PermissionDenied
    if not cv.file:
        raise Http404
    try:
        handle = cv.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    extension = cv.file.name.rsplit(".", 1)[-1].lower()
    content_type = PDF_TYPE if extension == "pdf" else DOCX_TYPE
    response = FileResponse(handle, content_type=content_type, as_attachment=True, filename=f"cv-{cv.pk}.{extension}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
