import { describeTemplate } from './templateDescription';

const templateInfo = (metadata: Record<string, any>) => ({
  entityRef: `template:default/${metadata.name}`,
  entity: { metadata: metadata as any },
});

describe('describeTemplate', () => {
  it('reads name, ref, version and pattern from the template metadata', () => {
    expect(
      describeTemplate(
        templateInfo({
          name: 'three-tier-service',
          annotations: {
            'architecture.platform.dev/implements-patterns': 'three-tier',
            'architecture.platform.dev/template-version': '1.4.0',
          },
        }),
      ),
    ).toEqual({
      name: 'three-tier-service',
      ref: 'template:default/three-tier-service',
      version: '1.4.0',
      pattern: 'three-tier',
    });
  });

  it('keeps the namespace, and takes the first of several patterns in any ref form', () => {
    expect(
      describeTemplate(
        templateInfo({
          name: 'orders',
          namespace: 'payments',
          annotations: {
            'architecture.platform.dev/implements-patterns':
              'architecturepattern:default/event-driven, cqrs',
          },
        }),
      ),
    ).toEqual({
      name: 'orders',
      ref: 'template:payments/orders',
      version: '',
      pattern: 'event-driven',
    });
  });

  it('is empty where the template says nothing', () => {
    expect(describeTemplate(templateInfo({ name: 'plain' }))).toEqual({
      name: 'plain',
      ref: 'template:default/plain',
      version: '',
      pattern: '',
    });
    expect(describeTemplate(undefined)).toEqual({
      name: '',
      ref: '',
      version: '',
      pattern: '',
    });
  });
});
