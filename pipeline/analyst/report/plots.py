"""The digest's charts as PNG: activity per month, attendance rates, open and overdue actions
by owner. matplotlib (the `notebook` extra) is imported only here, when charts are drawn,
with the Agg backend; without it `charts` returns None."""

from __future__ import annotations

import datetime as dt
import io
from typing import Optional

from pipeline.analyst.report.cells import plain, where_of
from pipeline.analyst.report.digest import Digest

NO_MATPLOTLIB = "charts left out: matplotlib is not installed (pip install 'referat[notebook]' to add them)"
MAX_CHART_ROWS = 40  # people or owners in one horizontal bar chart


def charts(d: Digest) -> Optional[dict[str, bytes]]:
    """PNG charts of the digest by name; None when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    out: dict[str, bytes] = {}
    try:
        if not d.activity.empty:
            out["activity"] = _png(plt, _activity_chart(plt, d))
        if not d.attendance.empty and d.attendance["rate"].notna().any():
            out["attendance"] = _png(plt, _attendance_chart(plt, d))
        if not d.owners.empty:
            out["actions"] = _png(plt, _actions_chart(plt, d))
    finally:
        plt.close("all")
    return out


def _png(plt, fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _months(since: dt.date, until: dt.date) -> list[str]:
    months, y, m = [], since.year, since.month
    while (y, m) <= (until.year, until.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _activity_chart(plt, d: Digest):
    months = _months(d.since, d.until)
    act = d.activity.assign(
        label=[where_of(o, b) or "?" for o, b in zip(d.activity.organization, d.activity.body, strict=True)]
    )
    labels = list(dict.fromkeys(act["label"]))
    fig, axes = plt.subplots(2, 1, figsize=(max(6.0, 0.35 * len(months) + 2), 6), sharex=True)
    x = range(len(months))
    for ax, col in zip(axes, ("meetings", "decisions"), strict=True):
        bottom = [0] * len(months)
        for label in labels:
            per = act[act["label"] == label].set_index("month")[col]
            values = [int(per.get(m, 0)) for m in months]
            ax.bar(x, values, bottom=bottom, label=label)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_ylabel(col)
        ax.yaxis.get_major_locator().set_params(integer=True)
    axes[0].set_title(f"Meetings and decisions per month, {d.since} – {d.until}")
    axes[0].legend(fontsize="small", loc="upper left")
    axes[-1].set_xticks(list(x))
    axes[-1].set_xticklabels(months, rotation=90 if len(months) > 6 else 0, fontsize="small")
    return fig


def _attendance_chart(plt, d: Digest):
    att = (
        d.attendance.dropna(subset=["rate"])
        .sort_values(["rate", "attended", "person"], ascending=[True, True, False])
        .tail(MAX_CHART_ROWS)
    )
    fig, ax = plt.subplots(figsize=(7, max(2.0, 0.28 * len(att) + 1)))
    ax.barh([plain(p) for p in att["person"]], att["rate"].astype(float), color="#4c72b0")
    ax.set_xlim(0, 1)
    ax.set_xlabel("attendance rate (attended / (attended + apologies))")
    ax.set_title("Attendance per person" + (f" (the {MAX_CHART_ROWS} shown)" if len(d.attendance) > len(att) else ""))
    ax.tick_params(axis="y", labelsize="small")
    return fig


def _actions_chart(plt, d: Digest):
    own = d.owners.head(MAX_CHART_ROWS).iloc[::-1]
    names = [plain(o) for o in own["owner"]]
    overdue = own["overdue"].astype(int).tolist()
    rest = (own["open"].astype(int) - own["overdue"].astype(int)).tolist()
    fig, ax = plt.subplots(figsize=(7, max(2.0, 0.3 * len(own) + 1)))
    ax.barh(names, overdue, color="#c44e52", label=f"overdue (due before {d.as_of})")
    ax.barh(names, rest, left=overdue, color="#8fb3d9", label="open, not overdue")
    ax.set_xlabel("open actions")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Open and overdue actions by owner")
    ax.legend(fontsize="small", loc="lower right")
    ax.tick_params(axis="y", labelsize="small")
    return fig
