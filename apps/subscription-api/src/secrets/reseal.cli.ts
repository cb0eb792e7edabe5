// `npm run secrets:reseal`: after a key rotation (a new key first in HERALD_SECRETS_KEYS),
// reseals every stored secret (signing secrets, signing key pairs, delivery credentials, TLS
// client keys) with it, without restarting subscription-api (which
// does the same at start-up). The outbox records it writes reach the changelog through the
// running API's relay.
import { loadConfig, secretsResealSchema } from '@herald/config';
import { SecretBox } from '@herald/delivery';
import { SealedSecretStore, SubscriptionStore, openDatabase } from '@herald/persistence';
import { checkSecretsKeys, resealSecrets } from './reseal-secrets';

async function main(): Promise<void> {
  const config = loadConfig(secretsResealSchema);
  const box = new SecretBox(config.HERALD_SECRETS_KEYS);
  const dataSource = await openDatabase({ url: config.DATABASE_URL, poolSize: 2 });
  try {
    const sealing = new SealedSecretStore(dataSource);
    await checkSecretsKeys(sealing, box);
    const report = await resealSecrets(sealing, new SubscriptionStore(dataSource), box);
    process.stdout.write(
      `resealed the stored secrets of ${report.subscriptions} subscription(s) and ${report.signingKeys} signing key(s) with key "${box.currentKeyId}" (${report.republished} subscription(s) re-published with the resealed keys)\n`,
    );
    for (const { keyId, count } of await sealing.usage()) {
      process.stdout.write(`  key ${keyId ?? '(plain text)'}: ${count} secret(s)\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `secrets:reseal failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
