'use strict';
// hybridrag web UI: plain browser JavaScript over the same-origin HTTP API (docs/ui.md).
const $ = (id) => document.getElementById(id);
const MAX_NODES = 300;
const state = { tenants: [], tenant: '', key: sessionStorage.getItem('hybridrag.key') || '', timer: null, cy: null };

class ApiError extends Error {}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.key) headers['Authorization'] = 'Bearer ' + state.key;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method || 'GET', headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
  });
  if (!response.ok) throw new ApiError(await errorText(response));
  return options.raw ? response : response.json();
}

async function errorText(response) {
  try {
    const body = await response.json();
    return body.error + (body.field ? ' (field: ' + body.field + ')' : '');
  } catch (e) {
    return response.status + ' ' + response.statusText;
  }
}

function showError(error) {
  $('error').textContent = error instanceof Error ? error.message : String(error);
  $('error').hidden = false;
}

function clearError() { $('error').hidden = true; }

const tenantPath = (suffix) => '/v1/tenants/' + encodeURIComponent(state.tenant) + suffix;

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) td.className = className;
  return td;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', () => onClick().catch(showError));
  return b;
}

// ---- tenants and key ----
async function loadTenants() {
  const list = await api('/v1/tenants');
  state.tenants = list.tenants;
  const select = $('tenant');
  select.replaceChildren(...list.tenants.map((t) => new Option(t.id, t.id)));
  if (list.tenants.length === 0) throw new ApiError('no tenant opens with this key');
  state.tenant = list.tenants.some((t) => t.id === state.tenant) ? state.tenant : list.tenants[0].id;
  select.value = state.tenant;
  const current = list.tenants.find((t) => t.id === state.tenant);
  $('doc-add').hidden = !(current && current.writes);
}

$('access').addEventListener('submit', (event) => {
  event.preventDefault();
  state.key = $('key').value.trim();
  sessionStorage.setItem('hybridrag.key', state.key); // this browser tab only, gone when it closes
  clearError();
  loadTenants().then(refreshTab).catch(showError);
});
$('tenant').addEventListener('change', () => {
  state.tenant = $('tenant').value;
  const current = state.tenants.find((t) => t.id === state.tenant);
  $('doc-add').hidden = !(current && current.writes);
  clearError();
  refreshTab().catch(showError);
});

// ---- tabs ----
function activeTab() { return document.querySelector('nav [aria-selected="true"]').dataset.tab; }

document.querySelectorAll('nav button').forEach((tab) => tab.addEventListener('click', () => {
  document.querySelectorAll('nav button').forEach((t) => t.setAttribute('aria-selected', String(t === tab)));
  document.querySelectorAll('main > section').forEach((s) => { s.hidden = s.id !== tab.dataset.tab; });
  clearError();
  refreshTab().catch(showError);
}));

async function refreshTab() {
  clearInterval(state.timer);
  if (!state.tenant) return;
  if (activeTab() === 'overview') {
    await overview();
    state.timer = setInterval(() => overview().catch(showError), 2000);
  } else if (activeTab() === 'documents') {
    await documents();
    // Documents appear and change status as the pipeline works: follow them.
    state.timer = setInterval(() => documents().catch(showError), 3000);
  } else if (activeTab() === 'graph' && state.cy) {
    state.cy.resize();
  }
}

// ---- overview ----
async function overview() {
  const rows = [];
  for (const tenant of state.tenants) {
    const status = await api('/v1/tenants/' + encodeURIComponent(tenant.id) + '/status');
    rows.push(status);
  }
  const body = $('overview-table').tBodies[0];
  body.replaceChildren();
  for (const s of rows) {
    const row = body.insertRow();
    cell(row, s.tenant);
    cell(row, Object.entries(s.documents).map(([k, v]) => k + ' ' + v).join(', ') || 'none');
    cell(row, s.chunks);
    cell(row, s.entities);
    cell(row, s.relations);
    cell(row, s.graph_keys_settling);
    cell(row, s.last_update ? new Date(s.last_update).toLocaleString() : '');
  }
}

