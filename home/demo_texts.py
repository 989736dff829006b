"""Texts for the demo site, taken from the Public Relations Directorate's 2020 annual report.

Turkish is the source; English versions are translations for the /en/ site.
"""

HOME = {
    "tr": {
        "title": "Ümraniye Kent Konseyi",
        "intro": (
            "Vatandaşların ve kurumların kent kararlarına katılımı için: meclislerimize katılın, "
            "etkinliklerimize kaydolun, önerilerinizi iletin."
        ),
        "purpose": (
            "<p>Kent Konseyi; kent vizyonunun ve hemşehricilik bilincinin geliştirilmesi, kentin hak ve "
            "hukukunun korunması, sürdürülebilir kalkınma, çevreye duyarlılık, sosyal yardımlaşma ve "
            "dayanışma, saydamlık, hesap sorma ve hesap verme, katılım ve yerinden yönetim ilkelerini "
            "hayata geçirmeye çalışır.</p>"
        ),
    },
    "en": {
        "title": "Ümraniye City Council",
        "intro": (
            "So that citizens and institutions take part in the decisions of their city: join our "
            "assemblies, register for our events, send us your suggestions."
        ),
        "purpose": (
            "<p>The City Council works to put into practice a shared vision of the city and a sense of "
            "civic belonging, the protection of the city's rights, sustainable development, care for the "
            "environment, social solidarity, transparency and accountability, participation and local "
            "self-government.</p>"
        ),
    },
}

COUNCIL_PAGE = {
    "tr": {
        "title": "Kent Konseyi",
        "slug": "kent-konseyi",
        "intro": "Ümraniye Belediye Meclisi'nin 01/05/2006 tarih ve 36 sayılı kararı ile kurulan Kent Konseyi.",
        "paragraphs": [
            "<p>Ümraniye Belediye Meclisi'nin 01/05/2006 Tarih ve 36 Sayılı Kararı ile kurulan Kent Konseyi, "
            "kent yaşamında; kent vizyonunun ve hemşehricilik bilincinin geliştirilmesi, kentin hak ve "
            "hukukunun korunması, sürdürülebilir kalkınma, çevreye duyarlılık, sosyal yardımlaşma ve "
            "dayanışma, saydamlık, hesap sorma ve hesap verme, katılım ve yerinden yönetim ilkelerini "
            "hayata geçirmeye çalışır.</p>",
            "<p>Belediyemiz; kamu kurumu niteliğindeki meslek kuruluşlarının, sendikaların, noterlerin, "
            "varsa üniversitelerin, ilgili sivil toplum örgütlerinin, siyasi partilerin, kamu kurum ve "
            "kuruluşlarının ve mahalle muhtarlarının temsilcileri ile diğer ilgililerin katılımıyla oluşan "
            "Kent Konseyinin faaliyetlerinin etkili ve verimli yürütülmesi konusunda yardım ve destek "
            "sağlamaktadır.</p>",
            "<h2>Bilgilendirme Toplantıları</h2><p>Kent Konseyi çeşitli konularda düzenlediği bilgilendirme "
            "toplantılarıyla kamuoyunu bilinçlendirmeyi hedeflemektedir. Uzman konukları ağırlayarak halkın "
            "bilgi edinmek istediği konularda doğrudan yetkililere ulaşmasını sağlar.</p>",
        ],
        "quote": (
            "Vatandaş ve belediye ilişkilerini teknoloji ve yüz yüze iletişim kanalları ile güçlendirmek, "
            "vatandaşların ve kurumların kent kararlarına katılımlarını sağlamak.",
            "Stratejik hedef A7.H1, 2020 Faaliyet Raporu",
        ),
    },
    "en": {
        "title": "City Council",
        "slug": "city-council",
        "intro": "The City Council, founded by decision no. 36 of Ümraniye Municipal Assembly of 1 May 2006.",
        "paragraphs": [
            "<p>Founded by decision no. 36 of Ümraniye Municipal Assembly of 1 May 2006, the City Council "
            "works to put into practice a shared vision of the city and a sense of civic belonging, the "
            "protection of the city's rights, sustainable development, care for the environment, social "
            "solidarity, transparency and accountability, participation and local self-government.</p>",
            "<p>The municipality supports the work of the City Council, in which professional chambers, "
            "trade unions, notaries, universities, civil-society organisations, political parties, public "
            "institutions and the neighbourhood headmen (muhtar) are represented.</p>",
            "<h2>Information meetings</h2><p>The City Council holds information meetings on many subjects, "
            "with invited experts, so that people can put their questions to those responsible.</p>",
        ],
        "quote": (
            "To strengthen the relations between citizens and the municipality through technology and "
            "face-to-face communication, and to let citizens and institutions take part in the city's "
            "decisions.",
            "Strategic goal A7.H1, 2020 annual report",
        ),
    },
}

ASSEMBLY_INDEX = {
    "tr": {"title": "Meclisler", "slug": "meclisler", "intro": "Kent Konseyi'nin beş meclisi: katılın, söz alın."},
    "en": {
        "title": "Assemblies",
        "slug": "assemblies",
        "intro": "The five assemblies of the City Council: join and have your say.",
    },
}

