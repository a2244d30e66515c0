/**
 * A child process that runs a few simulated devices (RxDB's free storage opens at most 13
 * collections per process; a device opens 4). The main process tells it what to do over IPC.
 */
import { SimulatedDevice } from './device-driver';
import type { FromHost, ToHost } from './messages';

const devices = new Map<number, SimulatedDevice>();
const send = (m: FromHost) => process.send?.(m);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

// A "crashed" device's engine is dropped mid-flight, so its last writes can land on the closed
// database (RxDB LD8); a real crash would not run them at all. They must not end the host: one
// line each, so anything else stands out.
process.on('unhandledRejection', (err) => {
  const text = message(err);
  const line = /Error-Code: (\w+)/.exec(text)?.[0] ?? text.split('\n').find((l) => l.trim()) ?? text;
  console.error(`device host: unhandled rejection: ${line.trim()}`);
});

// The main process is gone (it failed or was stopped): nothing more to do here.
process.on('disconnect', () => process.exit(1));

process.on('message', (m: ToHost) => {
  void handle(m).catch((err: unknown) => send({ type: 'error', error: message(err) }));
});

async function handle(m: ToHost): Promise<void> {
  switch (m.type) {
    case 'open':
      for (const spec of m.devices) devices.set(spec.index, new SimulatedDevice(spec, m.directUrl, m.proxyUrl));
      await Promise.all([...devices.values()].map((d) => d.open()));
      send({ type: 'opened' });
      return;
    case 'sell': {
      const device = devices.get(m.index)!;
      try {
        const { saleId, lines } = await device.sell(m.productPicks);
        send({ type: 'sold', index: m.index, saleId, lines });
      } catch (err) {
        send({ type: 'sellFailed', index: m.index, error: message(err) });
      }
      return;
    }
    case 'crash':
      try {
        await devices.get(m.index)!.crash(m.downMs);
        send({ type: 'reopened', index: m.index });
      } catch (err) {
        // The device stays closed; the run's checks count it as not drained.
        send({ type: 'reopenFailed', index: m.index, error: message(err) });
      }
      return;
    case 'syncNow':
      await Promise.all([...devices.values()].map((d) => d.syncNow()));
      return;
    case 'report':
      send({ type: 'report', devices: await Promise.all([...devices.values()].map((d) => d.report())) });
      return;
    case 'close':
      await Promise.all([...devices.values()].map((d) => d.close()));
      send({ type: 'closed' });
      setTimeout(() => process.exit(0), 100);
      return;
  }
}
