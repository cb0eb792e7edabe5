/** PostgreSQL's deadlock_detected: one of two transactions was aborted and may simply rerun. */
const DEADLOCK_DETECTED = '40P01';
const ATTEMPTS = 3;

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock (a format change
 * locks its subscriptions while a subscription change reads its format). Other errors pass.
 */
export async function retryOnDeadlock<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK_DETECTED || attempt >= ATTEMPTS) {
        throw error;
      }
    }
  }
}
