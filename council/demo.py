"""Demo content for the council's work: its bodies and seats over two terms, three meetings of 2020-2021
with their minutes, eight opinions at every step of their way through the municipal council, and a few
members' agreements to receive bulletins.

The organisations are of the kinds the 2020 annual report names (professional chambers, unions, NGOs,
political parties, public institutions, a university, the 37 muhtarlıks, the five assemblies); their names
are invented, as are all the people. The opinions come from the report's topics: the informational meetings
on stray animals and rubble collection, and the assemblies' projects.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from assemblies.coordinators import ensure_coordinator_group
from assemblies.models import Membership
from council import meetings
from council.access import SECRETARIAT, ensure_secretariat_group, grant_coordinators
from council.models import (
    AgendaItem,
    Attendance,
    Body,
    BulletinConsent,
    CouncilPage,
    Meeting,
    Opinion,
    OpinionStep,
    Organisation,
    QuorumRule,
    Seat,
    Topic,
)
from council.opinions import form_opinion, record_step
from places import turkish
from places.models import Neighbourhood

SECRETARIAT_USER = ("sekreterya@kentkonseyi.test", "Derya", "Karaca")

PAGE = {
    "tr": {
        "slug": "kurullar",
        "title": "Kurullar ve Görüşler",
        "intro": "Kent Konseyi'nin kurullarında kimlerin görev yaptığı, toplantılarda neyin kararlaştırıldığı ve "
        "Konsey'in belediyeye sunduğu her görüşün Belediye Meclisi'nde nerede olduğu.",
    },
    "en": {
        "slug": "council",
        "title": "Council bodies and opinions",
        "intro": "Who sits on the City Council's bodies, what each meeting decided, and where every opinion the "
        "council sent to the municipality stands at the municipal council.",
    },
}

# The 2020 general assembly's term, the history the public pages show, and the term now running.
PAST_TERM = (date(2020, 1, 15), date(2022, 12, 31))
CURRENT_TERM = (date(2023, 1, 16), date(2027, 12, 31))

ORGANISATIONS = [
    (Organisation.Kind.MUNICIPALITY, "Ümraniye Belediyesi"),
    (Organisation.Kind.PUBLIC, "Ümraniye Kaymakamlığı"),
    (Organisation.Kind.PUBLIC, "Ümraniye İlçe Milli Eğitim Müdürlüğü"),
    (Organisation.Kind.PUBLIC, "Ümraniye İlçe Sağlık Müdürlüğü"),
    (Organisation.Kind.PUBLIC, "Ümraniye İlçe Müftülüğü"),
    (Organisation.Kind.UNIVERSITY, "Anadolu Yakası Üniversitesi"),
    (Organisation.Kind.CHAMBER, "Ümraniye Esnaf ve Sanatkârlar Odası"),
    (Organisation.Kind.CHAMBER, "Mimarlar Odası Anadolu Yakası Temsilciliği"),
    (Organisation.Kind.CHAMBER, "İnşaat Mühendisleri Odası Ümraniye Temsilciliği"),
    (Organisation.Kind.CHAMBER, "Veteriner Hekimler Odası Ümraniye Temsilciliği"),
    (Organisation.Kind.CHAMBER, "Mali Müşavirler Odası Ümraniye Temsilciliği"),
    (Organisation.Kind.UNION, "Yerel Yönetim Çalışanları Sendikası Ümraniye Şubesi"),
    (Organisation.Kind.UNION, "Eğitim Emekçileri Birliği Sendikası Ümraniye Temsilciliği"),
    (Organisation.Kind.UNION, "Sağlık Çalışanları Sendikası Ümraniye Temsilciliği"),
    (Organisation.Kind.NGO, "Alemdağ Hayvan Dostları Derneği"),
    (Organisation.Kind.NGO, "Ümraniye Engelliler Dayanışma Derneği"),
    (Organisation.Kind.NGO, "Ümraniye Kadın Girişimciler Derneği"),
    (Organisation.Kind.NGO, "Ümraniye Hemşehri Dernekleri Federasyonu"),
    (Organisation.Kind.NGO, "Çakmak Gençlik ve Spor Kulübü Derneği"),
    (Organisation.Kind.NGO, "Kent Gönüllüleri Vakfı"),
    (Organisation.Kind.NGO, "Ümraniye Emekliler Derneği"),
    (Organisation.Kind.PARTY, "Cumhuriyet ve Kalkınma Partisi Ümraniye İlçe Başkanlığı"),
    (Organisation.Kind.PARTY, "Halkın Birliği Partisi Ümraniye İlçe Başkanlığı"),
    (Organisation.Kind.PARTY, "Yeni Demokrasi Partisi Ümraniye İlçe Başkanlığı"),
    (Organisation.Kind.PARTY, "Yeşil Gelecek Partisi Ümraniye İlçe Başkanlığı"),
]
ASSEMBLY_KEYS = ["kadin", "genclik", "cocuk", "engelli", "kidemli"]

FEMALE = [
    "Ayşe",
    "Fatma",
    "Zeynep",
    "Elif",
    "Hatice",
    "Merve",
    "Özlem",
    "İpek",
    "Gül",
    "Sibel",
    "Nurcan",
    "Aslı",
    "Esra",
    "Filiz",
    "Sevim",
    "Tuba",
    "Canan",
    "Dilek",
    "Emine",
    "Gonca",
    "Hülya",
    "Leyla",
    "Nilüfer",
    "Pınar",
]
FEMALE += ["Selma", "Şule", "Yasemin", "Burcu", "Ceren", "Ebru"]
MALE = [
    "Mehmet",
    "Mustafa",
    "Ahmet",
    "Ali",
    "Hüseyin",
    "Emre",
    "Can",
    "Oğuz",
    "İsmail",
    "Ömer",
    "Bülent",
    "Cengiz",
    "Erdal",
    "Fikret",
    "Gökhan",
    "Halil",
    "Kemal",
    "Levent",
    "Murat",
    "Nihat",
    "Orhan",
    "Recep",
    "Serkan",
    "Tarık",
]
MALE += ["Ufuk", "Volkan", "Yusuf", "Zafer", "Barış", "Cem"]
SURNAMES = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
    "Kurt",
    "Özkan",
    "Şimşek",
    "Polat",
    "Erdoğan",
    "Güneş",
    "Aksoy",
    "Bozkurt",
    "Çakır",
    "Duman",
    "Ekinci",
    "Güler",
    "Işık",
    "Karaca",
    "Keskin",
    "Oral",
    "Sarı",
    "Tekin",
    "Uysal",
    "Varol",
    "Yavuz",
    "Zengin",
    "Akın",
    "Bayram",
    "Coşkun",
    "Demirel",
    "Eren",
    "Gür",
    "Kaplan",
]

PLACE = ("Ümraniye Kent Konseyi Toplantı Salonu", "Atatürk Mahallesi, Ümraniye / İstanbul")
ASSEMBLY_HALL = ("Ümraniye Belediyesi Meclis Salonu", "Atatürk Mahallesi, Ümraniye / İstanbul")
# The municipal council's ordinary meetings: the first Wednesday of the month.
COUNCIL = {
    "nov20": date(2020, 11, 4),
    "dec20": date(2020, 12, 2),
    "jan21": date(2021, 1, 6),
    "dec21": date(2021, 12, 1),
}


def load(home, english, assemblies, child, translate, make_user):
    """Idempotent: the council's page in both languages, the secretariat's login, and the council's records."""
    page = _page(home, english, child, translate)
    secretariat = make_user(*SECRETARIAT_USER)
    secretariat.groups.add(ensure_secretariat_group())
    for key in ASSEMBLY_KEYS:
        grant_coordinators(ensure_coordinator_group(assemblies[key]))
    if not Body.objects.filter(slug="genel-kurul").exists():
        Records(assemblies, secretariat).build()
    _coming_meetings()
    _meeting_to_record()
    _bulletin_consents(assemblies)
    return page


