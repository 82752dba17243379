// Playground: a prompt to a model or route; `Explain` shows the routing decision without calling a
// provider (POST /api/v1/route/explain), `Send` streams the answer through /v1/chat/completions
// and then shows its tokens, its cost at the catalog's price and why that model was chosen.
// Inference takes a Keyroute key: signed in with the admin token, only `Explain` works.
import { h, append, table, field, button, notice, formatUsd, formatInt } from '../dom.js';

/** What a key may call (GET /v1/models: its models, routes and aliases); for the admin token, the catalog. */
async function modelNames(api, me, pricing) {
  const names = me.role === 'admin' ? pricing.map(m => m.id) : (await api.getInference('/v1/models')).data.map(m => m.id);
  return names.sort();
}

function decision(d) {
  const facts = [
    ['Chosen', d.chosen],
    ['Reason', d.reason],
    ['Complexity', `${d.complexity.level} (score ${d.complexity.score})`],
    ['Tier', d.tier ?? 'any'],
    ['Route', d.route ?? 'none: a model was named'],
  ];
  return h('section', { class: 'card', 'aria-label': 'Routing decision' },
    h('h2', {}, 'Routing decision'),
    h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])),
    h('h3', {}, 'Candidates'),
    table([
      { label: 'Model', value: c => c.model, class: 'mono' },
      { label: 'Tier', value: c => c.tier ?? '' },
      { label: 'Estimated cost', value: c => (c.estimated_cost_usd === null ? 'unpriced' : formatUsd(c.estimated_cost_usd)), class: 'num' },
    ], d.candidates, { empty: 'No candidate.' }),
    d.skipped.length ? h('h3', {}, 'Skipped') : null,
    d.skipped.length ? table([
      { label: 'Model', value: s => s.model, class: 'mono' },
      { label: 'Why', value: s => s.reason },
    ], d.skipped) : null);
}

/** Micro-dollars at the catalog's prices per million tokens: tokens × $/Mtok = µ$. */
function catalogMicros(price, usage) {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const cachedPrice = price.cached_input_usd_per_mtok ?? price.input_usd_per_mtok;
  return Math.round((usage.prompt_tokens - cached) * price.input_usd_per_mtok + cached * cachedPrice
    + usage.completion_tokens * price.output_usd_per_mtok);
}

export const view = {
  name: 'Playground',
  path: 'playground',
  roles: ['admin', 'workspace_admin', 'member'],
  async render(main, ctx) {
    const { api, me } = ctx;
    const inference = me.role !== 'admin';
    const pricing = (await api.get('/pricing')).data;
    const names = await modelNames(api, me, pricing);

    const model = h('input', { type: 'text', name: 'model', list: 'playground-models', value: ctx.params.get('model') || names[0] || '' });
    const models = h('datalist', { id: 'playground-models' }, names.map(n => h('option', { value: n })));
    const prompt = h('textarea', { name: 'prompt', rows: 5, placeholder: 'Ask something…' });
    const out = h('div', { class: 'stack' });
    const messages = () => [{ role: 'user', content: prompt.value }];

    async function explain() {
      out.replaceChildren();
      try {
        out.replaceChildren(decision(await api.post('/route/explain', { model: model.value, messages: messages() })));
      } catch (e) {
        out.replaceChildren(notice(e.message, 'error'));
      }
    }

    async function send() {
      sendButton.disabled = true;
      try {
        await stream();
      } finally {
        sendButton.disabled = false;
      }
    }

    async function stream() {
      const answer = h('div', { class: 'answer', 'aria-label': 'Answer', 'aria-live': 'polite' });
      const facts = h('div', {});
      out.replaceChildren(h('section', { class: 'card' }, h('h2', {}, 'Answer'), answer, facts));
      let usage = null;
      try {
        const headers = await api.stream('/v1/chat/completions',
          { model: model.value, messages: messages(), stream: true, stream_options: { include_usage: true } },
          event => {
            if (event.error) {
              facts.append(notice(event.error.message, 'error'));
            }
            const delta = event.choices?.[0]?.delta?.content;
            if (delta) {
              answer.append(delta);
            }
            usage = event.usage ?? usage;
          });
        const served = headers.get('x-keyroute-model');
        const price = pricing.find(p => p.id === served);
        const cost = usage && price && price.input_usd_per_mtok !== null
          ? formatUsd(catalogMicros(price, usage) / 1e6) : 'unknown (no catalog price)';
        facts.append(h('dl', { class: 'facts', 'aria-label': 'Answer details' },
          h('dt', {}, 'Model'), h('dd', { class: 'mono' }, served ?? ''),
          h('dt', {}, 'Route reason'), h('dd', {}, headers.get('x-keyroute-route-reason') ?? ''),
          h('dt', {}, 'Tokens'), h('dd', {}, usage
            ? `${formatInt(usage.prompt_tokens)} prompt · ${formatInt(usage.completion_tokens)} completion` : 'not reported'),
          h('dt', {}, 'Cost'), h('dd', {}, cost)));
      } catch (e) {
        facts.append(notice(e.message, 'error'));
      }
    }

    const sendButton = button('Send', send, { kind: 'primary', disabled: !inference });
    main.classList.add('playground');
    append(main, [h('h1', {}, 'Playground'),
      inference ? null : notice('The admin token cannot call inference: sign in with a kr- key to send a prompt. '
        + 'Explain works with any token.', 'warn'),
      h('div', { class: 'card' }, models, field('Model or route', model), field('Prompt', prompt),
        h('div', { class: 'toolbar' }, button('Explain', explain, { kind: 'plain' }), sendButton)),
      out]);
  },
};
