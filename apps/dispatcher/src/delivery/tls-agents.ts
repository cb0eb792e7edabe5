import { Agent } from 'undici';

/** A subscription's TLS material, opened: what its connections present and trust. */
export interface TlsMaterial {
  /** Identifies the material (changes whenever any part does): the pool it gets. */
  id: string;
  cert?: string;
  key?: string;
  ca?: string;
}

/** Pools kept (one per subscription with TLS material in use); the oldest is closed beyond it. */
const AGENTS_KEPT = 1_000;

/**
 * One keep-alive pool per TLS material (a client certificate and key, a private CA), since a
 * socket's certificate is fixed when it connects. Built with the same connect options as the
 * shared pool (timeout, the target policy's guarded lookup), bounded in number.
 */
export class TlsAgents {
  private readonly agents = new Map<string, Agent>();

  constructor(
    private readonly connect: Record<string, unknown>,
    private readonly maxAgents = AGENTS_KEPT,
  ) {}

  agentFor(material: TlsMaterial): Agent {
    const known = this.agents.get(material.id);
    if (known) return known;
    if (this.agents.size >= this.maxAgents) {
      const [oldestId, oldest] = this.agents.entries().next().value as [string, Agent];
      this.agents.delete(oldestId);
      void oldest.close(); // requests in flight on it finish first
    }
    const agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      connections: 16,
      connect: {
        ...this.connect,
        ...(material.cert ? { cert: material.cert } : {}),
        ...(material.key ? { key: material.key } : {}),
        ...(material.ca ? { ca: material.ca } : {}),
      },
    });
    this.agents.set(material.id, agent);
    return agent;
  }

  get size(): number {
    return this.agents.size;
  }

  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((a) => a.close()));
  }
}