COMING = [
    (
        "genel-kurul",
        24,
        14,
        ASSEMBLY_HALL,
        "Genel Kurul Kış Toplantısı",
        [
            ("Açılış ve yoklama", ""),
            ("Görüşlerin Belediye Meclisi'ndeki durumu", "Yürütme Kurulu'nun görüş izleme raporu."),
            ("Sokak hayvanları çalışma grubunun raporu", ""),
            ("Dilek ve temenniler", ""),
        ],
    ),
    (
        "kadin-meclisi-yurutme-kurulu",
        10,
        18,
        PLACE,
        "",
        [
            ("Girişimcilik komisyonunun semt pazarı çalışması", ""),
            ("Yılbaşı dayanışma ziyaretlerinin planı", ""),
        ],
    ),
]


def _meeting_to_record():
    """A Kadın Meclisi board meeting held last week, announced in time, whose attendance and minutes the
    coordinator has still to record."""
    body = Body.objects.filter(slug="kadin-meclisi-yurutme-kurulu").first()
    now = timezone.now()
    if body is None or body.meetings.filter(starts_at__lt=now, attendance_closed_at__isnull=True).exists():
        return
    day = timezone.localdate() - timedelta(days=6)
    meeting = meetings.convene(
        body,
        _at(day, 18),
        PLACE[0],
        [
            ("Açılış ve yoklama", "", []),
            ("Kadın üreticiler pazarının ilk ayı", "Girişimcilik komisyonunun raporu.", []),
            ("Sokak hayvanları için mahalle gönüllüleri", "", []),
        ],
        ends_at=_at(day, 20),
        address=PLACE[1],
    )
    Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=_at(day - timedelta(days=8), 10))


def _coming_meetings():
    """A meeting ahead for the Genel Kurul and the Kadın Meclisi's board, convened and not yet announced, so the
    secretariat and the coordinator have invitations to send (in good time: more than the notice ahead)."""
    today = timezone.localdate()
    for slug, days, hour, place, title, items in COMING:
        body = Body.objects.filter(slug=slug).first()
        if body is None or body.meetings.upcoming().exists():
            continue
        meetings.convene(
            body,
            _at(today + timedelta(days=days), hour),
            place[0],
            [(item, text, []) for item, text in items],
            ends_at=_at(today + timedelta(days=days), hour + 2),
            address=place[1],
            title=title,
        )


