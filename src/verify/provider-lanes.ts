import { ProviderServer } from './provider-server';

/**
 * One shared provider server per parallel lane of the verify, started on the lane's first
 * single-configuration stack and replaced when it dies or fails a plan. A lane runs one plan at a
 * time, so no server ever serves two plans at once.
 */
export class ProviderLanes {
  private readonly servers = new Map<number, ProviderServer>();
  private unavailable?: string;

  constructor(
    private readonly binary: string | undefined,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Why no server can be started (no binary, or the provider refused debug mode), if so. */
  get unavailableReason(): string | undefined {
    return this.binary ? this.unavailable : 'no AWS provider binary in the initialized providers';
  }

  /** The lane's server, or undefined when servers are unavailable (plans start their own provider). */
  async serverFor(lane: number): Promise<ProviderServer | undefined> {
    if (!this.binary || this.unavailable) return undefined;
    const current = this.servers.get(lane);
    if (current?.alive) return current;
    try {
      const server = await ProviderServer.start(this.binary, this.env);
      this.servers.set(lane, server);
      return server;
    } catch (error) {
      this.unavailable = (error as Error).message;
      return undefined;
    }
  }

  /** Drops a lane's server (after a failed plan through it); the lane's next plan starts a fresh one. */
  discard(lane: number): void {
    this.servers.get(lane)?.stop();
    this.servers.delete(lane);
  }

  stopAll(): void {
    for (const lane of [...this.servers.keys()]) this.discard(lane);
  }
}
