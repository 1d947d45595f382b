# The two commands a developer needs: `make serve` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# make deploy SERVER=user@host [PORT=22] [DOMAIN=www.example.lv]
SERVER ?=
DOMAIN ?=

.PHONY: serve build publish deploy test lint format bench screenshots clean chromium nginx sshd pdf-libs install install-test messages

# A failed step of an owner target (serve, build, publish, deploy) ends with one Latvian line:
# what did not happen and what to do. make itself then adds its "*** Error" line, which says no more.
fail = { echo "$(1)" >&2; exit 1; }
FAILED_VENV := Python vide .venv netika izveidota. Vajag Python 3.11 vai jaunāku ar venv (Debian: apt-get install python3-venv).
FAILED_INSTALL := Python pakotnes netika uzstādītas. Pārbaudiet interneta savienojumu un palaidiet komandu vēlreiz.
FAILED_BUILD := make build: vietne netika uzbūvēta. Izlabojiet kļūdas, kas norādītas augstāk, un palaidiet make build vēlreiz.
FAILED_PUBLISH := make publish: vietne netika publicēta. Izlabojiet kļūdas, kas norādītas augstāk, un palaidiet make publish vēlreiz.
FAILED_SERVE := make serve: priekšskatījums apstājās vai nesākās. Iemesls ir norādīts augstāk.
FAILED_DEPLOY := make deploy: izvietošana nav pabeigta. Solis un iemesls ir norādīti augstāk.

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || $(call fail,$(FAILED_VENV))
	@$(BIN)/python -m pip install --quiet --upgrade pip || $(call fail,$(FAILED_INSTALL))

# Reinstall when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(BIN)/pip install --quiet -e . || $(call fail,$(FAILED_INSTALL))
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian's Chromium for the browser tests; Playwright's own download does not work offline.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
	  echo "Installing Debian's chromium (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing a Java runtime for the HTML checker (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# Debian's nginx with the brotli_static module: the production tests run the deploy/ site in it
# (as the test user, with its own prefix; the packaged service is not needed and not touched).
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq
nginx:
	@{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } \
	  && [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || { \
	  echo "Installing Debian's nginx and its brotli_static module (needs root)"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq \
	  && $(APT_INSTALL) nginx libnginx-mod-http-brotli-static >/dev/null; }

# Debian's OpenSSH server and rsync: the deploy tests run `quote deploy` against an sshd on
# 127.0.0.1 started by the test as the current user (the packaged service is not needed: it is
# stopped again where systemd started it). sshd run as root wants its privilege-separation folder.
sshd:
	@{ [ -x /usr/sbin/sshd ] && command -v rsync >/dev/null 2>&1; } || { \
	  echo "Installing Debian's openssh-server and rsync (needs root)"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq \
	  && $(APT_INSTALL) openssh-server rsync >/dev/null \
	  && if [ -d /run/systemd/system ]; then systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true; fi; }
	@[ "$$(id -u)" != 0 ] || [ -d /run/sshd ] || install -d -m 0755 /run/sshd

# WeasyPrint's Debian libraries (Pango, HarfBuzz) and a font with Latvian letters: `quote offer`.
# The offer's PDF: WeasyPrint's libraries, its fonts (DejaVu, and Noto Color Emoji for emoji in a
# client's name or the owner's texts) and poppler's pdftotext, with which the tests read it.
pdf-libs:
	@{ ldconfig -p | grep -q libpangoft2-1.0.so.0 && fc-list 2>/dev/null | grep -qi dejavu \
	  && fc-list 2>/dev/null | grep -qi "noto color emoji" && command -v pdftotext >/dev/null; } || { \
	  echo "Installing the PDF libraries for WeasyPrint (needs root)"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq \
	  && $(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
	    fonts-noto-color-emoji poppler-utils fontconfig >/dev/null; }

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# Each build goes into a fresh folder under .builds/ and is swapped in when it succeeded:
# preview/ (development) and output/ (published) are links to the newest good build.
build: $(VENV)/.installed
	@$(BIN)/python -m quote.site.builds --settings pelicanconf.py --link preview \
	  || $(call fail,$(FAILED_BUILD))

publish: $(VENV)/.installed
	@$(BIN)/python -m quote.site.builds --settings publishconf.py --link output \
	  || $(call fail,$(FAILED_PUBLISH))

# Publish, then set up or update the server over SSH (docs/deploy.md). PORT is the SSH port
# here only when given on the command line (`make serve` has its own default of 8000).
SSH_PORT = $(if $(filter command line,$(origin PORT)),$(PORT))
deploy:
	@[ -n "$(SERVER)" ] || { echo "Norādiet serveri: make deploy SERVER=lietotājs@serveris (un, ja vajag, PORT=22 DOMAIN=www.jusu-vietne.lv)"; exit 2; }
	@command -v rsync >/dev/null 2>&1 || { \
	  echo "Uzstāda rsync (vajag root tiesības)"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq && $(APT_INSTALL) rsync >/dev/null; }
	@$(MAKE) --no-print-directory publish
	@$(BIN)/quote deploy $(SERVER)$(if $(SSH_PORT), --port $(SSH_PORT))$(if $(DOMAIN), --domain $(DOMAIN)) \
	  || $(call fail,$(FAILED_DEPLOY))

serve: $(VENV)/.installed
	@$(BIN)/quote serve --host $(HOST) --port $(PORT) || $(call fail,$(FAILED_SERVE))

# Two pytest workers, each running whole test files (a file's module fixtures are set up once):
# much of the suite waits on a browser, a server or a build, so on 2 cores a second worker uses
# the time the first one waits. `make test PYTEST_PARALLEL=` runs in one process.
PYTEST_PARALLEL ?= -n 2 --dist loadfile
test: $(VENV)/.installed-test chromium nginx sshd pdf-libs node_modules/.installed
	$(BIN)/ruff check .
	node --test tests/js/
	$(BIN)/pytest -q $(PYTEST_PARALLEL)

# Extract the templates' interface strings into theme/translations/messages.pot and update every
# language's messages.po; new strings come in untranslated and `make test` fails until they are.
# A new language: `make messages NEW_LANG=ru` creates its catalog first.
TRANSLATIONS := theme/translations
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header \
	  -k N_ -k plural_forms:1,2 --project smm-site -o $(TRANSLATIONS)/messages.pot .
	$(if $(NEW_LANG),$(BIN)/pybabel init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $(NEW_LANG))
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --omit-header \
	  -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed-test chromium
	$(BIN)/python -m bench

# PNGs of every page at 375 and 1280 px, the configurator with a selection and the printed
# estimate as a PDF, into screenshots/ (ignored by git): look at them before a change lands.
screenshots: $(VENV)/.installed-test chromium
	$(BIN)/python -m tools.screenshots

clean:
	rm -rf output preview .builds var/mail .pytest_cache screenshots