// ---- documents ----
async function documents() {
  const status = $('doc-status').value;
  const page = await api(tenantPath('/documents?limit=1000' + (status ? '&status=' + status : '')));
  const needle = $('doc-search').value.trim().toLowerCase();
  const shown = page.documents.filter((d) => !needle || d.path.toLowerCase().includes(needle));
  $('doc-count').textContent = shown.length + ' of ' + page.documents.length + ' documents'
      + (page.documents.length === page.limit ? ' (first ' + page.limit + ' only)' : '');
  const body = $('doc-table').tBodies[0];
  body.replaceChildren();
  for (const d of shown) {
    const row = body.insertRow();
    cell(row, d.path);
    cell(row, d.status, 'status-' + d.status);
    cell(row, d.chunk_count);
    cell(row, d.updated_at ? new Date(d.updated_at).toLocaleString() : '');
    cell(row, d.error, 'reason');
    const actions = row.insertCell();
    if (d.status === 'processed') actions.append(button('View', () => openDocument(d.path)));
    if (d.status === 'failed' || d.status === 'refused') {
      // Reads the file again from the watch root (POST documents/retry); the answer says what happened.
      actions.append(button('Retry', async () => {
        const answer = await api(tenantPath('/documents/retry?path=' + encodeURIComponent(d.path)),
          { method: 'POST' });
        const outcome = answer.retried.length ? answer.retried[0].outcome : 'nothing to retry';
        if (outcome !== 'resubmitted') showError(new Error(d.path + ': ' + outcome.replace('_', ' ')));
        await documents();
      }));
    }
    actions.append(button('Delete', async () => {
      if (!confirm('Take ' + d.path + ' out of the index?')) return;
      await api(tenantPath('/documents?path=' + encodeURIComponent(d.path)), { method: 'DELETE' });
      await documents();
    }));
  }
}

$('doc-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  documents().catch(showError);
});
$('doc-search').addEventListener('input', () => documents().catch(showError));

$('doc-add').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const files = $('doc-files').files;
    if (files.length > 0) {
      const form = new FormData();
      for (const file of files) form.append('file', file, file.name);
      await api(tenantPath('/documents/upload'), { method: 'POST', body: form });
    } else {
      await api(tenantPath('/documents/text'),
        { method: 'POST', json: { text: $('doc-text').value, file_source: $('doc-name').value.trim() } });
    }
    $('doc-add').reset();
    await documents();
  } catch (e) { showError(e); }
});

async function openDocument(path) {
  const doc = await api(tenantPath('/documents/content?path=' + encodeURIComponent(path)));
  $('viewer-title').textContent = doc.path;
  $('viewer-text').textContent = doc.text;
  $('viewer').showModal();
}

// ---- query ----
$('ask').addEventListener('submit', (event) => {
  event.preventDefault();
  clearError();
  ask().catch(showError);
});

async function ask() {
  const contextOnly = $('context-only').checked;
  const request = {
    query: $('question').value, mode: $('mode').value,
    top_k: Number($('top-k').value), chunk_top_k: Number($('chunk-top-k').value),
    response_type: $('response-type').value, only_need_context: contextOnly, stream: !contextOnly,
  };
  $('answer').textContent = '';
  $('references').replaceChildren();
  if (contextOnly) {
    const response = await api(tenantPath('/query'), { method: 'POST', json: request });
    $('answer').textContent = response.context.chunks.map((c) => '[' + c.reference_id + '] ' + c.file_path + '\n' + c.content).join('\n\n');
    showReferences(response.references);
    return;
  }
  const response = await api(tenantPath('/query'), { method: 'POST', json: request, raw: true });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      handleEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
}

function handleEvent(frame) {
  let name = '', data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice(7);
    if (line.startsWith('data: ')) data += line.slice(6);
  }
  const payload = data ? JSON.parse(data) : {};
  if (name === 'delta') $('answer').textContent += payload.delta;
  if (name === 'done') showReferences(payload.references);
  if (name === 'error') showError(payload.error);
}

function showReferences(references) {
  $('references').replaceChildren(...references.map((r) => {
    const item = document.createElement('li');
    item.value = r.reference_id;
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = r.file_path;
    link.addEventListener('click', (event) => { event.preventDefault(); openDocument(r.file_path).catch(showError); });
    item.append(link);
    return item;
  }));
}

// ---- graph ----
$('entity-search').addEventListener('submit', (event) => {
  event.preventDefault();
  clearError();
  searchEntities().catch(showError);
});

