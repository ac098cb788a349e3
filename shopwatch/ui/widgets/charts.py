"""Small painted charts (QtCharts is not part of PySide6-Essentials, and these need little):
the Overview's daily chart, a sparkline for a listing's traffic, the penalty-points gauge."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from shopwatch.ui import fmt, theme

# Colours are theme roles, looked up at every paint: the charts follow light and dark.
LINE_COLOR, BAR_COLOR, GRID, AXIS_TEXT = "chart_line", "chart_bar", "chart_grid", "faint"


def _c(role: str) -> QColor:
    return theme.qcolor(role)


@dataclass(frozen=True, slots=True)
class DayPoint:
    label: str  # already formatted for the UI language
    active: int | None
    alerts: int


class DailyChart(QWidget):
    """Active listings per day (line, left scale) and alerts per day (bars, right scale)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[DayPoint] = []
        self.legend = ("", "")
        self.empty_text = ""
        self.setMinimumHeight(140)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, points: list[DayPoint], legend: tuple[str, str], empty_text: str) -> None:
        self.points, self.legend, self.empty_text = points, legend, empty_text
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(480, 220)

    def _plot(self) -> QRectF:
        return QRectF(self.rect()).adjusted(44, 30, -36, -26)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = p.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        p.setFont(font)
        metrics = QFontMetrics(font)
        plot = self._plot()
        if not self.points:
            p.setPen(_c(AXIS_TEXT))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        actives = [pt.active for pt in self.points if pt.active is not None]
        lo, hi = (min(actives), max(actives)) if actives else (0, 1)
        span = max(hi - lo, 4)
        lo, hi = max(0, lo - span * 0.25), hi + span * 0.25
        top_alerts = max(max(pt.alerts for pt in self.points), 1)

        # grid and left scale
        for i in range(4):
            y = plot.bottom() - plot.height() * i / 3
            p.setPen(QPen(_c(GRID), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(_c(AXIS_TEXT))
            value = lo + (hi - lo) * i / 3
            p.drawText(QRectF(0, y - 8, plot.left() - 6, 16),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fmt.count_text(round(value)))
            p.drawText(QRectF(plot.right() + 6, y - 8, 32, 16),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fmt.count_text(round(top_alerts * i / 3)))

        n = len(self.points)
        step = plot.width() / n
        bar_w = min(22.0, step * 0.5)
        label_every = max(1, round(n / max(1, plot.width() // 64)))
        line = QPainterPath()
        started = False
        for i, pt in enumerate(self.points):
            x = plot.left() + step * (i + 0.5)
            h = plot.height() * pt.alerts / top_alerts
            if pt.alerts:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(_c(BAR_COLOR))
                p.drawRoundedRect(QRectF(x - bar_w / 2, plot.bottom() - h, bar_w, h), 3, 3)
            if pt.active is not None:
                y = plot.bottom() - plot.height() * (pt.active - lo) / (hi - lo)
                if started:
                    line.lineTo(x, y)
                else:
                    line.moveTo(x, y)
                    started = True
            if i % label_every == 0 or i == n - 1:
                p.setPen(_c(AXIS_TEXT))
                p.drawText(QRectF(x - 40, plot.bottom() + 4, 80, 18),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, pt.label)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(_c(LINE_COLOR), 2.4))
        p.drawPath(line)
        p.setBrush(_c("card"))
        for i, pt in enumerate(self.points):
            if pt.active is None:
                continue
            x = plot.left() + step * (i + 0.5)
            y = plot.bottom() - plot.height() * (pt.active - lo) / (hi - lo)
            p.drawEllipse(QPointF(x, y), 3.2, 3.2)

        # legend
        x = plot.left()
        for color, text, is_line in ((LINE_COLOR, self.legend[0], True),
                                     (BAR_COLOR, self.legend[1], False)):
            p.setPen(QPen(_c(color), 2.4) if is_line else Qt.PenStyle.NoPen)
            p.setBrush(Qt.BrushStyle.NoBrush if is_line else _c(color))
            if is_line:
                p.drawLine(QPointF(x, 12), QPointF(x + 16, 12))
            else:
                p.drawRoundedRect(QRectF(x + 3, 6, 10, 12), 2, 2)
            p.setPen(_c("ink"))
            p.drawText(QPointF(x + 22, 16), text)
            x += 22 + metrics.horizontalAdvance(text) + 22

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        plot = self._plot()
        if not self.points or not plot.contains(event.position()):
            QToolTip.hideText()
            return
        i = int((event.position().x() - plot.left()) / (plot.width() / len(self.points)))
        pt = self.points[max(0, min(i, len(self.points) - 1))]
        active = "—" if pt.active is None else fmt.count_text(pt.active)
        text = (f"{pt.label}\n{self.legend[0]}: {active}\n"
                f"{self.legend[1]}: {fmt.count_text(pt.alerts)}")
        QToolTip.showText(event.globalPosition().toPoint(), text, self)


class Sparkline(QWidget):
    """A listing's daily values (visits) as a filled line; the last value is marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.setMinimumHeight(54)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, values: list[float]) -> None:
        self.values = values
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if len(self.values) < 2:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(2, 4, -6, -4)
        top = max(self.values) or 1
        step = r.width() / (len(self.values) - 1)
        pts = [QPointF(r.left() + i * step, r.bottom() - r.height() * v / top)
               for i, v in enumerate(self.values)]
        area = QPainterPath(QPointF(r.left(), r.bottom()))
        for pt in pts:
            area.lineTo(pt)
        area.lineTo(QPointF(r.right(), r.bottom()))
        fill = _c(LINE_COLOR)
        fill.setAlpha(38)
        p.fillPath(area, fill)
        path = QPainterPath(pts[0])
        for pt in pts[1:]:
            path.lineTo(pt)
        p.setPen(QPen(_c(LINE_COLOR), 1.8))
        p.drawPath(path)
        p.setBrush(_c(LINE_COLOR))
        p.drawEllipse(pts[-1], 3, 3)


class PointsGauge(QWidget):
    """Points in one ledger on a bar marked with the platform's thresholds (12, 24, …)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = 0
        self.thresholds: tuple[int, ...] = (12, 24, 36, 48)
        self.warn_within = 4
        self.setMinimumHeight(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_points(self, total: int, thresholds: tuple[int, ...], warn_within: int = 4) -> None:
        self.total, self.thresholds, self.warn_within = total, thresholds or (12,), warn_within
        self.update()

    def color(self) -> QColor:
        nxt = next((t for t in self.thresholds if t > self.total), None)
        if any(t <= self.total for t in self.thresholds):
            return _c("critical")
        if nxt is not None and nxt - self.total <= self.warn_within and self.total > 0:
            return _c("warning")
        return _c("ok")

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = p.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        p.setFont(font)
        scale = max(max(self.thresholds), self.total) or 1
        bar = QRectF(self.rect()).adjusted(1, 4, -12, -20)
        bar.setHeight(10)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_c("track"))
        p.drawRoundedRect(bar, 5, 5)
        if self.total:
            filled = QRectF(bar)
            filled.setWidth(max(bar.height(), bar.width() * min(self.total, scale) / scale))
            p.setBrush(self.color())
            p.drawRoundedRect(filled, 5, 5)
        for t in self.thresholds:
            x = bar.left() + bar.width() * t / scale
            p.setPen(QPen(_c("card" if t <= self.total else "gauge_tick"), 2))
            p.drawLine(QPointF(x, bar.top() - 2), QPointF(x, bar.bottom() + 2))
            p.setPen(_c(AXIS_TEXT))
            p.drawText(QRectF(x - 20, bar.bottom() + 3, 40, 14),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(t))
