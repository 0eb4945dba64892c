"""Derive: facts computed from the loaded corpus as of the build date.

Takes validated Standards and "today"; fills `status`, `replaced_by`, `review_due`, `sample`,
`citation` and `platform` on each Standard (`status.derive`), marks the site's own standards
(`maintained`: extra.maintained_issuers, `maintained.derive`), and answers drafting questions
(stages, consultations, overdue plans: `lifecycle`).
"""
