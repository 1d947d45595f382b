"""The seed content's FAQ questions, in their order on the page (tests/test_site_build.py,
tests/test_site_browser.py)."""

FAQ = [
    "Cik ātri parasti parādās rezultāti sociālajos tīklos?",
    "Vai reklāmu budžets ir iekļauts cenā?",
    "Cik kanālus var iekļaut satura plānā un publicēšanā?",
    "Vai var pārvaldīt tikai LinkedIn bez citiem kanāliem?",
    "Kādi materiāli un informācija vajadzīgi, lai sāktu?",
    "Kā tiek piešķirtas piekļuves tiesības un nodrošināta drošība sociālajos tīklos?",
    "Kādas atskaites saņemšu un cik bieži?",
    "Cik labojumu cikli ir iekļauti un kā notiek saskaņošana?",
]
