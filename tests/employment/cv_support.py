"""What the CV tests share: occupations, a seeker with a CV, real PDF and DOCX files carrying metadata."""

import io
import zipfile

from pypdf import PdfWriter

from employment import seekers
from employment.models import CV, EmploymentConsent, Firm, FirmMember, Occupation, Referral, Vacancy
from tests.factories import UserFactory

AUTHOR = "Gizli Yazar Kemal"


def occupations():
    """Two major groups with a unit group each, as the ISCO-08 data migration loads them (made here if missing)."""
    found = {}
    for code, name in [
        ("7", "Sanatkârlar ve İlgili İşlerde Çalışanlar"),
        ("71", "İnşaat ve İlgili İşlerde Çalışanlar (Elektrikçiler Hariç)"),
        ("711", "Bina İskeleti ve İlgili İşlerde Çalışanlar"),
        ("7112", "Duvarcılar ve İlgili İşlerde Çalışanlar"),
        ("5", "Hizmet ve satış elemanları"),
        ("52", "Satış Elemanları"),
        ("522", "Mağaza, dükkan vb. satış elemanları"),
        ("5223", "Mağaza satış elemanları"),
    ]:
        parent = found.get(code[:-1]) if len(code) > 1 else None
        found[code], _created = Occupation.objects.get_or_create(code=code, defaults={"name": name, "parent": parent})
    return found


def make_cv(user=None, consent=True, sharing=False, **fields):
    """A saved CV of `user` (a new seeker by default) with the consents as the form records them."""
    user = user or UserFactory()
    cv = seekers.new_cv(user)
    for name, value in fields.items():
        setattr(cv, name, value)
    cv.save()
    if consent:
        seekers.give(user, EmploymentConsent.Purpose.PROCESSING)
    if sharing:
        seekers.give(user, EmploymentConsent.Purpose.SHARING)
    return CV.objects.get(pk=cv.pk)


def firm_with_member(name="Yapı Usta İnşaat", tax_number="1234567890", occupation=None):
    firm = Firm.objects.create(
        name=name,
        tax_number=tax_number,
        sector="İnşaat",
        contact_name="Mehmet Usta",
        contact_phone="02165550000",
        contact_email=f"ik@{tax_number}.example.org",
    )
    member = UserFactory()
    FirmMember.objects.create(firm=firm, user=member)
    return firm, member


def refer(cv, firm, occupation, status=Referral.Status.AGREED):
    import datetime

    from django.utils import timezone

    vacancy = Vacancy.objects.create(
        firm=firm,
        title="Duvar ustası",
        occupation=occupation,
        work_type="full_time",
        closing_date=timezone.localdate() + datetime.timedelta(days=30),
        status=Vacancy.Status.PUBLISHED,
    )
    return Referral.objects.create(
        vacancy=vacancy,
        cv=cv,
        origin=Referral.Origin.CENTRE,
        status=status,
        agreed_at=timezone.now() if status == Referral.Status.AGREED else None,
    )


XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>' + AUTHOR.encode() + b"</dc:creator>"
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def pdf_with_metadata():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Özgeçmiş", "/Creator": "Microsoft Word"})
    writer.xmp_metadata = XMP
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
    f"<dc:creator>{AUTHOR}</dc:creator><cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy>"
    "<dc:title>Özgeçmiş</dc:title>"
    '<dcterms:created xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF">'
    "2024-01-01T00:00:00Z</dcterms:created></cp:coreProperties>"
)


def docx_with_metadata(macro=False):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        kind = (
            "application/vnd.ms-word.document.macroEnabled.main+xml"
            if macro
            else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
        )
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/word/document.xml" ContentType="{kind}"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
            "<w:r><w:t>Ayşe Yılmaz – Satış danışmanı</w:t></w:r></w:p></w:body></w:document>",
        )
        archive.writestr("docProps/core.xml", CORE)
        archive.writestr(
            "docProps/app.xml",
            "<Properties><Company>Gizli Şirket AŞ</Company><Application>Microsoft Office Word</Application></Properties>",
        )
    return output.getvalue()