# (key, Turkish, English)
ASSEMBLIES = [
    {
        "key": "kadin",
        "tr": {
            "title": "Kadın Meclisi",
            "intro": "Çalışma grupları ve girişimcilik komisyonuyla kadınların kent yaşamına katılımı.",
            "purpose": "<p>Kadın Meclisi, düzenlediği toplantılar ile çalışma gruplarını ve komisyonlarını oluşturur; "
            "kadınların kent yaşamına ve kararlarına katılımını güçlendirir.</p>",
            "activities": "<ul><li>Girişimcilik komisyonu ile birçok proje hayata geçirildi.</li>"
            "<li>Ümraniyeli yaşlılarımız evlerinde ziyaret edildi, ihtiyaç sahibi kadınlarımızın yanında olundu.</li>"
            "<li>Ümraniye'deki kamu kurumlarının müdürleri makamlarında ziyaret edildi.</li></ul>",
        },
        "en": {
            "title": "Women's Assembly",
            "intro": "Working groups and an entrepreneurship commission for women's part in city life.",
            "purpose": "<p>The Women's Assembly forms working groups and commissions at its meetings and "
            "strengthens women's part in the life and decisions of the city.</p>",
            "activities": "<ul><li>Its entrepreneurship commission has carried out many projects.</li>"
            "<li>Members visited elderly residents at home and stood by women in need.</li>"
            "<li>Members visited the heads of public institutions in Ümraniye.</li></ul>",
        },
    },
    {
        "key": "genclik",
        "tr": {
            "title": "Gençlik Meclisi",
            "intro": "Gençlere yönelik eğlendirici ve eğitici projeler, ilçemiz için genç fikirler.",
            "purpose": "<p>Gençlik Meclisi, faaliyetlerini kurumsal olarak sağlıklı bir yapılanma ile meclis üyelerinin "
            "niteliklerinin geliştirilmesi, kalite, yeterlilik ve etkinlik kazanma bütünlüğü içerisinde hazırlar "
            "ve hayata geçirir.</p>",
            "activities": "<ul><li>İBB Gençlik Meclisinin gençlik buluşmaları toplantılarında Ümraniye'yi temsil etti.</li>"
            "<li>Belediye Başkanımız ile toplantılar düzenlenerek istişarelerde bulunuldu.</li></ul>",
        },
        "en": {
            "title": "Youth Assembly",
            "intro": "Fun and educational projects for young people, and young ideas for the district.",
            "purpose": "<p>The Youth Assembly plans and carries out its work through a sound structure that "
            "develops its members' skills, quality and effectiveness.</p>",
            "activities": "<ul><li>It represented Ümraniye at the youth meetings of Istanbul's Youth Assembly.</li>"
            "<li>It met the Mayor to discuss projects for young people.</li></ul>",
        },
    },
    {
        "key": "cocuk",
        "tr": {
            "title": "Çocuk Meclisi",
            "intro": "Çocuklarda kentlilik bilincini ve dayanışma ruhunu geliştirmek için.",
            "purpose": "<p>Çocuk Meclisi, çocuklarda kentlilik bilincini geliştirmeyi ve dayanışma ruhu kazandırmayı "
            "hedefleyerek çalışmalar yürütür.</p>",
            "activities": "<ul><li>İstanbul İl Çocuk Meclisinde ilçemizi temsil eder; İl Meclis Toplantılarına katılır.</li>"
            "<li>Belediyemizin Bilgi Evlerinde düzenlenen kurslara ve etkinliklere katılır.</li></ul>",
        },
        "en": {
            "title": "Children's Assembly",
            "intro": "Helping children grow a sense of belonging to their city and of solidarity.",
            "purpose": "<p>The Children's Assembly works to give children a sense of belonging to their city and "
            "a spirit of solidarity.</p>",
            "activities": "<ul><li>It represents the district at Istanbul's Children's Assembly and its meetings.</li>"
            "<li>Its members join the courses and activities of the municipality's Knowledge Houses.</li></ul>",
        },
    },
    {
        "key": "engelli",
        "tr": {
            "title": "Engelli Meclisi",
            "intro": "Kurslar, spor, koro ve tiyatro: engelli hemşehrilerimizin kent yaşamındaki sesi.",
            "purpose": "<p>Ümraniye Kent Konseyi bünyesindeki Engelli Meclisi, engelli hemşehrilerimizin kent yaşamına "
            "tam katılımı için çalışır.</p>",
            "activities": "<ul><li>Engelliler Eğitim ve Kültür Merkezinde takı, resim (yağlıboya ve karakalem), kitap okuma, "
            "engelli bakımı ve ilk yardım gibi 14 farklı branşta kurslara katılım.</li>"
            "<li>15 Temmuz Demokrasi ve Milli Birlik Günü etkinlikleri ve Avrasya Maratonu yürüyüşü.</li>"
            "<li>Okçuluk Yarışması; Engelli Korosu ve tiyatro ekibi.</li></ul>",
        },
        "en": {
            "title": "Disabled People's Assembly",
            "intro": "Courses, sport, a choir and a theatre group: the voice of disabled residents in city life.",
            "purpose": "<p>The Disabled People's Assembly of Ümraniye City Council works for the full participation "
            "of disabled residents in the life of the city.</p>",
            "activities": "<ul><li>Courses in 14 subjects at the Education and Culture Centre for Disabled People, "
            "among them jewellery, painting, reading, care and first aid.</li>"
            "<li>The 15 July Democracy and National Unity Day events and the Eurasia Marathon walk.</li>"
            "<li>An archery competition; the Disabled People's Choir and a theatre group.</li></ul>",
        },
    },
    {
        "key": "kidemli",
        "tr": {
            "title": "Kıdemli Hemşehriciler Meclisi",
            "intro": "Deneyimli hemşehrilerimizin kent sorunlarına çözüm önerileri.",
            "purpose": "<p>Kıdemli Hemşehriciler Meclisi, tertiplediği toplantı ve programlarda kent sorunları hakkında "
            "halkın öneri, talep ve şikâyetlerine çözümler üretme konusunda yardımcı olur.</p>",
            "activities": "<ul><li>15 Temmuz Demokrasi ve Milli Birlik Günü etkinliklerine iştirak.</li>"
            "<li>Kent Konseyimizin il içinde ve il dışında düzenlediği programlara katılım.</li></ul>",
        },
        "en": {
            "title": "Seniors' Assembly",
            "intro": "Experienced residents proposing solutions to the city's problems.",
            "purpose": "<p>At its meetings and programmes, the Seniors' Assembly helps find solutions to people's "
            "suggestions, requests and complaints about the city's problems.</p>",
            "activities": "<ul><li>Took part in the 15 July Democracy and National Unity Day events.</li>"
            "<li>Joined the City Council's programmes in Istanbul and beyond.</li></ul>",
        },
    },
]

NEWS_INDEX = {
    "tr": {"title": "Haberler", "slug": "haberler", "intro": "Kent Konseyi'nden ve meclislerden haberler."},
    "en": {"title": "News", "slug": "news", "intro": "News from the City Council and its assemblies."},
}

