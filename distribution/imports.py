"""The recipient book in and out of spreadsheets, through django-import-export.

`check(recipient_import)` is the dry run: every row is validated and compared with
the book and with the rows above it, nothing is written. `confirm(recipient_import)`
imports the good rows. Both go through the file in chunks and record their progress
for the admin's progress bar. A row is a duplicate when its UAVT code, or its
normalised name and address (`Recipient.match_key`), is already in the book or on
an earlier line; the confirm step commits each chunk, so running it again finds
the rows it already imported as duplicates and never doubles anyone.

Rows are created with `bulk_create`, which skips `Recipient.save()`: the sort and
match keys are computed here, and the lists are set with one bulk insert of the
through table per batch.
"""

import decimal

import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from config import spreadsheets
from config.spreadsheets import LabelChoiceWidget, NeighbourhoodWidget, SpreadsheetError, loose_key
from distribution.apps import remember_place
from distribution.models import Recipient, RecipientImport, RecipientList
from places import turkish

# The book's columns: (field, heading). Headings are data, in Turkish, as people write them.
COLUMNS = [
    ("kind", "Tür"),
    ("name", "Ad"),
    ("contact_person", "İlgili kişi"),
    ("phone", "Telefon"),
    ("email", "E-posta"),
    ("neighbourhood", "Mahalle"),
    ("street", "Cadde/Sokak"),
    ("building_no", "Dış kapı no"),
    ("door_no", "İç kapı no"),
    ("site_block", "Site/Blok"),
    ("postcode", "Posta kodu"),
    ("uavt_code", "UAVT kodu"),
    ("latitude", "Enlem"),
    ("longitude", "Boylam"),
    ("list_names", "Listeler"),
    ("active", "Etkin"),
]
HEADING = dict(COLUMNS)
NAME_COLUMN = HEADING["name"]
LIST_SEPARATOR = ";"

CHUNK_SIZE = 2000
MAX_PROBLEMS_STORED = 5000
# Checked by the import itself, not by Model.clean_fields(): a foreign key's check is a query per row.
NOT_CLEANED = ["neighbourhood", "lists", "sort_key", "match_key", "created_at"]


class TextWidget(widgets.CharWidget):
    """Text with spaces tidied; Excel's numbers (a door number 12, a UAVT code) read as they were typed."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return " ".join(str(value if value is not None else "").split())


class CoordinateWidget(widgets.Widget):
    """A latitude or longitude, with a decimal point or the Turkish decimal comma."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            number = decimal.Decimal(str(value).strip().replace(",", "."))
        except decimal.InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        if not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
        return number.quantize(decimal.Decimal("0.000001"))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class YesNoWidget(widgets.Widget):
    """Evet/Hayır, yes/no, 1/0, true/false; empty is yes."""

    YES = {"evet", "e", "yes", "y", "1", "true", "doğru", "var", "etkin", "x"}
    NO = {"hayır", "hayir", "h", "no", "n", "0", "false", "yanlış", "yok", "değil"}

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return True
        if isinstance(value, bool):
            return value
        text = turkish.lower(str(value).strip())
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("“%(value)s” is neither yes (Evet) nor no (Hayır).") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "Evet" if value else "Hayır"


class ListNamesWidget(widgets.Widget):
    """List names separated by semicolons: "Muhtarlar; Kültür bülteni aboneleri"."""

    def clean(self, value, row=None, **kwargs):
        names = (" ".join(part.split()) for part in str(value or "").split(LIST_SEPARATOR))
        return list(dict.fromkeys(name for name in names if name))

    def render(self, value, obj=None, **kwargs):
        return f"{LIST_SEPARATOR} ".join(value or [])


def kind_choices():
    """Each type by its Turkish and its English label, and by its code."""
    choices = []
    for language in ("tr", "en"):
        with translation.override(language):
            choices += [(code, str(label)) for code, label in Recipient.Kind.choices]
    return choices


# Short names people write in the type column, beside the labels.
KIND_ALIASES = {
    "Dernek": Recipient.Kind.ASSOCIATION,
    "Vakıf": Recipient.Kind.ASSOCIATION,
    "Kurum": Recipient.Kind.PUBLIC_INSTITUTION,
    "Cami": Recipient.Kind.PLACE_OF_WORSHIP,
    "Dükkan": Recipient.Kind.SHOP,
    "Esnaf": Recipient.Kind.SHOP,
    "Firma": Recipient.Kind.COMPANY,
    "Birey": Recipient.Kind.INDIVIDUAL,
}


