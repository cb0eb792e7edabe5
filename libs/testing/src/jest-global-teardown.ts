export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __heraldPostgres?: { stop(): Promise<void> } }).__heraldPostgres;
  await pg?.stop();
}
