// The access check in front of the API routes (JSON routes and the /client/v4 pass-through).
//
// Cloudflare Access puts a signed JWT in `Cf-Access-Jwt-Assertion` on every request it lets
// through. With ACCESS_TEAM_DOMAIN and ACCESS_AUD set, the JWT is verified here (RS256 against the
// team's certs, audience, issuer, expiry). Without them only its presence is checked, which is
// safe only if every way to reach this Worker goes through Access: anyone who can reach it some
// other way (workers.dev, a preview URL, a route without Access) can send the header themselves.

const CERTS_TTL_MS = 60 * 60 * 1000;
let certs = { url: undefined, fetchedAt: 0, keys: [] };

const b64url = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const decodeJson = (s) => JSON.parse(new TextDecoder().decode(b64url(s)));

async function teamKeys(team, refresh) {
  const url = `${team}/cdn-cgi/access/certs`;
  if (refresh || certs.url !== url || Date.now() - certs.fetchedAt > CERTS_TTL_MS) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Access certs: ${res.status}`);
    certs = { url, fetchedAt: Date.now(), keys: (await res.json()).keys ?? [] };
  }
  return certs.keys;
}

async function verify(jwt, team, aud) {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || !s) return 'malformed JWT';
  let header, claims;
  try { header = decodeJson(h); claims = decodeJson(p); } catch { return 'malformed JWT'; }
  if (header.alg !== 'RS256') return 'unexpected JWT algorithm';
  let jwk = (await teamKeys(team, false)).find((k) => k.kid === header.kid);
  jwk ??= (await teamKeys(team, true)).find((k) => k.kid === header.kid); // keys rotate
  if (!jwk) return 'unknown signing key';
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  const signed = new TextEncoder().encode(`${h}.${p}`);
  if (!(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, b64url(s), signed))) return 'bad signature';
  const now = Date.now() / 1000;
  const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!auds.includes(aud)) return 'wrong audience';
  if (claims.iss !== team) return 'wrong issuer';
  if (typeof claims.exp !== 'number' || claims.exp < now) return 'expired';
  if (typeof claims.nbf === 'number' && claims.nbf > now + 60) return 'not yet valid';
  return undefined;
}

/** Resolves to undefined when the request may use the API routes, else to the reason it may not. */
export async function accessDenied(request, env) {
  if (env.ALLOW_UNAUTHENTICATED_PASSTHROUGH === 'true') return undefined;
  const jwt = request.headers.get('Cf-Access-Jwt-Assertion');
  if (!jwt) return 'no Cf-Access-Jwt-Assertion header';
  if (!env.ACCESS_TEAM_DOMAIN || !env.ACCESS_AUD) return undefined; // presence only: see above
  return verify(jwt, env.ACCESS_TEAM_DOMAIN.replace(/\/+$/, ''), env.ACCESS_AUD);
}
