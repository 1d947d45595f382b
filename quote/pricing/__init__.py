"""The price list: ``pricing.yaml`` read, validated and modelled, and what is derived from it.

Modules, lowest first (a module imports only those above it):

- ``messages``: the Latvian texts of every problem the owner can make in the file;
- ``marks``: YAML as plain data with the line:column of every key and value;
- ``fields``: the field types, each converting a value from the file or refusing it;
- ``problems``: ``Problem`` (one mistake at file:line:column) and the ``Report`` collecting them;
- ``rules``: rules between fields (unique ids, rising tiers, package includes);
- ``validation``: every problem at once, pydantic's errors mapped back to the file;
- ``model``: the price list's model (pydantic) and its loader, ``load_price_list``;
- ``catalog``: the price list as the configurator's JSON;
- ``details``: the labelled lines under a service (price table and ``quote check``);
- ``changes``: price differences against the published catalog (``quote diff``, build warnings);
- ``backups``: the undo copies of ``pricing.yaml`` kept on disk at each good build;
- ``snapshots``: the price list as it was, kept with the inquiries (by date and version).
"""
