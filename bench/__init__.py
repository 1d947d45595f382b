"""`make bench`: measures the built site beside the physical floor and prints one table.

Each module measures one thing and returns plain dicts; ``__main__`` runs them in order,
prints the table (``report``) and writes ``bench/results.json``. Nothing here asserts: the
budgets that can be asserted live in ``tests/test_budgets.py``.
"""
