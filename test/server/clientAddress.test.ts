// The client address behind trusted proxies (server/net/clientAddress.ts)
// follows Fastify's trustProxy (proxy-addr) walk: checked against Fastify
// itself over many peers, X-Forwarded-For chains and trusted lists.
import Fastify from 'fastify';
import { clientAddressResolver } from '../../server/net/clientAddress.ts';
import { inSubnet, networkOf, parseIp, parseSubnet } from '../../server/net/ipAddress.ts';

const TRUSTED_LISTS = [
  ['127.0.0.1'],
  ['10.0.0.0/8', '192.168.1.0/24'],
  ['::1', '2001:db8::/32'],
  ['::ffff:10.1.0.0/112'],
  ['172.16.0.0/12', 'fd00::/8', '127.0.0.1'],
];
const ADDRESSES = [
  '127.0.0.1', '10.1.2.3', '10.255.255.255', '11.0.0.1', '192.168.1.77', '192.168.2.1', '203.0.113.9', '172.20.1.1',
  '::1', '::ffff:127.0.0.1', '::ffff:10.1.2.3', '2001:db8::5', '2001:db9::5', 'fd12::1', 'fe80::1', 'not-an-address', 'unknown',
];

function xffChains(random: () => number): string[] {
  const chains = ['', ' ', ',', ' , 10.1.2.3', '203.0.113.9,,10.1.2.3', '10.1.2.3\t, 203.0.113.9'];
  for (let i = 0; i < 60; i++) {
    const length = 1 + Math.floor(random() * 4);
    chains.push(Array.from({ length }, () => ADDRESSES[Math.floor(random() * ADDRESSES.length)]).join(random() < 0.5 ? ', ' : ','));
  }
  return chains;
}

it('names the same client as Fastify\'s trustProxy for every peer, chain and trusted list', async () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const chains = xffChains(random);
  for (const trusted of TRUSTED_LISTS) {
    const oracle = Fastify({ trustProxy: trusted });
    oracle.get('/', (request) => ({ ip: request.ip }));
    const resolve = clientAddressResolver(trusted);
    for (const peer of ADDRESSES.filter((a) => parseIp(a))) {
      for (const chain of chains) {
        const headers = chain === '' ? {} : { 'x-forwarded-for': chain };
        const expected = (await oracle.inject({ method: 'GET', url: '/', remoteAddress: peer, headers })).json().ip;
        expect(resolve(peer, headers['x-forwarded-for']), `${trusted} | peer ${peer} | ${chain}`).toBe(expected);
      }
    }
    await oracle.close();
  }
});

it('never reads X-Forwarded-For when no proxy is trusted', () => {
  expect(clientAddressResolver([])('198.51.100.1', '203.0.113.9')).toBe('198.51.100.1');
});

it('matches subnets across IPv4 and IPv4-mapped IPv6, in both directions', () => {
  expect(inSubnet(parseIp('::ffff:10.9.8.7')!, parseSubnet('10.0.0.0/8'))).toBe(true);
  expect(inSubnet(parseIp('10.9.8.7')!, parseSubnet('::ffff:10.0.0.0/104'))).toBe(true);
  expect(inSubnet(parseIp('10.9.8.7')!, parseSubnet('2001:db8::/32'))).toBe(false);
  expect(inSubnet(parseIp('2001:db8:ffff::1')!, parseSubnet('2001:db8::/32'))).toBe(true);
  expect(inSubnet(parseIp('2001:db9::1')!, parseSubnet('2001:db8::/31'))).toBe(true);
  expect(inSubnet(parseIp('2001:dba::1')!, parseSubnet('2001:db8::/31'))).toBe(false);
});

it('reduces an address to its network: IPv4 /32, IPv6 /64', () => {
  expect(networkOf('203.0.113.5')).toBe('203.0.113.5');
  expect(networkOf('::ffff:203.0.113.5')).toBe('203.0.113.5');
  expect(networkOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
  expect(networkOf('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
  expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(networkOf('unknown')).toBe('?unknown');
  expect(parseIp('01.2.3.4')).toBeUndefined();
  expect(parseIp('1.2.3')).toBeUndefined();
  expect(parseIp('256.1.1.1')).toBeUndefined();
});
