"""``merge_accounts`` with an index: the same clusters, without comparing every account with every cluster.

``merge.merge_accounts`` places each account dated to the day in the first
earlier cluster that ``compatible`` accepts, and each other one in the cluster
``merge.choose`` picks among all those that accept it. That is a scan of all
clusters for every account, and every ``compatible`` call recomputes the
cluster's date, country, people and places from all its accounts: quadratic
twice over, minutes at 20,000 articles. This module gives exactly the same result (same clusters, same
order, same reasons) by

- asking ``compatible`` only about clusters that can pass it. Every rule in
  ``compatible`` needs the same type family, and then either dates that agree
  at the coarser precision, days at most two apart, or (where a side is
  undated) two shared people or weapons, or one with the same place or the
  same main event of the document ("anchor"), or that main event with a place
  or two countries as parties in common, or the same original (a copy); in a
  report with no date of its own, also one shared person where the account
  names no place, or two countries as parties in common.
  Clusters are indexed by family, by every prefix of their best date, by their
  people, weapons, places and parties, and by their accounts' anchors and
  originals; the candidates are visited in creation order, so the first that
  passes (for an account dated to the day) or the one ``merge.choose`` picks
  (for any other) is the one the full scan would have found;
  The rules on direction and travellers (``merge.opposite_directions``,
  ``merge.another_traveller``) only ever refuse a merge, so the candidates
  stay a superset; they read the cluster's accounts, which the indexed
  cluster keeps as ``Cluster`` does;
- keeping each cluster's date, country, people, parties, places, weapons,
  originals and anchors up to date as accounts join, instead of recomputing
  them from all accounts per call.

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
    "compatible": "29ef56ec1a13",
    "_near_publication": "d5648a3a6be0",
    "merge_accounts": "30517e089d7f",
    "preference": "d33983e1883e",
    "choose": "8caf4f60b9d1",
    "resolve_context": "c16623b2e84f",
    "Cluster": "4d43c82516f8",
    "Account": "bb4a0590f9fb",
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
        self._parties: set[str] = set()
        self._country: str | None = None
        self._by_original: dict[str, list[Account]] = {}
        self._anchor_docs: dict[str, set[str]] = {}
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
            self._country = self._countries.most_common(1)[0][0]
        self._by_original.setdefault(account.independent_of, []).append(account)
        if account.anchor:
            self._anchor_docs.setdefault(account.anchor, set()).add(account.doc_id)
        self._actors.update(aid for aid in account.participants if not aid.startswith("country:"))
        self._parties.update(aid for aid in account.participants if aid.startswith("country:"))
        self._places.update(account.link_place_names())
        self._weapons.update(account.weapons)

    # The same values as Cluster's methods, kept instead of recomputed.
    @property
    def family(self) -> str:
        return self._family

    def best_date(self) -> str | None:
        return self._best

    def country(self) -> str | None:
        return self._country

    def copy_of(self, account: Account) -> Account | None:
        return next((b for b in self._by_original.get(account.independent_of, ()) if b.doc_id != account.doc_id and b.type == account.type), None)

    def reported_with(self, account: Account) -> bool:
        docs = self._anchor_docs.get(account.anchor) if account.anchor else None
        return bool(docs) and (len(docs) > 1 or account.doc_id not in docs)

    def actor_ids(self) -> set[str]:
        return self._actors

    def party_ids(self) -> set[str]:
        return self._parties

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
        self.by_anchor: dict[str, set[int]] = {}
        self.by_original: dict[str, set[int]] = {}
        self.by_place: dict[str, set[int]] = {}
        self.by_party: dict[str, set[int]] = {}
        self.undated: set[int] = set()  # clusters with no date yet

    def add_date(self, number: int, value: str) -> None:
        self.by_date.setdefault(value, set()).add(number)
        for n in range(1, len(value) + 1):
            self.by_date_prefix.setdefault(value[:n], set()).add(number)

    def drop_date(self, number: int, value: str) -> None:
        self.by_date[value].discard(number)
        for n in range(1, len(value) + 1):
            self.by_date_prefix[value[:n]].discard(number)

    def add_account(self, number: int, account: Account) -> None:
        for aid in account.participants:
            if not aid.startswith("country:"):
                self.by_actor.setdefault(aid, set()).add(number)
            else:
                self.by_party.setdefault(aid, set()).add(number)
        for place in account.link_place_names():
            self.by_place.setdefault(place, set()).add(number)
        for weapon in account.weapons:
            self.by_weapon.setdefault(weapon, set()).add(number)
        if account.anchor:
            self.by_anchor.setdefault(account.anchor, set()).add(number)
        self.by_original.setdefault(account.independent_of, set()).add(number)

    def candidates(self, account: Account, clusters: list) -> list[int]:
        """Clusters that can pass ``compatible``, in creation order (a superset of those that do)."""
        a_date = account.date
        found: set[int] = set()
        if a_date:
            # Both dated: the dates agree at the coarser precision (one is a prefix of the
            # other) or are at most two days apart. Against an undated cluster, any undated rule.
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
            found |= self.undated
            return sorted(found)
        # Undated: a shared person or weapon; or else the same main event of the document with a place
        # of its own or two countries as parties in common; or the same original.
        fellows = self.by_anchor.get(account.anchor, _EMPTY) if account.anchor else _EMPTY
        shared: Counter = Counter()
        for aid in account.participants:
            if not aid.startswith("country:"):
                shared.update(self.by_actor.get(aid, _EMPTY))
        for weapon in account.weapons:
            shared.update(self.by_weapon.get(weapon, _EMPTY))
        # one in common is enough only with the same place (country or name) or the same main event
        country = account.country or account.context_country or account.linked_country
        places = account.link_place_names()
        undated_report = (not account.published or len(account.published) < 10) and account.anchor is None
        for number, n in shared.items():
            if n >= 2 or number in fellows:
                found.add(number)
                continue
            if undated_report and not places and not account.country and account.type not in {"statement", "letter"}:
                found.add(number)  # a report with no date, naming no place: one person may do
                continue
            cluster = clusters[number]
            c_country = cluster.country()
            if (c_country and c_country == country) or (cluster.place_names() & places):
                found.add(number)
        if undated_report:
            # a report with no date: two countries as parties in common may do
            parties = Counter()
            for aid in account.participants:
                if aid.startswith("country:"):
                    parties.update(self.by_party.get(aid, _EMPTY))
            found.update(number for number, n in parties.items() if n >= 2)
        if fellows:
            for place in account.place_names():
                found |= fellows & self.by_place.get(place, _EMPTY)
            parties = Counter()
            for aid in account.participants:
                if aid.startswith("country:"):
                    parties.update(fellows & self.by_party.get(aid, _EMPTY))
            found.update(number for number, n in parties.items() if n >= 2)
        found |= self.by_original.get(account.independent_of, _EMPTY)
        return sorted(found)


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
        home: dict[str, Cluster] = {}
        ordered = sorted(accounts, key=lambda a: (-(len(a.date) if a.date else 0), a.order, a.key))
        for account in ordered:
            merge.resolve_context(account, home)
            family = TYPE_FAMILY.get(account.type, account.type)
            index = indexes.setdefault(family, _Index())
            placed = None
            options = []
            for number in index.candidates(account, clusters):
                cluster = clusters[number]
                if account.doc_id in cluster.doc_ids:
                    continue  # one document's separate groups are separate events by its own account
                reason = merge.compatible(cluster, account)
                if reason:
                    options.append((merge.preference(cluster, account, reason, number), number, reason))
                    if account.date and len(account.date) >= 10:
                        break  # an account dated to the day joins the first event that fits
            picked = merge.choose(options)
            if picked is not None:
                _, placed, reason = picked
                cluster = clusters[placed]
                before = cluster.best_date()
                cluster.add(account, f"{account.key}: {reason}")
            if placed is None:
                placed = len(clusters)
                before = None
                cluster = _IndexedCluster(account, f"{account.key}: first account")
                clusters.append(cluster)
            home[account.key] = cluster
            after = cluster.best_date()
            if after != before:
                if before:
                    index.drop_date(placed, before)
                if after:
                    index.add_date(placed, after)
            if after:
                index.undated.discard(placed)
            else:
                index.undated.add(placed)
            index.add_account(placed, account)
        return [Cluster(c.accounts, c.reasons) for c in clusters]
    finally:
        for account in accounts:
            account.__class__ = Account
            for name in ("date", "status", "country", "_place_names"):
                account.__dict__.pop(name, None)
