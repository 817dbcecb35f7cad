import { randomUUID } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import WebSocket from 'ws';
import { fail, pass, Verdict } from './checks';
import { describeError, tlsContext, USER_AGENT } from './probe';

/**
 * `websocket`: the handshake succeeds with `origin` as Origin, then a unique text message is sent
 * and a message must come back before `timeoutMs` (from the start). The contract for the server:
 * answer a text message with a message; echoing the text back is what the tests' server does and
 * what the detail reports as "echo". One deadline covers both steps.
 */
export function webSocketVerdict(
  url: URL,
  origin: string,
  timeoutMs: number,
  secureContext?: SecureContext,
): Promise<Verdict> {
  const text = `smoke-${randomUUID()}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = new WebSocket(url, {
      origin,
      headers: { 'user-agent': USER_AGENT },
      ...tlsContext(secureContext),
    });
    let opened = false;
    const finish = (verdict: Verdict): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined); // terminate() of a handshake in flight reports one
      socket.terminate();
      resolve(verdict);
    };
    const timer = setTimeout(
      () =>
        finish(
          fail(
            opened
              ? `opened, but no message came back within ${timeoutMs} ms`
              : `did not open within ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
    socket.on('open', () => {
      opened = true;
      socket.send(text);
    });
    socket.on('message', (data, isBinary) => {
      const ms = Math.round(performance.now() - started);
      const echoed = !isBinary && data.toString() === text;
      finish(pass(echoed ? `opened, echo in ${ms} ms` : `opened, answered in ${ms} ms (not an echo)`));
    });
    socket.on('error', (error) =>
      finish(fail(`${opened ? 'failed after opening' : 'could not open'}: ${describeError(error)}`)),
    );
    socket.on('close', (code, reason) =>
      finish(fail(`closed by the server (${code}${reason.length > 0 ? ` ${reason}` : ''}) before answering`)),
    );
  });
}
