'use strict';

const api = path => 'api/' + path;

async function post(path, body) {
  const response = await fetch(api(path), {method: 'POST', body});
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(json.message || response.status + ' ' + (response.statusText || 'error') + ': see the orders below');
  }
  return json;
}

function say(text, kind) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = kind || '';
  box.hidden = false;
}

function cart(payment) {
  const data = new URLSearchParams(new FormData(document.getElementById('cart')));
  data.set('payment', payment);
  return data;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => k.startsWith('data-') || k === 'class' ? node.setAttribute(k, v) : (node[k] = v));
  children.flat().forEach(c => node.append(c));
  return node;
}

const ICON = {ESCAPED: '✓', PENDING: '…', RETRYING: '↻', DROPPED: '✗', FAILED: '!'};
const KIND = {email: '✉', warehouse: '⌂'};

function orderCard(order) {
  const escaped = order.effects.filter(e => e.status === 'ESCAPED').length;
  const summary = escaped === 0
    ? el('p', {class: 'summary nothing'}, 'Nothing escaped')
    : el('p', {class: 'summary'}, escaped + (escaped === 1 ? ' side effect escaped' : ' side effects escaped'));
  const effects = el('ul', {class: 'effects'}, order.effects.map(e =>
    el('li', {class: 'effect ' + e.status, 'data-kind': e.kind, 'data-status': e.status, 'data-task': e.task},
      el('span', {class: 'chip ' + e.status}, ICON[e.status] + ' ' + e.status.toLowerCase()),
      el('span', {class: 'kind'}, (KIND[e.kind] || '') + ' ' + e.task),
      el('span', {class: 'detail'}, e.detail),
      e.status === 'FAILED' && e.intentId
        ? el('button', {class: 'small resubmit', textContent: 'Resubmit',
            onclick: () => run(() => post('intents/' + encodeURIComponent(e.intentId) + '/resubmit'))})
        : '')));
  const reprocess = el('button', {class: 'small', textContent: 'Re-process (no second email)',
    onclick: () => run(() => post('orders/' + order.id + '/reprocess'))});
  return el('article', {class: 'order ' + order.status, 'data-order-id': order.id, 'data-status': order.status},
    el('header', {},
      el('h3', {}, '#' + order.id + ' ' + order.item),
      el('span', {class: 'status'}, order.status.toLowerCase() + (order.note ? ': ' + order.note : '')),
      el('span', {class: 'who'}, order.customer + ' <' + order.email + '>')),
    summary, effects, order.status === 'FAILED' ? '' : reprocess);
}

async function refresh() {
  const orders = await (await fetch(api('orders'))).json();
  document.getElementById('no-orders').hidden = orders.length > 0;
  document.getElementById('orders').replaceChildren(...orders.map(orderCard));
}

async function refreshLink() {
  const link = await (await fetch(api('warehouse-link'))).json();
  const button = document.getElementById('warehouse-link');
  button.textContent = link.up ? 'Cut warehouse link' : 'Restore warehouse link';
  button.dataset.up = link.up;
  button.classList.toggle('danger', !link.up);
}

async function run(action) {
  try {
    const result = await action();
    if (result && result.message) {
      const dropped = result.dropped && result.dropped.length ? ' Dropped: ' + result.dropped.join(', ') : '';
      say(result.message + dropped, result.dropped && result.dropped.length ? 'warn' : 'ok');
    }
  } catch (e) {
    say('Error: ' + e.message, 'error');
  }
  await refresh();
}

document.getElementById('checkout').onclick = () => run(() => post('checkout', cart('ok')));
document.getElementById('checkout-declined').onclick = () => run(() => post('checkout', cart('declined')));
document.getElementById('ship-now').onclick = () => run(async () => {
  const r = await post('shipping-batch');
  return {message: r.shipped + ' order(s) shipped by the @Airlocked batch.'};
});
document.getElementById('dry-run').onclick = () => run(async () => {
  const r = await post('import/dry-run', '');
  const panel = document.getElementById('dry-run-result');
  panel.querySelector('ul').replaceChildren(...r.wouldSend.map(s => el('li', {class: 'would-send'}, s)));
  panel.hidden = false;
  return {message: 'Dry run: ' + r.rows + ' rows, ' + r.wouldSend.length + ' intents held back by DropAll, nothing imported.'};
});
document.getElementById('warehouse-link').onclick = () => run(async () => {
  const up = document.getElementById('warehouse-link').dataset.up !== 'true';
  await post('warehouse-link?up=' + up);
  await refreshLink();
  return {message: up ? 'Warehouse link restored.'
    : 'Warehouse link cut: warehouse calls fail at dispatch, are retried with backoff, then kept as failed for you to resubmit.'};
});

refresh();
refreshLink();
setInterval(refresh, 1000);
