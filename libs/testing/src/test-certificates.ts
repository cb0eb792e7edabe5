import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** PEM texts of a private test PKI. */
export interface TestPki {
  /** A private CA, and a server certificate it issued for 127.0.0.1 / localhost. */
  caCertificate: string;
  serverCertificate: string;
  serverKey: string;
  /** A client certificate the CA issued (for mutual TLS), and its key. */
  clientCertificate: string;
  clientKey: string;
  /** A client certificate of another CA the server does not trust, and its key. */
  strangerCertificate: string;
  strangerKey: string;
}

/**
 * Generates a PKI with the `openssl` CLI (P-256 keys, valid for two days) in a temporary
 * directory it removes again. About 100 ms; generate once per spec file.
 */
export function generateTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'herald-pki-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    const ca = (name: string) =>
      openssl(
        'req',
        '-x509',
        ...key,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.crt`,
        '-days',
        '2',
        '-subj',
        `/CN=Herald test ${name}`,
      );
    ca('ca');
    ca('stranger-ca');
    writeFileSync(
      join(dir, 'server.ext'),
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
    );
    writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
    const issue = (name: string, caName: string, ext: string) => {
      openssl(
        'req',
        ...key,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${name}`,
      );
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${caName}.crt`,
        '-CAkey',
        `${caName}.key`,
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        '2',
        '-extfile',
        ext,
      );
    };
    issue('server', 'ca', 'server.ext');
    issue('client', 'ca', 'client.ext');
    issue('stranger', 'stranger-ca', 'client.ext');
    return {
      caCertificate: read('ca.crt'),
      serverCertificate: read('server.crt'),
      serverKey: read('server.key'),
      clientCertificate: read('client.crt'),
      clientKey: read('client.key'),
      strangerCertificate: read('stranger.crt'),
      strangerKey: read('stranger.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
