// The Worker example's catalogue review routes (examples/worker), when the page is served by it.
// Its build writes review.json naming the route; everywhere else review.json is the `{}`
// placeholder, so the page finds nothing, asks nothing more and shows nothing new.

let discovery = null;

/** The same-origin URL of the Worker's review route, or null (asked once per page load). */
export function reviewRoute() {
  discovery ??= (async () => {
    try {
      const d = await getJson(new URL('review.json', location.href));
      if (typeof d?.route !== 'string') return null;
      const url = new URL(d.route, location.href);
      return url.origin === location.origin ? url : null;
    } catch {
      return null;
    }
  })();
  return discovery;
}

async function getJson(url, init) {
  const res = await fetch(url, { cache: 'no-store', ...init, headers: { accept: 'application/json', ...init?.headers } });
  const body = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const message = typeof body?.error?.message === 'string' ? body.error.message : res.statusText;
    throw Object.assign(new Error(`${init?.method ?? 'GET'} ${url.pathname}: ${res.status} ${message}`), { status: res.status });
  }
  return body;
}

/** The servers with changes pending since their approved snapshot, or null when there is no route. */
export async function pendingReviews() {
  const route = await reviewRoute();
  if (!route) return null;
  let d;
  try {
    d = await getJson(route);
  } catch (err) {
    if (err.status === 501) return null; // the Worker has no CATALOGUE namespace bound: no review
    throw err;
  }
  return Array.isArray(d?.pending) ? d.pending.filter((p) => typeof p?.id === 'string') : null;
}

/** Approves what is pending for server `id` (the Worker enables and pins it); resolves to the server. */
export async function approvePending(id) {
  const route = await reviewRoute();
  if (!route) throw new Error('This page is not served by the Worker example: nothing to approve.');
  return getJson(new URL(`${route.pathname.replace(/\/$/, '')}/${encodeURIComponent(id)}/approve`, route), { method: 'POST' });
}
