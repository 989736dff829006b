"""Paper rosters in and out: the columns of the members export, read back by django-import-export.

`check(roster_import)` is the dry run: every row is validated and compared with
the assembly's members, nothing is written. `confirm(roster_import)` imports the
good rows. Both work through the file in chunks and record their progress, so
the admin can show a progress bar; the confirm step commits each chunk and finds
rows it already imported as duplicates, so running it again never doubles anyone.
"""

import datetime

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from accounts.models import Gender
from assemblies.models import Membership, MembershipEvent, RosterImport, normalise_phone
from config import spreadsheets
from config.spreadsheets import LabelChoiceWidget, NeighbourhoodWidget, SpreadsheetError

# The roster's columns as the members export writes them: (accessor, heading).
# The import reads the same headings back, so an export re-imports as it is.
COLUMNS = [
    ("full_name", "Ad Soyad"),
    ("email", "E-posta"),
    ("phone", "Telefon"),
    ("birth_date", "Doğum tarihi"),
    ("get_gender_display", "Cinsiyet"),
    ("neighbourhood", "Mahalle"),
    ("get_connection_display", "Ümraniye ile bağı"),
    ("workplace_or_school", "İş yeri / okul"),
    ("guardian_name", "Veli"),
    ("guardian_relationship", "Yakınlık"),
    ("guardian_phone", "Veli telefonu"),
    ("guardian_consent_at", "Veli onayı"),
    ("guardian_consent_via", "Veli onayı nasıl alındı"),
    ("get_state_display", "Durum"),
    ("applied_at", "Başvuru tarihi"),
    ("assembly", "Meclis"),
]
HEADING = dict(COLUMNS)
NAME_COLUMN = HEADING["full_name"]

CHUNK_SIZE = 2000
MAX_PROBLEMS_STORED = 5000
DATE_FORMATS = ["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%y"]


