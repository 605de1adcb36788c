"""``merge_accounts`` with an index: the same clusters, without comparing every account with every cluster.

``merge.merge_accounts`` places each account in the first earlier cluster that
``compatible`` accepts. That is a scan of all clusters for every account, and
every ``compatible`` call recomputes the cluster's date, country, people and
places from all its accounts: quadratic twice over, minutes at 20,000
articles. This module gives exactly the same result (same clusters, same
order, same reasons) by

- asking ``compatible`` only about clusters that can pass it. Every rule in
  ``compatible`` needs the same type family, and then either dates that agree
  at the coarser precision, days at most two apart, or (where a side is
  undated) at least one shared person or named weapon. Clusters are indexed by
  family, by every prefix of their best date and by their people and weapons;
  the candidates are visited in creation order, so the first that passes is
  the one the full scan would have found;
- keeping each cluster's date, country, people, places and weapons up to date
  as accounts join, instead of recomputing them from all accounts per call.

Those are facts about the current ``compatible`` and ``Cluster``. The sources
they were read from are fingerprinted below; when ``merge.py`` changes, this
module falls back to ``merge.merge_accounts`` (and warns once) until someone
re-reads the rules and updates the fingerprint, so a change in the rules can
cost speed but never change the output.
"""

from __future__ import annotations

import hashlib
import inspect
import warnings
from collections import Counter
from datetime import date as Date, timedelta
from functools import cached_property

from tribune.link import merge
from tribune.link.merge import TYPE_FAMILY, Account, Cluster

_CHECKED = {
    "compatible": "a1147de71c68",
    "_near_publication": "d5648a3a6be0",
    "merge_accounts": "8d874de3d877",
    "Cluster": "af0928337875",
    "Account": "9a611372f82c",
}
"""Fingerprints of the merge.py sources the index was derived from (see ``fingerprints``)."""

_warned = False


def fingerprints() -> dict[str, str]:
    return {name: hashlib.sha256(inspect.getsource(getattr(merge, name)).encode("utf-8")).hexdigest()[:12] for name in _CHECKED}


def index_applies() -> bool:
    return fingerprints() == _CHECKED


class _FastAccount(Account):
    """An Account whose derived properties are computed once (accounts do not change while merging)."""

    date = cached_property(Account.date.fget)
    status = cached_property(Account.status.fget)
    country = cached_property(Account.country.fget)

    def place_names(self) -> set[str]:  # noqa: D102
        cached = self.__dict__.get("_place_names")
        if cached is None:
            cached = self.__dict__["_place_names"] = Account.place_names(self)
        return cached


class _IndexedCluster(Cluster):
    """A Cluster that keeps what ``compatible`` asks of it up to date as accounts join."""

    def __init__(self, account: Account, reason: str) -> None:
        super().__init__([], [])
        self._family = TYPE_FAMILY.get(account.type, account.type)
        self._dates: Counter = Counter()
        self._countries: Counter = Counter()
        self._actors: set[str] = set()
        self._places: set[str] = set()
        self._weapons: set[str] = set()
        self.doc_ids: set[str] = set()
        self._best: str | None = None
        self.add(account, reason)

    def add(self, account: Account, reason: str) -> None:
        self.accounts.append(account)
        self.reasons.append(reason)
        self.doc_ids.add(account.doc_id)
        if account.date:
            self._dates[account.date] += 1
            finest = max(len(d) for d in self._dates)
            self._best = min((d for d in self._dates if len(d) == finest), key=lambda d: (-self._dates[d], d))
        if account.country:
            self._countries[account.country] += 1
        self._actors.update(aid for aid in account.participants if not aid.startswith("country:"))
        self._places.update(account.place_names())
        self._weapons.update(account.weapons)

    # The same values as Cluster's methods, kept instead of recomputed.
    @property
    def family(self) -> str:
        return self._family

    def best_date(self) -> str | None:
        return self._best

    def country(self) -> str | None:
        return self._countries.most_common(1)[0][0] if self._countries else None

    def actor_ids(self) -> set[str]:
        return self._actors

    def place_names(self) -> set[str]:
        return self._places

    def weapon_names(self) -> set[str]:
        return self._weapons


_EMPTY: frozenset = frozenset()


