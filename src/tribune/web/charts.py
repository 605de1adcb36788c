"""Chart geometry computed on the server, drawn as SVG by the templates (no charting library)."""

from __future__ import annotations

from datetime import date

PALETTE = ["#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#a04000", "#2e4053", "#b03a2e", "#5b2c6f"]


def _day_number(value: str) -> float:
    """A partial ISO date as a fractional year (2023-07-27 -> 2023.57)."""
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 7
    day = int(parts[2]) if len(parts) > 2 else 1
    try:
        d = date(year, month, day)
    except ValueError:
        return float(year)
    return year + (d.timetuple().tm_yday - 1) / 366


def delegation_chart(view: dict, *, width: int = 900, height: int = 380) -> dict:
    """Points and polylines for rank (y, senior at the top) over time (x), one series per guest country."""
    left, right, top, bottom = 150, 20, 20, 40
    points = [d for c in view["countries"] for d in c["delegations"] if d["rank"] is not None]
    if not points:
        return {"width": width, "height": height, "series": [], "xticks": [], "yticks": [], "empty": True}
    xs = [_day_number(d["date"]) for d in points]
    x0, x1 = min(xs) - 0.3, max(xs) + 0.3
    ranks = sorted({d["rank"] for d in points} | {10, 90})
    r0, r1 = min(ranks), max(ranks)

    def x(value: str) -> float:
        return round(left + (_day_number(value) - x0) / (x1 - x0) * (width - left - right), 1)

    def y(rank: int) -> float:
        return round(top + (rank - r0) / max(1, r1 - r0) * (height - top - bottom), 1)

    series = []
    for i, country in enumerate(view["countries"]):
        pts = []
        for d in country["delegations"]:
            if d["rank"] is None:
                continue
            nudge = (i % 5 - 2) * 3  # series at the same date and rank stay visible side by side
            pts.append({**d, "x": round(x(d["date"]) + nudge, 1), "y": y(d["rank"])})
        if not pts:
            continue
        line = " ".join(f"{p['x']},{p['y']}" for p in pts if p["status"] == "happened")
        series.append({"country": country["country"], "name": country["name"], "color": PALETTE[i % len(PALETTE)], "points": pts, "line": line})
    years = range(int(x0) + 1, int(x1) + 1)
    step = max(1, len(years) // 10)
    xticks = [{"label": str(yr), "x": x(str(yr) + "-01-01")} for yr in list(years)[::step]]
    labels = view.get("scale", {})
    yticks = [{"rank": r, "label": f"{r} {labels.get(r, '')}".strip(), "y": y(r)} for r in sorted(set(ranks))]
    return {"width": width, "height": height, "left": left, "bottom": height - bottom, "top": top, "right": width - right, "series": series, "xticks": xticks, "yticks": yticks, "empty": False}