def text_field(name, **kwargs):
    return fields.Field(attribute=name, column_name=HEADING[name], widget=TextWidget(), **kwargs)


class RecipientResource(resources.ModelResource):
    """The recipient book's columns, read into new recipients and written out for Excel."""

    kind = fields.Field(
        attribute="kind",
        column_name=HEADING["kind"],
        widget=LabelChoiceWidget(kind_choices(), KIND_ALIASES, default=Recipient.Kind.OTHER),
    )
    name = text_field("name")
    contact_person = text_field("contact_person")
    phone = text_field("phone")
    email = text_field("email")
    neighbourhood = fields.Field(
        attribute="neighbourhood", column_name=HEADING["neighbourhood"], widget=NeighbourhoodWidget()
    )
    street = text_field("street")
    building_no = text_field("building_no")
    door_no = text_field("door_no")
    site_block = text_field("site_block")
    postcode = text_field("postcode")
    uavt_code = text_field("uavt_code")
    latitude = fields.Field(attribute="latitude", column_name=HEADING["latitude"], widget=CoordinateWidget())
    longitude = fields.Field(attribute="longitude", column_name=HEADING["longitude"], widget=CoordinateWidget())
    list_names = fields.Field(attribute="list_names", column_name=HEADING["list_names"], widget=ListNamesWidget())
    active = fields.Field(attribute="active", column_name=HEADING["active"], widget=YesNoWidget())

    class Meta:
        model = Recipient
        fields = [name for name, _heading in COLUMNS]
        import_id_fields = []
        force_init_instance = True  # every row is a new recipient; duplicates are found below
        skip_diff = True
        use_bulk = True
        batch_size = 1000
        clean_model_instances = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.line_offset = 1  # the file's line before the current chunk's first row (1: the header)
        self.line = 0
        self.problems = {}  # line -> reason, for the duplicates of the current chunk
        # UAVT code, and match key -> who has it: (None, name) in the book, (line, name) earlier in the file.
        self.by_uavt = {}
        self.by_match = {}
        self.lists = None  # loose name key -> RecipientList, loaded when the first row with lists is saved

    def load_book(self):
        """The book's UAVT codes and match keys, read once per run rather than a query per row."""
        for name, code, match_key in Recipient.objects.values_list("name", "uavt_code", "match_key").iterator():
            if code:
                self.by_uavt[code] = (None, name)
            self.by_match[match_key] = (None, name)

    def dehydrate_kind(self, recipient):
        return recipient.get_kind_display()

    def dehydrate_list_names(self, recipient):
        return f"{LIST_SEPARATOR} ".join(recipient_list.name for recipient_list in recipient.lists.all())

    def get_queryset(self):
        return Recipient.objects.select_related("neighbourhood").prefetch_related("lists").in_turkish_order()

    def before_import_row(self, row, **kwargs):
        self.line = self.line_offset + kwargs["row_number"]

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        instance.list_names = []
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.email = (instance.email or "").lower()
        instance.uavt_code = instance.uavt_code or None
        if not instance.name:
            errors.setdefault("name", []).append(_("The name is missing."))
        if not instance.neighbourhood_id and "neighbourhood" not in errors:
            errors["neighbourhood"] = [_("The neighbourhood (mahalle) is missing.")]
        if not instance.street:
            errors.setdefault("street", []).append(_("The avenue or street is missing."))
        try:
            instance.clean_fields(exclude=NOT_CLEANED + list(errors))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if (instance.latitude is None) != (instance.longitude is None) and "latitude" not in errors:
            errors.setdefault("latitude", []).append(_("Give both the latitude and the longitude, or neither."))
        if errors:
            raise ValidationError(errors)
        instance.sort_key = turkish.sort_key(instance.name)
        instance.match_key = instance.compute_match_key()

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        code = instance.uavt_code
        if code and code in self.by_uavt:
            line, name = self.by_uavt[code]
            if line is None:
                reason = _("Already in the book: “%(name)s” has the same UAVT code (%(code)s).")
            else:
                reason = _("Line %(line)s (“%(name)s”) has the same UAVT code (%(code)s).")
            self.problems[self.line] = reason % {"name": name, "code": code, "line": line}
            return True
        if instance.match_key in self.by_match:
            line, name = self.by_match[instance.match_key]
            if line is None:
                reason = _("Already in the book: “%(name)s” at the same address.")
            else:
                reason = _("Line %(line)s (“%(name)s”) has the same name and address.")
            self.problems[self.line] = reason % {"name": name, "line": line}
            return True
        if code:
            self.by_uavt[code] = (self.line, instance.name)
        self.by_match[instance.match_key] = (self.line, instance.name)
        return False

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Write the batch, with its lists, on confirm; a dry run writes nothing at all."""
        if dry_run:
            self.create_instances.clear()
            return
        created = list(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)
        try:
            self.add_to_lists(created)
            for recipient in created:
                remember_place(recipient)  # bulk_create sends no post_save
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)

    def add_to_lists(self, recipients):
        wanted = [recipient for recipient in recipients if recipient.list_names and recipient.pk]
        if not wanted:
            return
        if self.lists is None:
            self.lists = {loose_key(found.name): found for found in RecipientList.objects.all()}
        through = Recipient.lists.through
        links = []
        for recipient in wanted:
            for name in recipient.list_names:
                recipient_list = self.lists.get(loose_key(name))
                if recipient_list is None:
                    recipient_list = self.lists[loose_key(name)] = RecipientList.objects.create(name=name)
                links.append(through(recipient_id=recipient.pk, recipientlist_id=recipient_list.pk))
        through.objects.bulk_create(links, ignore_conflicts=True)


def template_dataset():
    """An empty book with the columns the import reads, for people to fill in."""
    return tablib.Dataset(headers=[heading for _name, heading in COLUMNS])


def export_dataset():
    """The whole book in the import's columns: an export re-imports as duplicates only."""
    return RecipientResource().export()


