import { decisionMakers } from './decisionMakers';

describe('decisionMakers', () => {
  it('names a signed-in user by display name and entity ref', () => {
    expect(
      decisionMakers({
        ref: 'user:default/ada',
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: { name: 'ada' },
          spec: { profile: { displayName: 'Ada Lovelace' } },
        },
      }),
    ).toEqual(['Ada Lovelace (user:default/ada)']);
  });

  it('names a user without a catalog entity by entity ref', () => {
    expect(decisionMakers({ ref: 'user:default/mock' })).toEqual([
      'user:default/mock',
    ]);
  });

  it('says that the guest user is nobody in particular', () => {
    const [maker] = decisionMakers({ ref: 'user:development/guest' });
    expect(maker).toContain('guest user');
    expect(maker).toContain('no person is recorded');
  });

  it('says so when no user ran the template', () => {
    expect(decisionMakers(undefined)).toEqual([
      'An automated caller without a user identity',
    ]);
  });

  it.each([
    ['no user', undefined],
    ['a user without entity', { ref: 'user:default/x' }],
    ['the guest', { ref: 'user:development/guest' }],
    [
      'a blank display name',
      {
        ref: 'user:default/x',
        entity: {
          apiVersion: 'v1',
          kind: 'User',
          metadata: { name: 'x' },
          spec: { profile: { displayName: ' ' } },
        },
      },
    ],
  ])('never writes "unknown" (%s)', (_label, user) => {
    const makers = decisionMakers(user as any);
    expect(makers).toHaveLength(1);
    expect(makers[0]).not.toMatch(/unknown|undefined/i);
  });
});