def _page(home, english, child, translate):
    tr, en = PAGE["tr"], PAGE["en"]
    new = not CouncilPage.objects.filter(locale=home.locale).exists()
    page = child(home, CouncilPage, tr["slug"], title=tr["title"], intro=tr["intro"], show_in_menus=True)
    if new:
        # In the menu beside "Kent Konseyi", the page it continues.
        about = home.get_children().filter(slug="kent-konseyi").first()
        if about is not None:
            page.move(about, pos="right")
            page.refresh_from_db()
    translation = page.get_translation_or_none(english)
    page_en = translate(page, english, slug=en["slug"], title=en["title"], intro=en["intro"])
    if translation is None and new:
        about_en = about.get_translation_or_none(english) if about is not None else None
        if about_en is not None:
            page_en.move(about_en, pos="right")
    return page


def _at(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class Records:
    """The bodies, seats, meetings and opinions, built once in a fresh database."""

    def __init__(self, assemblies, secretariat):
        self.assemblies = assemblies
        self.secretariat = secretariat
        self.rng = random.Random(2020)
        self.used_names = set()

    def person(self, female=None):
        female = self.rng.random() < 0.5 if female is None else female
        while True:
            name = f"{self.rng.choice(FEMALE if female else MALE)} {self.rng.choice(SURNAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def email(self, name):
        return f"{turkish.slugify(name).replace('-', '.')}@ornek.test"

    def phone(self):
        rng = self.rng
        return f"05{rng.randint(30, 55)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"

    def build(self):
        self.presidents = {}
        for assembly in self.assemblies.values():
            board = list(assembly.board_members.all())
            self.used_names.update(member.name for member in board)
            self.presidents[assembly.title] = next((m.name for m in board if m.position == "president"), None)
        self.organisations()
        self.bodies()
        self.meetings()
        self.opinions()

    # Organisations, bodies, seats

    def organisations(self):
        rows = list(ORGANISATIONS)
        rows += [(Organisation.Kind.ASSEMBLY, self.assemblies[key].title) for key in ASSEMBLY_KEYS]
        existing = set(Organisation.objects.values_list("name", flat=True))
        new = [Organisation(kind=kind, name=name, sort_key=turkish.sort_key(name)) for kind, name in rows]
        for place in Neighbourhood.objects.in_turkish_order():
            name = f"{place.name} Mahallesi Muhtarlığı"
            new.append(Organisation(kind=Organisation.Kind.MUHTAR, name=name, neighbourhood=place))
        for organisation in new:
            organisation.sort_key = turkish.sort_key(organisation.name)
        Organisation.objects.bulk_create([org for org in new if org.name not in existing])
        self.orgs = {org.name: org for org in Organisation.objects.all()}
        self.assembly_orgs = {key: self.orgs[self.assemblies[key].title] for key in ASSEMBLY_KEYS}

    def bodies(self):
        self.general = Body.objects.create(
            name="Genel Kurul",
            slug="genel-kurul",
            kind=Body.Kind.GENERAL_ASSEMBLY,
            description="Kent Konseyi'ni oluşturan kurum ve kuruluşların, muhtarların ve meclislerin "
            "temsilcilerinden oluşur; yılda en az iki kez toplanır ve Konsey'in görüşlerini oluşturur.",
            notice_days=15,
            sort_order=10,
        )
        self.executive = Body.objects.create(
            name="Yürütme Kurulu",
            slug="yurutme-kurulu",
            kind=Body.Kind.EXECUTIVE,
            description="Genel Kurul'un seçtiği başkan ve üyelerden oluşur; Genel Kurul kararlarını belediyeye "
            "iletir ve izler, meclislerin çalışmalarını eşgüdümler.",
            notice_days=7,
            sort_order=20,
        )
        seats = []
        # The general assembly: one seat per organisation in each term; a few stand vacant.
        orgs = sorted(self.orgs.values(), key=lambda org: org.sort_key)
        past_holders = {}
        vacant_past = {"Yeşil Gelecek Partisi Ümraniye İlçe Başkanlığı", "Ümraniye İlçe Müftülüğü"}
        vacant_now = {
            "Sağlık Çalışanları Sendikası Ümraniye Temsilciliği",
            "Kent Gönüllüleri Vakfı",
            "Hekimbaşı Mahallesi Muhtarlığı",
        }
        president_org = self.orgs["Ümraniye Hemşehri Dernekleri Federasyonu"]
        for term, vacant in ((PAST_TERM, vacant_past), (CURRENT_TERM, vacant_now)):
            for order, org in enumerate(orgs):
                seat = Seat(body=self.general, organisation=org, starts_on=term[0], ends_on=term[1], sort_order=order)
                if org.name not in vacant:
                    # Most organisations named the same representative again for the new term.
                    if self.presidents.get(org.name):
                        seat.holder_name = self.presidents[org.name]  # an assembly sits through its president
                    elif term is CURRENT_TERM and org.pk in past_holders and self.rng.random() < 0.6:
                        seat.holder_name = past_holders[org.pk]
                    else:
                        seat.holder_name = self.person()
                    past_holders[org.pk] = seat.holder_name
                    seat.holder_email = self.email(seat.holder_name)
                    seat.holder_phone = self.phone() if self.rng.random() < 0.7 else ""
                    if org.kind not in (Organisation.Kind.MUHTAR, Organisation.Kind.ASSEMBLY):
                        seat.substitute_name = self.person()
                        seat.substitute_email = self.email(seat.substitute_name)
                if org == president_org:
                    seat.role = Seat.Role.PRESIDENT
                    seat.sort_order = -1
                seats.append(seat)
        Seat.objects.bulk_create(seats)
        general_seats = list(self.general.seats.filled().select_related("organisation"))
        # The executive board: elected by the general assembly from its members, for each term.
        for term, size in ((PAST_TERM, 9), (CURRENT_TERM, 10)):
            members = [seat for seat in general_seats if seat.starts_on == term[0]]
            president = next(seat for seat in members if seat.role == Seat.Role.PRESIDENT)
            others = self.rng.sample([seat for seat in members if seat is not president], size - 1)
            roles = [Seat.Role.PRESIDENT, Seat.Role.VICE_PRESIDENT, Seat.Role.SECRETARY_GENERAL]
            roles += [Seat.Role.MEMBER] * (size - 3)
            Seat.objects.bulk_create(
                Seat(
                    body=self.executive,
                    role=role,
                    organisation=seat.organisation,
                    holder_name=seat.holder_name,
                    holder_email=seat.holder_email,
                    holder_phone=seat.holder_phone,
                    starts_on=term[0],
                    ends_on=term[1],
                    sort_order=order,
                )
                for order, (role, seat) in enumerate(zip(roles, [president, *others], strict=True))
            )
        self.assembly_boards()
        self.working_groups()

    def assembly_boards(self):
        roles = {
            "president": Seat.Role.PRESIDENT,
            "vice_president": Seat.Role.VICE_PRESIDENT,
            "secretary": Seat.Role.SECRETARY_GENERAL,
            "spokesperson": Seat.Role.SPOKESPERSON,
        }
        self.boards = {}
        for order, key in enumerate(ASSEMBLY_KEYS):
            assembly = self.assemblies[key]
            board = Body.objects.create(
                name=f"{assembly.title} Yürütme Kurulu",
                slug=f"{assembly.slug}-yurutme-kurulu",
                kind=Body.Kind.ASSEMBLY_BOARD,
                assembly=assembly,
                description=f"{assembly.title}'nin seçilmiş yönetimi; meclisin çalışma programını hazırlar.",
                notice_days=5,
                sort_order=30 + order,
            )
            people = [
                (member.name, roles.get(member.position, Seat.Role.MEMBER)) for member in assembly.board_members.all()
            ]
            women = assembly.women_only
            people += [(self.person(female=True if women else None), Seat.Role.MEMBER) for _ in range(2)]
            Seat.objects.bulk_create(
                Seat(
                    body=board,
                    role=role,
                    organisation=self.assembly_orgs[key],
                    holder_name=name,
                    holder_email=self.email(name),
                    holder_phone=self.phone() if index % 3 else "",
                    starts_on=CURRENT_TERM[0],
                    ends_on=CURRENT_TERM[1],
                    sort_order=index,
                )
                for index, (name, role) in enumerate(people)
            )
            self.boards[key] = board

    def working_groups(self):
        groups = [
            (
                "Sokak Hayvanları Çalışma Grubu",
                "sokak-hayvanlari",
                None,
                "Sokak hayvanlarının bakımı, kısırlaştırma ve sahiplendirme",
                [
                    "Veteriner Hekimler Odası Ümraniye Temsilciliği",
                    "Alemdağ Hayvan Dostları Derneği",
                    "Anadolu Yakası Üniversitesi",
                    "Ümraniye Belediyesi",
                    "Tantavi Mahallesi Muhtarlığı",
                ],
            ),
            (
                "Kent Temizliği Çalışma Grubu",
                "kent-temizligi",
                None,
                "Moloz alımı, çöp toplama ve ilaçlama",
                [
                    "İnşaat Mühendisleri Odası Ümraniye Temsilciliği",
                    "Ümraniye Esnaf ve Sanatkârlar Odası",
                    "Yerel Yönetim Çalışanları Sendikası Ümraniye Şubesi",
                    "Çakmak Mahallesi Muhtarlığı",
                    "İnkılap Mahallesi Muhtarlığı",
                ],
            ),
            (
                "Erişilebilir Ümraniye Çalışma Grubu",
                "erisilebilir-umraniye",
                "engelli",
                "Kaldırımlar, toplu taşıma ve kamu binalarında erişilebilirlik",
                [
                    "Ümraniye Engelliler Dayanışma Derneği",
                    "Mimarlar Odası Anadolu Yakası Temsilciliği",
                    "Engelli Meclisi",
                    "Ümraniye İlçe Milli Eğitim Müdürlüğü",
                ],
            ),
        ]
        for order, (name, slug, key, topic, org_names) in enumerate(groups):
            group = Body.objects.create(
                name=name,
                slug=slug,
                kind=Body.Kind.WORKING_GROUP,
                assembly=self.assemblies[key] if key else None,
                topic=topic,
                notice_days=3,
                quorum_rule=QuorumRule.ONE_THIRD,
                sort_order=50 + order,
            )
            seats = []
            for index, org_name in enumerate(org_names):
                holder = self.person()
                seats.append(
                    Seat(
                        body=group,
                        role=Seat.Role.SPOKESPERSON if index == 0 else Seat.Role.MEMBER,
                        organisation=self.orgs.get(org_name),
                        holder_name=holder,
                        holder_email=self.email(holder),
                        starts_on=CURRENT_TERM[0],
                        ends_on=CURRENT_TERM[1],
                        sort_order=index,
                    )
                )
            Seat.objects.bulk_create(seats)

    # Meetings, attendance, minutes

    def meeting(self, body, day, hour, place, items, present_share, summary, approved_on, reconvenes=None, title=""):
        meeting = Meeting(
            body=body,
            title=title,
            starts_at=_at(day, hour),
            ends_at=_at(day, hour + 2, 30),
            place=place[0],
            address=place[1],
            reconvenes=reconvenes,
            invitations_sent_at=_at(day - timedelta(days=body.notice_days + 1), 9),
            minutes_summary=summary,
        )
        meeting.save()
        seats = list(body.seats.current(day).filled().order_by("sort_order", "pk"))
        present = set(self.rng.sample(range(len(seats)), present_share(len(seats))))
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, seat=seat, present=index in present, recorded_by=self.secretariat)
            for index, seat in enumerate(seats)
        )
        meeting.filled_seats = len(seats)
        meeting.present_count = len(present)
        meeting.quorum_required = meeting.quorum_rule.required(len(seats))
        meeting.quorum_met = meeting.present_count >= meeting.quorum_required
        meeting.attendance_closed_at = meeting.ends_at
        meeting.minutes_approved_at = _at(approved_on, 17)
        meeting.minutes_approved_by = self.secretariat
        meeting.save()
        created = AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, sort_order=index, **item) for index, item in enumerate(items)
        )
        return meeting, created

    def meetings(self):
        agenda = [
            ("Açılış, yoklama ve saygı duruşu", ""),
            (
                "Sokak hayvanları bilgilendirme toplantısının sonuçları",
                "Veteriner İşleri Müdürlüğü'nün bilgilendirme toplantısında paylaşılan 2020 verileri: hayvanların "
                "muayene ve tedavisi için 6.915, sokak hayvanı şikâyeti için 4.369 başvuru.",
            ),
            (
                "Moloz alımı bilgilendirme toplantısının sonuçları",
                "Temizlik İşleri Müdürlüğü'nün sunumu: 2020'de 6.841 moloz alım talebi, en sık ikinci başvuru konusu.",
            ),
            ("Engelli Meclisi'nin erişilebilir kaldırımlar projesi", ""),
            ("Kıdemli Hemşehriciler Meclisi'nin ulaşım önerisi", ""),
            ("Gençlik Meclisi'nin sınav dönemi çalışma salonları projesi", ""),
            ("Meclislerin 2021 çalışma programları", ""),
            ("Dilek ve temenniler", ""),
        ]
        first, _ = self.meeting(
            self.general,
            date(2020, 10, 7),
            14,
            ASSEMBLY_HALL,
            [
                {"title": title, "text": text, "outcome": AgendaItem.Outcome.POSTPONED if index else ""}
                for index, (title, text) in enumerate(agenda)
            ],
            lambda filled: filled * 2 // 5,
            "Yoklamada toplantı yeter sayısı sağlanamadı. Gündem maddeleri görüşülmeden toplantı, iç yönergenin "
            "öngördüğü gibi bir hafta sonraya, 14 Ekim 2020 Çarşamba saat 14.00'e ertelendi; ikinci toplantıda "
            "çoğunluk aranmayacağı üyelere duyuruldu.",
            date(2020, 10, 14),
            title="Genel Kurul 2020 Güz Toplantısı",
        )
        discussions = [
            (
                "Yoklama yapıldı; ikinci toplantıda çoğunluk aranmadığı hatırlatılarak toplantı açıldı.",
                "informed",
                None,
            ),
            (
                "Veteriner Hekimler Odası temsilcisi kısırlaştırma kapasitesinin yetersiz kaldığını, Alemdağ Hayvan "
                "Dostları Derneği ise mahallelerde düzenli besleme noktası bulunmadığını anlattı. Belediyeye görüş "
                "sunulması önerildi.",
                "opinion",
                (29, 2, 3),
            ),
            (
                "Muhtarlar moloz taleplerinin birikerek sokaklarda beklediğini, randevulu alımın ve mahalle moloz "
                "bırakma noktalarının bekleme süresini kısaltacağını belirtti.",
                "opinion",
                (33, 0, 1),
            ),
            (
                "Engelli Meclisi Başkanı, 12 mahallede yaptıkları yürüyüşte rampasız kaldırımları belgelediklerini "
                "anlattı; raporun belediyeye iletilmesi önerildi.",
                "opinion",
                (34, 0, 0),
            ),
            (
                "65 yaş üstü hemşehrilerin semt minibüslerinde ücretsiz taşınması önerisi tartışıldı; tarifenin "
                "belediyenin yetkisinde olmayabileceği not edildi.",
                "opinion",
                (21, 6, 7),
            ),
            (
                "Gençlik Meclisi, sınav dönemlerinde Bilgi Evlerinin gece geç saate kadar çalışma salonu olarak "
                "açılmasını önerdi.",
                "opinion",
                (30, 1, 3),
            ),
            ("Beş meclisin 2021 çalışma programları okundu ve kabul edildi.", "adopted", (34, 0, 0)),
            ("Üyeler pandemi döneminde toplantıların çevrim içi de izlenebilmesini istedi.", "informed", None),
        ]
        items = []
        for (title, text), (discussion, outcome, votes) in zip(agenda, discussions, strict=True):
            item = {"title": title, "text": text, "discussion": discussion, "outcome": outcome}
            if votes:
                item.update(votes_for=votes[0], votes_against=votes[1], votes_abstaining=votes[2])
            items.append(item)
        _, self.reconvened_items = self.meeting(
            self.general,
            date(2020, 10, 14),
            14,
            ASSEMBLY_HALL,
            items,
            lambda filled: 34,
            "7 Ekim 2020'deki toplantıda yeter sayı sağlanamadığından yapılan ikinci toplantıdır; iç yönerge gereği "
            "çoğunluk aranmadan, hazır bulunan üyelerle görüşülmüştür. Beş görüş belediyeye sunulmak üzere "
            "Yürütme Kurulu'na havale edildi.",
            date(2020, 10, 21),
            reconvenes=first,
            title="Genel Kurul 2020 Güz Toplantısı (ikinci toplantı)",
        )
        executive_items = [
            {
                "title": "Önceki toplantı tutanağının onayı",
                "outcome": "adopted",
                "discussion": "14 Ekim 2020 Genel Kurul kararlarının izlenmesi hakkında bilgi verildi.",
                "votes_for": 8,
                "votes_against": 0,
                "votes_abstaining": 0,
            },
            {
                "title": "Kadın Meclisi girişimcilik komisyonunun semt pazarı önerisi",
                "outcome": "opinion",
                "text": "Kadın üreticilerin semt pazarlarında ücretsiz tezgâh açabilmesi.",
                "discussion": "Komisyon, ev üretimi yapan 40 kadının satış yeri bulamadığını bildirdi.",
                "votes_for": 8,
                "votes_against": 0,
                "votes_abstaining": 0,
            },
            {
                "title": "Genel ilaçlama taleplerinin duyurulması",
                "outcome": "opinion",
                "text": "2020'de 2.639 genel ilaçlama talebi geldi.",
                "discussion": "Muhtarlar, ilaçlama günlerinin önceden bilinmemesinin mükerrer başvuruya yol açtığını "
                "belirtti.",
                "votes_for": 7,
                "votes_against": 0,
                "votes_abstaining": 1,
            },
            {
                "title": "Çocuk Meclisi'nin güvenli okul yolları önerisi",
                "outcome": "opinion",
                "text": "Okul yollarında budama ve aydınlatma.",
                "discussion": "Çocuk Meclisi üyeleri, sabah karanlığında okul yollarındaki ağaçların sokak "
                "lambalarını kapattığını anlattı.",
                "votes_for": 8,
                "votes_against": 0,
                "votes_abstaining": 0,
            },
        ]
        _, self.executive_items = self.meeting(
            self.executive,
            date(2021, 11, 3),
            10,
            PLACE,
            executive_items,
            lambda filled: filled - 1,
            "Toplantı yeter sayısı sağlanarak açıldı. Meclislerden gelen üç öneri görüşüldü ve belediyeye "
            "sunulmak üzere görüş olarak kabul edildi.",
            date(2021, 11, 10),
        )

    # Opinions and their steps

    def opinions(self):
        neighbourhoods = {place.name: place for place in Neighbourhood.objects.all()}
        general, executive = self.reconvened_items, self.executive_items
        opinions = [
            {
                "number": (2020, 1),
                "item": general[1],
                "title": "Sokak hayvanları için kısırlaştırma kapasitesinin artırılması ve mahalle besleme noktaları",
                "summary": "Kent Konseyi, geçici hayvan bakımevindeki kısırlaştırma kapasitesinin iki katına "
                "çıkarılmasını, her mahallede muhtarlıkla birlikte belirlenecek en az bir besleme ve su noktası "
                "kurulmasını ve sahiplendirme günlerinin meclislerle birlikte düzenlenmesini önerir.",
                "topic": Topic.ANIMALS,
                "places": ["Tantavi", "Hekimbaşı", "Yukarı Dudullu", "Esenkent"],
                "steps": [
                    ("sent", date(2020, 10, 20), {"letter_reference": "E-34761025-105.04-2020/118"}),
                    (
                        "on_agenda",
                        COUNCIL["nov20"],
                        {"council_meeting_on": COUNCIL["nov20"], "council_item_number": "12"},
                    ),
                    (
                        "answered",
                        COUNCIL["nov20"],
                        {
                            "answer": "accepted",
                            "decision_number": "2020/214",
                            "decision_text": "Öneri kabul edilmiş; Veteriner İşleri Müdürlüğü'nce 2021 yılı içinde "
                            "ikinci ameliyathanenin açılmasına ve mahalle besleme noktalarının muhtarlıklarla birlikte "
                            "belirlenmesine oybirliğiyle karar verilmiştir.",
                        },
                    ),
                    (
                        "milestone",
                        date(2021, 3, 15),
                        {"progress": 35, "note": "Geçici bakımevinde ikinci ameliyathane açıldı."},
                    ),
                    (
                        "milestone",
                        date(2021, 9, 20),
                        {"progress": 60, "note": "14 mahallede besleme ve su noktası kuruldu."},
                    ),
                ],
            },
            {
                "number": (2020, 2),
                "item": general[2],
                "title": "Moloz alımında randevulu toplama ve mahalle moloz bırakma noktaları",
                "summary": "Kent Konseyi, küçük tadilat molozunun randevuyla ve en geç üç iş gününde alınmasını, "
                "büyük mahallelerde kapalı moloz bırakma noktaları kurulmasını ve randevunun Çözüm Merkezi'nden "
                "(444 9 822) ve internetten verilebilmesini önerir.",
                "topic": Topic.ENVIRONMENT,
                "places": ["Çakmak", "İnkılap", "Atakent", "İstiklal"],
                "steps": [
                    ("sent", date(2020, 10, 20), {"letter_reference": "E-34761025-105.04-2020/119"}),
                    (
                        "on_agenda",
                        COUNCIL["nov20"],
                        {"council_meeting_on": COUNCIL["nov20"], "council_item_number": "13"},
                    ),
                    (
                        "answered",
                        COUNCIL["nov20"],
                        {
                            "answer": "accepted",
                            "decision_number": "2020/215",
                            "decision_text": "Öneri kabul edilmiş; Temizlik İşleri Müdürlüğü'nün randevulu moloz alımına "
                            "2021 Ocak ayında başlamasına oybirliğiyle karar verilmiştir.",
                        },
                    ),
                    (
                        "milestone",
                        date(2021, 1, 18),
                        {"progress": 40, "note": "Randevulu moloz alımı Çözüm Merkezi'nde başladı."},
                    ),
                    (
                        "milestone",
                        date(2021, 5, 10),
                        {"progress": 80, "note": "Altı mahallede kapalı moloz bırakma noktası açıldı."},
                    ),
                    (
                        "done",
                        date(2021, 7, 1),
                        {
                            "progress": 100,
                            "note": "Randevular internetten de alınıyor; ortalama bekleme süresi 9 günden 3 güne indi.",
                        },
                    ),
                ],
            },
            {
                "number": (2020, 3),
                "item": general[3],
                "title": "Kaldırım rampaları ve hissedilebilir yüzeyler için mahalle mahalle erişilebilirlik denetimi",
                "summary": "Kent Konseyi, Engelli Meclisi'nin 12 mahallede belgelediği rampasız kaldırımların "
                "öncelik sırasıyla düzeltilmesini ve yeni yapılan kaldırımların Engelli Meclisi ile birlikte "
                "denetlenmesini önerir.",
                "topic": Topic.ACCESSIBILITY,
                "places": ["Atatürk", "Namık Kemal", "Cemil Meriç"],
                "steps": [
                    ("sent", date(2020, 10, 20), {"letter_reference": "E-34761025-105.04-2020/120"}),
                    (
                        "on_agenda",
                        COUNCIL["dec20"],
                        {"council_meeting_on": COUNCIL["dec20"], "council_item_number": "8"},
                    ),
                    (
                        "answered",
                        COUNCIL["dec20"],
                        {
                            "answer": "commission",
                            "decision_number": "2020/241",
                            "decision_text": "Önerinin İmar ve Bayındırlık Komisyonu ile Engelli Hakları Komisyonu'na "
                            "ortak havalesine oybirliğiyle karar verilmiştir.",
                        },
                    ),
                ],
            },
            {
                "number": (2020, 4),
                "item": general[4],
                "title": "65 yaş üstü hemşehrilere semt minibüslerinde ücretsiz biniş",
                "summary": "Kent Konseyi, 65 yaş üstü hemşehrilerin ilçe içindeki semt minibüslerinden ücretsiz "
                "yararlanmasını önerir.",
                "topic": Topic.TRANSPORT,
                "places": [],
                "steps": [
                    ("sent", date(2020, 10, 20), {"letter_reference": "E-34761025-105.04-2020/121"}),
                    (
                        "on_agenda",
                        COUNCIL["dec20"],
                        {"council_meeting_on": COUNCIL["dec20"], "council_item_number": "9"},
                    ),
                    (
                        "answered",
                        COUNCIL["dec20"],
                        {
                            "answer": "rejected",
                            "decision_number": "2020/242",
                            "decision_text": "Semt minibüslerinin ücret tarifesini İstanbul Büyükşehir Belediyesi "
                            "Ulaşım Koordinasyon Merkezi belirlediğinden öneri belediyemizin görev alanı dışında "
                            "kaldığı gerekçesiyle oyçokluğuyla reddedilmiş; Konsey'e İBB'ye başvurması önerilmiştir.",
                        },
                    ),
                ],
            },
            {
                "number": (2020, 5),
                "item": general[5],
                "title": "Sınav dönemlerinde Bilgi Evlerinin gece çalışma salonu olarak açılması",
                "summary": "Kent Konseyi, Gençlik Meclisi'nin önerisiyle, üniversite ve lise giriş sınavlarından "
                "önceki iki ayda Bilgi Evlerinin 23.00'e kadar çalışma salonu olarak açık tutulmasını önerir.",
                "topic": Topic.EDUCATION,
                "places": ["Aşağı Dudullu", "Parseller"],
                "steps": [
                    ("sent", date(2020, 10, 20), {"letter_reference": "E-34761025-105.04-2020/122"}),
                    (
                        "on_agenda",
                        COUNCIL["jan21"],
                        {"council_meeting_on": COUNCIL["jan21"], "council_item_number": "5"},
                    ),
                    (
                        "answered",
                        COUNCIL["jan21"],
                        {
                            "answer": "noted",
                            "decision_number": "2021/9",
                            "decision_text": "Kent Konseyi'nin önerisi okunmuş, Kültür İşleri Müdürlüğü'nün Bilgi "
                            "Evlerinin çalışma saatlerini belirlerken dikkate alması dileğiyle bilgi edinilmiştir.",
                        },
                    ),
                ],
            },
            {
                "number": (2021, 1),
                "item": executive[1],
                "title": "Kadın üreticilere semt pazarlarında ücretsiz tezgâh",
                "summary": "Kent Konseyi, Kadın Meclisi girişimcilik komisyonunun önerisiyle, ev üretimi yapan "
                "kadınlara her semt pazarında dönüşümlü iki ücretsiz tezgâh ayrılmasını önerir.",
                "topic": Topic.SOCIAL,
                "places": ["Madenler", "Necip Fazıl", "Site"],
                "steps": [
                    ("sent", date(2021, 11, 10), {"letter_reference": "E-34761025-105.04-2021/87"}),
                    (
                        "on_agenda",
                        COUNCIL["dec21"],
                        {"council_meeting_on": COUNCIL["dec21"], "council_item_number": "17"},
                    ),
                ],
            },
            {
                "number": (2021, 2),
                "item": executive[2],
                "title": "Genel ilaçlama günlerinin mahalle takvimiyle önceden duyurulması",
                "summary": "Kent Konseyi, genel ilaçlama günlerinin her mahalle için bir ay önceden takvim olarak "
                "yayımlanmasını ve muhtarlıklara SMS ile bildirilmesini önerir.",
                "topic": Topic.HEALTH,
                "places": [],
                "steps": [
                    ("sent", date(2021, 11, 12), {"letter_reference": "E-34761025-105.04-2021/88"}),
                ],
            },
            {
                "number": (2021, 3),
                "item": executive[3],
                "title": "Okul yollarında budama ve aydınlatma",
                "summary": "Kent Konseyi, Çocuk Meclisi'nin önerisiyle, okul yollarındaki ağaçların sokak "
                "lambalarını kapatmayacak biçimde her yaz tatilinde budanmasını önerir.",
                "topic": Topic.URBAN,
                "places": ["Armağanevler", "Elmalıkent"],
                "steps": [],
            },
        ]
        for entry in opinions:
            item = entry["item"]
            places = [neighbourhoods[name] for name in entry["places"]]
            # Numbered and recorded as the admin does, so the demo journeys keep the order the rules ask.
            opinion = form_opinion(item, entry["title"], entry["summary"], entry["topic"], places, self.secretariat)
            for kind, day, fields in entry["steps"]:
                record_step(opinion, kind, day, self.secretariat, **fields)
            formed = opinion.steps.get(kind="formed")
            formed.note = (
                f"{item.meeting.display_title}, gündem maddesi {item.sort_order + 1}: {item.votes_for} kabul, "
                f"{item.votes_against} ret, {item.votes_abstaining} çekimser."
            )
            formed.save(update_fields=["note"])
            Opinion.objects.filter(pk=opinion.pk).update(created_at=_at(formed.date, 17))
        # Each step recorded on its day, not on the day the demo was loaded.
        steps = list(OpinionStep.objects.only("pk", "date"))
        for step in steps:
            step.recorded_at = _at(step.date, 16)
        OpinionStep.objects.bulk_update(steps, ["recorded_at"])


def _bulletin_consents(assemblies):
    """Some approved members agreed to bulletins, so that a coordinator's bulletin has recipients."""
    if BulletinConsent.objects.exists():
        return
    now = timezone.now()
    consents = []
    for key, every in (("kadin", 2), ("genclik", 3), ("engelli", 3), ("kidemli", 4)):
        assembly = assemblies[key]
        members = Membership.objects.filter(assembly=assembly, state=Membership.State.APPROVED).exclude(email="")
        for index, membership in enumerate(members.order_by("pk")):
            if membership.user_id or index % every == 0:
                consents.append(
                    BulletinConsent(
                        membership=membership,
                        wording=f"{assembly.title} bültenlerini e-posta ile almayı kabul ediyorum; her bültendeki "
                        "bağlantıyla istediğim an vazgeçebilirim.",
                        given_at=now - timedelta(days=30 + index),
                    )
                )
    BulletinConsent.objects.bulk_create(consents)


__all__ = ["SECRETARIAT", "SECRETARIAT_USER", "load"]
