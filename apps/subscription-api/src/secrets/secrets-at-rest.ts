import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { SecretBox } from '@herald/delivery';
import { SealedSecretStore, SubscriptionStore } from '@herald/persistence';
import { checkSecretsKeys, resealSecrets } from './reseal-secrets';

/**
 * At start-up (after the migrations, before the API listens): stops with a clear reason when
 * `HERALD_SECRETS_KEYS` cannot open the stored secrets (signing secrets and key pairs, delivery
 * credentials, TLS keys), then seals plain-text secrets and reseals those of older keys with the
 * current one.
 */
@Injectable()
export class SecretsAtRest implements OnModuleInit {
  private readonly logger = new Logger('SecretsAtRest');

  constructor(
    private readonly sealing: SealedSecretStore,
    private readonly subscriptions: SubscriptionStore,
    private readonly box: SecretBox,
  ) {}

  async onModuleInit(): Promise<void> {
    await checkSecretsKeys(this.sealing, this.box);
    const report = await resealSecrets(this.sealing, this.subscriptions, this.box);
    if (report.subscriptions > 0 || report.signingKeys > 0) {
      this.logger.log(
        `stored secrets of ${report.subscriptions} subscription(s) and ${report.signingKeys} signing key(s) sealed with key "${this.box.currentKeyId}" (${report.republished} subscription(s) re-published with the resealed keys)`,
      );
    }
  }
}
