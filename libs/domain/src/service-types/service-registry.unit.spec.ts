import { kkKelahiranCatalog } from '../catalog/kk-kelahiran.catalog';
import { ServiceCatalog } from '../catalog/service-catalog';
import type { Decider } from '../shared/decider';
import { fold } from '../shared/decider';
import { serviceRegistry } from './kk-kelahiran.service';
import { ServiceRegistry, UnknownServiceTypeError } from './service-registry';
import { KkScenario } from '../testing';

describe('service registry: a service type is catalog data plus a decider', () => {
  it('knows the KK service and folds its streams through the registered decider', () => {
    const kk = serviceRegistry.get('kk-tambah-anggota-kelahiran');
    const events = new KkScenario('tatap-muka').submit().events;
    expect(fold(kk.decider, events).status).toBe('submitted');
    expect(() => serviceRegistry.get('ktp-el')).toThrow(UnknownServiceTypeError);
  });

  it('takes a second service type with only its data and decider, handled by the same generic code', () => {
    // A toy "KTP-el rekam" service: its own catalog version and a two-event decider.
    type E = { type: 'Requested'; data: { at: string } } | { type: 'Recorded'; data: { at: string } };
    const decider: Decider<{ type: 'Request' | 'Record' }, { step: number }, E, { now: Date }> = {
      initialState: () => ({ step: 0 }),
      evolve: (s) => ({ step: s.step + 1 }),
      decide: (c, s, ctx) => {
        if (c.type === 'Record' && s.step === 0) throw new Error('not requested');
        return [{ type: c.type === 'Request' ? 'Requested' : 'Recorded', data: { at: ctx.now.toISOString() } }];
      },
    };
    const catalog = new ServiceCatalog({ ...kkKelahiranCatalog.data, serviceType: 'ktp-el-rekam', name: 'Perekaman KTP-el' });
    const registry = new ServiceRegistry().register({ serviceType: 'ktp-el-rekam', catalog, decider });

    // What a service does for any type: look up, fold, decide.
    const handle = (serviceType: string, history: unknown[], command: unknown) => {
      const { decider: d } = registry.get(serviceType);
      return d.decide(command, fold(d, history), { now: new Date('2025-01-06T02:00:00Z') });
    };
    const first = handle('ktp-el-rekam', [], { type: 'Request' });
    expect(handle('ktp-el-rekam', first, { type: 'Record' })).toEqual([{ type: 'Recorded', data: { at: '2025-01-06T02:00:00.000Z' } }]);
    expect(registry.get('ktp-el-rekam').catalog.resolve('35.15.12', new Date('2025-02-01')).catalogVersionId).toBe('ktp-el-rekam/35.15.12/2025-01-02');
  });

  it('refuses a catalog of another service type or a second registration', () => {
    const kk = serviceRegistry.get('kk-tambah-anggota-kelahiran');
    expect(() => new ServiceRegistry().register({ ...kk, serviceType: 'akta-kelahiran' })).toThrow(/does not belong/);
    expect(() => new ServiceRegistry().register(kk).register(kk)).toThrow(/already registered/);
  });
});