# Each item: where it lives (None: under the news index, else an assembly key),
# how many days ago it happened, its Turkish text and, for some, an English one.
NEWS = [
    {
        "assembly": None,
        "days_ago": 2,
        "image": "cozum-merkezi",
        "tags": ["Çözüm Merkezi", "2020"],
        "tr": {
            "title": "Çözüm Merkezi 2020'de 91.599 başvuruyu kayda aldı",
            "intro": "444 9 822 hattında 222.545 çağrı cevaplandı; başvuruların 62.979'u telefonla açıldı.",
            "body": "<p>2020 yılında Çağrı ve Çözüm Merkezimiz 222.545 çağrıyı cevapladı. Telefonla 62.979, internetle "
            "7.750, şahsen 1.471, Bilgi Edinme yoluyla 232, CİMER yoluyla 6.563 kayıt açıldı; Açık Kapı'dan 534 ve "
            "İBB Beyaz Masa'dan 12.070 başvuru geldi.</p><p>En çok iletilen konular hayvanların muayene ve tedavileri "
            "(6.915), moloz alımı (6.841) ve denetimler (4.660) oldu.</p>",
        },
        "en": {
            "title": "The Solution Centre registered 91,599 cases in 2020",
            "intro": "The 444 9 822 line answered 222,545 calls; 62,979 cases were opened by phone.",
            "body": "<p>In 2020 the call and solution centre answered 222,545 calls. 62,979 cases were opened by phone, "
            "7,750 online, 1,471 in person, 232 as right-to-information requests and 6,563 through CİMER; 534 came "
            "from Açık Kapı and 12,070 from İBB Beyaz Masa.</p><p>The most frequent subjects were veterinary care "
            "for animals (6,915), rubble collection (6,841) and inspections (4,660).</p>",
        },
    },
    {
        "assembly": "engelli",
        "days_ago": 6,
        "image": "okculuk",
        "tags": ["Spor", "Engelli Meclisi"],
        "tr": {
            "title": "Engelli Meclisi üyeleri Okçuluk Yarışması'nda",
            "intro": "Engelli Meclisi üyeleri Okçuluk Yarışması'nda yerlerini alarak sporda da var olduklarını gösterdi.",
            "body": "<p>Sanatsal faaliyetlerde de aktif olan üyelerimiz, kurdukları Engelli Korosu ve tiyatro ekibi ile "
            "katıldıkları programlarda beğeni kazandı.</p>",
        },
        "en": {
            "title": "Disabled People's Assembly members at the archery competition",
            "intro": "Members of the Disabled People's Assembly took part in an archery competition.",
            "body": "<p>Our members, also active in the arts, won praise with their choir and theatre group.</p>",
        },
    },
    {
        "assembly": "kadin",
        "days_ago": 11,
        "image": "girisimcilik",
        "tags": ["Girişimcilik"],
        "tr": {
            "title": "Kadın Meclisi girişimcilik komisyonu yeni projeler hazırlıyor",
            "intro": "Kadın Meclisi'nin girişimcilik komisyonu, kadın girişimcilere yönelik projeleri hayata geçiriyor.",
            "body": "<p>Kadın Meclisi düzenlediği toplantılar ile çalışma gruplarını ve komisyonlarını oluşturdu; "
            "girişimcilik komisyonu ile birçok proje hayata geçirildi.</p>",
        },
        "en": {
            "title": "The Women's Assembly's entrepreneurship commission prepares new projects",
            "intro": "The Women's Assembly's entrepreneurship commission carries out projects for women entrepreneurs.",
            "body": "<p>At its meetings the Women's Assembly formed its working groups and commissions; its "
            "entrepreneurship commission has carried out many projects.</p>",
        },
    },
    {
        "assembly": "genclik",
        "days_ago": 17,
        "image": "genclik-bulusmasi",
        "tags": ["Gençlik"],
        "tr": {
            "title": "Gençlik Meclisi İBB gençlik buluşmalarında Ümraniye'yi temsil etti",
            "intro": "Gençlik Meclisimiz, İBB Gençlik Meclisinin gençlik buluşmaları toplantılarına katıldı.",
            "body": "<p>Gençlere yönelik hem eğlendirici hem eğitici projeler geliştirmek adına Belediye Başkanımız ile "
            "toplantılar düzenlendi.</p>",
        },
        "en": {
            "title": "The Youth Assembly represented Ümraniye at Istanbul's youth meetings",
            "intro": "Our Youth Assembly took part in the youth meetings of Istanbul's Youth Assembly (İBB).",
            "body": "<p>To develop projects for young people that are both fun and educational, members met "
            "the Mayor.</p>",
        },
    },
    {
        "assembly": "cocuk",
        "days_ago": 24,
        "image": "il-cocuk-meclisi",
        "tags": ["Çocuk"],
        "tr": {
            "title": "Çocuk Meclisi İl Çocuk Meclisi toplantısında",
            "intro": "Çocuk Meclisimiz, İstanbul İl Çocuk Meclisinde ilçemizi temsil etti.",
            "body": "<p>Çocuk Meclisi üyelerimiz, İl Çocuk Meclisi tarafından gerçekleştirilen özel günlere yönelik "
            "programlara katıldı.</p>",
        },
        "en": {
            "title": "The Children's Assembly at the Istanbul Children's Assembly meeting",
            "intro": "Our Children's Assembly represented the district at the Istanbul Children's Assembly.",
            "body": "<p>Members of our Children's Assembly joined the Istanbul Children's Assembly's programmes "
            "for special days.</p>",
        },
    },
    {
        "assembly": "kidemli",
        "days_ago": 31,
        "image": "15-temmuz",
        "tags": ["15 Temmuz"],
        "tr": {
            "title": "Kıdemli Hemşehriciler 15 Temmuz programında",
            "intro": "Kıdemli Hemşehriciler Meclisi, 15 Temmuz Demokrasi ve Milli Birlik Günü etkinliklerine katıldı.",
            "body": "<p>Meclisimiz, Kent Konseyimizin il içinde ve il dışında düzenlediği programlara da katılım sağladı.</p>",
        },
        "en": {
            "title": "The Seniors' Assembly at the 15 July programme",
            "intro": "The Seniors' Assembly took part in the 15 July Democracy and National Unity Day events.",
            "body": "<p>The assembly also joined the City Council's programmes in Istanbul and beyond.</p>",
        },
    },
    {
        "assembly": None,
        "days_ago": 40,
        "image": "istihdam",
        "tags": ["İstihdam", "2020"],
        "tr": {
            "title": "İstihdam Merkezi 2020'de 14.005 kişiyi işe yönlendirdi",
            "intro": "4.536 yeni CV ve 83 yeni firma kaydı alındı; 452 kişi istihdam edildi.",
            "body": "<p>Türkiye İş Kurumu ile işbirliği içinde çalışan İstihdam Merkezimiz, 2020 yılında 14.005 kişiyi "
            "işe yönlendirdi ve 452 kişinin istihdamını sağladı.</p>",
        },
        "en": {
            "title": "The employment centre referred 14,005 people to jobs in 2020",
            "intro": "4,536 new CVs and 83 new firms were registered; 452 people found work.",
            "body": "<p>Working with the Turkish Employment Agency (İŞKUR), our employment centre referred 14,005 "
            "people to jobs in 2020, and 452 of them were employed.</p>",
        },
    },
]

