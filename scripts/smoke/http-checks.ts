import { fail, pass, Verdict, warn } from './checks';
import { describeError, probe, ProbeAnswer, ProbeRequest } from './probe';

/** Runs a request and judges its answer; a request that fails is a failed check, saying why. */
export async function judge(
  request: ProbeRequest,
  verdict: (answer: ProbeAnswer) => Verdict,
): Promise<Verdict> {
  try {
    return verdict(await probe(request));
  } catch (error) {
    return fail(`${request.method ?? 'GET'} ${request.url.href}: ${describeError(error)}`);
  }
}

/**
 * `health`: 200 within the timeout. A 200 with an HTML page is a warning: it is what a single-page
 * app's fallback serves for any path, so it proves the CDN is up, not that the service is.
 */
export function healthVerdict(answer: ProbeAnswer): Verdict {
  if (answer.status !== 200) return fail(`answered ${answer.status}, not 200 (in ${answer.elapsedMs} ms)`);
  const type = String(answer.headers['content-type'] ?? '');
  if (/^text\/html\b/i.test(type))
    return warn(
      `200 in ${answer.elapsedMs} ms, but an HTML page (${type}): likely the site's index.html, not the service`,
    );
  return pass(`200 in ${answer.elapsedMs} ms`);
}

/**
 * Where `http://host/path` must redirect: the same host and path over HTTPS, on the site's HTTPS port
 * when it is the site's host (a test server's port; 443 in real life).
 */
export function expectedRedirectTarget(httpUrl: URL, siteUrl: URL): URL {
  const target = new URL(httpUrl.href);
  target.protocol = 'https:';
  target.port = httpUrl.hostname === siteUrl.hostname ? siteUrl.port : '';
  return target;
}

const PERMANENT_REDIRECTS = [301, 308];

/** `http-redirect`: a permanent redirect to the HTTPS URL of the same host and path. */
export function redirectVerdict(answer: ProbeAnswer, requested: URL, expected: URL): Verdict {
  const location = answer.headers.location;
  if (!PERMANENT_REDIRECTS.includes(answer.status)) {
    const temporary = answer.status === 302 || answer.status === 307;
    return fail(
      temporary
        ? `${answer.status} is a temporary redirect (to ${location ?? 'nowhere'}): use 301 or 308`
        : `answered ${answer.status}, not a 301/308 redirect to ${expected.href}`,
    );
  }
  if (!location) return fail(`${answer.status} without a Location header`);
  let target: URL;
  try {
    target = new URL(location, requested);
  } catch {
    return fail(`${answer.status} to '${location}', which is not a URL`);
  }
  if (target.protocol !== 'https:') return fail(`${answer.status} to ${target.href}: not https://`);
  if (target.href !== expected.href)
    return fail(`${answer.status} to ${target.href}, expected ${expected.href} (same host and path)`);
  return pass(`${answer.status} to ${target.href}`);
}
