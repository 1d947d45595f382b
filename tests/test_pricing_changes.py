"""Warnings and the price diff on hand-written catalogs (values worked out by hand)."""

from __future__ import annotations

import copy

from quote.pricing.changes import package_warnings, price_diff, removed_ids, vat_change, warnings

EUR = "\u00a0€"  # the no-break space before € in every formatted price
PCT = "\u00a0%"


def service(sid, name, price=None, tiers=(), package=False, billing="monthly"):
    return {
        "id": sid,
        "name": name,
        "billing": billing,
        "quantity": False,
        "unit": None,
        "price": price,
        "tiers": [
            {"id": tid, "price": cents, "summary": "", "includes": list(includes)}
            for tid, cents, includes in tiers
        ],
        "package": package,
    }


PUBLISHED = {
    "version": "aaaaaaaaaaaa",
    "currency": "EUR",
    "vat_bp": 2100,
    "services": [
        service("positioning", "Pozicionējums", price=25000, billing="once"),
        service("content", "Saturs", tiers=[("1", 35000, ()), ("2", 45000, ()), ("3", 60000, ())]),
        service("community", "Kopiena", price=12000),
        service("ads", "Reklāmas", tiers=[("1", 25000, ())]),
        service(
            "full-package",
            "Pakete",
            package=True,
            tiers=[
                (
                    "1",
                    55000,
                    ({"service": "content", "tier": "2"}, {"service": "community", "tier": None}),
                )
            ],
        ),
    ],
}


def edited(**changes):
    catalog = copy.deepcopy(PUBLISHED)
    catalog.update(changes)
    return catalog


def test_no_warning_for_an_unchanged_list_with_a_cheaper_package():
    assert warnings(PUBLISHED, PUBLISHED) == []
    assert price_diff(PUBLISHED, PUBLISHED) == []


def test_a_package_costing_as_much_as_its_parts_is_warned_about():
    catalog = edited()
    catalog["services"][4]["tiers"][0]["price"] = 57000  # 450 € + 120 €
    assert package_warnings(catalog) == [
        f"services[full-package].tiers[1]: paketes cena 570{EUR} nav mazāka par tās daļu summu "
        f"570{EUR} (content 2 450{EUR}, community 120{EUR}); konfigurators to nekad neieteiks"
    ]
    catalog["services"][4]["tiers"][0]["price"] = 56999
    assert package_warnings(catalog) == []


def test_removed_services_and_tiers_name_the_share_links_that_break():
    catalog = edited()
    del catalog["services"][3]  # ads
    catalog["services"][1]["tiers"].pop()  # content 3
    assert removed_ids(PUBLISHED, catalog, "https://www.berzina.lv") == [
        "services[content].tiers[3]: līmenis '3' ir publicētajā vietnē, bet šajā cenrādī tā nav; "
        "vecās saites to zaudēs: https://www.berzina.lv/?content=3&months=3",
        "services[ads]: pakalpojums 'ads' („Reklāmas”) ir publicētajā vietnē, bet šajā cenrādī "
        "tā nav; vecās saites ar ads=… to zaudēs, piemēram "
        "https://www.berzina.lv/?ads=1&months=3",
    ]


def test_a_changed_vat_rate_shows_the_old_and_new_net_of_one_price():
    # 250 € with 21 % VAT: 206,61 € net; with 22 %: 204,92 €.
    assert vat_change(PUBLISHED, edited(vat_bp=2200)) == [
        f"vat_rate: PVN likme mainīta no 21{PCT} uz 22{PCT}; mainās visas cenas bez PVN, "
        f"piemēram, Pozicionējums: 206,61{EUR} → 204,92{EUR} bez PVN "
        f"(250{EUR} → 250{EUR} ar PVN)"
    ]
    assert vat_change(PUBLISHED, edited()) == []


def test_the_diff_lists_every_changed_added_and_removed_price():
    catalog = edited()
    catalog["services"][1]["tiers"][1]["price"] = 48000  # content 2: 450 € -> 480 €
    catalog["services"][1]["tiers"].append(
        {"id": "4", "price": 75000, "summary": "", "includes": []}
    )
    del catalog["services"][2]  # community
    assert price_diff(PUBLISHED, catalog) == [
        # 450 / 1,21 = 371,90; 480 / 1,21 = 396,69; 750 / 1,21 = 619,83
        f"~ Saturs, 2 [content/2]: 450{EUR} → 480{EUR} ar PVN; 371,90{EUR} → 396,69{EUR} bez PVN",
        f"+ Saturs, 4 [content/4]: 750{EUR} ar PVN (619,83{EUR} bez PVN) — jauns",
        f"- Kopiena [community]: 120{EUR} ar PVN — vairs nav cenrādī",
    ]


def test_a_vat_change_alone_changes_every_net_price_in_the_diff():
    lines = price_diff(PUBLISHED, edited(vat_bp=2200))
    assert len(lines) == 7  # positioning, content 1-3, community, ads 1, package 1
    assert lines[0] == (
        f"~ Pozicionējums [positioning]: 250{EUR} → 250{EUR} ar PVN; "
        f"206,61{EUR} → 204,92{EUR} bez PVN"
    )