PRIVACY_NOTICE = {
    "tr": {
        "title": "KVKK Aydınlatma Metni",
        "slug": "kvkk-aydinlatma-metni",
        "intro": "6698 sayılı Kişisel Verilerin Korunması Kanunu uyarınca kişisel verilerinizin nasıl işlendiği.",
        "paragraphs": [
            "<h2>Veri sorumlusu</h2><p>Ümraniye Belediyesi, Halkla İlişkiler Müdürlüğü ve Ümraniye Kent Konseyi.</p>",
            "<h2>İşlenen veriler ve amaçları</h2><p>Hesap açarken verdiğiniz ad, soyad ve e-posta adresiniz; "
            "profilinize eklediğiniz telefon, doğum tarihi ve mahalle bilgileriniz meclis üyeliği, etkinlik kaydı, "
            "anket ve başvuru işlemlerinizin yürütülmesi amacıyla işlenir.</p>",
            "<h2>Saklama süreleri</h2><p>Verileriniz yalnızca amacı için gereken süre kadar saklanır, sonra silinir "
            "ya da anonim hâle getirilir: hesabınız siz silene kadar; sonuçlanan başvurular son işlemden 2 yıl; "
            "anket yanıtınızı size bağlayan kod ve anonim bir ankete yanıt verdiğinizin kaydı anketin kapanmasından "
            "180 gün; etkinlik kayıtları etkinlik tarihinden 1 yıl; reddedilen ya da ayrıldığınız meclis üyelikleri "
            "karardan 1 yıl (veli bilgileri 30 gün); size gönderdiğimiz e-postaların kopyası gönderildikten 30 gün; "
            "onaylanmamış e-posta adresleri 30 gün sonra. Hesabınızı sildiğinizde verdiğiniz onayların "
            "kanıtı (hangi metnin hangi sürümü, verildiği ve geri çekildiği tarih) adınız ve e-posta adresiniz "
            "olmadan, yalnızca e-posta adresinizin anahtarlı bir özetiyle, genel zamanaşımı süresi olan 10 yıl "
            "saklanır, sonra silinir.</p>",
            "<h2>Haklarınız</h2><p>Kanunun 11. maddesi uyarınca verilerinize erişme, düzeltilmesini ve silinmesini "
            "isteme haklarına sahipsiniz. Hesabım sayfasından tüm verilerinizi indirebilir, açık rızanızı hesabınızı "
            "silmeden geri çekebilir ve hesabınızı silebilirsiniz.</p>",
        ],
    },
    "en": {
        "title": "KVKK information notice",
        "slug": "kvkk-information-notice",
        "intro": "How your personal data is processed under Law 6698 on the Protection of Personal Data.",
        "paragraphs": [
            "<h2>Data controller</h2><p>Ümraniye Municipality, Public Relations Directorate, and Ümraniye City Council.</p>",
            "<h2>Data processed and why</h2><p>Your name and e-mail address given at sign-up, and the phone, birth "
            "date and neighbourhood you add to your profile, are processed to handle your assembly membership, "
            "event registrations, survey answers and applications.</p>",
            "<h2>How long it is kept</h2><p>Your data is kept only as long as its purpose needs, then deleted or "
            "anonymised: your account until you delete it; finished applications 2 years after they were last "
            "handled; the code linking a survey answer to you and the record that you answered an anonymous "
            "survey 180 days after the survey closes; event registrations 1 year after the event; rejected or "
            "ended assembly memberships 1 year after the decision (a guardian's details 30 days); copies of the "
            "e-mails we send you 30 days after they are sent; e-mail addresses never confirmed after 30 days. When you "
            "delete your account, proof of the consents you gave (which version of which text, when given and "
            "withdrawn) is kept without your name or e-mail address, under a keyed hash of the address only, for "
            "10 years, the general limitation period, then deleted.</p>",
            "<h2>Your rights</h2><p>Under article 11 of the Law you may access your data and ask for it to be "
            "corrected or erased. On the My account page you can download all your data, withdraw your explicit "
            "consent without deleting your account, and delete your account.</p>",
        ],
    },
}

EXPLICIT_CONSENT = {
    "tr": {
        "title": "Açık Rıza Metni",
        "slug": "acik-riza-metni",
        "intro": "Kişisel verilerinizin işlenmesine ilişkin açık rızanız.",
        "paragraphs": [
            "<p>KVKK Aydınlatma Metnini okudum. Kişisel verilerimin, meclis üyeliği, etkinlik kaydı, anket ve "
            "başvuru işlemlerinin yürütülmesi amacıyla Ümraniye Belediyesi ve Ümraniye Kent Konseyi tarafından "
            "işlenmesine açık rıza veriyorum. Rızamı Hesabım sayfasından, hesabımı silmeden, her zaman geri "
            "çekebileceğimi; geri çektiğimde meclislere bildirdiğim engellilik ve erişim ihtiyacı bilgilerimin "
            "silineceğini biliyorum.</p>",
        ],
    },
    "en": {
        "title": "Explicit consent text",
        "slug": "explicit-consent",
        "intro": "Your explicit consent to the processing of your personal data.",
        "paragraphs": [
            "<p>I have read the KVKK information notice. I consent to Ümraniye Municipality and Ümraniye City Council "
            "processing my personal data to handle assembly membership, event registrations, surveys and "
            "applications. I know I can withdraw my consent at any time on the My account page, without deleting my "
            "account, and that the disability and accessibility needs I declared to the assemblies are then "
            "deleted.</p>",
        ],
    },
}

SOCIAL = {
    "facebook_url": "https://www.facebook.com/UmraniyeBeltr/",
    "twitter_url": "https://twitter.com/cozum_merkezi",
    "instagram_url": "https://www.instagram.com/umraniyebeltr/",
}

# Who may join each assembly, its board, commissions and contact (demo names are invented).
# Where the demo events' venues are, for their maps and GEO in the calendar feeds. Approximate: placed by hand
# near the real building or, where we did not know it, near its mahalle's centroid (places migration 0003); good
# enough for a demo, not for directions.
VENUE_PLACES = {
    "Ümraniye Kent Konseyi Salonu": ("41.017900", "29.121600"),
    "Ümraniye Belediyesi Meclis Salonu": ("41.017300", "29.122900"),
    "Ümraniye Belediyesi Hizmet Binası": ("41.017300", "29.122900"),
    "Ümraniye Belediyesi önü": ("41.017000", "29.123300"),
    "Hareket: Ümraniye Belediyesi önü": ("41.017000", "29.123300"),
    "İstihdam Merkezi": ("41.017300", "29.122900"),
    "Kadın Meclisi Atölyesi": ("41.023400", "29.137500"),
    "Buluşma: Kadın Meclisi Atölyesi": ("41.023400", "29.137500"),
    "Gençlik Merkezi": ("41.034600", "29.128400"),
    "Bilgi Evi": ("41.026500", "29.134600"),
    "Engelliler Eğitim ve Kültür Merkezi": ("41.025600", "29.126300"),
    "Ümraniye Sinema ve Tiyatro Salonu": ("41.024700", "29.124900"),
    "Ümraniye Spor Kompleksi": ("40.996600", "29.159200"),
    "İlçe Sağlık Müdürlüğü": ("41.024300", "29.107100"),
    "İBB Gençlik Meclisi": ("41.014100", "28.954000"),  # İstanbul Büyükşehir Belediyesi, Saraçhane
    "İstanbul İl Çocuk Meclisi": ("41.011300", "28.976800"),  # İstanbul Valiliği, Cağaloğlu
}

