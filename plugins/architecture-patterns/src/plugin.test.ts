import { architecturePatternsPlugin } from './plugin';

describe('architecture-patterns', () => {
  it('should export plugin', () => {
    expect(architecturePatternsPlugin).toBeDefined();
  });
});
