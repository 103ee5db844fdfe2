// Calls to the eventcoder HTTP API (served by `eventcoder serve` beside these files).

export class ApiError extends Error {}

export async function getJson(path, signal) {
  let res;
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(`cannot reach the server (${err.message})`);
  }
  const body = await res.text();
  let data = null;
  try { data = body ? JSON.parse(body) : null; } catch { /* reported below */ }
  if (!res.ok) throw new ApiError(`${path.split('?')[0]}: ${res.status} ${data?.error || res.statusText}`);
  if (data === null) throw new ApiError(`${path.split('?')[0]}: the answer is not JSON`);
  return data;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  return q.toString();
}

// Every merged event passing `params`, following next_cursor, up to `cap` events.
// Returns {events, truncated}.
export async function loadEvents(params, { signal, cap = 20000, pageSize = 1000, onProgress } = {}) {
  const events = [];
  let cursor = null;
  for (;;) {
    const page = await getJson(`/api/events?${query({ ...params, limit: pageSize, cursor })}`, signal);
    if (!Array.isArray(page.events)) throw new ApiError('/api/events: no "events" list in the answer');
    events.push(...page.events);
    onProgress?.(events.length);
    cursor = page.next_cursor ?? null;
    if (!cursor || !page.events.length) return { events, truncated: false };
    if (events.length >= cap) return { events, truncated: true };
  }
}

export const getEvent = (id, signal) => getJson(`/api/events/${encodeURIComponent(id)}`, signal);

// Actor codes and countries known to the database, for the actor field's suggestions. The answer may be a
// list or {actors: [...]}, of codes or of objects with code/country/name/events; anything else gives [].
export async function loadActors(signal) {
  const data = await getJson('/api/actors', signal);
  const list = Array.isArray(data) ? data : Array.isArray(data?.actors) ? data.actors : [];
  return list.map((a) => (typeof a === 'string' ? { code: a } : a)).filter((a) => a && (a.code || a.country));
}
