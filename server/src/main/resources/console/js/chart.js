// Charts over uPlot (its ES module from the WebJar, served with the console). Each chart is drawn on
// a canvas and also written out as a visually hidden table of its numbers, for screen readers.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { h, formatInt, formatMs, formatTime, formatUsd } from './dom.js';

const HEIGHT = 220;

/** A value in `unit`: `usd`, `ms` or a count (anything else). */
function format(value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit === 'usd') return formatUsd(value);
  if (unit === 'ms') return formatMs(value);
  return Number.isInteger(value) ? formatInt(value) : String(Math.round(value * 100) / 100);
}

/** The theme's chart colours, read from console.css when the chart is drawn. */
function theme() {
  const css = getComputedStyle(document.documentElement);
  const get = name => css.getPropertyValue(name).trim();
  return {
    colors: [1, 2, 3, 4, 5, 6].map(i => get(`--chart-${i}`)),
    axis: get('--muted'),
    grid: get('--line'),
  };
}

function axes(look, unit, x = {}) {
  const line = { stroke: look.grid, width: 1 };
  return [
    { stroke: look.axis, grid: line, ticks: line, ...x },
    { stroke: look.axis, grid: line, ticks: line, size: 72, values: (u, splits) => splits.map(v => format(v, unit)) },
  ];
}

/** Draws `data` into a new box in `container`, kept as wide as the container; returns `{destroy()}`. */
function draw(container, options, data, accessible, title) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': title || 'Chart' });
  container.append(box, accessible);
  const width = () => Math.max(280, Math.floor(box.clientWidth || container.clientWidth || 600));
  const plot = new uPlot({ ...options, width: width(), height: HEIGHT }, data, box);
  const resized = new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
  resized.observe(box);
  return {
    plot,
    destroy() {
      resized.disconnect();
      plot.destroy();
    },
  };
}

function hiddenTable(title, head, rows) {
  return h('table', { class: 'visually-hidden' },
    h('caption', {}, title || 'Chart data'),
    h('thead', {}, h('tr', {}, head.map(label => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(cell => h('td', {}, cell))))));
}

/** A few values among many empty buckets would be specks of line: mark each of them with a point. */
function sparsePoints(u, seriesIdx) {
  const marked = [];
  u.data[seriesIdx].forEach((v, i) => {
    if (v !== null && v !== 0) marked.push(i);
  });
  return marked.length > 0 && marked.length < 12 ? marked : null;
}

/**
 * A line per series over time: `{series: [{label, values}], times: [epochSeconds], unit, title}`;
 * a null value is a gap. Times are shown in UTC, as everywhere in the console.
 */
export function lineChart(container, { series, times, unit, title }) {
  const look = theme();
  const options = {
    tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: { x: { time: true } },
    cursor: { drag: { x: false, y: false } },
    series: [{ label: 'Time', value: (u, ts) => (ts === null ? '—' : formatTime(new Date(ts * 1000).toISOString())) },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: look.colors[i % look.colors.length],
        width: 2,
        points: { show: false, size: 6, filter: sparsePoints },
        value: (u, v) => format(v, unit),
      }))],
    axes: axes(look, unit),
  };
  const rows = times.map((t, i) => [formatTime(new Date(t * 1000).toISOString()), ...series.map(s => format(s.values[i], unit))]);
  return draw(container, options, [times, ...series.map(s => s.values)],
    hiddenTable(title, ['Time', ...series.map(s => s.label)], rows), title);
}

/** Bars per label: `{labels: [text], series: [{label, values}], unit, title}` (one series reads best). */
export function barChart(container, { labels, series, unit, title }) {
  const look = theme();
  const xs = labels.map((_, i) => i);
  const bars = uPlot.paths.bars({ size: [0.6, 64] });
  const options = {
    scales: { x: { time: false, range: [-0.5, Math.max(0.5, labels.length - 0.5)] } },
    cursor: { drag: { x: false, y: false } },
    series: [{ label: 'Group', value: (u, i) => (i === null ? '—' : labels[i]) },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: look.colors[i % look.colors.length],
        fill: look.colors[i % look.colors.length],
        paths: bars,
        points: { show: false },
        value: (u, v) => format(v, unit),
      }))],
    axes: axes(look, unit, { splits: () => xs, values: (u, splits) => splits.map(i => labels[i] ?? '') }),
  };
  const rows = labels.map((label, i) => [label, ...series.map(s => format(s.values[i], unit))]);
  return draw(container, options, [xs, ...series.map(s => s.values)],
    hiddenTable(title, ['Group', ...series.map(s => s.label)], rows), title);
}