class _Index:
    """Clusters of one type family by date prefix, person and weapon."""

    def __init__(self) -> None:
        self.by_date_prefix: dict[str, set[int]] = {}
        self.by_date: dict[str, set[int]] = {}
        self.by_actor: dict[str, set[int]] = {}
        self.by_weapon: dict[str, set[int]] = {}
        self.undated_by_actor: dict[str, set[int]] = {}  # clusters with no date yet
        self.undated_by_weapon: dict[str, set[int]] = {}

    def add_date(self, number: int, value: str) -> None:
        self.by_date.setdefault(value, set()).add(number)
        for n in range(1, len(value) + 1):
            self.by_date_prefix.setdefault(value[:n], set()).add(number)

    def drop_date(self, number: int, value: str) -> None:
        self.by_date[value].discard(number)
        for n in range(1, len(value) + 1):
            self.by_date_prefix[value[:n]].discard(number)

    def candidates(self, account: Account, clusters: list) -> list[int]:
        """Clusters that can pass ``compatible``, in creation order (a superset of those that do)."""
        keys = [aid for aid in account.participants if not aid.startswith("country:")]
        a_date = account.date
        if a_date:
            # Both dated: the dates agree at the coarser precision (one is a prefix of the
            # other) or are at most two days apart. Dated against undated: a shared person or weapon.
            found: set[int] = set()
            for n in range(1, len(a_date) + 1):
                found |= self.by_date.get(a_date[:n], _EMPTY)
            found |= self.by_date_prefix.get(a_date, _EMPTY)
            if len(a_date) >= 10:
                try:
                    day = Date.fromisoformat(a_date[:10])
                except ValueError:
                    day = None
                if day is not None:
                    for delta in (-2, -1, 0, 1, 2):
                        found |= self.by_date_prefix.get((day + timedelta(days=delta)).isoformat(), _EMPTY)
            for aid in keys:
                found |= self.undated_by_actor.get(aid, _EMPTY)
            for weapon in account.weapons:
                found |= self.undated_by_weapon.get(weapon, _EMPTY)
            return sorted(found)
        # An undated account needs two shared people or weapons, or one and the same place.
        shared: Counter = Counter()
        for aid in keys:
            shared.update(self.by_actor.get(aid, _EMPTY))
        for weapon in account.weapons:
            shared.update(self.by_weapon.get(weapon, _EMPTY))
        a_country, a_places = account.country, account.place_names()
        out = []
        for number, n in shared.items():
            if n >= 2:
                out.append(number)
                continue
            cluster = clusters[number]
            c_country = cluster.country()
            if (c_country and c_country == a_country) or (cluster.place_names() & a_places):
                out.append(number)
        out.sort()
        return out


def merge_accounts(accounts: list[Account]) -> list[Cluster]:
    """``merge.merge_accounts`` with an index; the same clusters in the same order."""
    global _warned
    if not index_applies():
        if not _warned:
            warnings.warn("tribune.link.merge changed since fastmerge's index was checked against it: linking uses the full scan", stacklevel=2)
            _warned = True
        return merge.merge_accounts(accounts)
    for account in accounts:
        account.__class__ = _FastAccount
    try:
        clusters: list[_IndexedCluster] = []
        indexes: dict[str, _Index] = {}
        ordered = sorted(accounts, key=lambda a: (-(len(a.date) if a.date else 0), a.order, a.key))
        for account in ordered:
            family = TYPE_FAMILY.get(account.type, account.type)
            index = indexes.setdefault(family, _Index())
            placed = None
            for number in index.candidates(account, clusters):
                cluster = clusters[number]
                if account.doc_id in cluster.doc_ids:
                    continue  # one document's separate groups are separate events by its own account
                reason = merge.compatible(cluster, account)
                if reason:
                    before = cluster.best_date()
                    cluster.add(account, f"{account.key}: {reason}")
                    placed = number
                    break
            if placed is None:
                placed = len(clusters)
                before = None
                cluster = _IndexedCluster(account, f"{account.key}: first account")
                clusters.append(cluster)
            after = cluster.best_date()
            if after != before:
                if before:
                    index.drop_date(placed, before)
                if after:
                    index.add_date(placed, after)
            if after and not before and cluster.accounts[0] is not account:
                # an undated cluster that now has a date leaves the undated postings
                for aid in cluster.actor_ids():
                    index.undated_by_actor.get(aid, set()).discard(placed)
                for weapon in cluster.weapon_names():
                    index.undated_by_weapon.get(weapon, set()).discard(placed)
            for aid in account.participants:
                if not aid.startswith("country:"):
                    index.by_actor.setdefault(aid, set()).add(placed)
                    if not after:
                        index.undated_by_actor.setdefault(aid, set()).add(placed)
            for weapon in account.weapons:
                index.by_weapon.setdefault(weapon, set()).add(placed)
                if not after:
                    index.undated_by_weapon.setdefault(weapon, set()).add(placed)
        return [Cluster(c.accounts, c.reasons) for c in clusters]
    finally:
        for account in accounts:
            account.__class__ = Account
            for name in ("date", "status", "country", "_place_names"):
                account.__dict__.pop(name, None)