class TurkishDateWidget(widgets.DateWidget):
    """Dates as people type them in Turkey (14.03.1958), ISO dates, or Excel's own date cells."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as 14.03.1958.") % {"value": text})


class RosterResource(resources.ModelResource):
    """The members export's columns, read back into one assembly's roster."""

    full_name = fields.Field(attribute="full_name", column_name=HEADING["full_name"])
    email = fields.Field(attribute="email", column_name=HEADING["email"])
    phone = fields.Field(attribute="phone", column_name=HEADING["phone"])
    birth_date = fields.Field(attribute="birth_date", column_name=HEADING["birth_date"], widget=TurkishDateWidget())
    gender = fields.Field(
        attribute="gender",
        column_name=HEADING["get_gender_display"],
        widget=LabelChoiceWidget(Gender.choices, {"K": Gender.FEMALE, "E": Gender.MALE, "Kadın": Gender.FEMALE}),
    )
    neighbourhood = fields.Field(
        attribute="neighbourhood", column_name=HEADING["neighbourhood"], widget=NeighbourhoodWidget()
    )
    connection = fields.Field(
        attribute="connection",
        column_name=HEADING["get_connection_display"],
        widget=LabelChoiceWidget(
            Membership.Connection.choices, {"yaşıyor": "lives", "çalışıyor": "works", "okuyor": "studies"}
        ),
    )
    workplace_or_school = fields.Field(attribute="workplace_or_school", column_name=HEADING["workplace_or_school"])
    guardian_name = fields.Field(attribute="guardian_name", column_name=HEADING["guardian_name"])
    guardian_relationship = fields.Field(
        attribute="guardian_relationship", column_name=HEADING["guardian_relationship"]
    )
    guardian_phone = fields.Field(attribute="guardian_phone", column_name=HEADING["guardian_phone"])
    state = fields.Field(
        attribute="state",
        column_name=HEADING["get_state_display"],
        widget=LabelChoiceWidget(Membership.State.choices, default=Membership.State.APPROVED),
    )

    class Meta:
        model = Membership
        fields = [
            "full_name",
            "email",
            "phone",
            "birth_date",
            "gender",
            "neighbourhood",
            "connection",
            "workplace_or_school",
            "guardian_name",
            "guardian_relationship",
            "guardian_phone",
            "state",
        ]
        import_id_fields = []
        force_init_instance = True  # every row is a new membership; duplicates are found below
        skip_diff = True
        use_bulk = True
        batch_size = 1000
        clean_model_instances = False

    def __init__(self, assembly, **kwargs):
        super().__init__(**kwargs)
        self.assembly = assembly
        existing = Membership.objects.filter(assembly=assembly).values_list("email", "phone_digits")
        self.emails = {email for email, _phone in existing if email}
        self.phones = {phone for _email, phone in existing if phone}
        self.duplicates = {}  # row number within the chunk -> reason
        self.row_number = 0

    def before_import_row(self, row, **kwargs):
        self.row_number = kwargs.get("row_number", self.row_number + 1)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        # A paper roster lists members; a "Durum" column, when there is one, says otherwise.
        instance.state = Membership.State.APPROVED
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.assembly = self.assembly
        instance.source = Membership.Source.IMPORT
        instance.full_name = " ".join((instance.full_name or "").split())
        instance.email = (instance.email or "").strip().lower()
        instance.phone = (instance.phone or "").strip()
        instance.phone_digits = normalise_phone(instance.phone)
        if not instance.full_name:
            errors.setdefault("full_name", []).append(_("The name is missing."))
        if instance.email:
            try:
                validate_email(instance.email)
            except ValidationError:
                errors.setdefault("email", []).append(
                    _("“%(value)s” is not an e-mail address.") % {"value": instance.email}
                )
        if not instance.email and not instance.phone_digits:
            errors.setdefault("phone", []).append(_("An e-mail address or a phone number is needed."))
        if instance.phone and not 10 <= len(instance.phone_digits) <= 11:
            errors.setdefault("phone", []).append(_("“%(value)s” is not a phone number.") % {"value": instance.phone})
        if instance.birth_date and instance.birth_date > timezone.localdate():
            errors.setdefault("birth_date", []).append(_("The birth date cannot be in the future."))
        if instance.is_minor and not (instance.guardian_name and instance.guardian_phone):
            errors.setdefault("guardian_name", []).append(
                _("Under 18: the parent or guardian and their phone are needed.")
            )
        if not instance.connection and instance.neighbourhood_id:
            instance.connection = Membership.Connection.LIVES
        if instance.state == Membership.State.APPROVED:
            instance.decided_at = timezone.now()
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        if instance.email and instance.email in self.emails:
            self.duplicates[self.row_number] = _("Already on the roster: the same e-mail address (%(email)s).") % {
                "email": instance.email
            }
            return True
        if instance.phone_digits and instance.phone_digits in self.phones:
            self.duplicates[self.row_number] = _("Already on the roster: the same phone number (%(phone)s).") % {
                "phone": instance.phone
            }
            return True
        if instance.email:
            self.emails.add(instance.email)
        if instance.phone_digits:
            self.phones.add(instance.phone_digits)
        return False


def template_dataset():
    """An empty roster with the columns the import reads, for people to fill in."""
    return tablib.Dataset(headers=[field.column_name for field in RosterResource(assembly=None).get_import_fields()])


def read_dataset(fileobj, name):
    """The roster file as a tablib Dataset (see config.spreadsheets)."""
    return spreadsheets.read_dataset(fileobj, name, NAME_COLUMN)


def check(roster_import):
    _run(roster_import, confirm=False)


def confirm(roster_import):
    _run(roster_import, confirm=True)


def _run(roster_import, confirm):
    status = RosterImport.Status
    RosterImport.objects.filter(pk=roster_import.pk).update(
        status=status.IMPORTING if confirm else status.CHECKING, processed_rows=0
    )
    try:
        with roster_import.file.open("rb") as fileobj:
            dataset = read_dataset(fileobj, roster_import.original_name)
    except (SpreadsheetError, OSError) as error:
        _finish(roster_import, status.FAILED, failure=str(error))
        return
    total = len(dataset)
    RosterImport.objects.filter(pk=roster_import.pk).update(total_rows=total)
    resource = RosterResource(assembly=roster_import.assembly)
    problems, counts = [], {"new": 0, "duplicate": 0, "error": 0}
    for start in range(0, total, CHUNK_SIZE):
        chunk = tablib.Dataset(*dataset[start : start + CHUNK_SIZE], headers=dataset.headers)
        resource.duplicates = {}
        result = resource.import_data(
            chunk,
            dry_run=not confirm,
            use_transactions=confirm,
            raise_errors=False,
            retain_instance_in_row_result=confirm,
        )
        created = []
        for index, row_result in enumerate(result.rows):
            line = start + index + 2  # the spreadsheet's line: 1 is the header
            name = str(chunk[index][chunk.headers.index(NAME_COLUMN)] if NAME_COLUMN in chunk.headers else "")
            if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
                counts["new"] += 1
                if confirm and row_result.instance is not None:
                    created.append(row_result.instance)
            elif row_result.import_type == RowResult.IMPORT_TYPE_SKIP:
                counts["duplicate"] += 1
                problems.append(
                    {"line": line, "name": name, "kind": "duplicate", "reason": resource.duplicates.get(index + 1, "")}
                )
            else:
                counts["error"] += 1
                problems.append(
                    {
                        "line": line,
                        "name": name,
                        "kind": "error",
                        "reason": spreadsheets.row_problem(resource, row_result),
                    }
                )
        if created:
            with transaction.atomic():
                MembershipEvent.objects.bulk_create(
                    MembershipEvent(
                        membership_id=m.pk,
                        actor=roster_import.created_by,
                        to_state=m.state,
                        reason=_("Imported roster"),
                    )
                    for m in created
                    if m.pk
                )
        RosterImport.objects.filter(pk=roster_import.pk).update(processed_rows=min(start + CHUNK_SIZE, total))
    fields = {
        "new_count": counts["new"],
        "duplicate_count": counts["duplicate"],
        "error_count": counts["error"],
        "problems": problems[:MAX_PROBLEMS_STORED],
        "processed_rows": total,
    }
    if confirm:
        fields["imported_count"] = counts["new"]
        roster_import.file.delete(save=False)  # the people are on the roster now; the upload is not needed
        fields["file"] = ""
    _finish(roster_import, status.DONE if confirm else status.CHECKED, **fields)


def _finish(roster_import, new_status, **fields):
    RosterImport.objects.filter(pk=roster_import.pk).update(status=new_status, finished_at=timezone.now(), **fields)
    roster_import.refresh_from_db()