ASSEMBLY_DETAILS = {
    "kadin": {
        "rules": {"min_age": 18, "women_only": True},
        "board": [("Nermin Aksoy", "president"), ("Gülay Erdem", "vice_president"), ("Sevgi Kara", "secretary")],
        "commissions": [
            ("Girişimcilik Komisyonu", "commission", "Kadın girişimcilere yönelik projeler geliştirir."),
            ("Ziyaret Çalışma Grubu", "working_group", "Yaşlı hemşehrilerimizi evlerinde ziyaret eder."),
        ],
        "contact_email": "kadinmeclisi@umraniye.bel.tr",
    },
    "genclik": {
        "rules": {"min_age": 15, "max_age": 30},
        "board": [("Burak Şen", "president"), ("İrem Doğan", "spokesperson")],
        "commissions": [("Proje Komisyonu", "commission", "Gençlere yönelik eğitici ve eğlendirici projeler.")],
        "contact_email": "genclikmeclisi@umraniye.bel.tr",
    },
    "cocuk": {
        "rules": {"min_age": 9, "max_age": 17},
        "board": [("Ela Yıldız", "president"), ("Kerem Aslan", "spokesperson")],
        "commissions": [],
        "contact_email": "cocukmeclisi@umraniye.bel.tr",
    },
    "engelli": {
        "rules": {"asks_disability": True},
        "board": [("Hasan Polat", "president"), ("Derya Uçar", "secretary")],
        "commissions": [
            ("Engelli Korosu", "working_group", "Koromuz programlarda konser verir."),
            ("Tiyatro Ekibi", "working_group", "Sahne çalışmaları ve gösteriler."),
        ],
        "contact_email": "engellimeclisi@umraniye.bel.tr",
    },
    "kidemli": {
        "rules": {"min_age": 60},
        "board": [("Ahmet Tunç", "president"), ("Fatma Çınar", "vice_president")],
        "commissions": [],
        "contact_email": "kidemlihemsehriciler@umraniye.bel.tr",
    },
}

# Invented names for demo members (none is a real person).
FIRST_NAMES_FEMALE = ["Ayşe", "Fatma", "Zeynep", "Elif", "Hatice", "Merve", "Şeyma", "Özlem", "İpek", "Gül"]
FIRST_NAMES_MALE = ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Emre", "Can", "Oğuz", "İsmail", "Ömer"]
SURNAMES = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan"]

CALENDAR = {
    "tr": {
        "title": "Etkinlikler",
        "slug": "etkinlikler",
        "intro": "Kent Konseyi'nin ve meclislerin etkinlikleri. Takviminize abone olabilirsiniz.",
    },
    "en": {
        "title": "Events",
        "slug": "events",
        "intro": "Events of the City Council and its assemblies. You can subscribe in your calendar.",
    },
}

# Events of the demo site. "where": None (council calendar) or an assembly key; "days": from today;
# "picture": a key of PICTURES (default: the assembly's, or the council's);
# times in Istanbul. Names of speakers are invented.
EVENTS = [
    {
        "where": None,
        "days": 9,
        "time": (18, 30),
        "hours": 2,
        "category": "information_meeting",
        "registration": "signed_in",
        "capacity": 60,
        "venue": ("Ümraniye Kent Konseyi Salonu", "Atatürk Mahallesi, Ümraniye"),
        "speakers": [("Dr. Selim Kaya", "Veteriner hekim"), ("Aylin Er", "Çevre Koruma Müdürlüğü")],
        "tr": (
            "Bilgilendirme toplantısı: Sokak hayvanları ve veteriner hizmetleri",
            "Hayvanların muayene ve tedavileri 2020'de en çok başvurulan konuydu. Uzman konuklarımız sorularınızı yanıtlıyor.",
        ),
        "en": (
            "Information meeting: street animals and veterinary services",
            "Veterinary care for animals was the most frequent subject of 2020. Our invited experts answer your questions.",
        ),
        "step_free": True,
        "sign_language": True,
    },
    {
        "where": None,
        "days": 23,
        "time": (19, 0),
        "hours": 2,
        "category": "assembly_meeting",
        "venue": ("Ümraniye Belediyesi Meclis Salonu", "Atatürk Mahallesi, Ümraniye"),
        "tr": (
            "Kent Konseyi Genel Kurulu",
            "Meclislerin yıllık çalışma raporları ve yeni dönem önerileri görüşülecek.",
        ),
    },
    {
        "where": None,
        "days": -20,
        "time": (18, 30),
        "hours": 2,
        "category": "information_meeting",
        "venue": ("Ümraniye Kent Konseyi Salonu", "Atatürk Mahallesi, Ümraniye"),
        "tr": (
            "Bilgilendirme toplantısı: Moloz alımı ve geri dönüşüm",
            "Moloz alımı talepleri ve geri dönüşüm üzerine uzman sunumu.",
        ),
    },
    {
        "where": "kadin",
        "days": 3,
        "time": (14, 0),
        "hours": 2,
        "category": "workshop",
        "repeat": "weekly",
        "repeat_count": 10,
        "cancel_repetition": 2,
        "registration": "members",
        "venue": ("Kadın Meclisi Atölyesi", "İnkılap Mahallesi, Ümraniye"),
        "tr": ("Girişimcilik Komisyonu atölyesi", "Kadın girişimciler için iş planı ve pazarlama atölyesi; her hafta."),
    },
    {
        "where": "genclik",
        "days": 12,
        "time": (17, 0),
        "hours": 3,
        "category": "workshop",
        "repeat": "monthly",
        "repeat_count": 6,
        "registration": "signed_in",
        "capacity": 30,
        "venue": ("Gençlik Merkezi", "Çakmak Mahallesi, Ümraniye"),
        "tr": (
            "Gençlik Buluşması: Fikirden projeye",
            "Ümraniye için genç fikirleri projeye dönüştürüyoruz; her ay bir buluşma.",
        ),
    },
    {
        "where": "cocuk",
        "days": 6,
        "time": (11, 0),
        "hours": 2,
        "category": "assembly_meeting",
        "registration": "members",
        "capacity": 40,
        "venue": ("Bilgi Evi", "Yamanevler Mahallesi, Ümraniye"),
        "tr": (
            "Çocuk Meclisi genel toplantısı",
            "Çocuk Meclisi üyeleri İl Çocuk Meclisi'ne taşıyacakları önerileri konuşuyor.",
        ),
        "easy_read": True,
    },
    {
        "where": "engelli",
        "days": 4,
        "time": (15, 0),
        "hours": 2,
        "category": "culture",
        "repeat": "weekly",
        "repeat_until_days": 120,
        "venue": ("Engelliler Eğitim ve Kültür Merkezi", "Atakent Mahallesi, Ümraniye"),
        "tr": ("Engelli Korosu provası", "Koromuz her hafta prova yapıyor; dinlemeye herkes davetli."),
        "en": ("Disabled People's Choir rehearsal", "Our choir rehearses every week; everyone is welcome to listen."),
        "step_free": True,
        "induction_loop": True,
    },
    {
        "where": "engelli",
        "days": 15,
        "time": (10, 0),
        "hours": 5,
        "category": "sport",
        "status": "cancelled",
        "venue": ("Ümraniye Spor Kompleksi", "Şerifali Mahallesi, Ümraniye"),
        "picture": "okculuk",
        "tr": (
            "Okçuluk yarışması",
            "Engelli Meclisi üyelerinin katılacağı okçuluk yarışması hava koşulları nedeniyle iptal edildi.",
        ),
    },
    {
        "where": "kidemli",
        "all_day_date": (7, 15),
        "category": "ceremony",
        "repeat": "yearly",
        "venue": ("Ümraniye Belediyesi önü", "Atatürk Mahallesi, Ümraniye"),
        "picture": "15-temmuz",
        "tr": (
            "15 Temmuz Demokrasi ve Milli Birlik Günü programı",
            "Kıdemli Hemşehriciler Meclisi her yıl 15 Temmuz programlarına katılıyor.",
        ),
    },
]

