import type os from 'node:os';
import { describe, expect, it } from 'vitest';
import { storeNetworkUrls } from './start-server';

const interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = {
  lo: [
    {
      address: '127.0.0.1',
      netmask: '255.0.0.0',
      family: 'IPv4',
      mac: '00:00:00:00:00:00',
      internal: true,
      cidr: '127.0.0.1/8',
    },
  ],
  eth0: [
    {
      address: '192.168.1.20',
      netmask: '255.255.255.0',
      family: 'IPv4',
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: '192.168.1.20/24',
    },
    {
      address: 'fe80::1',
      netmask: 'ffff:ffff:ffff:ffff::',
      family: 'IPv6',
      mac: '02:00:00:00:00:01',
      internal: false,
      cidr: 'fe80::1/64',
      scopeid: 2,
    },
  ],
};

/** Issue 9 defect 12: the start-up message prints only URLs the server really listens on. */
describe('store-network URLs printed at start', () => {
  it('lists the machine`s addresses, with the port really bound, when listening on every interface', () => {
    expect(storeNetworkUrls('http://localhost:41234', '0.0.0.0', interfaces)).toEqual(['http://192.168.1.20:41234']);
    expect(storeNetworkUrls('https://localhost:8443', '::', interfaces)).toEqual(['https://192.168.1.20:8443']);
  });

  it('lists none when HOST names one address', () => {
    expect(storeNetworkUrls('http://127.0.0.1:8000', '127.0.0.1', interfaces)).toEqual([]);
    expect(storeNetworkUrls('http://192.168.1.20:8000', '192.168.1.20', interfaces)).toEqual([]);
  });
});
