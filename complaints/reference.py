"""The register's reference data: Ümraniye Municipality's directorates and the case topics.

The first ten topics are the 2020 annual report's most frequent ones (seed
`konular-ilk10-2020.csv`); the rest are the other everyday subjects of a district
municipality. Administrators edit both in the admin; this is only the starting set.
"""

DIRECTORATES = [
    "Bilgi İşlem Müdürlüğü",
    "Çevre Koruma ve Kontrol Müdürlüğü",
    "Emlak ve İstimlak Müdürlüğü",
    "Fen İşleri Müdürlüğü",
    "Halkla İlişkiler Müdürlüğü",
    "İmar ve Şehircilik Müdürlüğü",
    "Kültür ve Sosyal İşler Müdürlüğü",
    "Mali Hizmetler Müdürlüğü",
    "Park ve Bahçeler Müdürlüğü",
    "Sağlık İşleri Müdürlüğü",
    "Sosyal Yardım İşleri Müdürlüğü",
    "Spor Hizmetleri Müdürlüğü",
    "Temizlik İşleri Müdürlüğü",
    "Ulaşım Hizmetleri Müdürlüğü",
    "Veteriner İşleri Müdürlüğü",
    "Yapı Kontrol Müdürlüğü",
    "Zabıta Müdürlüğü",
]

# (topic, default directorate); the report's top ten first, in its order.
TOPICS = [
    ("Hayvanların Muayene ve Tedavileri", "Veteriner İşleri Müdürlüğü"),
    ("Moloz Alımı", "Temizlik İşleri Müdürlüğü"),
    ("Denetimler", "Zabıta Müdürlüğü"),
    ("Sokak Hayvanı Şikâyeti", "Veteriner İşleri Müdürlüğü"),
    ("Asfalt Onarımı", "Fen İşleri Müdürlüğü"),
    ("Genel İlaçlama Talebi", "Çevre Koruma ve Kontrol Müdürlüğü"),
    ("Çöp Toplama", "Temizlik İşleri Müdürlüğü"),
    ("Yıkama Süpürme ve Temizleme Hizmetleri", "Temizlik İşleri Müdürlüğü"),
    ("Budama ve Kesim", "Park ve Bahçeler Müdürlüğü"),
    ("Komşu Şikâyetleri", "Zabıta Müdürlüğü"),
    ("Kaldırım ve Yol Bakımı", "Fen İşleri Müdürlüğü"),
    ("Sokak Aydınlatması", "Fen İşleri Müdürlüğü"),
    ("Park ve Oyun Alanları", "Park ve Bahçeler Müdürlüğü"),
    ("Gürültü", "Zabıta Müdürlüğü"),
    ("Kaldırım İşgali", "Zabıta Müdürlüğü"),
    ("Kaçak Yapı", "Yapı Kontrol Müdürlüğü"),
    ("İmar Durumu", "İmar ve Şehircilik Müdürlüğü"),
    ("Toplu Taşıma ve Duraklar", "Ulaşım Hizmetleri Müdürlüğü"),
    ("Sosyal Yardım", "Sosyal Yardım İşleri Müdürlüğü"),
    ("Kültür ve Sanat Etkinlikleri", "Kültür ve Sosyal İşler Müdürlüğü"),
    ("Spor Tesisleri", "Spor Hizmetleri Müdürlüğü"),
    ("Vergi ve Borç İşlemleri", "Mali Hizmetler Müdürlüğü"),
    ("Kent Konseyi ve Meclisler", "Halkla İlişkiler Müdürlüğü"),
    ("Diğer", None),
]
