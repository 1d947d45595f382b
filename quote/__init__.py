"""The domain of the site: price list, money, estimates and the contact endpoint.

Nothing in this package imports Pelican; the plugins in ``plugins/`` adapt it.
"""
