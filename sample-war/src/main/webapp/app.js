'use strict';

const api = path => 'api/' + path;

/** An error the page shows as it is: every error of the API is JSON with a message (and, for a 400, its fields). */
class ShopError extends Error {
  constructor(message, fields) {
    super(message);
    this.fields = fields || [];
  }
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(api(path), {method: 'POST', body});
  } catch (unreachable) {
    throw new ShopError('The shop did not answer (' + unreachable.message + '): is the server running?');
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ShopError(json && json.message ? json.message
      : 'The server answered ' + response.status + ' ' + (response.statusText || '') + ' without saying why: the orders below show what happened.',
      json && json.fields);
  }
  return json || {};
}

function say(text, kind) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = kind || '';
  box.hidden = false;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => k.startsWith('data-') || k.startsWith('aria-') || k === 'class'
    ? node.setAttribute(k, v) : (node[k] = v));
  children.flat().forEach(c => node.append(c));
  return node;
}

// Busy state: the action of every button is a key; while its request is in flight the button (also one that the
// refresh re-renders meanwhile) is disabled and says "Working…", so a click always shows that it was taken.
const inFlight = new Set();

function paint(button) {
  const busy = inFlight.has(button.dataset.action);
  button.disabled = busy;
  button.classList.toggle('busy', busy);
  button.setAttribute('aria-busy', String(busy));
  button.replaceChildren(...(busy ? [el('span', {class: 'spinner', 'aria-hidden': 'true'}), 'Working…'] : [button.dataset.label]));
}

function paintAll() {
  document.querySelectorAll('button[data-action]').forEach(paint);
}

function actionButton(key, label, cls, action) {
  const button = el('button', {class: cls, 'data-action': key, 'data-label': label, onclick: () => run(key, action)});
  paint(button);
  return button;
}

/** Runs one action: busy button, then its message (or its error), then the page as the server now sees it. */
async function run(key, action) {
  if (inFlight.has(key)) {
    return;
  }
  inFlight.add(key);
  paintAll();
  watched = null;
  if (key !== 'dry-run') {
    // the panel is the answer of the last dry run: another flow makes it stale
    document.getElementById('dry-run-result').hidden = true;
  }
  try {
    const result = await action();
    if (result && result.message) {
      const dropped = result.dropped && result.dropped.length ? ' Dropped: ' + result.dropped.join(', ') : '';
      say(result.message + dropped, dropped ? 'warn' : 'ok');
      if (result.watch && result.order != null) {
        watched = {order: result.order, message: result.message + dropped, said: null};
      }
    }
  } catch (e) {
    say('Error: ' + e.message, 'error');
    markFields(e.fields || []);
  } finally {
    inFlight.delete(key);
    paintAll();
  }
  await Promise.all([refresh(), refreshLink()]);
}

function markFields(fields) {
  document.querySelectorAll('#cart input').forEach(input => input.setAttribute('aria-invalid', String(fields.includes(input.name))));
}

// After a checkout or a re-process the page follows that step of the order: its effects are dispatched after the
// commit, when the request ends, so a failure there (a retried warehouse call) is told as the refresh sees it.
let watched = null;

const WHAT = {sendConfirmation: 'confirmation email', notifyShipment: 'warehouse call', sendShippedNotice: 'shipped notice'};

function follow(orders) {
  const w = watched;
  const order = w && orders.find(o => o.id === w.order);
  if (!order) {
    return;
  }
  const steps = groupBySteps(order.effects);
  const effects = steps.length ? steps[steps.length - 1].effects : [];
  const failed = effects.filter(e => e.status === 'FAILED');
  const retrying = effects.filter(e => e.status === 'RETRYING');
  let text = w.message;
  let kind = 'ok';
  if (failed.length) {
    text += ' But its ' + failed.map(e => WHAT[e.task] || e.task).join(' and ') + ' failed for good (' + failed[0].problem
      + '): the store keeps it as failed; press Resubmit on the order once that is fixed.';
    kind = 'error';
  } else if (retrying.length) {
    text += ' Its ' + retrying.map(e => WHAT[e.task] || e.task).join(' and ') + ' failed after the commit (' + retrying[0].problem
      + '): the order stands, and the shop retries it by itself (see the order below).';
    kind = 'warn';
  } else if (w.said && w.said.kind !== 'ok' && effects.every(e => e.status === 'ESCAPED' || e.status === 'DROPPED')) {
    text += ' The retried call went through.';
  } else if (!w.said) {
    return; // nothing to add to the action's own message
  }
  if (watched === w && (!w.said || w.said.text !== text)) {
    w.said = {text, kind};
    say(text, kind);
  }
}

const ICON = {ESCAPED: '✓', PENDING: '…', RETRYING: '↻', DROPPED: '✗', FAILED: '!'};
const KIND = {email: '✉', warehouse: '⌂'};
const STATUS = {NEW: 'new: not checked out', PROCESSED: 'processed', SHIPPED: 'shipped', FAILED: 'failed'};

/** The effects of one order by step (checkout, re-process 1, shipping), in the order the steps happened. */
function groupBySteps(effects) {
  const steps = [];
  effects.forEach(e => {
    const name = e.step || 'other';
    let step = steps.find(s => s.name === name);
    if (!step) {
      steps.push(step = {name, effects: []});
    }
    step.effects.push(e);
  });
  return steps;
}

const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');

/**
 * The headline of one step and its tone: the worst state first, so that a failed or retrying effect is never
 * hidden behind the ones that escaped. bad = red, wait = amber, ok = green, none = grey.
 */
