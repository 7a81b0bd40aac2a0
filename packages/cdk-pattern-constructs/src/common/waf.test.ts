import { greaterThanRegex } from './waf';

describe('greaterThanRegex', () => {
  test.each([1, 9, 10, 99, 1000, 8192, 65536, 262144, 1048576, 999999])(
    'matches exactly the integers above %i',
    limit => {
      const re = new RegExp(greaterThanRegex(limit));
      const samples = [
        0,
        1,
        limit - 1,
        limit,
        limit + 1,
        limit * 10,
        limit * 10 - 1,
      ];
      for (let i = 0; i < 300; i++)
        samples.push(Math.floor(Math.random() * limit * 3));
      for (const n of samples.filter(x => x >= 0)) {
        expect([n, re.test(String(n))]).toEqual([n, n > limit]);
      }
      expect(re.test('')).toBe(false);
      expect(re.test('abc')).toBe(false);
      expect(greaterThanRegex(limit).length).toBeLessThanOrEqual(200); // WAF's regex limit
    },
  );
});
