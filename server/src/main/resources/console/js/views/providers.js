// Providers: each configured provider's health (circuit, error rate, p50, last error) and its models.
import { h, button, formatInt, formatMs, formatTime } from '../dom.js';

const REFRESH_MS = 15_000;
const CIRCUIT = {
  closed: { text: 'closed', kind: 'ok' },
  half_open: { text: 'half open', kind: 'warn' },
  open: { text: 'open', kind: 'error' },
};

/** A circuit state as a badge: green closed, amber half open, red open. */
export function circuitBadge(state) {
  const look = CIRCUIT[state] || { text: state, kind: '' };
  return h('span', { class: `badge ${look.kind}` }, `circuit ${look.text}`);
}

export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(Number(rate) * 1000) / 10}%`;
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value small' }, value));
}

function providerCard(p) {
  const health = p.health || {};
  const last = health.last_error;
  return h('section', { class: 'card provider', 'aria-label': p.id },
    h('div', { class: 'provider-head' },
      h('h2', {}, p.id),
      h('span', { class: 'badge' }, p.type),
      circuitBadge(health.circuit),
      p.has_system_key ? h('span', { class: 'badge' }, 'system key') : h('span', { class: 'badge muted' }, 'no system key')),
    h('p', { class: 'muted mono' }, p.base_url),
    h('div', { class: 'stats' },
      stat('Error rate', percent(health.error_rate)),
      stat('Recent calls', formatInt(health.recent_calls)),
      stat('Failures in a row', formatInt(health.consecutive_failures)),
      stat('p50', formatMs(health.p50_ms)),
      health.next_probe_at ? stat('Next probe', formatTime(health.next_probe_at)) : null),
    h('p', { class: last ? 'last-error error' : 'last-error muted' },
      last ? `Last error: ${last.summary} at ${formatTime(last.at)}` : 'No error since the gateway started.'),
    h('h3', {}, `Models (${p.models.length})`),
    p.models.length
      ? h('ul', { class: 'chips', 'aria-label': `${p.id} models` }, p.models.map(m => h('li', { class: 'badge mono' }, m)))
      : h('p', { class: 'muted' }, 'No catalog model: ask for provider/model by name.'));
}

export const view = {
  name: 'Providers',
  path: 'providers',
  roles: ['admin', 'workspace_admin'],
  async render(main, ctx) {
    const list = h('div', { class: 'providers' });
    const updated = h('span', { class: 'muted', 'aria-live': 'polite' });
    main.append(
      h('div', { class: 'toolbar' }, h('h1', {}, 'Providers'), h('span', { class: 'spacer' }), updated,
        button('Refresh', () => load())),
      list);

    async function load() {
      const { data } = await ctx.api.get('/providers');
      list.replaceChildren(...data.map(providerCard));
      updated.textContent = `Updated ${formatTime(new Date().toISOString())}`;
    }

    await load();
    const timer = setInterval(() => load().catch(e => { updated.textContent = `Refresh failed: ${e.message}`; }), REFRESH_MS);
    return () => clearInterval(timer);
  },
};
