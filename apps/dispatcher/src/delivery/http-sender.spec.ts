import { ScriptedReceiver } from '../testing/scripted-receiver';
import { HttpSender, RESPONSE_BODY_CAP_BYTES } from './http-sender';

describe('HttpSender against a loopback receiver', () => {
  const receiver = new ScriptedReceiver();
  let base: string;
  const open = new HttpSender({ allowPrivateTargets: true });
  const guarded = new HttpSender({ allowPrivateTargets: false });
  const allowListed = new HttpSender({
    allowPrivateTargets: false,
    allowedNetworks: ['127.0.0.0/8'],
  });
  const post = (sender: HttpSender, url: string, timeoutMs = 2_000) =>
    sender.send({ url, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs });

  beforeAll(async () => {
    base = await receiver.start();
  });
  afterAll(async () => {
    await Promise.all([open.close(), guarded.close(), allowListed.close()]);
    await receiver.stop();
  });

  it('refuses 127.0.0.1 and names resolving to loopback when private targets are not allowed', async () => {
    const literal = await post(guarded, `${base}/ssrf`);
    expect(literal).toMatchObject({ kind: 'error', errorClass: 'ssrf' });
    const named = await post(guarded, base.replace('127.0.0.1', 'localhost') + '/ssrf');
    expect(named).toMatchObject({ kind: 'error', errorClass: 'ssrf' });
    expect(receiver.on('/ssrf')).toHaveLength(0);
  });

  it('refuses every spelling of loopback (decimal, hex, octal, short, mapped, localhost.) and delivers to them when allow-listed', async () => {
    const port = new URL(base).port;
    const spellings = [
      `http://2130706433:${port}`,
      `http://0x7f000001:${port}`,
      `http://0177.0.0.1:${port}`,
      `http://127.1:${port}`,
      `http://127.0.0.1.:${port}`,
      `http://localhost.:${port}`,
      `http://[::ffff:127.0.0.1]:${port}`,
    ];
    for (const origin of spellings) {
      expect(await post(guarded, `${origin}/spelled`)).toMatchObject({
        kind: 'error',
        errorClass: 'ssrf',
      });
    }
    expect(receiver.on('/spelled')).toHaveLength(0);
    expect(await post(guarded, `http://u:p@127.0.0.1:${port}/creds`)).toMatchObject({
      errorClass: 'ssrf',
    });
    receiver.script('/listed', [{ status: 204 }]);
    for (const origin of spellings.slice(0, 5)) {
      expect(await post(allowListed, `${origin}/listed`)).toMatchObject({
        kind: 'response',
        status: 204,
      });
    }
    expect(receiver.on('/listed')).toHaveLength(5);
  });

  it('delivers to loopback when private targets are allowed', async () => {
    receiver.script('/ok', [{ status: 204 }]);
    expect(await post(open, `${base}/ok`)).toMatchObject({ kind: 'response', status: 204 });
  });

  it('reads at most 64 KiB of the response body', async () => {
    receiver.script('/big', [{ status: 200, body: 'x'.repeat(200 * 1024) }]);
    const result = await post(open, `${base}/big`);
    expect(result).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(result.kind === 'response' && Buffer.byteLength(result.body)).toBe(
      RESPONSE_BODY_CAP_BYTES,
    );
  });

  it('gives up on a body trickled slower than the timeout, counted from the headers', async () => {
    receiver.script('/drip', [{ status: 200, body: 'x'.repeat(100), dripMs: 50 }]);
    expect(await post(open, `${base}/drip`, 400)).toMatchObject({
      kind: 'error',
      errorClass: 'timeout',
    });
  });

  it('skips informational responses and reads the final one', async () => {
    receiver.script('/hints', [{ status: 201, body: '{"Success":true}', earlyHints: true }]);
    expect(await post(open, `${base}/hints`)).toMatchObject({
      kind: 'response',
      status: 201,
      body: '{"Success":true}',
      truncated: false,
    });
  });

  it('does not follow redirects', async () => {
    receiver.script('/moved', [{ status: 302, headers: { location: `${base}/ok` } }]);
    const before = receiver.on('/ok').length;
    expect(await post(open, `${base}/moved`)).toMatchObject({ kind: 'response', status: 302 });
    expect(receiver.on('/ok')).toHaveLength(before);
  });

  it('classifies a receiver that never answers as a timeout', async () => {
    receiver.script('/hang', [{ status: 200, hang: true }]);
    expect(await post(open, `${base}/hang`, 300)).toMatchObject({
      kind: 'error',
      errorClass: 'timeout',
    });
  });

  it('classifies a refused connection', async () => {
    const stopped = new ScriptedReceiver();
    const url = await stopped.start();
    await stopped.stop();
    expect(await post(open, `${url}/x`)).toMatchObject({ kind: 'error', errorClass: 'connection' });
  });
});
