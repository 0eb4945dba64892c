"""Derived fields (spec section 2): status, replaced_by and review_due, as of a given day."""

from __future__ import annotations

from datetime import date

from hooks.derive.presentation import citation, is_sample, official_platform
from hooks.model.dates import add_years
from hooks.model.standard import (
    REVIEW_YEARS,
    STATUS_ABOLISHED,
    STATUS_DRAFT,
    STATUS_IN_FORCE,
    STATUS_REPLACED,
    STATUS_UPCOMING,
    Standard,
)


def link_editions(standards: list[Standard]) -> None:
    """Fill replaces_std and replaced_by from every standard's `replaces` list.

    A draft's `replaces` names what it will replace once published: it fills the draft's
    replaces_std but never the old standard's replaced_by (see hooks.derive.lifecycle.drafts_by_replaced).
    """
    by_number = {s.code: s for s in standards}
    for std in standards:
        std.replaces_std = [by_number[n] for n in std.replaces if n in by_number]
        std.replaced_by = []
    for std in standards:
        for old in std.replaces_std:
            if not std.is_draft:
                old.replaced_by.append(std)
    for std in standards:
        std.replaced_by.sort(key=lambda s: (s.effective, s.code))


def status_on(std: Standard, today: date) -> str:
    """The first that applies: 制定中 (a draft), 即将实施, 被代替, 废止, else 现行."""
    if std.is_draft or std.effective is None:
        return STATUS_DRAFT
    if today < std.effective:
        return STATUS_UPCOMING
    if any(newer.effective is not None and newer.effective <= today
           for newer in std.replaced_by):
        return STATUS_REPLACED
    if std.abolished is not None and today >= std.abolished:
        return STATUS_ABOLISHED
    return STATUS_IN_FORCE


def review_due(std: Standard) -> date | None:
    """Five years after the later of `effective` and `reviewed` (标准化法第二十九条)."""
    if std.effective is None:
        return None  # a draft
    base = max(std.effective, std.reviewed) if std.reviewed else std.effective
    return add_years(base, REVIEW_YEARS)


def derive(standards: list[Standard], today: date) -> None:
    """Fill every derived field of every standard, as of `today`."""
    link_editions(standards)
    for std in standards:
        std.status = status_on(std, today)
        std.review_due = review_due(std)
        std.sample = is_sample(std)
        std.citation = citation(std)
        std.platform = official_platform(std)


def review_overdue(std: Standard, today: date) -> bool:
    """Only standards still in force (or upcoming) need review."""
    return (std.status == STATUS_IN_FORCE and std.review_due is not None
            and std.review_due < today)
