/**
 * A DNS server on 127.0.0.1 for probe tests (dns2, UDP): answers A queries from a table (name -> IPs),
 * NXDOMAIN for any other name, and can be told to wait before answering one name.
 */
import DNS from "dns2";

export interface LoopbackDns {
  /** `127.0.0.1:<port>`, as `--dns-server` takes it. */
  readonly server: string;
  close(): Promise<void>;
}

const NXDOMAIN = 3;

export async function startLoopbackDns(
  answers: ReadonlyMap<string, readonly string[]>,
  delaysMs: ReadonlyMap<string, number> = new Map(),
): Promise<LoopbackDns> {
  const server = DNS.createServer({
    udp: true,
    handle: async (request, send) => {
      const response = DNS.Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = question.name.toLowerCase();
      const ips = question.type === DNS.Packet.TYPE.A ? answers.get(name) : undefined;
      await new Promise((resolve) => setTimeout(resolve, delaysMs.get(name) ?? 0));
      if (!answers.has(name)) response.header.rcode = NXDOMAIN;
      for (const address of ips ?? []) {
        response.answers.push(DNS.Packet.createResourceFromQuestion(question, { ttl: 60, address }));
      }
      await send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  return { server: `127.0.0.1:${addresses.udp?.port}`, close: () => server.close() };
}
