import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on a free loopback port that counts the requests it passes to one emulator, so the
 * cold-start bench can tell that a handler really called AWS. Headers go through unchanged (the
 * emulators do not check SigV4 signatures over the Host header). With no emulator behind it (Secrets
 * Manager has none locally) it answers 501, so a call is still counted and fails loudly.
 */
export const countingProxy = async (target: string | undefined) => {
  let requests = 0;
  const upstream = target === undefined ? undefined : new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    requests += 1;
    if (!upstream) {
      outgoing.writeHead(501, { 'content-type': 'application/x-amz-json-1.1' });
      outgoing.end(JSON.stringify({ __type: 'NoLocalEmulator', message: 'no emulator for this service' }));
      return;
    }
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', () => outgoing.destroy());
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type CountingProxy = Awaited<ReturnType<typeof countingProxy>>;
