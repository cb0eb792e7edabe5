import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { runJdkTool } from './java-process';

export interface TlsMaterial {
  keystorePath: string;
  password: string;
  /** The brokers' self-signed certificate (PEM): what a client trusts as its CA. */
  caPem: string;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's keytool into a
 * PKCS12 keystore every node uses, valid for a few days (tests and local runs only).
 */
export async function createTlsMaterial(folder: string): Promise<TlsMaterial> {
  const keystorePath = join(folder, 'broker.p12');
  const certificatePath = join(folder, 'broker-ca.pem');
  const password = randomBytes(12).toString('hex');
  const keytool = (args: string[]) =>
    runJdkTool('keytool', [...args, '-keystore', keystorePath, '-storepass', password]);
  await keytool([
    '-genkeypair',
    '-alias',
    'broker',
    '-keyalg',
    'RSA',
    '-keysize',
    '2048',
    '-validity',
    '7',
    '-dname',
    'CN=localhost',
    '-ext',
    'SAN=ip:127.0.0.1,dns:localhost',
    '-storetype',
    'PKCS12',
    '-keypass',
    password,
  ]);
  await keytool(['-exportcert', '-alias', 'broker', '-rfc', '-file', certificatePath]);
  return { keystorePath, password, caPem: readFileSync(certificatePath, 'utf8') };
}
