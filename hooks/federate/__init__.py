"""Federation (spec section 9): one national static site over many members' sites.

`python -m hooks federate federation.yml [-d DIR]`: config.py reads federation.yml; fetch.py gets
each member's catalogue.json (http(s) with timeout and size limit, file://, paths); harvest.py
checks it against data/catalogue.schema.json and keeps the last good copy; national.py joins the
members (domains by code, statuses as of today, the half-year report); pages.py and site.py build
the site atomically. Guide: docs/guide/federation.md.
"""
