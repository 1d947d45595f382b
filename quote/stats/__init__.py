"""``quote stats``: the owner's report of the cookie-free counts and the inquiries' follow-up
(issue 26): figures.py reads them for a period, labels.py names what they count, words.py holds
the Latvian words both reports share, text.py is the terminal report, html.py the HTML page with
charts.py's inline SVG."""
