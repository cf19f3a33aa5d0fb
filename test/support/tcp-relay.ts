import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on loopback to `port` that can hold what it carries, both ways:
 * a dead network path that keeps the connection open, for one client only.
 */
export class TcpRelay {
  private held = false;
  private readonly queued: [Socket, Buffer][] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(port: number): Promise<TcpRelay> {
    const server = createServer();
    const relay = new TcpRelay(server);
    server.on('connection', (client) => {
      const upstream = connect(port, '127.0.0.1');
      relay.join(client, upstream);
      relay.join(upstream, client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** Stops carrying bytes; they are kept and sent on release. */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    for (const [to, data] of this.queued.splice(0)) to.write(data);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }

  private join(from: Socket, to: Socket): void {
    this.sockets.add(from);
    from.on('data', (data) => (this.held ? this.queued.push([to, data]) : to.write(data)));
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  }
}