async function searchEntities() {
  const page = await api(tenantPath('/graph/entities?limit=20&q=' + encodeURIComponent($('entity-q').value)));
  $('entity-results').replaceChildren(...page.entities.map((e) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = e.name + ' (' + e.type + ')';
    link.addEventListener('click', (event) => { event.preventDefault(); showNeighbourhood(e.name, true).catch(showError); });
    item.append(link);
    return item;
  }));
  if (page.entities.length === 0) showError('no entity matches "' + $('entity-q').value + '"');
  else if (page.entities.length === 1) await showNeighbourhood(page.entities[0].name, true);
}

function graph() {
  if (!state.cy) {
    state.cy = cytoscape({
      container: $('cy'),
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'background-color': '#4a7bb7', width: 18, height: 18 } },
        { selector: 'node.centre', style: { 'background-color': '#d9822b', width: 26, height: 26 } },
        { selector: 'edge', style: { width: 1.2, 'line-color': '#9aa9b8', 'curve-style': 'bezier' } },
      ],
    });
    state.cy.on('tap', 'node', (event) => showNeighbourhood(event.target.id(), false).catch(showError));
  }
  return state.cy;
}

async function showNeighbourhood(name, fresh) {
  const detail = await api(tenantPath('/graph/entities/' + encodeURIComponent(name) + '?depth=1&limit=50'));
  const cy = graph();
  if (fresh) cy.elements().remove();
  const notes = [];
  const add = (id, type) => {
    if (cy.getElementById(id).nonempty()) return true;
    if (cy.nodes().length >= MAX_NODES) return false;
    cy.add({ group: 'nodes', data: { id, label: id, type } });
    return true;
  };
  add(detail.name, detail.type);
  cy.nodes().removeClass('centre');
  cy.getElementById(detail.name).addClass('centre');
  let skipped = 0;
  for (const n of detail.neighbours) if (!add(n.name, n.type)) skipped++;
  for (const r of detail.relations) {
    const id = r.source + '\u2194' + r.target;
    if (cy.getElementById(r.source).nonempty() && cy.getElementById(r.target).nonempty() && cy.getElementById(id).empty()) {
      cy.add({ group: 'edges', data: { id, source: r.source, target: r.target } });
    }
  }
  if (detail.truncated) notes.push('The neighbourhood of ' + detail.name + ' is larger than shown: only the strongest ' + detail.neighbours.length + ' neighbours are drawn.');
  if (skipped > 0) notes.push(skipped + ' more nodes were not drawn: the view holds at most ' + MAX_NODES + '. Search again to start afresh.');
  $('graph-note').textContent = notes.join(' ');
  $('graph-note').hidden = notes.length === 0;
  cy.layout({ name: 'cose', animate: false }).run();
  showDetail(detail);
}

function showDetail(detail) {
  const aside = $('entity-detail');
  aside.replaceChildren();
  const title = document.createElement('h2');
  title.textContent = detail.name;
  const meta = document.createElement('p');
  meta.className = 'hint';
  meta.textContent = detail.type + ' · weight ' + detail.weight;
  const description = document.createElement('p');
  description.textContent = detail.description;
  const files = document.createElement('ul');
  for (const file of detail.source_files) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = file;
    link.addEventListener('click', (event) => { event.preventDefault(); openDocument(file).catch(showError); });
    item.append(link);
    files.append(item);
  }
  const relations = document.createElement('ul');
  for (const r of detail.relations) {
    const item = document.createElement('li');
    item.textContent = r.source + ' — ' + r.target + (r.keywords ? ' (' + r.keywords + ')' : '') + ': ' + r.description;
    relations.append(item);
  }
  const filesTitle = document.createElement('h3');
  filesTitle.textContent = 'From files';
  const relTitle = document.createElement('h3');
  relTitle.textContent = 'Relations';
  aside.append(title, meta, description, filesTitle, files, relTitle, relations);
}

// For browser tests and the curious: what the graph view holds.
window.hybridragGraph = { nodes: () => (state.cy ? state.cy.nodes().map((n) => n.id()) : []), expand: (name) => showNeighbourhood(name, false) };

// ---- start ----
$('key').value = state.key;
loadTenants().then(refreshTab).catch(showError);
