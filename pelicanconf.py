"""Development settings. ``publishconf.py`` extends these for the published build."""

from pathlib import Path

# Custom paths resolve against the working directory, so anchor them at this file.
ROOT = Path(__file__).resolve().parent

SITENAME = "Sociālo tīklu pārvaldīšana"
SITE_DESCRIPTION = (
    "Sociālo tīklu pārvaldīšana TikTok, Meta, LinkedIn un YouTube platformās: stratēģija, satura "
    "plāns, publicēšana, reklāmas un izmērāmi rezultāti. Cenas ar PVN un cenas kalkulators."
)
SITEURL = ""
# The canonical address of the published site; used in canonical links, Open Graph and the sitemap.
SITE_ORIGIN = "http://127.0.0.1:8000"
TIMEZONE = "Europe/Riga"
DEFAULT_LANG = "lv"
# The site's languages, the default first (served at /, the others at /<lang>/). Each language
# after the first needs a message catalog, theme/translations/<lang>/LC_MESSAGES/messages.po
# (`make messages` creates and updates it), and its copy under content/.
LANGUAGES = ["lv", "en"]
# What differs per language among the settings a page shows (the default language's are above).
LANGUAGE_SETTINGS = {
    "en": {
        "SITENAME": "Social media management",
        "SITE_DESCRIPTION": (
            "Social media management on TikTok, Meta, LinkedIn and YouTube: strategy, a content "
            "plan, publishing, ads and measurable results. Prices with VAT and a price calculator."
        ),
        "FOOTER_NOTE": "This site uses no cookies, analytics or tracking.",
    },
}

# Owner facts for the privacy notice, the structured data, the footer and the offers
# (`quote offer`). Replace every "[...]" placeholder and the example.lv address before
# publishing; `quote offer` refuses to write an offer while one is left (quote/owner.py).
OWNER = {
    "name": "[Vārds Uzvārds – jānorāda pelicanconf.py]",
    # Registration number of the company or of the self-employed taxpayer.
    "reg_no": "[reģistrācijas numurs – jānorāda pelicanconf.py]",
    # VAT payer number, e.g. "LV40000000000" (prices on the site include VAT).
    "vat_no": "[PVN maksātāja numurs – jānorāda pelicanconf.py]",
    "address": "[adrese – jānorāda pelicanconf.py]",
    "email": "info@example.lv",
    "phone": "[+371 00000000 – jānorāda pelicanconf.py]",
    # Bank and account printed on offers, e.g. "AS Swedbank" and "LV00HABA0000000000000".
    "bank": "[banka – jānorāda pelicanconf.py]",
    "iban": "[konta numurs IBAN – jānorāda pelicanconf.py]",
}
SOCIAL_LINKS = (
    ("LinkedIn", "https://www.linkedin.com/"),
    ("Instagram", "https://www.instagram.com/"),
    ("TikTok", "https://www.tiktok.com/"),
)

# Where the contact form posts; the endpoint may live on another host.
CONTACT_FORM_ACTION = "/api/contact"

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
]
PRICING_FILE = str(ROOT / "pricing.yaml")
I18N_CATALOGS = str(ROOT / "theme" / "translations")
# Preview images for shared links are kept here between builds (plugins/share_images).
SHARE_IMAGES_CACHE = str(ROOT / "var" / "cache" / "share-images")

# Landing sections and FAQ answers are read by the landing plugin, not as articles or pages.
LANDING_DIR = "landing"
FAQ_DIR = "faq"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
ARTICLE_EXCLUDES = [LANDING_DIR, FAQ_DIR]
PAGE_EXCLUDES = [LANDING_DIR, FAQ_DIR]
STATIC_PATHS = []

# No blog scaffolding while there are no articles.
DIRECT_TEMPLATES = ["index", "404"]
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
ARTICLE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = None
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

FOOTER_NOTE = "Šī vietne neizmanto sīkdatnes, analītiku vai izsekošanu."
