import { SERVICES, portOf } from './service-catalogue';

describe('portOf', () => {
  const api = SERVICES.find((s) => s.name === 'subscription-api')!;
  const matcher = SERVICES.find((s) => s.name === 'matcher')!;

  it('takes the port named by the service port variable, else the default (npm start)', () => {
    const ports = { HERALD_API_PORT: 23110 };
    expect(portOf(api, ports)).toBe(23110);
    expect(portOf(matcher, ports)).toBe(9102);
  });

  it('keeps the defaults, or asks for free ports', () => {
    expect(portOf(api, 'defaults')).toBe(3000);
    expect(portOf(api, undefined)).toBe(3000);
    expect(portOf(api, 'free')).toBe('free');
  });
});