function headline(effects, order) {
  const n = s => effects.filter(e => e.status === s).length;
  const parts = [['failed', n('FAILED')], ['retrying', n('RETRYING')], ['pending', n('PENDING')], ['escaped', n('ESCAPED')], ['dropped', n('DROPPED')]]
    .filter(([, count]) => count > 0);
  const tone = n('FAILED') ? 'bad' : n('RETRYING') || n('PENDING') ? 'wait' : n('ESCAPED') ? 'ok' : order.status === 'FAILED' ? 'bad' : 'none';
  if (!n('ESCAPED') && !n('FAILED') && !n('RETRYING') && !n('PENDING')) {
    return {tone, text: 'Nothing escaped'};
  }
  const [[first, count], ...rest] = parts;
  return {tone, text: [plural(count, 'side effect') + ' ' + first, ...rest.map(([word, c]) => c + ' ' + word)].join(', ')};
}

function effectItem(e) {
  return el('li', {class: 'effect ' + e.status, 'data-kind': e.kind, 'data-status': e.status, 'data-task': e.task},
    el('span', {class: 'chip ' + e.status}, ICON[e.status] + ' ' + e.status.toLowerCase()),
    el('span', {class: 'kind'}, (KIND[e.kind] || '') + ' ' + e.task),
    el('span', {class: 'detail'}, e.detail,
      el('span', {class: 'trace', 'data-trace': e.traceId || '', title: 'OpenTelemetry trace id'},
        'trace ' + (e.traceId || 'none'))),
    e.status === 'FAILED' && e.intentId
      ? actionButton('resubmit:' + e.intentId, 'Resubmit', 'small resubmit',
          () => post('intents/' + encodeURIComponent(e.intentId) + '/resubmit'))
      : '');
}

function orderCard(order) {
  const steps = groupBySteps(order.effects).map(step => ({...step, headline: headline(step.effects, order)}));
  const tones = steps.map(s => s.headline.tone);
  const tone = order.status === 'FAILED' || tones.includes('bad') ? 'bad'
    : order.status === 'NEW' || tones.includes('wait') ? 'wait' : 'ok';
  return el('article', {class: 'order ' + order.status + ' tone-' + tone, 'data-order-id': order.id, 'data-status': order.status, 'data-tone': tone},
    el('header', {},
      el('h3', {}, '#' + order.id + ' ' + order.item),
      el('span', {class: 'status'}, STATUS[order.status] + (order.note ? ': ' + order.note : '')),
      el('span', {class: 'who'}, order.customer + ' <' + order.email + '>')),
    steps.length ? '' : el('p', {class: 'summary none'}, 'No side effects yet'),
    steps.map(step => el('section', {class: 'step', 'data-step': step.name},
      el('h4', {}, step.name.charAt(0).toUpperCase() + step.name.slice(1)),
      el('p', {class: 'summary ' + step.headline.tone, 'data-tone': step.headline.tone}, step.headline.text),
      el('ul', {class: 'effects'}, step.effects.map(effectItem)))),
    order.canReprocess
      ? actionButton('reprocess:' + order.id, 'Re-process (no second email)', 'small reprocess',
          async () => ({...await post('orders/' + order.id + '/reprocess'), watch: true}))
      : '');
}

async function refresh() {
  let orders;
  try {
    orders = await (await fetch(api('orders'))).json();
  } catch (unreachable) {
    return; // the next refresh tries again; an action says when the shop does not answer
  }
  document.getElementById('no-orders').hidden = orders.length > 0;
  document.getElementById('orders').replaceChildren(...orders.map(orderCard));
  follow(orders);
}

async function refreshLink() {
  const link = await (await fetch(api('warehouse-link'))).json();
  const button = document.getElementById('warehouse-link');
  button.dataset.label = link.up ? 'Cut warehouse link' : 'Restore warehouse link';
  button.dataset.up = link.up;
  button.classList.toggle('danger', !link.up);
  paint(button);
}

function cart(payment) {
  const data = new URLSearchParams(new FormData(document.getElementById('cart')));
  data.set('payment', payment);
  return data;
}

function bind(id, action) {
  const button = document.getElementById(id);
  button.dataset.action = id;
  button.dataset.label = button.textContent;
  button.onclick = () => run(id, action);
}

bind('checkout', async () => {
  markFields([]);
  return {...await post('checkout', cart('ok')), watch: true};
});
bind('checkout-declined', async () => {
  markFields([]);
  return post('checkout', cart('declined'));
});
bind('ship-now', async () => {
  const r = await post('shipping-batch');
  return {message: r.shipped + ' order(s) shipped by the @Airlocked batch.'};
});
bind('dry-run', async () => {
  const r = await post('import/dry-run', '');
  const panel = document.getElementById('dry-run-result');
  panel.querySelector('ul').replaceChildren(...r.wouldSend.map(s => el('li', {class: 'would-send'}, s)));
  panel.hidden = false;
  return {message: 'Dry run: ' + r.rows + ' rows, ' + r.wouldSend.length + ' intents held back by DropAll; nothing was imported, and the order numbers it shows are still free.'};
});
bind('warehouse-link', async () => {
  const up = document.getElementById('warehouse-link').dataset.up !== 'true';
  await post('warehouse-link?up=' + up);
  return {message: up ? 'Warehouse link restored.'
    : 'Warehouse link cut: warehouse calls fail at dispatch, are retried with backoff, then kept as failed for you to resubmit.'};
});

refresh();
refreshLink();
setInterval(refresh, 1000);
