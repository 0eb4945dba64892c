"""One URL per page template of the shipped site: what the a11y, phone and print suites visit.

Add a page here when a new kind of page ships.
"""

from __future__ import annotations

TEMPLATES: dict[str, str] = {
    "home": "",
    "catalogue": "catalogue/",
    "framework": "framework/",
    "domain": "domains/03-02/",
    "reviews": "reviews/",
    "drafts": "drafts/",
    "progress": "progress/",
    "standard-text": "standards/sljg-002-2025/",
    "standard-changes": "standards/sljg-002-2025/changes/",
    "standard-replaced": "standards/sljg-002-2020/",
    "standard-upcoming": "standards/sljg-003-2026/",
    "standard-metadata-only": "standards/db4203-t-131-2018/",
    "standard-draft": "standards/sljg-jihua-2026-02/",
    "guide": "guide/",
    "guide-rules": "guide/rules/",
    "about": "about/",
    "editors": "editors/",
    "guide-site": "guide/site/",
    "not-found": "404.html",
}
