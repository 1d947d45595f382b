"""Vietnes iestatījumi priekšskatījumam (make serve); publishconf.py tos papildina publicēšanai.

Labojiet tikai vērtības augšdaļā (līdz rindai „Tālāk – tehniskie iestatījumi”); pēc saglabāšanas
make serve vietni uzbūvē no jauna un kļūdu gadījumā parāda, kurā rindā tā ir.
"""

from pathlib import Path

# Ceļi tiek rēķināti no šī faila mapes (nemainiet).
ROOT = Path(__file__).resolve().parent

SITENAME = "Sociālo tīklu pārvaldīšana"
SITE_DESCRIPTION = (
    "Sociālo tīklu pārvaldīšana TikTok, Meta, LinkedIn un YouTube platformās: stratēģija, satura "
    "plāns, publicēšana, reklāmas un izmērāmi rezultāti. Cenas ar PVN un cenas kalkulators."
)
SITEURL = ""
# Vietnes adrese priekšskatījumā. Publicētās vietnes adrese ir publishconf.py (SITE_ORIGIN).
SITE_ORIGIN = "http://127.0.0.1:8000"
TIMEZONE = "Europe/Riga"
DEFAULT_LANG = "lv"
# Vietnes valodas, galvenā – pirmā (tā ir adresē /, pārējās – /<valoda>/). Katrai nākamajai
# valodai vajag tulkojumu failu theme/translations/<valoda>/LC_MESSAGES/messages.po (to izveido
# un atjauno „make messages”) un tekstus mapē content/. Valodu paslēpj, izņemot to no saraksta.
LANGUAGES = ["lv", "en"]
# Lapā redzamie iestatījumi citās valodās (galvenās valodas vērtības ir augstāk).
LANGUAGE_SETTINGS = {
    "en": {
        "SITENAME": "Social media management",
        "SITE_DESCRIPTION": (
            "Social media management on TikTok, Meta, LinkedIn and YouTube: strategy, a content "
            "plan, publishing, ads and measurable results. Prices with VAT and a price calculator."
        ),
        "FOOTER_NOTE": "This site uses no cookies, third-party analytics or tracking.",
    },
}

# Jūsu dati privātuma politikai, meklētājiem, lapas kājenei un piedāvājumiem (quote offer).
# Pirms publicēšanas aizstājiet katru „[...]” un adresi example.lv: make publish un quote offer
# atsakās strādāt, kamēr kāds no tiem ir palicis.
OWNER = {
    "name": "[Vārds Uzvārds – jānorāda pelicanconf.py]",
    # Uzņēmuma vai saimnieciskās darbības veicēja reģistrācijas numurs.
    "reg_no": "[reģistrācijas numurs – jānorāda pelicanconf.py]",
    # PVN maksātāja numurs, piemēram, "LV40000000000" (vietnes cenas ir ar PVN).
    "vat_no": "[PVN maksātāja numurs – jānorāda pelicanconf.py]",
    "address": "[adrese – jānorāda pelicanconf.py]",
    "email": "info@example.lv",
    "phone": "[+371 00000000 – jānorāda pelicanconf.py]",
    # Banka un konts piedāvājumos, piemēram, "AS Swedbank" un "LV00HABA0000000000000".
    "bank": "[banka – jānorāda pelicanconf.py]",
    "iban": "[konta numurs IBAN – jānorāda pelicanconf.py]",
}
# Rakstu autors (meklētājiem un ziņu plūsmām).
AUTHOR = OWNER["name"]
SOCIAL_LINKS = (
    ("LinkedIn", "https://www.linkedin.com/"),
    ("Instagram", "https://www.instagram.com/"),
    ("TikTok", "https://www.tiktok.com/"),
)

# Kur saziņas forma sūta pieprasījumus (nemainiet, ja vien forma nav citā serverī).
CONTACT_FORM_ACTION = "/api/contact"

# Apmeklējumu skaitīšana bez sīkdatnēm (quote stats): katra lapa nosūta vietnes serverim, ka tā
# ir atvērta, un kalkulators – kādi pakalpojumi izvēlēti (bez apmeklētāja datiem; glabā tikai
# dienas kopsummas). False – lapās skaitīšanas skripta nav vispār. Serverī skaitīšanu izslēdz
# arī QUOTE_COUNTING=0 failā contact.env.
COUNTING = True

# Tālāk – tehniskie iestatījumi: tie nosaka, kā vietne tiek būvēta; mainīt nav vajadzīgs.

PATH = str(ROOT / "content")
THEME = str(ROOT / "theme")
OUTPUT_PATH = str(ROOT / "output")
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = [
    "i18n",
    "theme_assets",
    "landing",
    "pricing",
    "sitemap_robots",
    "responsive_images",
    "share_images",
    "site_icons",
    "articles",
    "case_studies",
]
PRICING_FILE = str(ROOT / "pricing.yaml")
I18N_CATALOGS = str(ROOT / "theme" / "translations")
# Preview images for shared links are kept here between builds (plugins/share_images).
SHARE_IMAGES_CACHE = str(ROOT / "var" / "cache" / "share-images")

# Landing sections and FAQ answers are read by the landing plugin, not as articles or pages.
LANDING_DIR = "landing"
FAQ_DIR = "faq"
# Case studies are read by the case_studies plugin.
CASE_STUDIES_DIR = "projekti"
ARTICLE_PATHS = ["raksti"]
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = [LANDING_DIR, FAQ_DIR, CASE_STUDIES_DIR]
PAGE_EXCLUDES = [LANDING_DIR, FAQ_DIR, CASE_STUDIES_DIR]
STATIC_PATHS = []

# Articles (plugins/articles): content/raksti/*.md, a translation beside its original with the
# same Slug and its Lang. Each language has an index (paginated) and an Atom feed; no category,
# tag, author or archive pages: tags are shown on the article.
ARTICLE_URL = "raksti/{slug}/"
ARTICLE_SAVE_AS = "raksti/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/articles/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/articles/{slug}/index.html"
ARTICLES_INDEX_URL = "raksti/"
ARTICLES_INDEX_LANG_URL = "{lang}/articles/"
ARTICLES_PER_PAGE = 10
PAGINATED_TEMPLATES = {"articles": ARTICLES_PER_PAGE}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/{number}/", "{base_name}/{number}/index.html"),
)
# The landing plugin writes every language's landing and "not found" pages.
DIRECT_TEMPLATES = []
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
# Drafts (Status: draft) are never written: nothing unfinished goes live.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DEFAULT_PAGINATION = False
DEFAULT_CATEGORY = "raksti"
USE_FOLDER_AS_CATEGORY = False
# Feeds are written per language by plugins/articles.
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

# Setting MARKDOWN replaces Pelican's defaults, so "extra" is listed again.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
    },
    "output_format": "html5",
}

RELATIVE_URLS = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

FOOTER_NOTE = "Šī vietne neizmanto sīkdatnes, trešo pušu analītiku vai izsekošanu."