# The demo's pictures, drawn by home/demo_pictures.py: the scene, the colours (dark, light) of its assembly,
# and per language the caption drawn on it and the alternative text that says what it shows.
PICTURES = {
    "kadin": {
        "scene": "meeting",
        "colours": ("#8a1c4f", "#e3a1c0"),
        "tr": (
            "Kadın Meclisi",
            "Çizim: Kadın Meclisi üyeleri bir masa çevresinde toplantıda; yanda yükselen bir grafik.",
        ),
        "en": (
            "Women's Assembly",
            "Drawing: Women's Assembly members meeting around a table, a rising chart beside them.",
        ),
    },
    "genclik": {
        "scene": "youth",
        "colours": ("#1d6b3a", "#9fd6b0"),
        "tr": ("Gençlik Meclisi", "Çizim: Fikirlerini konuşan gençler, konuşma balonları ve yanan bir ampul."),
        "en": ("Youth Assembly", "Drawing: young people sharing ideas, speech bubbles and a lit light bulb."),
    },
    "cocuk": {
        "scene": "children",
        "colours": ("#b35c00", "#ffd08a"),
        "tr": ("Çocuk Meclisi", "Çizim: Kitap rafları olan bir Bilgi Evi ve önünde balonlu çocuklar."),
        "en": ("Children's Assembly", "Drawing: a Knowledge House with bookshelves, children with balloons in front."),
    },
    "engelli": {
        "scene": "choir",
        "colours": ("#4b2a8a", "#c2aef0"),
        "tr": ("Engelli Meclisi", "Çizim: Engelli Korosu sahnede; önde tekerlekli sandalyede bir üye, üstte notalar."),
        "en": (
            "Disabled People's Assembly",
            "Drawing: the Disabled People's Choir on stage, a member in a wheelchair in front, notes above.",
        ),
    },
    "kidemli": {
        "scene": "seniors",
        "colours": ("#5c4033", "#d9c2b0"),
        "tr": (
            "Kıdemli Hemşehriciler Meclisi",
            "Çizim: Türk bayraklarıyla süslü bir parkta bankta oturan ve bastonla yürüyen yaşlı hemşehriler.",
        ),
        "en": (
            "Seniors' Assembly",
            "Drawing: older residents on a bench and walking in a park decked with Turkish flags.",
        ),
    },
    "cozum-merkezi": {
        "scene": "call_centre",
        "colours": ("#0b4f8a", "#7fb2de"),
        "tr": (
            "Çözüm Merkezi 2020: kanallara göre kayıtlar",
            "Grafik: 2020'de kanallara göre açılan kayıtlar; telefonla açılan 62.979 kayıt en uzun sütun. "
            "Yanında bir kulaklık ve 444 9 822.",
        ),
        "en": (
            "Solution Centre 2020: cases by channel",
            "Chart: cases opened in 2020 by channel; the 62,979 opened by phone are the tallest bar. "
            "Beside it a headset and 444 9 822.",
        ),
    },
    "okculuk": {
        "scene": "archery",
        "colours": ("#4b2a8a", "#c2aef0"),
        "tr": (
            "Okçuluk Yarışması",
            "Çizim: Oklar saplanmış bir okçuluk hedefi ve tekerlekli sandalyede yay tutan bir okçu.",
        ),
        "en": (
            "Archery competition",
            "Drawing: an archery target with arrows in it and an archer with a bow in a wheelchair.",
        ),
    },
    "girisimcilik": {
        "scene": "meeting",
        "colours": ("#8a1c4f", "#e3a1c0"),
        "tr": ("Girişimcilik Komisyonu", "Çizim: Girişimcilik Komisyonu üyeleri masada; yanda proje grafiği."),
        "en": (
            "Entrepreneurship commission",
            "Drawing: members of the entrepreneurship commission at a table, a chart beside them.",
        ),
    },
    "genclik-bulusmasi": {
        "scene": "youth",
        "colours": ("#1d6b3a", "#9fd6b0"),
        "tr": ("İBB gençlik buluşması", "Çizim: Gençlik buluşmasında söz alan gençler ve konuşma balonları."),
        "en": ("Istanbul youth meeting", "Drawing: young people speaking at a youth meeting, with speech bubbles."),
    },
    "il-cocuk-meclisi": {
        "scene": "children",
        "colours": ("#b35c00", "#ffd08a"),
        "tr": ("İl Çocuk Meclisi", "Çizim: Bilgi Evi'nin önünde balonlarıyla bekleyen Çocuk Meclisi üyeleri."),
        "en": (
            "Istanbul Children's Assembly",
            "Drawing: Children's Assembly members with balloons outside a Knowledge House.",
        ),
    },
    "15-temmuz": {
        "scene": "seniors",
        "colours": ("#5c4033", "#d9c2b0"),
        "tr": (
            "15 Temmuz programı",
            "Çizim: Türk bayraklarının asıldığı bir parkta Kıdemli Hemşehriciler Meclisi üyeleri.",
        ),
        "en": ("15 July programme", "Drawing: Seniors' Assembly members in a park hung with Turkish flags."),
    },
    "istihdam": {
        "scene": "employment",
        "colours": ("#0f5e66", "#95d3d9"),
        "tr": (
            "İstihdam Merkezi: işe yönlendirilenler",
            "Grafik: İstihdam Merkezi'nin 2016-2020 yıllarında işe yönlendirdiği kişi sayısı; 2020'de 14.005. "
            "Yanında bir evrak çantası.",
        ),
        "en": (
            "Employment centre: job referrals",
            "Chart: people the employment centre referred to jobs each year from 2016 to 2020; 14,005 in 2020. "
            "Beside it a briefcase.",
        ),
    },
    "kent-konseyi": {
        "scene": "city",
        "colours": ("#0b4f8a", "#7fb2de"),
        "tr": (
            "Ümraniye Kent Konseyi",
            "Çizim: Ümraniye'nin binaları önünde sütunlu bir meclis salonu ve yürüyen insanlar.",
        ),
        "en": (
            "Ümraniye City Council",
            "Drawing: a columned assembly hall before Ümraniye's buildings, people walking by.",
        ),
    },
}