def read_dataset(fileobj, name):
    """The uploaded book as a tablib Dataset (see config.spreadsheets)."""
    return spreadsheets.read_dataset(fileobj, name, NAME_COLUMN)


def check(recipient_import):
    _run(recipient_import, confirm=False)


def confirm(recipient_import):
    _run(recipient_import, confirm=True)


def _run(recipient_import, confirm):
    status = RecipientImport.Status
    imports = RecipientImport.objects.filter(pk=recipient_import.pk)
    imports.update(status=status.IMPORTING if confirm else status.CHECKING, processed_rows=0)
    try:
        with recipient_import.file.open("rb") as fileobj:
            dataset = read_dataset(fileobj, recipient_import.original_name)
    except (SpreadsheetError, OSError) as error:
        _finish(recipient_import, status.FAILED, failure=str(error))
        return
    total = len(dataset)
    imports.update(total_rows=total)
    resource = RecipientResource()
    resource.load_book()
    name_index = dataset.headers.index(NAME_COLUMN)
    problems, counts = [], {"new": 0, "duplicate": 0, "error": 0}
    for start in range(0, total, CHUNK_SIZE):
        chunk = tablib.Dataset(*dataset[start : start + CHUNK_SIZE], headers=dataset.headers)
        resource.line_offset = start + 1  # line 1 is the header
        resource.problems = {}
        result = resource.import_data(chunk, dry_run=not confirm, use_transactions=True, raise_errors=False)
        if result.base_errors:
            _finish(
                recipient_import,
                status.FAILED,
                failure=_("The import stopped at line %(line)s: %(error)s")
                % {"line": start + 2, "error": result.base_errors[0].error},
            )
            return
        for index, row_result in enumerate(result.rows):
            line = start + index + 2
            name = str(chunk[index][name_index] or "")
            if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
                counts["new"] += 1
            elif row_result.import_type == RowResult.IMPORT_TYPE_SKIP:
                counts["duplicate"] += 1
                problems.append(
                    {"line": line, "name": name, "kind": "duplicate", "reason": resource.problems.get(line, "")}
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
        imports.update(processed_rows=min(start + CHUNK_SIZE, total))
    fields = {
        "new_count": counts["new"],
        "duplicate_count": counts["duplicate"],
        "error_count": counts["error"],
        "problems": problems[:MAX_PROBLEMS_STORED],
        "processed_rows": total,
    }
    if confirm:
        fields["imported_count"] = counts["new"]
        recipient_import.file.delete(save=False)  # the recipients are in the book now; the upload is not needed
        fields["file"] = ""
    _finish(recipient_import, status.DONE if confirm else status.CHECKED, **fields)


def _finish(recipient_import, new_status, **fields):
    RecipientImport.objects.filter(pk=recipient_import.pk).update(
        status=new_status, finished_at=timezone.now(), **fields
    )
    recipient_import.refresh_from_db()
