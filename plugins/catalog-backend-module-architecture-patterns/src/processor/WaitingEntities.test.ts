import { WaitingEntities } from './WaitingEntities';

const CQRS = 'architecturepattern:default/cqrs';
const SAGA = 'architecturepattern:default/saga';

describe('WaitingEntities', () => {
  it('hands back the entities waiting for a pattern once, each once', () => {
    const waiting = new WaitingEntities();
    waiting.wait(CQRS, 'component:default/orders');
    waiting.wait(CQRS, 'component:default/orders');
    waiting.wait(CQRS, 'component:default/billing');
    waiting.wait(SAGA, 'component:default/shipping');

    expect(waiting.patterns()).toEqual([CQRS, SAGA]);
    expect(waiting.release(CQRS)).toEqual([
      'component:default/orders',
      'component:default/billing',
    ]);
    expect(waiting.release(CQRS)).toEqual([]);
    expect(waiting.patterns()).toEqual([SAGA]);
  });

  it('keeps at most the given number of entities per pattern', () => {
    const waiting = new WaitingEntities(2);
    for (const name of ['a', 'b', 'c']) {
      waiting.wait(CQRS, `component:default/${name}`);
    }
    expect(waiting.release(CQRS)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
  });
});
