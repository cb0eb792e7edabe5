import { lookup } from 'dns/promises';
import { callbackUrlProblem, isNonPublicAddress } from './callback-url-policy';

const resolve = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);

describe('callback URL policy', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['93.184.215.14', false],
    ['8.8.8.8', false],
    ['2606:4700::1111', false],
  ])('%s non-public: %s', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });

  it('refuses loopback through real DNS (localhost) and metadata IPs, unless allowed', async () => {
    expect(
      await callbackUrlProblem('http://localhost:4000/x', { allowPrivate: false, resolve }),
    ).toMatch(/loopback/);
    expect(
      await callbackUrlProblem('http://169.254.169.254/latest', { allowPrivate: false, resolve }),
    ).toMatch(/169\.254\.169\.254/);
    expect(await callbackUrlProblem('http://[::1]/x', { allowPrivate: false, resolve })).toMatch(
      /::1/,
    );
    expect(
      await callbackUrlProblem('http://localhost:4000/x', { allowPrivate: true, resolve }),
    ).toBeNull();
    expect(
      await callbackUrlProblem('https://93.184.215.14/hook', { allowPrivate: false, resolve }),
    ).toBeNull();
  });

  it('refuses other schemes, credentials and unresolvable hosts', async () => {
    expect(
      await callbackUrlProblem('ftp://93.184.215.14/', { allowPrivate: false, resolve }),
    ).toMatch(/http/);
    expect(
      await callbackUrlProblem('https://u:p@93.184.215.14/', { allowPrivate: false, resolve }),
    ).toMatch(/credentials/);
    expect(
      await callbackUrlProblem('https://no-such-host.invalid/', { allowPrivate: false, resolve }),
    ).toMatch(/does not resolve/);
  });
});