# More of a season's calendar, from the activities the 2020 annual report names: the council's information
# meetings and employment centre, the assemblies' meetings, visits, courses, trips and performances.
EVENTS += [
    {
        "where": None,
        "days": 16,
        "time": (18, 30),
        "hours": 2,
        "category": "information_meeting",
        "registration": "signed_in",
        "capacity": 80,
        "venue": ("Ümraniye Kent Konseyi Salonu", "Atatürk Mahallesi, Ümraniye"),
        "speakers": [("Av. Nazlı Okur", "Halkla İlişkiler Müdürlüğü")],
        "picture": "cozum-merkezi",
        "tr": (
            "Bilgilendirme toplantısı: Bilgi Edinme ve CİMER başvuruları",
            "4982 sayılı Bilgi Edinme Kanunu ve 3071 sayılı Dilekçe Kanunu uyarınca başvurular nasıl yapılır, "
            "ne zaman yanıtlanır?",
        ),
        "en": (
            "Information meeting: right-to-information and CİMER requests",
            "How to apply under Law 4982 on the right to information and Law 3071 on petitions, and when to "
            "expect an answer.",
        ),
        "step_free": True,
    },
    {
        "where": None,
        "days": 8,
        "time": (10, 0),
        "hours": 3,
        "category": "course",
        "repeat": "monthly",
        "repeat_count": 3,
        "registration": "signed_in",
        "capacity": 25,
        "venue": ("İstihdam Merkezi", "Ümraniye Belediyesi Hizmet Binası, Atatürk Mahallesi"),
        "picture": "istihdam",
        "tr": (
            "İstihdam Merkezi kariyer eğitimi: CV hazırlama ve iş görüşmesi",
            "İş arayanlar için etkili CV hazırlama ve iş görüşmesine hazırlık eğitimi; her ay bir oturum.",
        ),
        "en": (
            "Employment centre career training: CVs and job interviews",
            "Writing a good CV and preparing for a job interview, for job seekers; one session a month.",
        ),
    },
    {
        "where": None,
        "days": 37,
        "time": (10, 0),
        "hours": 6,
        "category": "other",
        "venue": ("Ümraniye Belediyesi Hizmet Binası", "Atatürk Mahallesi, Ümraniye"),
        "picture": "istihdam",
        "tr": (
            "İstihdam Merkezi kariyer günü",
            "Personel arayan firmalar ile iş arayan hemşehrilerimiz İstihdam Merkezi'nin kariyer gününde buluşuyor.",
        ),
        "en": (
            "Employment centre career day",
            "Firms looking for staff meet job-seeking residents at the employment centre's career day.",
        ),
        "step_free": True,
    },
    {
        "where": None,
        "days": 44,
        "time": (18, 30),
        "hours": 2,
        "category": "information_meeting",
        "venue": ("Ümraniye Kent Konseyi Salonu", "Atatürk Mahallesi, Ümraniye"),
        "tr": (
            "Bilgilendirme toplantısı: Budama, ağaç kesimi ve parklar",
            "Budama ve kesim talepleri 2020'nin en sık konuları arasındaydı; Park ve Bahçeler Müdürlüğü anlatıyor.",
        ),
        "en": (
            "Information meeting: pruning, tree felling and parks",
            "Pruning and felling requests were among 2020's most frequent subjects; the Parks directorate explains.",
        ),
    },
    {
        "where": None,
        "days": 58,
        "time": (19, 0),
        "hours": 2,
        "category": "assembly_meeting",
        "venue": ("Ümraniye Kent Konseyi Salonu", "Atatürk Mahallesi, Ümraniye"),
        "tr": (
            "Kent Konseyi Yürütme Kurulu toplantısı",
            "Meclis başkanları ve Yürütme Kurulu, Genel Kurul'un kararlarının uygulanmasını görüşüyor.",
        ),
        "en": (
            "City Council executive board meeting",
            "The assemblies' presidents and the executive board discuss putting the general assembly's decisions "
            "into practice.",
        ),
    },
    {
        "where": "kadin",
        "days": 18,
        "time": (10, 30),
        "hours": 2,
        "category": "other",
        "registration": "members",
        "capacity": 12,
        "venue": ("İlçe Sağlık Müdürlüğü", "Namık Kemal Mahallesi, Ümraniye"),
        "tr": (
            "Kamu kurumları ziyareti: İlçe Sağlık Müdürlüğü",
            "Kadın Meclisi, Ümraniye'deki kamu kurumlarının müdürlerini makamlarında ziyaret etmeye devam ediyor.",
        ),
        "en": (
            "Visit to public institutions: district health directorate",
            "The Women's Assembly goes on visiting the heads of Ümraniye's public institutions.",
        ),
    },
    {
        "where": "kadin",
        "days": 26,
        "time": (13, 0),
        "hours": 4,
        "category": "other",
        "registration": "members",
        "capacity": 20,
        "venue": ("Buluşma: Kadın Meclisi Atölyesi", "İnkılap Mahallesi, Ümraniye"),
        "tr": (
            "Yaşlı hemşehrilerimize ev ziyareti",
            "Ziyaret Çalışma Grubu, yalnız yaşayan yaşlı hemşehrilerimizi evlerinde ziyaret ediyor.",
        ),
        "en": (
            "Home visits to elderly residents",
            "The visiting working group calls on elderly residents who live alone.",
        ),
    },
    {
        "where": "kadin",
        "days": 40,
        "time": (18, 0),
        "hours": 2,
        "category": "assembly_meeting",
        "registration": "members",
        "capacity": 60,
        "venue": ("Ümraniye Kent Konseyi Salonu", "Atatürk Mahallesi, Ümraniye"),
        "tr": ("Kadın Meclisi genel toplantısı", "Çalışma grupları ve komisyonlar yılın planını sunuyor."),
        "en": ("Women's Assembly general meeting", "The working groups and commissions present the year's plan."),
        "sign_language": True,
    },
    {
        "where": "genclik",
        "days": 20,
        "time": (16, 0),
        "hours": 2,
        "category": "assembly_meeting",
        "registration": "members",
        "capacity": 35,
        "venue": ("Ümraniye Belediyesi Meclis Salonu", "Atatürk Mahallesi, Ümraniye"),
        "tr": (
            "Belediye Başkanımız ile gençlik istişare toplantısı",
            "İlçemiz için genç fikirler: Gençlik Meclisi projelerini Belediye Başkanımıza sunuyor.",
        ),
        "en": (
            "Youth consultation with the Mayor",
            "Young ideas for the district: the Youth Assembly presents its projects to the Mayor.",
        ),
    },
    {
        "where": "genclik",
        "days": 33,
        "time": (11, 0),
        "hours": 5,
        "category": "trip",
        "registration": "members",
        "capacity": 15,
        "venue": ("İBB Gençlik Meclisi", "Saraçhane, Fatih / İstanbul"),
        "tr": (
            "İBB Gençlik Meclisi gençlik buluşması",
            "Gençlik Meclisimiz İBB Gençlik Meclisi'nin buluşmasında Ümraniye'yi temsil ediyor; ulaşım servisle.",
        ),
        "en": (
            "Istanbul Youth Assembly youth meeting",
            "Our Youth Assembly represents Ümraniye at Istanbul's Youth Assembly meeting; a coach takes us there.",
        ),
    },
    {
        "where": "cocuk",
        "days": 13,
        "time": (14, 0),
        "hours": 2,
        "category": "workshop",
        "registration": "signed_in",
        "capacity": 20,
        "venue": ("Bilgi Evi", "Yamanevler Mahallesi, Ümraniye"),
        "tr": (
            "Bilgi Evi kitap okuma saati",
            "Çocuk Meclisi üyeleri Bilgi Evi'nde birlikte kitap okuyor ve okuduklarını anlatıyor.",
        ),
        "en": (
            "Reading hour at the Knowledge House",
            "Children's Assembly members read together at the Knowledge House and talk about their books.",
        ),
        "easy_read": True,
    },
    {
        "where": "cocuk",
        "days": 41,
        "time": (10, 0),
        "hours": 4,
        "category": "trip",
        "registration": "members",
        "capacity": 10,
        "venue": ("İstanbul İl Çocuk Meclisi", "Vilayet Binası, Cağaloğlu / İstanbul"),
        "tr": (
            "İl Çocuk Meclisi toplantısı",
            "Çocuk Meclisimiz İstanbul İl Çocuk Meclisi toplantısında ilçemizi temsil ediyor; velilerin izni gerekir.",
        ),
        "en": (
            "Istanbul Children's Assembly meeting",
            "Our Children's Assembly represents the district at the Istanbul Children's Assembly; parents' "
            "permission is needed.",
        ),
    },
    {
        "where": "engelli",
        "days": 5,
        "time": (10, 0),
        "hours": 2,
        "category": "course",
        "repeat": "weekly",
        "repeat_count": 8,
        "registration": "members",
        "capacity": 15,
        "venue": ("Engelliler Eğitim ve Kültür Merkezi", "Atakent Mahallesi, Ümraniye"),
        "tr": ("Takı kursu", "Engelliler Eğitim ve Kültür Merkezi'nin 14 branşından biri; sekiz haftalık kurs."),
        "en": ("Jewellery course", "One of the 14 courses of the Education and Culture Centre; eight weeks."),
        "step_free": True,
    },
    {
        "where": "engelli",
        "days": 22,
        "time": (13, 30),
        "hours": 3,
        "category": "course",
        "registration": "members",
        "capacity": 12,
        "venue": ("Engelliler Eğitim ve Kültür Merkezi", "Atakent Mahallesi, Ümraniye"),
        "tr": (
            "Resim atölyesi: yağlıboya ve karakalem",
            "Yağlıboya ve karakalem çalışmalarıyla bir günlük resim atölyesi; malzemeler merkezden.",
        ),
        "en": (
            "Painting workshop: oils and charcoal",
            "A one-day painting workshop in oils and charcoal; the centre provides the materials.",
        ),
        "step_free": True,
    },
    {
        "where": "engelli",
        "days": 29,
        "time": (10, 0),
        "hours": 4,
        "category": "course",
        "registration": "signed_in",
        "capacity": 30,
        "venue": ("Engelliler Eğitim ve Kültür Merkezi", "Atakent Mahallesi, Ümraniye"),
        "tr": (
            "Engelli bakımı ve ilk yardım eğitimi",
            "Engelli yakınları ve gönüllüler için bakım ve temel ilk yardım eğitimi; katılım belgesi verilir.",
        ),
        "en": (
            "Care and first aid training",
            "Care and basic first aid for relatives of disabled people and volunteers; with a certificate.",
        ),
        "step_free": True,
        "sign_language": True,
    },
    {
        "where": "engelli",
        "days": 47,
        "time": (19, 0),
        "hours": 2,
        "category": "culture",
        "registration": "signed_in",
        "capacity": 150,
        "venue": ("Ümraniye Sinema ve Tiyatro Salonu", "Atakent Mahallesi, Ümraniye"),
        "tr": (
            "Tiyatro ekibimizin gösterisi ve Engelli Korosu konseri",
            "Engelli Meclisi'nin tiyatro ekibi sahnede; ardından Engelli Korosu konser veriyor. Giriş ücretsiz.",
        ),
        "en": (
            "Theatre performance and Disabled People's Choir concert",
            "The assembly's theatre group on stage, followed by a concert of the choir. Free entry.",
        ),
        "step_free": True,
        "induction_loop": True,
    },
    {
        "where": "kidemli",
        "days": 10,
        "time": (14, 0),
        "hours": 2,
        "category": "assembly_meeting",
        "registration": "members",
        "capacity": 50,
        "venue": ("Ümraniye Kent Konseyi Salonu", "Atatürk Mahallesi, Ümraniye"),
        "tr": (
            "Kıdemli Hemşehriciler Meclisi toplantısı: kent sorunlarına çözümler",
            "Halkın öneri, talep ve şikâyetlerinden derlenen kent sorunları ve çözüm önerileri görüşülüyor.",
        ),
        "en": (
            "Seniors' Assembly meeting: solutions for the city",
            "The city's problems gathered from residents' suggestions, requests and complaints, and proposed "
            "solutions.",
        ),
        "step_free": True,
    },
    {
        "where": "kidemli",
        "days": 55,
        "time": (8, 0),
        "hours": 11,
        "category": "trip",
        "registration": "members",
        "capacity": 40,
        "venue": ("Hareket: Ümraniye Belediyesi önü", "Atatürk Mahallesi, Ümraniye"),
        "tr": (
            "Kent Konseyi gezisi: Bursa",
            "Kent Konseyimizin il dışı programı: Bursa'da tarihi çarşılar ve Bursa Kent Konseyi ile buluşma.",
        ),
        "en": (
            "City Council trip: Bursa",
            "A City Council programme outside Istanbul: Bursa's historic bazaars and a meeting with Bursa City "
            "Council.",
        ),
    },
]

