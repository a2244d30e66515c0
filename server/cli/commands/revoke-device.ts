import { revokeDevice } from '../../devices/device-admin';
import { UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'revoke-device',
  summary: 'Unpair a device for good (lost or stolen tablet): its token stops working.',
  usage: 'revoke-device <device-id>',
  help: `Find the id with: npm run ecomarket -- devices. The device's next call gets 401 and the POS
asks to be paired again. Sales it already delivered stay; sales it still holds are not accepted.`,
  async run(ctx) {
    const deviceId = ctx.args[0];
    if (!deviceId) throw new UsageError('revoke-device needs a device id; list them with npm run ecomarket -- devices');
    const db = await ctx.openDb();
    const { revokedAt, alreadyRevoked } = await revokeDevice(db, deviceId);
    console.log(
      alreadyRevoked
        ? `Device ${deviceId} was already revoked on ${revokedAt}.`
        : `Revoked device ${deviceId}; its token stops working now.`,
    );
    return 0;
  },
};
