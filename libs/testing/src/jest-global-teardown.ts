import { rmSync } from 'fs';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __heraldPostgres?: { stop(): Promise<void>; folder: string } })
    .__heraldPostgres;
  if (!pg) return;
  await pg.stop();
  rmSync(pg.folder, { recursive: true, force: true });
}