# English for the first events that had only Turkish.
EVENT_ENGLISH = {
    "Kent Konseyi Genel Kurulu": (
        "City Council general assembly",
        "The assemblies' annual reports and proposals for the new term are discussed.",
    ),
    "Bilgilendirme toplantısı: Moloz alımı ve geri dönüşüm": (
        "Information meeting: rubble collection and recycling",
        "An expert talk on rubble collection requests and recycling.",
    ),
    "Girişimcilik Komisyonu atölyesi": (
        "Entrepreneurship commission workshop",
        "A business-plan and marketing workshop for women entrepreneurs; every week.",
    ),
    "Gençlik Buluşması: Fikirden projeye": (
        "Youth meet-up: from idea to project",
        "We turn young ideas for Ümraniye into projects; one meet-up a month.",
    ),
    "Çocuk Meclisi genel toplantısı": (
        "Children's Assembly general meeting",
        "Children's Assembly members discuss the proposals they will take to the Istanbul Children's Assembly.",
    ),
    "Okçuluk yarışması": (
        "Archery competition",
        "The archery competition of the Disabled People's Assembly has been cancelled because of the weather.",
    ),
    "15 Temmuz Demokrasi ve Milli Birlik Günü programı": (
        "15 July Democracy and National Unity Day programme",
        "The Seniors' Assembly joins the 15 July programmes every year.",
    ),
}
for _event in EVENTS:
    if "en" not in _event and _event["tr"][0] in EVENT_ENGLISH:
        _event["en"] = EVENT_ENGLISH[_event["tr"][0]]
